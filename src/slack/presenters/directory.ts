import { directoryPage } from '../../../blocks/directory';
import type { EphemeralAnswer } from '../../../blocks/message';
import { directoryWording as w } from '../../content/wording';
import type { CapacityResult, DirectoryFind } from '../../services/directory';
import type { Result } from '../../services/result';

/** `/mentor capacity N`. */
export function capacityAnswer(result: CapacityResult): string {
  if (result.kind === 'done') return w.capacitySet(result.value.capacity, result.value.released);
  if (result.kind === 'invalid') return w.capacityUsage;
  return result.code === 'below_open_relationships'
    ? w.capacityBelowOpen(Number(result.facts.open ?? 0))
    : w.notAMentor;
}

/** A page of the directory, built by blocks/directory, or why there is none. */
export function directoryAnswer(result: Result<DirectoryFind, 'not_a_mentee'>): EphemeralAnswer | string {
  if (result.kind !== 'done') return w.notAMentee;
  return directoryPage(result.value.ranked, result.value.words, result.value.page, {
    total: result.value.total,
  });
}
