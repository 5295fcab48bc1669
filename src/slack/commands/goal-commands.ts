import { ephemeral } from '../../../blocks/message';
import { userIdFromMention } from '../../../blocks/mrkdwn';
import { goalFormView, goalRefusalText, menteeGoalsAnswer } from '../presenters/goals';
import type { SubcommandHandler } from './command-router';

/** `/goals`: the mentee's goal form; a mentor is shown how to read a mentee's goals. */
export const openGoals: SubcommandHandler = async (context) => {
  const form = await context.deps.goals.openForm(context.userId);
  if (form.kind !== 'done') {
    if (form.kind === 'refused') await context.reply(goalRefusalText(form));
    return;
  }
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: goalFormView(form.value),
  });
};

/** `/goals @mentee`: a mentor reads their own mentee's goals; anyone else is refused. */
export const readGoalsOf: SubcommandHandler = async (context) => {
  const menteeId = userIdFromMention(context.argText);
  if (!menteeId) {
    await context.showHelp(context.argText);
    return;
  }
  const goals = await context.deps.goals.goalsOf(context.userId, menteeId);
  if (goals.kind === 'done') await context.reply(ephemeral(menteeGoalsAnswer(goals.value)));
  else if (goals.kind === 'refused') await context.reply(goalRefusalText(goals));
};
