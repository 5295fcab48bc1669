import { userIdFromMention } from '../../../blocks/mrkdwn';
import { requestSentText } from '../presenters/requests';
import { matchUsageText, pendingAnswer, suggestionsAnswer } from '../presenters/staff';
import type { SubcommandHandler } from './command-router';

/** `/mentoring admin match @mentee @mentor`: a request to the mentor on staff's behalf (staff only, checked by the router). */
export const matchOnBehalf: SubcommandHandler = async (context) => {
  const [menteeText = '', mentorText = ''] = context.args;
  const menteeId = userIdFromMention(menteeText);
  const mentorId = userIdFromMention(mentorText);
  if (!menteeId || !mentorId) {
    await context.reply(matchUsageText());
    return;
  }
  const result = await context.deps.requests.request(menteeId, mentorId, context.userId);
  await context.reply(requestSentText(result, mentorId, menteeId));
};

/** `/mentoring admin pending`: applications waiting for a decision. */
export const listPending: SubcommandHandler = async (context) => {
  await context.reply(pendingAnswer((await context.deps.enrollment.waiting()).value));
};

/** `/mentoring admin suggest`: unmatched approved mentees with their best mentors (ranking takes a moment). */
export const findMatches: SubcommandHandler = async (context) => {
  await context.reply(suggestionsAnswer((await context.deps.directory.suggestions()).value));
};
