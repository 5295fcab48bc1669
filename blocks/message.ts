import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { truncate, truncateMrkdwn } from './mrkdwn';

/** Slack's limits on the text the builders here produce (see Block Kit's reference). */
export const TEXT_LIMITS = {
  /** A message's top-level `text` (the notification fallback). */
  messageText: 40_000,
  /** A section's `text`, and any one mrkdwn element of a context block. */
  sectionText: 3000,
} as const;

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
  return { response_type: 'ephemeral', ...message, text: fallbackText(message.text) };
}

/** A message's notification text, cut to Slack's 40,000 characters. */
export function fallbackText(markdown: string): string {
  return truncateMrkdwn(markdown, TEXT_LIMITS.messageText);
}

/** A mrkdwn section; text past Slack's 3,000 characters is cut (builders cut user text before this). */
export function section(markdown: string): KnownBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateMrkdwn(markdown, TEXT_LIMITS.sectionText) },
  };
}

export function context(markdown: string): KnownBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncateMrkdwn(markdown, TEXT_LIMITS.sectionText) }],
  };
}

/** A one-paragraph message: the same words as fallback and as the only block. */
export function plainMessage(markdown: string): BotMessage {
  return { text: fallbackText(markdown), blocks: [section(markdown)] };
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
