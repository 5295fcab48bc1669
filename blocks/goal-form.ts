import type { KnownBlock, ModalView } from '@slack/types';
import { goalWording as w } from '../src/content/wording';
import {
  emptyGoalDraft,
  GOAL_FIELD_LIMITS,
  MAX_GOALS,
  type Goal,
  type GoalDraft,
  type GoalField,
} from '../src/domain/goal-form';
import { ACTIONS, VIEWS } from './ids';
import { section, type BotMessage } from './message';
import { escapeWithin, mention } from './mrkdwn';

/** What the goal form carries between updates; re-checked on the server at every step. */
export interface GoalFormMetadata {
  relationshipId: string;
  /** Bumped on every rebuild so Slack shows the rebuilt initial values instead of its own copy. */
  revision: number;
  /** Whose form, the mentee's time zone and the goals' version when it opened: to answer with no read. */
  menteeId?: string;
  zone?: string;
  version?: number;
  /** Shown in the form's introduction; the form given back after a failed save shows it again. */
  mentorId?: string;
}

const TEXT_FIELDS = ['specific', 'measurable', 'achievable', 'relevant', 'actions'] as const;
const blockId = (goal: number, field: string, revision: number) => `g${goal}_${field}_r${revision}`;
const BLOCK_ID = /^g(\d)_(specific|measurable|achievable|relevant|actions|completeBy|checkIn(\d))_r\d+$/;

/**
 * The SMART goal form: one section of inputs per goal, with Add / Remove buttons that rebuild the view
 * (views.update) from what was typed so far.
 */
export function goalFormModal(
  drafts: GoalDraft[],
  metadata: GoalFormMetadata,
  mentorId: string,
  notice?: string,
): ModalView {
  const r = metadata.revision;
  const blocks: KnownBlock[] = [...(notice ? [section(notice)] : []), section(w.intro(mention(mentorId)))];
  drafts.forEach((draft, i) => {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: w.goalHeading(i + 1) } });
    for (const field of TEXT_FIELDS)
      blocks.push({
        type: 'input',
        block_id: blockId(i, field, r),
        label: { type: 'plain_text', text: w.labels[field] },
        element: {
          type: 'plain_text_input',
          action_id: field,
          multiline: true,
          max_length: GOAL_FIELD_LIMITS[field],
          ...(draft[field] ? { initial_value: draft[field] } : {}),
        },
      });
    const date = (field: string, label: string, value: string | undefined): KnownBlock => ({
      type: 'input',
      block_id: blockId(i, field, r),
      label: { type: 'plain_text', text: label },
      element: { type: 'datepicker', action_id: field, ...(value ? { initial_date: value } : {}) },
    });
    blocks.push(date('completeBy', w.labels.completeBy, draft.completeBy));
    [0, 1, 2].forEach((n) => blocks.push(date(`checkIn${n}`, w.labels.checkIn(n + 1), draft.checkIns[n])));
    if (drafts.length > 1)
      blocks.push({
        type: 'actions',
        block_id: `g${i}_remove_r${r}`,
        elements: [
          {
            type: 'button',
            action_id: ACTIONS.removeGoal,
            text: { type: 'plain_text', text: w.removeGoal },
            value: String(i),
          },
        ],
      });
  });
  if (drafts.length < MAX_GOALS)
    blocks.push({
      type: 'actions',
      block_id: `add_goal_r${r}`,
      elements: [
        { type: 'button', action_id: ACTIONS.addGoal, text: { type: 'plain_text', text: w.addGoal } },
      ],
    });
  return {
    type: 'modal',
    callback_id: VIEWS.goalForm,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: w.modalTitle },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_date?: string | null }>>;

/** Reads the drafts back from the modal's state, whatever revision the block ids carry. */
export function readGoalDrafts(values: StateValues): GoalDraft[] {
  const drafts: GoalDraft[] = [];
  for (const [id, actions] of Object.entries(values)) {
    const match = BLOCK_ID.exec(id);
    if (!match) continue;
    const goal = Number(match[1]);
    const field = match[2] ?? '';
    const draft = (drafts[goal] ??= { ...emptyGoalDraft(), checkIns: ['', '', ''] });
    const state = Object.values(actions)[0];
    if (field.startsWith('checkIn')) draft.checkIns[Number(match[3])] = state?.selected_date ?? '';
    else if (field === 'completeBy') draft.completeBy = state?.selected_date ?? '';
    else draft[field as (typeof TEXT_FIELDS)[number]] = state?.value ?? '';
  }
  return drafts.filter(Boolean);
}

/** Worded field errors, keyed by the block ids of this revision of the form. */
export function goalFormErrors(
  errors: { goal: number; field: GoalField; message: string }[],
  revision: number,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors) {
    const field = error.field.startsWith('checkIns.') ? `checkIn${error.field.split('.')[1]}` : error.field;
    const id = blockId(Math.min(error.goal, MAX_GOALS - 1), field, revision);
    result[id] ??= error.message;
  }
  return result;
}

/** The goals as the pair (or the mentor, with `/goals @mentee`) reads them. */
export function goalsSummary(menteeId: string, goals: Goal[], version: number): BotMessage {
  const blocks: KnownBlock[] = [section(w.summaryHeading(mention(menteeId), version))];
  goals.forEach((goal, i) => {
    blocks.push(
      section(
        `*${w.goalHeading(i + 1)}:* ${escapeWithin(goal.specific, 700)}\n` +
          `*Measure:* ${escapeWithin(goal.measurable, 700)}\n` +
          `*Complete by* ${escapeWithin(goal.completeBy, 20)} · *check-ins* ${escapeWithin(goal.checkIns.join(', '), 60)}`,
      ),
    );
    blocks.push(
      section(
        `*Actions:*\n${escapeWithin(goal.actions.join('\n'), 2800)
          .split('\n')
          .map((a) => `• ${a}`)
          .join('\n')}`,
      ),
    );
  });
  return { text: `Goals of ${mention(menteeId)}`, blocks };
}
