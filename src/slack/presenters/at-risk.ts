import { atRiskMessage } from '../../../blocks/at-risk';
import type { EphemeralAnswer } from '../../../blocks/message';
import { mention, slackDate } from '../../../blocks/mrkdwn';
import { atRiskWording as w, wording } from '../../content/wording';
import type { AtRiskList, AtRiskRefusal } from '../../services/at-risk';
import type { Refused, Result } from '../../services/result';

/** `/mentoring admin at-risk`: the list, or the refusal. */
export function atRiskAnswer(result: Result<AtRiskList, AtRiskRefusal>): EphemeralAnswer | string {
  if (result.kind === 'done') return atRiskMessage(result.value.entries, result.value.handledHidden);
  return result.kind === 'refused' ? atRiskRefusalText(result) : wording.outdated.button;
}

/** The sentence for a refused click on the list (or the command). */
export function atRiskRefusalText(refusal: Refused<AtRiskRefusal>): string {
  return refusal.code === 'not_staff' ? wording.errors.staffOnly : w.refusals[refusal.code];
}

/** **Nudge the pair**: what the staff member who clicked is told. */
export function nudgeAnswer(
  result: Result<{ mentorId: string; menteeId: string; already: boolean }, AtRiskRefusal>,
): string {
  if (result.kind === 'refused') return atRiskRefusalText(result);
  if (result.kind === 'invalid') return wording.outdated.button;
  const { mentorId, menteeId, already } = result.value;
  return already
    ? w.alreadyNudged(mention(mentorId), mention(menteeId))
    : w.nudged(mention(mentorId), mention(menteeId));
}

/** **Mark handled**: what the staff member who clicked is told. */
export function handledAnswer(
  result: Result<{ mentorId: string; menteeId: string; already?: { by: string; at: Date } }, AtRiskRefusal>,
): string {
  if (result.kind === 'refused') return atRiskRefusalText(result);
  if (result.kind === 'invalid') return wording.outdated.button;
  const { mentorId, menteeId, already } = result.value;
  return already
    ? w.alreadyHandled(mention(already.by), slackDate(already.at))
    : w.handled(mention(mentorId), mention(menteeId));
}
