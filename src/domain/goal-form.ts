import { DateTime } from 'luxon';
import { z } from 'zod';
import { proposeCheckInDates } from './check-in-dates';

/**
 * The SMART goal form's rules. The Slack modal maps its inputs to `GoalDraft`s; this module says whether
 * they make a valid set of goals and, if not, what to fix in each field as a code (all errors at once, one
 * per field), and what changed between two versions.
 */

/** Character limits per text field (well inside Block Kit's 3000 for a plain-text input). */
export const GOAL_FIELD_LIMITS = {
  specific: 500,
  measurable: 500,
  achievable: 500,
  relevant: 500,
  actions: 2000,
} as const;
export type GoalTextField = keyof typeof GOAL_FIELD_LIMITS;

/** A new goal's first complete-by date: this many months out, moved by the mentee as they see fit. */
export const DEFAULT_GOAL_MONTHS = 4;
export const MIN_GOALS = 1;
export const MAX_GOALS = 3;
export const CHECK_INS_PER_GOAL = 3;

export interface GoalDraft {
  specific: string;
  measurable: string;
  achievable: string;
  relevant: string;
  /** One action per line. */
  actions: string;
  /** ISO date, or '' when not picked. */
  completeBy: string;
  /** Three ISO dates, '' for one not picked. */
  checkIns: string[];
}

export interface Goal {
  specific: string;
  measurable: string;
  achievable: string;
  relevant: string;
  actions: string[];
  completeBy: string;
  checkIns: [string, string, string];
}

/**
 * Why a goal field is refused, as a code; the Slack layer words it under its field (the goals presenter,
 * with the wording in src/content). `facts` carries what the rules computed that the words need.
 */
export type GoalErrorCode =
  /** No goal at all (reported on the first goal's `specific`). */
  | 'no_goals'
  /** More than `MAX_GOALS` goals (reported on the first goal too many). */
  | 'too_many_goals'
  /** Nothing given: a text answer, an action, the complete-by date or a check-in date. */
  | 'required'
  /** Longer than the field's limit (facts: `limit`, `length`). */
  | 'too_long'
  /** Not a calendar date. */
  | 'not_a_date'
  /** Today or earlier. */
  | 'not_after_today'
  /** A complete-by date past the program's length (facts: `latest`, `months`). */
  | 'too_late'
  /** A check-in on or after the goal's complete-by date. */
  | 'not_before_complete_by'
  /** A check-in on or before an earlier one (facts: `previous`, that check-in's 0-based index). */
  | 'not_after_previous';

/** The facts a code's wording needs: numbers and ISO dates only. */
export type GoalErrorFacts = Readonly<Record<string, string | number>>;

export type GoalField = keyof GoalDraft | `checkIns.${0 | 1 | 2}`;

export type GoalFieldError = {
  /** 0-based */
  goal: number;
  field: GoalField;
  code: GoalErrorCode;
  facts?: GoalErrorFacts;
};

export interface GoalFormRules {
  /** ISO date, in the mentee's zone. */
  today: string;
  maxProgramMonths: number;
}

export type GoalFormResult = { ok: true; goals: Goal[] } | { ok: false; errors: GoalFieldError[] };

const TEXT_FIELDS = Object.keys(GOAL_FIELD_LIMITS) as GoalTextField[];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const BULLET = /^(?:[-*•‣◦]|\d{1,2}[.)])(?:\s+|$)/u;

// The shape, made total: anything missing or of the wrong type reads as an empty answer, so the
// content checks below report it as a field to fill in.
/** A goal with nothing filled in yet. */
export function emptyGoalDraft(): GoalDraft {
  return { ...EMPTY_DRAFT, checkIns: [] };
}

/** A new goal as the form proposes it on `today` (in `zone`): complete-by and check-in dates filled in. */
export function blankGoalDraft(today: string, zone: string): GoalDraft {
  const completeBy =
    DateTime.fromISO(today, { zone }).plus({ months: DEFAULT_GOAL_MONTHS }).toISODate() ?? '';
  return { ...emptyGoalDraft(), completeBy, checkIns: proposeCheckInDates(today, completeBy, zone) };
}

const EMPTY_DRAFT: GoalDraft = {
  specific: '',
  measurable: '',
  achievable: '',
  relevant: '',
  actions: '',
  completeBy: '',
  checkIns: [],
};
const text = z.string().catch('');
const draftSchema = z
  .object({
    specific: text,
    measurable: text,
    achievable: text,
    relevant: text,
    actions: text,
    completeBy: text,
    checkIns: z.array(text).catch([]),
  })
  .catch(() => emptyGoalDraft());
const draftsSchema = z.array(draftSchema).catch([]);

