import type { KnownBlock } from '@slack/types';
import { context, fallbackText, section, type BotMessage } from './message';
import { truncate } from './mrkdwn';

/** The staff's weekly digest as a message: a header, one section per figure and a note on what it holds. */
export function digestMessage(title: string, paragraphs: readonly string[], note: string): BotMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
    ...paragraphs.map((text) => section(text)),
    context(note),
  ];
  return { text: fallbackText([title, ...paragraphs].join('\n')), blocks };
}
