import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import { noticeModal } from '../../blocks/message';

/** What a click carries that says where its answer can go. */
export interface ClickOrigin {
  response_url?: string;
  trigger_id?: string;
  channel?: { id: string };
  user: { id: string };
  view?: { type: string };
}

/**
 * Tells only the person who clicked: through the message's response_url, else privately in its channel,
 * else (a button on the Home tab or inside a modal, where Slack gives neither) in a small modal opened with
 * the click's trigger, on top of the modal when there is one (views.open is refused there).
 */
export async function tellWhoClicked(
  args: { respond?: RespondFn; client: AllMiddlewareArgs['client']; body: ClickOrigin },
  text: string,
  modalTitle: string,
): Promise<void> {
  const { body } = args;
  if (args.respond && body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  } else if (body.channel?.id) {
    await args.client.chat.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
  } else if (body.trigger_id) {
    const view = noticeModal(modalTitle, text);
    if (body.view?.type === 'modal') await args.client.views.push({ trigger_id: body.trigger_id, view });
    else await args.client.views.open({ trigger_id: body.trigger_id, view });
  }
}
