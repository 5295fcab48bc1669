import { escapeMrkdwn, mention, slackDate, userIdFromMention } from '../../../blocks/mrkdwn';
import { commandHelpMessage } from '../../../blocks/help';
import { ephemeral, section } from '../../../blocks/message';
import { requestWording, staffWording, wording } from '../../content/wording';
import type { SubcommandContext, SubcommandHandler } from './command-router';

/** `/mentoring admin …`: staff only, checked on the server for every sub-command. */
export const staffAdmin: SubcommandHandler = async (context) => {
  if (!(await context.deps.staff.isStaff(context.userId))) {
    await context.reply(wording.errors.staffOnly);
    return;
  }
  const [sub, ...rest] = context.args;
  const handler = sub ? STAFF_SUBCOMMANDS[sub.toLowerCase()] : undefined;
  if (!handler) {
    const unknown = sub === undefined || sub.toLowerCase() === 'help' ? undefined : context.argText;
    await context.reply(commandHelpMessage(context.deps.program, '/mentoring admin', unknown));
    return;
  }
  await handler({ ...context, args: rest, argText: rest.join(' ') });
};

const STAFF_SUBCOMMANDS: Record<string, SubcommandHandler> = {
  async match(context: SubcommandContext) {
    const [menteeText = '', mentorText = ''] = context.args;
    const menteeId = userIdFromMention(menteeText);
    const mentorId = userIdFromMention(mentorText);
    if (!menteeId || !mentorId) {
      await context.reply(staffWording.matchUsage);
      return;
    }
    await context.ack();
    const result = await context.deps.requests.request(menteeId, mentorId, context.userId);
    await context.followUp(
      result.outcome === 'sent'
        ? requestWording.sentByStaff(mention(menteeId), mention(mentorId))
        : result.message,
    );
  },

  async pending(context: SubcommandContext) {
    const waiting = await context.deps.enrollment.waiting();
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
  },

  async suggest(context: SubcommandContext) {
    await context.ack();
    const suggestions = await context.deps.directory.suggestions();
    if (suggestions.length === 0) {
      await context.followUp(staffWording.suggestNone);
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
    await context.followUp(ephemeral({ text: staffWording.suggestHeading(suggestions.length), blocks }));
  },
};
