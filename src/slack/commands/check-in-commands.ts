import { ephemeral } from '../../../blocks/message';
import type { SubcommandHandler } from './command-router';

/** `/checkin`: the mentee's check-in form; a mentor sees their mentees' check-in dates instead. */
export const openCheckIn: SubcommandHandler = async (context) => {
  const result = await context.deps.checkIns.forCommand(context.userId);
  if (result.ok) {
    await context.bolt.client.views.open({ trigger_id: context.bolt.command.trigger_id, view: result.view });
    return;
  }
  await context.reply(typeof result.answer === 'string' ? result.answer : ephemeral(result.answer));
};
