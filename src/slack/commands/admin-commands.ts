import { escapeMrkdwn, mention, slackDate, userIdFromMention } from '../../../blocks/mrkdwn';
import { ephemeral, section } from '../../../blocks/message';
import { staffWording } from '../../content/wording';
import { requestSentText } from '../presenters/requests';
import type { SubcommandHandler } from './command-router';

/** `/mentoring admin match @mentee @mentor`: a request to the mentor on staff's behalf (staff only, checked by the router). */
export const matchOnBehalf: SubcommandHandler = async (context) => {
  const [menteeText = '', mentorText = ''] = context.args;
  const menteeId = userIdFromMention(menteeText);
  const mentorId = userIdFromMention(mentorText);
  if (!menteeId || !mentorId) {
    await context.reply(staffWording.matchUsage);
    return;
  }
  const result = await context.deps.requests.request(menteeId, mentorId, context.userId);
  await context.reply(requestSentText(result, mentorId, menteeId));
};

/** `/mentoring admin pending`: applications waiting for a decision. */
export const listPending: SubcommandHandler = async (context) => {
  const waiting = (await context.deps.enrollment.waiting()).value;
  if (waiting.length === 0) {
    await context.reply(staffWording.pendingNone);
    return;
  }
  const shown = waiting.slice(0, 40);
  const lines = shown.map(
    (application) =>
      `• ${mention(application.userId)}, ${application.role}, since ${slackDate(application.createdAt)}`,
  );
  if (waiting.length > shown.length) lines.push(staffWording.pendingMore(waiting.length - shown.length));
  const text = `${staffWording.pendingHeading(waiting.length)}\n${lines.join('\n')}`;
  await context.reply(ephemeral({ text, blocks: [section(text)] }));
};

/** `/mentoring admin suggest`: unmatched approved mentees with their best mentors. */
export const findMatches: SubcommandHandler = async (context) => {
  const suggestions = (await context.deps.directory.suggestions()).value;
  if (suggestions.length === 0) {
    await context.reply(staffWording.suggestNone);
    return;
  }
  // One section per mentee keeps even a long list inside the 50-block message limit.
  const shown = suggestions.slice(0, 45);
  const blocks = [
    section(staffWording.suggestHeading(suggestions.length)),
    ...shown.map(({ mentee, top }) =>
      section(
        `*${escapeMrkdwn(mentee.displayName)}* (${mention(mentee.userId)}): ` +
          (top.length
            ? top
                .map(
                  ({ mentor, match }) =>
                    `${mention(mentor.userId)} (${match.sharedAcademic.length + match.sharedCareer.length} shared)`,
                )
                .join(', ')
            : staffWording.suggestNoMentors),
      ),
    ),
  ];
  if (suggestions.length > shown.length)
    blocks.push(section(staffWording.pendingMore(suggestions.length - shown.length)));
  await context.reply(ephemeral({ text: staffWording.suggestHeading(suggestions.length), blocks }));
};
