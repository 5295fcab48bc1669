import type { KnownBlock, ModalView } from '@slack/types';
import { directoryUpkeepWording as w } from '../src/content/wording';
import { UNLIST_REASON_MAX, type StaffDirectoryPage } from '../src/domain/directory-upkeep';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { mention, slackDate, truncate } from './mrkdwn';

/**
 * Lines per section: a line can reach about 140 characters (a long mention, the day, the bucket), so 10 lines
 * stay under half of a section's 3,000 whatever the page holds.
 */
const LINES_PER_SECTION = 10;

/**
 * A page of `/mentoring admin directory`: the totals, one line per mentor (in sections of 20), and
 * Previous / Next carrying only the page number. At most 2 + 40/10 + 2 blocks, whatever the directory's size.
 */
export function staffDirectoryPage(view: StaffDirectoryPage): EphemeralAnswer {
  const heading = w.heading(view.page, view.pages);
  if (view.entries.length === 0) return ephemeral({ text: w.none, blocks: [section(w.none)] });
  const blocks: KnownBlock[] = [section(`${heading}\n${w.totals(view.totals)}`)];
  const lines = view.entries.map((e) =>
    w.line({
      mentor: mention(e.userId),
      used: e.used,
      capacity: e.capacity,
      lastActive: e.lastActiveAt
        ? `${w.staffLastActive[e.lastActive ?? 'earlier']} (${slackDate(e.lastActiveAt)})`
        : w.staffLastActive.unknown,
      listed: e.listed,
    }),
  );
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION)
    blocks.push(section(lines.slice(i, i + LINES_PER_SECTION).join('\n')));
  const nav = [
    ...(view.page > 1 ? [pageButton(`${ACTIONS.staffDirectoryPage}_prev`, w.previous, view.page - 1)] : []),
    ...(view.page < view.pages
      ? [pageButton(`${ACTIONS.staffDirectoryPage}_next`, w.next, view.page + 1)]
      : []),
  ];
  if (nav.length > 0) blocks.push({ type: 'actions', block_id: 'staff_directory_pages', elements: nav });
  blocks.push(context(w.privacy));
  return ephemeral({ text: heading.replace(/\*/g, ''), blocks });
}

function pageButton(actionId: string, text: string, page: number) {
  return {
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text },
    value: String(page),
  };
}

/** The page a Previous / Next button asks for (1 for anything else). */
export function readStaffDirectoryPage(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page > 0 ? page : 1;
}

/**
 * The reason staff give when unlisting a mentor, which the mentor reads. `private_metadata` names the
 * mentor only as a hint: the submission re-checks staff and the mentor on the server.
 */
export function unlistModal(mentorId: string, reason = ''): ModalView {
  const initial = truncate(reason.trim(), UNLIST_REASON_MAX);
  return {
    type: 'modal',
    callback_id: VIEWS.unlistMentor,
    private_metadata: JSON.stringify({ mentorId }),
    title: { type: 'plain_text', text: w.unlistModal.title },
    submit: { type: 'plain_text', text: w.unlistModal.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(w.unlistModal.intro(mention(mentorId))),
      {
        type: 'input',
        block_id: FIELD_BLOCK('reason'),
        label: { type: 'plain_text', text: w.unlistModal.label },
        element: {
          type: 'plain_text_input',
          action_id: FIELD_ACTION('reason'),
          multiline: true,
          max_length: UNLIST_REASON_MAX,
          placeholder: { type: 'plain_text', text: w.unlistModal.placeholder },
          ...(initial ? { initial_value: initial } : {}),
        },
      },
    ],
  };
}
