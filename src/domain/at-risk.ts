import { DateTime } from 'luxon';
import type { CheckInStatus } from './check-ins';
import { stableHash } from './prompt-schedule';
import { GOAL_STAGES, isOpen, type RelationshipStatus } from './relationship-stages';

/**
 * Which relationships need the program office, and why: a pure rule from one relationship's facts (dates,
 * counts and statuses, never what anyone wrote) to zero or more reasons, each with the dates behind it.
 */

/** The reasons, worst first: the order staff read them in and the list is sorted by. */
export const AT_RISK_KINDS = [
  /** No meeting or check-in for the quiet-relationship days: the pair may have drifted apart. */
  'quiet',
  /** A mentee waiting on a mentor's answer to their request. */
  'request_waiting',
  /** The bot's prompts could not reach the pair and were set aside. */
  'prompts_parked',
  /** A check-in date went by with no check-in. */
  'check_in_missed',
  /** A pause ended a while ago and the pair hasn't picked up since. */
  'pause_overrun',
  /** The latest check-in marked a goal at risk. */
  'goal_at_risk',
  /** The formal end date passed and the relationship was not closed out. */
  'end_passed',
] as const;
export type AtRiskKind = (typeof AT_RISK_KINDS)[number];

/**
 * One reason, with what staff need to judge it. `asOf` (a day, YYYY-MM-DD) is the date that makes the
 * reason new: a later one means something happened since staff last marked the relationship handled.
 */
export type AtRiskReason =
  | { kind: 'quiet'; asOf: string; since: string; days: number }
  | { kind: 'request_waiting'; asOf: string; since: string; days: number }
  | { kind: 'prompts_parked'; asOf: string; count: number }
  | { kind: 'check_in_missed'; asOf: string; dates: string[] }
  | { kind: 'pause_overrun'; asOf: string; plannedUntil: string; daysOver: number }
  | { kind: 'goal_at_risk'; asOf: string; goals: number[] }
  | { kind: 'end_passed'; asOf: string; formalEndDate: string; daysOver: number };

/** What the rule needs to know about one relationship. */
export interface AtRiskFacts {
  status: RelationshipStatus;
  requestedAt: Date;
  /** When the pair was introduced (the quiet days count from here at the latest). */
  introducedAt?: Date | undefined;
  /** The latest complete-by date (YYYY-MM-DD), once goals are written. */
  formalEndDate?: string | undefined;
  pausedAt?: Date | undefined;
  pausedUntil?: Date | undefined;
  /** Every check-in date of the goals in force, and those already answered by a check-in. */
  checkInDates: readonly string[];
  answeredCheckIns: readonly string[];
  /** The day of the latest meeting logged. */
  lastMeeting?: string | undefined;
  /** The latest check-in: when, and each goal's status in it. */
  latestCheckIn?: { at: Date; statuses: readonly { goalIndex: number; status: CheckInStatus }[] } | undefined;
  /** Prompts to this pair set aside after failing to send (the outbox's parked items). */
  parkedPrompts?: { count: number; latestAt: Date } | undefined;
}

export interface AtRiskSettings {
  /** `QUIET_RELATIONSHIP_DAYS`: days with no meeting or check-in before a pair counts as quiet. */
  quietDays: number;
  /** Days a request may wait before it counts (the mentor is reminded at 7, it lapses at 14). */
  requestWaitingDays: number;
  /** Days after a pause's planned end, with nothing since, before it counts as overrun. */
  pauseGraceDays: number;
  /** Whose calendar the days are counted in (the program office's). */
  zone: string;
}

export const DEFAULT_AT_RISK_SETTINGS: Omit<AtRiskSettings, 'quietDays' | 'zone'> = {
  requestWaitingDays: 7,
  pauseGraceDays: 7,
};

