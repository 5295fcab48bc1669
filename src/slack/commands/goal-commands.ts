import { ephemeral } from '../../../blocks/message';
import { userIdFromMention } from '../../../blocks/mrkdwn';
import { goalWording } from '../../content/wording';
import type { SubcommandHandler } from './command-router';

/** `/goals`: the mentee's goal form; a mentor is shown how to read a mentee's goals. */
export const openGoals: SubcommandHandler = async (context) => {
  const { goals } = context.deps;
  const view = await goals.openForm(context.userId);
  if (view) {
    await context.bolt.client.views.open({ trigger_id: context.bolt.command.trigger_id, view });
    return;
  }
  await context.reply(
    (await goals.isMentor(context.userId)) ? goalWording.mentorUsage : goalWording.noRelationship,
  );
};

/** `/goals @mentee`: a mentor reads their own mentee's goals; anyone else is refused. */
export const readGoalsOf: SubcommandHandler = async (context) => {
  if (!userIdFromMention(context.argText)) {
    await context.showHelp(context.argText);
    return;
  }
  const answer = await context.deps.goals.readForMentor(context.userId, context.argText);
  await context.reply(typeof answer === 'string' ? answer : ephemeral(answer));
};
