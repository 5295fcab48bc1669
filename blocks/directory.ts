import type { KnownBlock } from '@slack/types';
import { directoryWording as w } from '../src/content/wording';
import type { MatchResult } from '../src/domain/matching';
import type { ProfileRecord } from '../src/domain/records';
import { ACTIONS } from './ids';
import { ephemeral, section, type EphemeralAnswer } from './message';
import { escapeMrkdwn, mention, truncate } from './mrkdwn';

export const DIRECTORY_PAGE_SIZE = 8;

export interface DirectoryEntry {
  match: MatchResult;
  mentor: ProfileRecord;
  freeSeats: number;
}

/**
 * One page of the directory: each mentor with why they matched and a Request button. Five blocks at most
 * per mentor keeps a full page far inside the 50-block message limit.
 */
export function directoryPage(entries: DirectoryEntry[], words: string[], page: number): EphemeralAnswer {
  const pages = Math.max(1, Math.ceil(entries.length / DIRECTORY_PAGE_SIZE));
  const current = Math.min(Math.max(page, 1), pages);
  if (entries.length === 0)
    return ephemeral({ text: w.noMatches(words), blocks: [section(w.noMatches(words))] });
  const shown = entries.slice((current - 1) * DIRECTORY_PAGE_SIZE, current * DIRECTORY_PAGE_SIZE);
  const blocks: KnownBlock[] = [section(w.heading(words, current, pages))];
  for (const { match, mentor, freeSeats } of shown) {
    const reasons = [
      match.sharedAcademic.length ? `${w.sharedAcademic}: ${match.sharedAcademic.join(', ')}` : undefined,
      match.sharedCareer.length ? `${w.sharedCareer}: ${match.sharedCareer.join(', ')}` : undefined,
      match.matchedWords.length ? `${w.matchedWords}: ${match.matchedWords.join(', ')}` : undefined,
    ].filter(Boolean);
    const headline = [mentor.occupation, mentor.industry].filter(Boolean).join(', ');
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${escapeMrkdwn(mentor.displayName)}* (${mention(mentor.userId)})${headline ? ` · ${escapeMrkdwn(headline)}` : ''}\n` +
            `${escapeMrkdwn(reasons.join('\n') || w.noSharedInterests)}\n_${w.seats(freeSeats)}_`,
          3000,
        ),
      },
      accessory: {
        type: 'button',
        action_id: ACTIONS.requestMentor,
        text: { type: 'plain_text', text: w.request },
        value: mentor.userId,
      },
    });
  }
  if (pages > 1) {
    const value = (to: number) => JSON.stringify({ page: to, words: words.join(' ') }).slice(0, 2000);
    blocks.push({
      type: 'actions',
      block_id: 'directory_pages',
      elements: [
        ...(current > 1
          ? [
              {
                type: 'button' as const,
                action_id: `${ACTIONS.directoryPage}_prev`,
                text: { type: 'plain_text' as const, text: w.previous },
                value: value(current - 1),
              },
            ]
          : []),
        ...(current < pages
          ? [
              {
                type: 'button' as const,
                action_id: `${ACTIONS.directoryPage}_next`,
                text: { type: 'plain_text' as const, text: w.next },
                value: value(current + 1),
              },
            ]
          : []),
      ],
    });
  }
  return ephemeral({ text: w.heading(words, current, pages).replace(/\*/g, ''), blocks });
}
