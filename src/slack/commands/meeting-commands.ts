import { userIdFromMention } from '../../../blocks/mrkdwn';
import { meetingWording } from '../../content/wording';
import { looksLikeMeetingDate } from '../../domain/meetings';
import { meetingAnswer } from '../presenters/meetings';
import type { SubcommandHandler } from './command-router';

/** `/mentoring met [date] [@partner]`: notes that the pair met (today when no date is given). */
export const logMeeting: SubcommandHandler = async (context) => {
  let date: string | undefined;
  let partnerId: string | undefined;
  for (const word of context.args) {
    const mentioned = userIdFromMention(word);
    if (mentioned && partnerId === undefined) partnerId = mentioned;
    else if (date === undefined && !mentioned) date = word;
    else {
      await context.reply(meetingWording.usage);
      return;
    }
  }
  if (date !== undefined && !looksLikeMeetingDate(date)) {
    await context.reply(meetingWording.usage);
    return;
  }
  await context.reply(meetingAnswer(await context.deps.meetings.met(context.userId, date, partnerId)));
};
