import { menteesMessage } from '../../../blocks/home';
import type { EphemeralAnswer } from '../../../blocks/message';
import { directoryWording } from '../../content/wording';
import type { MentorHome } from '../../domain/home';
import type { Result } from '../../services/result';

/** `/mentor mentees`: the list, or the answer for someone who isn't an approved mentor. */
export function presentMentees(result: Result<MentorHome, 'not_a_mentor'>): EphemeralAnswer | string {
  return result.kind === 'done' ? menteesMessage(result.value) : directoryWording.notAMentor;
}
