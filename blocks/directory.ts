import type { KnownBlock } from '@slack/types';
import { directoryUpkeepWording, directoryWording as w } from '../src/content/wording';
import { DIRECTORY_PAGE_SIZE, type DirectoryEntry } from '../src/domain/matching';
import { ACTIONS } from './ids';
import { ephemeral, section, type EphemeralAnswer } from './message';
import { decodeSlackEntities, escapeMrkdwn, escapeWithin, mention, truncateMrkdwn } from './mrkdwn';

export { DIRECTORY_PAGE_SIZE };

/** Room for the echoed search words in the heading and the "no matches" line (escaped characters). */
const SEARCHED_SHOWN_MAX = 600;
/** Slack's limit on a button's value. */
const BUTTON_VALUE_MAX = 2000;

/**
 * What a Previous / Next button carries: the page and the search words, the words escaped as Slack escapes
 * text it sends (`&amp;`, `&lt;`, `&gt;`), so the value never holds a raw `<!channel>` or link, and
 * `readPageValue` gives back exactly the words searched. Words are dropped from the end if they would
 * not fit Slack's 2,000 characters (the search's own limits keep them well inside it).
 */
export function pageValue(page: number, words: readonly string[]): string {
  for (let count = words.length; count >= 0; count--) {
    const value = JSON.stringify({ page, words: escapeMrkdwn(words.slice(0, count).join(' ')) });
    if (value.length <= BUTTON_VALUE_MAX) return value;
  }
  return JSON.stringify({ page, words: '' });
}

/** The page and the search text (unescaped, as the person typed it) from a Previous / Next button. */
export function readPageValue(value: unknown): { page: number; words: string } {
  try {
    const parsed = JSON.parse(typeof value === 'string' ? value : '{}') as {
      page?: unknown;
      words?: unknown;
    };
    const page = typeof parsed.page === 'number' && Number.isInteger(parsed.page) ? parsed.page : 1;
    return { page, words: typeof parsed.words === 'string' ? decodeSlackEntities(parsed.words) : '' };
  } catch {
    return { page: 1, words: '' };
  }
}

export type { DirectoryEntry };

/**
 * One page of the directory: each mentor with why they matched and a Request button. Five blocks at most
 * per mentor keeps a full page far inside the 50-block message limit. Given every ranked mentor, it shows
 * the page asked for; given `of.total`, `entries` are already that page's (the directory reads no more).
 */
export function directoryPage(
  entries: DirectoryEntry[],
  words: string[],
  page: number,
  of?: { total: number },
): EphemeralAnswer {
  const total = of?.total ?? entries.length;
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  const current = Math.min(Math.max(page, 1), pages);
  const searched = escapeWithin(words.join(' '), SEARCHED_SHOWN_MAX);
  if (total === 0 || entries.length === 0)
    return ephemeral({ text: w.noMatches(searched), blocks: [section(w.noMatches(searched))] });
  const shown = of
    ? entries.slice(0, DIRECTORY_PAGE_SIZE)
    : entries.slice((current - 1) * DIRECTORY_PAGE_SIZE, current * DIRECTORY_PAGE_SIZE);
  const blocks: KnownBlock[] = [section(w.heading(searched, current, pages))];
  for (const { match, mentor, freeSeats, lastActive } of shown) {
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
        text: truncateMrkdwn(
          `*${escapeWithin(mentor.displayName, 400)}* (${mention(mentor.userId)})${headline ? ` · ${escapeWithin(headline, 800)}` : ''}\n` +
            `${escapeWithin(reasons.join('\n') || w.noSharedInterests, 1600)}\n_${w.seats(freeSeats)}${lastActive ? ` · ${directoryUpkeepWording.lastActive[lastActive]}` : ''}_`,
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
    const value = (to: number) => pageValue(to, words);
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
  return ephemeral({ text: w.heading(searched, current, pages).replace(/\*/g, ''), blocks });
}
