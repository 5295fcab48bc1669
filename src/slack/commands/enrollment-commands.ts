import { applicationModal } from '../../../blocks/application';
import { decodeSlackEntities, userIdFromMention } from '../../../blocks/mrkdwn';
import { requestWording } from '../../content/wording';
import { capacityAnswer, directoryAnswer } from '../presenters/directory';
import { requestSentText } from '../presenters/requests';
import type { ApplicationRole } from '../../domain/application-form';
import type { SubcommandContext, SubcommandHandler } from './command-router';

/** `/mentor apply`, `/mentee apply`: opens the application form, prefilled. */
export const openApplication =
  (role: ApplicationRole): SubcommandHandler =>
  async (context: SubcommandContext) => {
    const { deps, userId, bolt } = context;
    const { editing, prefill } = (await deps.enrollment.draft(userId, role)).value;
    await bolt.client.views.open({
      trigger_id: bolt.command.trigger_id,
      view: applicationModal(role, deps.program, deps.config.program.interests, prefill, editing),
    });
  };

/** `/mentor capacity N` */
export const setCapacity: SubcommandHandler = async (context) => {
  const [value] = context.args;
  await context.reply(
    capacityAnswer(await context.deps.directory.setCapacity(context.userId, Number(value))),
  );
};

/** `/mentee find [words]`: the words as the person typed them (Slack sends `&`, `<`, `>` escaped). */
export const findMentors: SubcommandHandler = async (context) => {
  const result = await context.deps.directory.find(context.userId, decodeSlackEntities(context.argText));
  await context.reply(directoryAnswer(result));
};

/** `/mentee request @mentor` */
export const requestMentor: SubcommandHandler = async (context) => {
  const mentorId = userIdFromMention(context.argText);
  if (!mentorId) {
    await context.reply(requestWording.usage);
    return;
  }
  const result = await context.deps.requests.request(context.userId, mentorId);
  await context.reply(requestSentText(result, mentorId));
};
