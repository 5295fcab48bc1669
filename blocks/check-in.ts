import type { KnownBlock, ModalView } from '@slack/types';
import { checkInWording as w } from '../src/content/wording';
import {
  CHECK_IN_NOTE_LIMIT,
  CHECK_IN_STATUSES,
  CHECK_IN_TEXT_LIMIT,
  checkInField,
  type CheckInAnswers,
} from '../src/domain/check-ins';
import type { Goal } from '../src/domain/goal-form';
import { FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { context, option, section, type BotMessage } from './message';
import { escapeWithin, mention } from './mrkdwn';

/** Room for one answer in a 3,000-character section, after its label (and a `>` per line once quoted). */
const ANSWER_MAX = 2400;

/** What the check-in form carries; re-checked on the server when it is submitted. */
export interface CheckInMetadata {
  relationshipId: string;
  goalFormVersion: number;
  /** Whose form, and how many goals it asks about: to check a submission with no read. */
  menteeId?: string;
  goalCount?: number;
}

/** The mentee's check-in: per goal a status, the evidence against its measure and support needed; a note. */
export function checkInModal(
  goals: Goal[],
  metadata: CheckInMetadata,
  due: { date: string | undefined; late: boolean },
): ModalView {
  const blocks: KnownBlock[] = [section(w.intro(due.date, due.late))];
  const text = (field: string, label: string, max: number, optional: boolean): KnownBlock => ({
    type: 'input',
    block_id: FIELD_BLOCK(field),
    optional,
    label: { type: 'plain_text', text: label },
    element: { type: 'plain_text_input', action_id: FIELD_ACTION(field), multiline: true, max_length: max },
  });
  goals.forEach((goal, i) => {
    blocks.push({ type: 'divider' });
    blocks.push(section(w.goalHeading(i + 1, escapeWithin(goal.specific, ANSWER_MAX))));
    blocks.push(context(w.measure(escapeWithin(goal.measurable, ANSWER_MAX))));
    blocks.push({
      type: 'input',
      block_id: FIELD_BLOCK(checkInField(i, 'status')),
      label: { type: 'plain_text', text: w.statusLabel },
      element: {
        type: 'static_select',
        action_id: FIELD_ACTION(checkInField(i, 'status')),
        options: CHECK_IN_STATUSES.map((s) => option(w.statuses[s], s)),
      },
    });
    // Optional for Slack: whether evidence is needed depends on the status, which the server checks.
    blocks.push(text(checkInField(i, 'evidence'), w.evidenceLabel, CHECK_IN_TEXT_LIMIT, true));
    blocks.push(text(checkInField(i, 'support'), w.supportLabel, CHECK_IN_TEXT_LIMIT, true));
  });
  blocks.push({ type: 'divider' });
  blocks.push(text('note', w.noteLabel, CHECK_IN_NOTE_LIMIT, true));
  return {
    type: 'modal',
    callback_id: VIEWS.checkIn,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: w.modalTitle },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The form fields a check-in for this many goals reads back. */
export function checkInFields(goalCount: number): string[] {
  return [
    ...Array.from({ length: goalCount }, (_, i) =>
      (['status', 'evidence', 'support'] as const).map((part) => checkInField(i, part)),
    ).flat(),
    'note',
  ];
}

/** The check-in as the pair reads it in their conversation. */
export function checkInSummary(
  menteeId: string,
  goals: Goal[],
  answers: CheckInAnswers,
  due: { date: string | undefined; late: boolean },
): BotMessage {
  const heading = w.summaryHeading(mention(menteeId), due.date, due.late);
  const blocks: KnownBlock[] = [section(heading)];
  for (const progress of answers.goals) {
    const goal = goals[progress.goalIndex];
    // One section per answer: each can be long (1,500 characters, more once escaped), and a section holds 3,000.
    blocks.push(
      section(
        `${w.statusEmoji[progress.status]} *${w.statuses[progress.status]}* · ${escapeWithin(goal?.specific ?? '', ANSWER_MAX)}`,
      ),
    );
    if (progress.evidence)
      blocks.push(section(`>${escapeWithin(progress.evidence, ANSWER_MAX).replace(/\n/g, '\n>')}`));
    if (progress.supportNeeded)
      blocks.push(section(`*${w.support}:* ${escapeWithin(progress.supportNeeded, ANSWER_MAX)}`));
  }
  if (answers.note) blocks.push(section(`*${w.note}:* ${escapeWithin(answers.note, ANSWER_MAX)}`));
  return { text: heading, blocks };
}

/** `/checkin` for a mentor: each mentee's next and late check-in dates (dates only, never the reports). */
export function mentorCheckInOverview(
  rows: { menteeId: string; next: string | undefined; late: string[] }[],
): BotMessage {
  if (rows.length === 0) return { text: w.mentorNone, blocks: [section(w.mentorNone)] };
  const lines = rows.slice(0, 40).map((r) => w.mentorLine(mention(r.menteeId), r.next, r.late));
  return {
    text: w.mentorHeading,
    blocks: [section(`${w.mentorHeading}\n${lines.join('\n')}`)],
  };
}
