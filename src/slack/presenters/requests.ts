import { mention } from '../../../blocks/mrkdwn';
import {
  directoryUpkeepWording,
  directoryWording,
  introductionWording,
  requestWording as w,
} from '../../content/wording';
import type { Invalid, Refused, Result } from '../../services/result';

/** The words for a refused request, answer or preferences share (the codes the request service returns). */
export function requestRefusalText(refusal: Refused | Invalid): string {
  if (refusal.kind === 'invalid') return w.mentorCard.answered;
  switch (refusal.code) {
    case 'self_request':
      return w.refusals.self;
    case 'mentee_not_approved':
      return w.refusals.menteeNotApproved;
    case 'mentor_unavailable':
      return w.refusals.mentorUnavailable;
    case 'mentor_full':
      return w.refusals.mentorFull;
    case 'too_many_pending':
      return w.refusals.tooManyPending(Number(refusal.facts.limit ?? 1));
    case 'already_paired':
      return w.refusals.alreadyPaired;
    case 'not_your_request':
      return w.mentorCard.notYours;
    case 'no_seat':
      return w.mentorCard.noSeat;
    case 'conversation_failed':
      return w.conversationFailed.mentor;
    case 'not_in_pair':
      return introductionWording.notInPair;
    case 'wrong_side':
      return introductionWording.wrongSide(refusal.facts.side === 'mentor' ? 'mentor' : 'mentee');
    case 'not_a_mentee':
      return directoryWording.notAMentee;
    case 'already_answered':
      // A card whose request was released when the mentor left the directory or filled up.
      return refusal.facts.status === 'released'
        ? directoryUpkeepWording.noLongerOpen
        : w.mentorCard.answered;
    default:
      return w.mentorCard.answered;
  }
}

/** The answer to a mentee's (or staff's) request. */
export function requestSentText(result: Result<unknown>, mentorId: string, onBehalfOf?: string): string {
  if (result.kind !== 'done') return requestRefusalText(result);
  return onBehalfOf ? w.sentByStaff(mention(onBehalfOf), mention(mentorId)) : w.sent(mention(mentorId));
}