/** Every reason this relationship needs attention on `now`, worst first; none for a finished one. */
export function atRiskReasons(facts: AtRiskFacts, now: DateTime, settings: AtRiskSettings): AtRiskReason[] {
  const day = (date: Date) => DateTime.fromJSDate(new Date(date)).setZone(settings.zone).toISODate() ?? '';
  const today = now.setZone(settings.zone).toISODate() ?? '';
  const daysBetween = (from: string, to: string) =>
    Math.round(
      DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
    );
  const reasons: AtRiskReason[] = [];

  if (facts.status === 'requested') {
    const since = day(facts.requestedAt);
    const days = daysBetween(since, today);
    if (days >= settings.requestWaitingDays)
      reasons.push({ kind: 'request_waiting', asOf: since, since, days });
    return reasons;
  }
  if (!isOpen(facts.status)) return reasons;

  const nowMs = now.toMillis();
  const pause =
    facts.pausedAt && facts.pausedUntil
      ? { from: new Date(facts.pausedAt), until: new Date(facts.pausedUntil) }
      : undefined;
  const pausedNow = pause !== undefined && pause.from.getTime() <= nowMs && pause.until.getTime() > nowMs;
  const pauseEnded = pause !== undefined && pause.until.getTime() <= nowMs;
  const lastCheckInDay = facts.latestCheckIn ? day(facts.latestCheckIn.at) : undefined;

  // A pause is the pair's agreement, not silence: quiet counts from its end, and not while it lasts.
  if (!pausedNow) {
    const marks = [
      day(facts.introducedAt ?? facts.requestedAt),
      facts.lastMeeting,
      lastCheckInDay,
      pauseEnded ? day(pause.until) : undefined,
    ].filter((d): d is string => Boolean(d));
    const since = marks.reduce((a, b) => (b > a ? b : a));
    const days = daysBetween(since, today);
    if (days >= settings.quietDays) reasons.push({ kind: 'quiet', asOf: since, since, days });
  }

  if (facts.parkedPrompts && facts.parkedPrompts.count > 0)
    reasons.push({
      kind: 'prompts_parked',
      asOf: day(facts.parkedPrompts.latestAt),
      count: facts.parkedPrompts.count,
    });

  if (GOAL_STAGES.includes(facts.status)) {
    const answered = new Set(facts.answeredCheckIns);
    const inPause = (date: string) =>
      pause !== undefined && date >= day(pause.from) && date < day(pause.until);
    const missed = [...new Set(facts.checkInDates)]
      .filter((date) => date < today && !answered.has(date) && !inPause(date))
      .sort();
    if (missed.length > 0) reasons.push({ kind: 'check_in_missed', asOf: missed.at(-1)!, dates: missed });
  }

  if (pauseEnded) {
    const plannedUntil = day(pause.until);
    const backSince = [facts.lastMeeting, lastCheckInDay].some((d) => d !== undefined && d >= plannedUntil);
    const daysOver = daysBetween(plannedUntil, today);
    if (!backSince && daysOver >= settings.pauseGraceDays)
      reasons.push({ kind: 'pause_overrun', asOf: plannedUntil, plannedUntil, daysOver });
  }

  const atRiskGoals = (facts.latestCheckIn?.statuses ?? [])
    .filter((goal) => goal.status === 'at_risk')
    .map((goal) => goal.goalIndex + 1)
    .sort((a, b) => a - b);
  if (facts.latestCheckIn && atRiskGoals.length > 0)
    reasons.push({ kind: 'goal_at_risk', asOf: day(facts.latestCheckIn.at), goals: atRiskGoals });

  if (facts.formalEndDate && facts.formalEndDate < today)
    reasons.push({
      kind: 'end_passed',
      asOf: facts.formalEndDate,
      formalEndDate: facts.formalEndDate,
      daysOver: daysBetween(facts.formalEndDate, today),
    });

  return reasons.sort((a, b) => severity(a.kind) - severity(b.kind));
}

/** A kind's place in the severity order (0 is the worst). */
export function severity(kind: AtRiskKind): number {
  return AT_RISK_KINDS.indexOf(kind);
}

/**
 * Orders two relationships' reasons, worst first: by their worst reason, then the next, and so on; then the
 * one with more reasons; then the older trouble (the earliest `asOf`) first.
 */
export function compareRisk(a: readonly AtRiskReason[], b: readonly AtRiskReason[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = severity(a[i]!.kind) - severity(b[i]!.kind);
    if (difference !== 0) return difference;
  }
  if (a.length !== b.length) return b.length - a.length;
  const oldest = (reasons: readonly AtRiskReason[]) =>
    reasons.map((r) => r.asOf).reduce((x, y) => (y < x ? y : x), '9999-12-31');
  return oldest(a) < oldest(b) ? -1 : oldest(a) > oldest(b) ? 1 : 0;
}

/** Staff marked a relationship handled: who, when, and which reasons (kind and date) it had then. */
export interface HandledMark {
  relationshipId: string;
  handledBy: string;
  handledAt: Date;
  reasons: readonly { kind: string; asOf: string }[];
}

/**
 * Whether something happened since staff marked it handled: a reason it didn't have, or one with a newer
 * date. Without a mark, every reason is new.
 */
export function hasNewSince(reasons: readonly AtRiskReason[], mark: HandledMark | undefined): boolean {
  if (!mark) return reasons.length > 0;
  return reasons.some((reason) => {
    const seen = mark.reasons.find((r) => r.kind === reason.kind);
    return !seen || reason.asOf > seen.asOf;
  });
}

/**
 * A short stamp of a relationship's reasons (kinds and dates), carried by the list's buttons: a button whose
 * stamp no longer matches was shown for reasons that have changed since.
 */
export function reasonsStamp(reasons: readonly AtRiskReason[]): string {
  return stableHash(reasons.map((r) => `${r.kind}@${r.asOf}`).join('|')).toString(36);
}
