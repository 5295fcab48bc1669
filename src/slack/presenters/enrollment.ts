import { applicationWording, wording } from '../../content/wording';
import type { Decision } from '../../services/enrollment';

/** The words for a refused decision (approve button, decline modal). */
export function decisionRefusalText(result: Exclude<Decision, { kind: 'done' }>): string {
  if (result.kind === 'refused' && result.code === 'not_staff') return wording.errors.staffOnly;
  return applicationWording.card.alreadyDecided;
}
