/**
 * Check-ins: the mentee's progress report on each goal, and which of the goals' check-in dates are
 * answered, next or late. Dates are ISO calendar dates (YYYY-MM-DD) in the mentee's zone, so comparing
 * them as strings is comparing days.
 */

export const CHECK_IN_STATUSES = ['not_started', 'on_track', 'at_risk', 'done'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

/** A check-in made up to this many days before a date answers that date (people check in early). */
export const EARLY_CHECK_IN_DAYS = 7;
export const CHECK_IN_TEXT_LIMIT = 1500;
export const CHECK_IN_NOTE_LIMIT = 2000;

export interface GoalProgress {
  goalIndex: number;
  status: CheckInStatus;
  evidence: string;
  supportNeeded: string;
}

export interface CheckInAnswers {
  goals: GoalProgress[];
  note: string;
}

/** Field names in the form: `g{goal}_status`, `g{goal}_evidence`, `g{goal}_support`, and `note`. */
export const checkInField = (goal: number, part: 'status' | 'evidence' | 'support') => `g${goal}_${part}`;

export interface CheckInMessages {
  statusRequired: string;
  evidenceRequired: string;
  tooLong: (max: number) => string;
}

/**
 * Checks a check-in for `goalCount` goals: a status for every goal, and evidence against the goal's
 * measure unless the goal has not started; support needed and the note are optional.
 */
export function validateCheckIn(
  raw: Record<string, unknown>,
  goalCount: number,
  messages: CheckInMessages,
): { ok: true; answers: CheckInAnswers } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (field: string, max: number) => {
    const value = typeof raw[field] === 'string' ? (raw[field] as string).trim() : '';
    if ([...value].length > max) errors[field] = messages.tooLong(max);
    return value;
  };
  const goals = Array.from({ length: goalCount }, (_, goalIndex): GoalProgress => {
    const statusField = checkInField(goalIndex, 'status');
    const status = raw[statusField] as CheckInStatus;
    if (!(CHECK_IN_STATUSES as readonly unknown[]).includes(status))
      errors[statusField] = messages.statusRequired;
    const evidenceField = checkInField(goalIndex, 'evidence');
    const evidence = text(evidenceField, CHECK_IN_TEXT_LIMIT);
    if (!evidence && status !== 'not_started' && !errors[statusField])
      errors[evidenceField] = messages.evidenceRequired;
    return {
      goalIndex,
      status,
      evidence,
      supportNeeded: text(checkInField(goalIndex, 'support'), CHECK_IN_TEXT_LIMIT),
    };
  });
  const note = text('note', CHECK_IN_NOTE_LIMIT);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers: { goals, note } };
}

/** Every check-in date of the goals in force, in order, each once. */
export function checkInSchedule(goals: readonly { checkIns: readonly string[] }[]): string[] {
  return [...new Set(goals.flatMap((goal) => goal.checkIns).filter(Boolean))].sort();
}

/** Adds whole days to an ISO date, in calendar terms. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface CheckInStanding {
  /** Scheduled dates already answered by a check-in. */
  answered: string[];
  /** Scheduled dates in the past with no check-in: shown as late to the pair and to staff. */
  late: string[];
  /** The next scheduled date from today on that has no check-in yet. */
  next?: string | undefined;
}

/** Where a relationship stands against its check-in dates on `today`. */
export function checkInStanding(
  schedule: readonly string[],
  answeredDates: readonly string[],
  today: string,
): CheckInStanding {
  const answered = new Set(answeredDates);
  return {
    answered: schedule.filter((d) => answered.has(d)),
    late: schedule.filter((d) => d < today && !answered.has(d)),
    next: schedule.find((d) => d >= today && !answered.has(d)),
  };
}

/**
 * The scheduled date a check-in made `today` answers: the earliest unanswered date that is already due
 * or comes within the next week. Undefined when nothing is due: an extra check-in, welcome all the same.
 */
export function dateThisCheckInAnswers(
  schedule: readonly string[],
  answeredDates: readonly string[],
  today: string,
): string | undefined {
  const answered = new Set(answeredDates);
  const horizon = addDays(today, EARLY_CHECK_IN_DAYS);
  return schedule.find((d) => d <= horizon && !answered.has(d));
}
