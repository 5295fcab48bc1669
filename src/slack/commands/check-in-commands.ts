import { ephemeral } from '../../../blocks/message';
import { checkInWording } from '../../content/wording';
import type { SubcommandHandler } from './command-router';

/** `/checkin`: the mentee's check-in form; a mentor sees their mentees' check-in dates instead. */
export const openCheckIn: SubcommandHandler = async (context) => {
  const { checkIns } = context.deps;
  const form = await checkIns.openForm(context.userId);
  if (form.ok) {
    await context.ack();
    await context.bolt.client.views.open({ trigger_id: context.bolt.command.trigger_id, view: form.view });
    return;
  }
  const overview =
    form.message === checkInWording.noRelationship
      ? await checkIns.mentorOverview(context.userId)
      : undefined;
  await context.reply(overview ? ephemeral(overview) : form.message);
};
