import { staffDirectoryPage } from '../../../blocks/directory-upkeep';
import type { EphemeralAnswer } from '../../../blocks/message';
import { mention } from '../../../blocks/mrkdwn';
import { directoryUpkeepWording as w, directoryWording, wording } from '../../content/wording';
import type { StaffDirectoryPage } from '../../domain/directory-upkeep';
import type { UpkeepRefusal } from '../../services/directory-upkeep';
import type { Invalid, Refused, Result } from '../../services/result';

// Keeping the directory current: what staff and mentors are answered, worded here.

/** `/mentoring admin directory` and its Previous / Next. */
export function staffDirectoryAnswer(
  result: Result<StaffDirectoryPage, 'not_staff'>,
): EphemeralAnswer | string {
  if (result.kind !== 'done') return wording.errors.staffOnly;
  return staffDirectoryPage(result.value);
}

/** A refused relist or unlist (or its form). */
export function upkeepRefusalText(result: Refused<UpkeepRefusal> | Invalid, mentorId: string): string {
  if (result.kind === 'invalid') return w.unlistModal.reasonRequired;
  const who = mention(String(result.facts.mentorId ?? mentorId));
  switch (result.code) {
    case 'not_staff':
      return wording.errors.staffOnly;
    case 'not_a_mentor':
      return w.notAMentor(who);
    case 'already_listed':
      return w.alreadyListed(who);
    case 'already_unlisted':
      return w.alreadyUnlisted(who);
  }
}

/** `/mentoring admin relist @mentor` and the re-list card's button. */
export function relistAnswer(result: Result<{ mentorId: string }, UpkeepRefusal>, mentorId: string): string {
  return result.kind === 'done'
    ? w.relisted(mention(result.value.mentorId))
    : upkeepRefusalText(result, mentorId);
}

/** The unlist form's reason errors, under the reason field. */
export function unlistFieldError(result: Invalid): string {
  return result.fields.reason === 'too_long'
    ? w.unlistModal.tooLong(Number(result.facts?.reason?.max ?? 0))
    : w.unlistModal.reasonRequired;
}

/** `/mentor list` and `/mentor unlist`, with the requests passed back when stepping out. */
export function ownListingAnswer(
  result: Result<{ listed: boolean; released: number }, 'not_a_mentor'>,
): string {
  if (result.kind !== 'done') return directoryWording.notAMentor;
  if (result.value.listed) return directoryWording.listed;
  return result.value.released > 0 ? w.unlistedReleased(result.value.released) : directoryWording.unlisted;
}
