import { applicationModal } from '../../../blocks/application';
import { decodeSlackEntities, mention, userIdFromMention } from '../../../blocks/mrkdwn';
import { directoryWording, requestWording } from '../../content/wording';
import type { ApplicationRole } from '../../domain/application-form';
import type { SubcommandContext, SubcommandHandler } from './command-router';

/** `/mentor apply`, `/mentee apply`: opens the application form, prefilled. */
export const openApplication =
  (role: ApplicationRole): SubcommandHandler =>
  async (context: SubcommandContext) => {
    await context.ack();
    const { deps, userId, bolt } = context;
    const { editing, prefill } = await deps.enrollment.draft(userId, role);
    await bolt.client.views.open({
      trigger_id: bolt.command.trigger_id,
      view: applicationModal(role, deps.program, deps.config.program.interests, prefill, editing),
    });
  };

/** `/mentor capacity N` */
export const setCapacity: SubcommandHandler = async (context) => {
  const [value] = context.args;
  const result = await context.deps.directory.setCapacity(context.userId, Number(value));
  const reply = {
    changed: () => directoryWording.capacitySet(Number(value)),
    invalid: () => directoryWording.capacityUsage,
    below_open_relationships: () =>
      directoryWording.capacityBelowOpen(result.outcome === 'below_open_relationships' ? result.open : 0),
    not_a_mentor: () => directoryWording.notAMentor,
  }[result.outcome]();
  await context.reply(reply);
};

/** `/mentor list` and `/mentor unlist` */
export const setListed =
  (listed: boolean): SubcommandHandler =>
  async (context) => {
    const done = await context.deps.directory.setListed(context.userId, listed);
    await context.reply(
      !done ? directoryWording.notAMentor : listed ? directoryWording.listed : directoryWording.unlisted,
    );
  };

/** `/mentee find [words]`: the words as the person typed them (Slack sends `&`, `<`, `>` escaped). */
export const findMentors: SubcommandHandler = async (context) => {
  const page = await context.deps.directory.find(context.userId, decodeSlackEntities(context.argText));
  await context.reply(page ?? directoryWording.notAMentee);
};

/** `/mentee request @mentor` */
export const requestMentor: SubcommandHandler = async (context) => {
  const mentorId = userIdFromMention(context.argText);
  if (!mentorId) {
    await context.reply(requestWording.usage);
    return;
  }
  // Posting the card to the mentor can take a moment: answer Slack first, then say how it went.
  await context.ack();
  const result = await context.deps.requests.request(context.userId, mentorId);
  await context.followUp(result.outcome === 'sent' ? requestWording.sent(mention(mentorId)) : result.message);
};
