import type { KnownBlock } from '@slack/types';
import { ACTIONS } from './ids';
import { context, fallbackText, section, type BotMessage } from './message';

/**
 * The staff's program report as a message: one section per figure, a note on what it is made of, and (in the
 * private answer) a button that posts the same report to the staff channel.
 */
export function reportMessage(
  paragraphs: readonly string[],
  note: string,
  post?: { label: string; term: string },
): BotMessage {
  const blocks: KnownBlock[] = [...paragraphs.map((text) => section(text)), context(note)];
  if (post)
    blocks.push({
      type: 'actions',
      block_id: 'report_actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.postReport,
          text: { type: 'plain_text', text: post.label },
          value: post.term,
        },
      ],
    });
  return { text: fallbackText(paragraphs.join('\n')), blocks };
}
