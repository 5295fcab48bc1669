import { DateTime } from 'luxon';
import { z } from 'zod';
import { proposeCheckInDates } from './check-in-dates';

/**
 * The SMART goal form's rules. The Slack modal maps its inputs to `GoalDraft`s; this module says whether
 * they make a valid set of goals and, if not, what to fix in each field (all errors at once, one per field).
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

export type GoalFieldError = {
  /** 0-based */
  goal: number;
  field: keyof GoalDraft | `checkIns.${0 | 1 | 2}`;
  message: string;
};

export interface GoalFormRules {
  /** ISO date, in the mentee's zone. */
  today: string;
  maxProgramMonths: number;
}

export type GoalFormResult = { ok: true; goals: Goal[] } | { ok: false; errors: GoalFieldError[] };

/** Every message the form can show: short sentences a student can act on. */
export const GOAL_FORM_MESSAGES = {
  noGoals: 'Add at least one goal.',
  tooManyGoals: `Keep to ${MAX_GOALS} goals: remove one.`,
  required: {
    specific: 'Say exactly what you want to achieve.',
    measurable: 'Say what evidence will show your progress.',
    achievable: 'Say why this is reachable in the time and what will help.',
    relevant: 'Say how this goal serves your long-term aim.',
    actions: 'List at least one action, one per line.',
  } satisfies Record<GoalTextField, string>,
  tooLong: (limit: number, length: number) => `Keep this to ${limit} characters or fewer (it has ${length}).`,
  completeByMissing: 'Pick a complete-by date.',
  checkInMissing: 'Pick a date for this check-in.',
  notADate: 'Pick a valid date (YYYY-MM-DD).',
  notAfterToday: 'Pick a date after today.',
  tooLate: (latest: string, months: number) =>
    `Pick a date on or before ${latest} (the program runs at most ${months} months).`,
  notBeforeCompleteBy: 'Pick a date before the complete-by date.',
  notAfterPrevious: (previous: number) => `Pick a date after check-in ${previous}.`,
};

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
    errors.push({ goal: 0, field: 'specific', message: GOAL_FORM_MESSAGES.noGoals });
  }
  parsed.forEach((draft, goal) => {
    for (const [field, message] of draftErrors(draft, rules.today, latest, rules.maxProgramMonths)) {
      errors.push({ goal, field, message });
    }
  });
  if (parsed.length > MAX_GOALS) {
    errors.push({ goal: MAX_GOALS, field: 'specific', message: GOAL_FORM_MESSAGES.tooManyGoals });
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

/** Short sentences telling the mentor what changed between two versions of the goals (compared by position). */
export function describeGoalChanges(before: Goal[], after: Goal[]): string[] {
  const changes: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const label = `Goal ${i + 1}`;
    const old = before[i];
    const now = after[i];
    if (!old) {
      changes.push(`${label} added`);
      continue;
    }
    if (!now) {
      changes.push(`${label} removed`);
      continue;
    }
    for (const field of ['specific', 'measurable', 'achievable', 'relevant'] as const) {
      if (old[field] !== now[field]) changes.push(`${label}: ${field} changed`);
    }
    if (old.actions.join('\n') !== now.actions.join('\n')) changes.push(`${label}: actions changed`);
    if (old.completeBy !== now.completeBy) {
      changes.push(`${label}: complete-by moved from ${old.completeBy} to ${now.completeBy}`);
    }
    old.checkIns.forEach((date, n) => {
      if (date !== now.checkIns[n]) {
        changes.push(`${label}: check-in ${n + 1} moved from ${date} to ${now.checkIns[n]}`);
      }
    });
  }
  return changes;
}

function draftErrors(
  draft: GoalDraft,
  today: string,
  latest: string,
  months: number,
): [GoalFieldError['field'], string][] {
  const errors: [GoalFieldError['field'], string][] = [];
  for (const field of TEXT_FIELDS) {
    const answer = draft[field].trim();
    const empty = field === 'actions' ? actionLines(answer).length === 0 : !answer;
    const length = Array.from(answer).length; // characters as a person counts them, emoji included
    if (empty) errors.push([field, GOAL_FORM_MESSAGES.required[field]]);
    else if (length > GOAL_FIELD_LIMITS[field]) {
      errors.push([field, GOAL_FORM_MESSAGES.tooLong(GOAL_FIELD_LIMITS[field], length)]);
    }
  }

  const completeBy = draft.completeBy.trim();
  const completeByError = completeByProblem(completeBy, today, latest, months);
  if (completeByError) errors.push(['completeBy', completeByError]);
  const end = completeByError ? undefined : completeBy;

  // Order is checked against the nearest earlier check-in that is itself fine, and reported once.
  let previous: { n: number; date: string } | undefined;
  let orderReported = false;
  for (let n = 0; n < CHECK_INS_PER_GOAL; n++) {
    const date = (draft.checkIns[n] ?? '').trim();
    let error = checkInError(date, today, end);
    if (!error && previous && date <= previous.date && !orderReported) {
      error = GOAL_FORM_MESSAGES.notAfterPrevious(previous.n + 1);
      orderReported = true;
    }
    if (error) errors.push([`checkIns.${n as 0 | 1 | 2}`, error]);
    else previous = { n, date };
  }
  return errors;
}

function completeByProblem(date: string, today: string, latest: string, months: number): string | undefined {
  if (!date) return GOAL_FORM_MESSAGES.completeByMissing;
  if (!parseDate(date)) return GOAL_FORM_MESSAGES.notADate;
  if (date <= today) return GOAL_FORM_MESSAGES.notAfterToday;
  if (date > latest) return GOAL_FORM_MESSAGES.tooLate(latest, months);
  return undefined;
}

function checkInError(date: string, today: string, completeBy: string | undefined): string | undefined {
  if (!date) return GOAL_FORM_MESSAGES.checkInMissing;
  if (!parseDate(date)) return GOAL_FORM_MESSAGES.notADate;
  if (date <= today) return GOAL_FORM_MESSAGES.notAfterToday;
  if (completeBy && date >= completeBy) return GOAL_FORM_MESSAGES.notBeforeCompleteBy;
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
