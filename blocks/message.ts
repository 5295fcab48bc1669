import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { truncate } from './mrkdwn';

/** A message as the bot sends it: Block Kit plus the plain-text fallback Slack shows in notifications. */
export interface BotMessage {
  text: string;
  blocks: KnownBlock[];
}

/** An answer only the person who asked can see. */
export interface EphemeralAnswer extends BotMessage {
  response_type: 'ephemeral';
}

export function ephemeral(message: BotMessage): EphemeralAnswer {
  return { response_type: 'ephemeral', ...message };
}

export function section(markdown: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: markdown } };
}

export function context(markdown: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: markdown }] };
}

/** A one-paragraph message: the same words as fallback and as the only block. */
export function plainMessage(markdown: string): BotMessage {
  return { text: markdown, blocks: [section(markdown)] };
}

/** A choice in a select, radio group or checkbox group, cut to Slack's limits (75 for text, 150 for value). */
export function option(text: string, value = text): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, 75) }, value: truncate(value, 150) };
}

/** A modal that only says something, with a button to close it (a modal with no inputs needs no submit). */
export function noticeModal(title: string, markdown: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(markdown)],
  };
}
