import { ephemeral } from '../../../blocks/message';
import { checkInFormView, checkInRefusalText, menteeCheckInDatesAnswer } from '../presenters/check-ins';
import type { SubcommandHandler } from './command-router';

/** `/checkin`: the mentee's check-in form; a mentor sees their mentees' check-in dates instead. */
export const openCheckIn: SubcommandHandler = async (context) => {
  const result = await context.deps.checkIns.forCommand(context.userId);
  if (result.kind === 'refused') {
    await context.reply(checkInRefusalText(result));
    return;
  }
  if (result.kind !== 'done') return;
  if (result.value.show === 'mentees') {
    await context.reply(ephemeral(menteeCheckInDatesAnswer(result.value.mentees)));
    return;
  }
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: checkInFormView(result.value.form),
  });
};