/** Validates the mentee's goal drafts against the SMART rules, returning clean goals or every field error. */
export function validateGoalForm(drafts: GoalDraft[], rules: GoalFormRules): GoalFormResult {
  const today = parseDate(rules.today);
  if (!today) throw new RangeError(`validateGoalForm: today is not an ISO date: ${rules.today}`);
  const latest = today.plus({ months: rules.maxProgramMonths }).toISODate() ?? '';
  const parsed = draftsSchema.parse(drafts);

  const errors: GoalFieldError[] = [];
  if (parsed.length < MIN_GOALS) {
    errors.push({ goal: 0, field: 'specific', code: 'no_goals' });
  }
  parsed.forEach((draft, goal) => {
    for (const error of draftErrors(draft, rules.today, latest, rules.maxProgramMonths)) {
      errors.push({ goal, ...error });
    }
  });
  if (parsed.length > MAX_GOALS) {
    errors.push({ goal: MAX_GOALS, field: 'specific', code: 'too_many_goals' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, goals: parsed.map(toGoal) };
}

/** The relationship's formal end date: the latest complete-by date among the goals. */
export function formalEndDate(goals: Pick<Goal, 'completeBy'>[]): string | undefined {
  const dates = goals.map((g) => g.completeBy).filter((d) => ISO_DATE.test(d));
  return dates.length > 0 ? dates.reduce((a, b) => (b > a ? b : a)) : undefined;
}

/** Turns saved goals back into drafts, to pre-fill the form when the mentee edits their goals. */
export function toGoalDraft(goal: Goal): GoalDraft {
  return { ...goal, actions: goal.actions.join('\n'), checkIns: [...goal.checkIns] };
}

/** One thing that changed between two versions of the goals (goals compared by position, 0-based). */
export type GoalChange =
  | { goal: number; change: 'added' | 'removed' }
  | {
      goal: number;
      change: 'answer';
      field: 'specific' | 'measurable' | 'achievable' | 'relevant' | 'actions';
    }
  | { goal: number; change: 'complete_by'; from: string; to: string }
  | { goal: number; change: 'check_in'; checkIn: number; from: string; to: string };

/** What changed between two versions of the goals, goal by goal, for the mentor to read. */
export function goalChanges(before: Goal[], after: Goal[]): GoalChange[] {
  const changes: GoalChange[] = [];
  for (let goal = 0; goal < Math.max(before.length, after.length); goal++) {
    const old = before[goal];
    const now = after[goal];
    if (!old) {
      changes.push({ goal, change: 'added' });
      continue;
    }
    if (!now) {
      changes.push({ goal, change: 'removed' });
      continue;
    }
    for (const field of ['specific', 'measurable', 'achievable', 'relevant'] as const) {
      if (old[field] !== now[field]) changes.push({ goal, change: 'answer', field });
    }
    if (old.actions.join('\n') !== now.actions.join('\n'))
      changes.push({ goal, change: 'answer', field: 'actions' });
    if (old.completeBy !== now.completeBy) {
      changes.push({ goal, change: 'complete_by', from: old.completeBy, to: now.completeBy });
    }
    old.checkIns.forEach((date, checkIn) => {
      const moved = now.checkIns[checkIn];
      if (date !== moved) changes.push({ goal, change: 'check_in', checkIn, from: date, to: moved ?? '' });
    });
  }
  return changes;
}

type DraftError = Omit<GoalFieldError, 'goal'>;
type DateError = Pick<GoalFieldError, 'code' | 'facts'>;

function draftErrors(draft: GoalDraft, today: string, latest: string, months: number): DraftError[] {
  const errors: DraftError[] = [];
  for (const field of TEXT_FIELDS) {
    const answer = draft[field].trim();
    const empty = field === 'actions' ? actionLines(answer).length === 0 : !answer;
    const length = Array.from(answer).length; // characters as a person counts them, emoji included
    if (empty) errors.push({ field, code: 'required' });
    else if (length > GOAL_FIELD_LIMITS[field]) {
      errors.push({ field, code: 'too_long', facts: { limit: GOAL_FIELD_LIMITS[field], length } });
    }
  }

  const completeBy = draft.completeBy.trim();
  const completeByError = completeByProblem(completeBy, today, latest, months);
  if (completeByError) errors.push({ field: 'completeBy', ...completeByError });
  const end = completeByError ? undefined : completeBy;

  // Order is checked against the nearest earlier check-in that is itself fine, and reported once.
  let previous: { n: number; date: string } | undefined;
  let orderReported = false;
  for (let n = 0; n < CHECK_INS_PER_GOAL; n++) {
    const date = (draft.checkIns[n] ?? '').trim();
    let error = checkInError(date, today, end);
    if (!error && previous && date <= previous.date && !orderReported) {
      error = { code: 'not_after_previous', facts: { previous: previous.n } };
      orderReported = true;
    }
    if (error) errors.push({ field: `checkIns.${n as 0 | 1 | 2}`, ...error });
    else previous = { n, date };
  }
  return errors;
}

function completeByProblem(
  date: string,
  today: string,
  latest: string,
  months: number,
): DateError | undefined {
  if (!date) return { code: 'required' };
  if (!parseDate(date)) return { code: 'not_a_date' };
  if (date <= today) return { code: 'not_after_today' };
  if (date > latest) return { code: 'too_late', facts: { latest, months } };
  return undefined;
}

function checkInError(date: string, today: string, completeBy: string | undefined): DateError | undefined {
  if (!date) return { code: 'required' };
  if (!parseDate(date)) return { code: 'not_a_date' };
  if (date <= today) return { code: 'not_after_today' };
  if (completeBy && date >= completeBy) return { code: 'not_before_complete_by' };
  return undefined;
}

function toGoal(draft: GoalDraft): Goal {
  const [a = '', b = '', c = ''] = draft.checkIns.map((d) => d.trim());
  return {
    specific: draft.specific.trim(),
    measurable: draft.measurable.trim(),
    achievable: draft.achievable.trim(),
    relevant: draft.relevant.trim(),
    actions: actionLines(draft.actions),
    completeBy: draft.completeBy.trim(),
    checkIns: [a, b, c],
  };
}

/** One action per non-empty line, without any bullet or number the mentee typed in front. */
function actionLines(actions: string): string[] {
  return actions
    .split(/\r?\n/u)
    .map((line) => line.trim().replace(BULLET, '').trim())
    .filter(Boolean);
}

function parseDate(iso: string): DateTime | undefined {
  if (!ISO_DATE.test(iso)) return undefined;
  const date = DateTime.fromISO(iso, { zone: 'utc' });
  return date.isValid ? date : undefined;
}
