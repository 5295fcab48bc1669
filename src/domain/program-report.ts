import { DateTime } from 'luxon';
import type { ApplicationRole } from './application-form';
import { CHECK_IN_STATUSES, type CheckInStatus } from './check-ins';
import { MAX_RATING, MIN_RATING } from './reflection';
import type { ApplicationStatus } from './records';
import { isFinished, type Actor, type RelationshipStatus } from './relationship-stages';

/**
 * Program health for staff (`/mentoring admin report [term]`): counts, durations and rates worked out from
 * facts the store reads with narrow projections. Nothing here sees what anyone wrote, so nothing it returns
 * can carry it. One pure function over plain facts, so meetings (or any other source) can be added as facts.
 */

/** The period a report covers: calendar dates (YYYY-MM-DD, inclusive) in the program's time zone. */
export interface ReportTerm {
  /** As staff typed it (`2026-fall`), or `all` for no term. */
  readonly label: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Seasons of a year, by the dates their terms cover (month-day, inclusive). */
const SEASONS: Record<string, { from: string; to: string }> = {
  spring: { from: '01-01', to: '05-31' },
  summer: { from: '06-01', to: '08-31' },
  fall: { from: '09-01', to: '12-31' },
  autumn: { from: '09-01', to: '12-31' },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (text: string) => ISO_DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;

/**
 * Reads a term: nothing (all time), a year (`2026`), a year and season (`2026-spring` Jan–May,
 * `2026-summer` Jun–Aug, `2026-fall` Sep–Dec) or a date range (`2026-09-01..2026-12-31`, both days included).
 */
export function parseTerm(text: string): ReportTerm | undefined {
  const typed = text.trim().toLowerCase();
  if (typed === '' || typed === 'all') return { label: 'all' };
  const year = /^(\d{4})$/.exec(typed);
  if (year) return { label: typed, from: `${year[1]}-01-01`, to: `${year[1]}-12-31` };
  const season = /^(\d{4})-([a-z]+)$/.exec(typed);
  const dates = season?.[2] ? SEASONS[season[2]] : undefined;
  if (season && dates)
    return { label: typed, from: `${season[1]}-${dates.from}`, to: `${season[1]}-${dates.to}` };
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(typed);
  if (range?.[1] && range[2] && isDate(range[1]) && isDate(range[2]) && range[1] <= range[2])
    return { label: typed, from: range[1], to: range[2] };
  return undefined;
}

/** What the report is computed from: ids, statuses, numbers and dates only. */
export interface ReportFacts {
  /** The program's time zone: instants become calendar days there. */
  readonly zone: string;
  readonly now: Date;
  readonly applications: readonly {
    userId: string;
    role: ApplicationRole;
    status: ApplicationStatus;
    createdAt: Date;
    decidedAt?: Date | undefined;
  }[];
  /** Mentor profiles: seats offered and taken, today. */
  readonly mentors: readonly {
    approved: boolean;
    listed: boolean;
    capacity?: number | undefined;
    openRelationships: number;
  }[];
  readonly relationships: readonly {
    id: string;
    mentorId: string;
    menteeId: string;
    status: RelationshipStatus;
    requestedAt: Date;
    history: readonly {
      from?: RelationshipStatus | undefined;
      to: RelationshipStatus;
      actor: Actor;
      at: Date;
    }[];
  }[];
  /** Each relationship's goals in force (the newest goal form): how many, and their check-in dates. */
  readonly goalForms: readonly {
    relationshipId: string;
    goals: readonly { checkIns: readonly string[] }[];
  }[];
  readonly checkIns: readonly {
    relationshipId: string;
    /** The scheduled date it answered; absent for an extra check-in. */
    dueDate?: string | undefined;
    submittedAt: Date;
    statuses: readonly { goalIndex: number; status: CheckInStatus }[];
  }[];
  /** The built-in evaluation survey's answers: the rating and the yes/no, never the comments. */
  readonly evaluations: readonly {
    relationshipId: string;
    userId: string;
    rating?: number | undefined;
    recommend?: string | undefined;
  }[];
  /**
   * Meetings the pairs logged. Absent while the program does not record meetings: the time to a first
   * meeting then counts to the mentor's fit decision, which the program asks for after the first meeting.
   */
  readonly meetings?: readonly { relationshipId: string; at: Date }[] | undefined;
}

/** A spread of durations in days: how many, the median and the 90th percentile (absent with none). */
export interface DurationSummary {
  readonly count: number;
  readonly medianDays?: number | undefined;
  readonly p90Days?: number | undefined;
}

export interface ProgramReport {
  readonly term: ReportTerm;
  /** The day the report was made, in the program's zone. */
  readonly asOf: string;
  /** People by role and the status of their latest application submitted in the term. */
  readonly people: Record<ApplicationRole, Record<ApplicationStatus, number>>;
  /** Relationships live at some time in the term, by where each stands now. */
  readonly relationshipsByStatus: Partial<Record<RelationshipStatus, number>>;
  readonly relationshipsInTerm: number;
  /** A mentee's approval to their first introduction to a mentor, for introductions in the term. */
  readonly timeToMatch: DurationSummary;
  /** An introduction in the term to the pair's first meeting. */
  readonly timeToFirstMeeting: DurationSummary & { readonly source: 'meetings' | 'fit_decision' };
  /** Scheduled check-in dates in the term, up to today (and the relationship's end). */
  readonly checkIns: { readonly onTime: number; readonly late: number; readonly missed: number };
  /** Each goal in force (relationships live in the term) by the status of its latest check-in. */
  readonly goals: Record<CheckInStatus | 'no_check_in', number>;
  /** Relationships that finished in the term, by how. */
  readonly endings: {
    readonly completed: number;
    readonly endedEarly: number;
    /** Who ended them early: the reason itself is free text and never read. */
    readonly endedEarlyBy: Record<'mentor' | 'mentee' | 'staff', number>;
    readonly notAFit: number;
    readonly declined: number;
    readonly lapsed: number;
    readonly withdrawn: number;
    /** Requests passed back to the mentee when the mentor left the directory or filled their last seat. */
    readonly released: number;
  };
  /** Evaluations of relationships completed in the term: each person of a completed pair is asked once. */
  readonly evaluations: {
    readonly asked: number;
    readonly received: number;
    readonly averageRating?: number | undefined;
    readonly byRole: Record<ApplicationRole, { received: number; averageRating?: number | undefined }>;
    readonly wouldRecommend: number;
  };
  /** Today's seats: approved mentors, how many are listed, seats offered (capacity) and taken. */
  readonly seats: {
    readonly mentors: number;
    readonly listed: number;
    readonly offered: number;
    readonly used: number;
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The median (the mean of the middle two for an even count) and the nearest-rank 90th percentile. */
export function summarise(days: readonly number[]): DurationSummary {
  if (days.length === 0) return { count: 0 };
  const sorted = [...days].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1]!;
  return { count: sorted.length, medianDays: oneDecimal(median), p90Days: oneDecimal(p90) };
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const average = (values: readonly number[]) =>
  values.length === 0 ? undefined : oneDecimal(values.reduce((sum, v) => sum + v, 0) / values.length);
const daysBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY_MS;

/** The program's figures for `term`, from `facts`. */
export function programReport(facts: ReportFacts, term: ReportTerm): ProgramReport {
  const day = (at: Date) => DateTime.fromJSDate(at).setZone(facts.zone).toISODate() ?? '';
  const today = day(facts.now);
  const inTerm = (date: string) => (!term.from || date >= term.from) && (!term.to || date <= term.to);
  /** A span of days overlaps the term (an open end runs to today). */
  const overlaps = (start: string, end: string | undefined) =>
    (!term.to || start <= term.to) && (!term.from || (end ?? today) >= term.from);

  // People: each person and role counted once, by their latest application submitted in the term.
  const latest = new Map<string, ReportFacts['applications'][number]>();
  for (const application of facts.applications) {
    if (!inTerm(day(application.createdAt))) continue;
    const key = `${application.role}:${application.userId}`;
    const seen = latest.get(key);
    if (!seen || seen.createdAt < application.createdAt) latest.set(key, application);
  }
  const people: ProgramReport['people'] = {
    mentor: { submitted: 0, approved: 0, declined: 0 },
    mentee: { submitted: 0, approved: 0, declined: 0 },
  };
  for (const application of latest.values()) people[application.role][application.status] += 1;

  const endOf = (r: ReportFacts['relationships'][number]) =>
    isFinished(r.status) ? r.history.find((move) => move.to === r.status)?.at : undefined;
  const introducedAt = (r: ReportFacts['relationships'][number]) =>
    r.history.find((move) => move.to === 'introduced')?.at;

  const live = facts.relationships.filter((r) => {
    const end = endOf(r);
    return overlaps(day(r.requestedAt), end && day(end));
  });
  const liveIds = new Set(live.map((r) => r.id));
  const relationshipsByStatus: Partial<Record<RelationshipStatus, number>> = {};
  for (const r of live) relationshipsByStatus[r.status] = (relationshipsByStatus[r.status] ?? 0) + 1;

  // Time to match: each mentee's first introduction (in the term), from the approval before it.
  const firstIntroduction = new Map<string, Date>();
  for (const r of facts.relationships) {
    const at = introducedAt(r);
    const seen = firstIntroduction.get(r.menteeId);
    if (at && (!seen || at < seen)) firstIntroduction.set(r.menteeId, at);
  }
  const approvals = new Map<string, Date[]>();
  for (const a of facts.applications)
    if (a.role === 'mentee' && a.status === 'approved' && a.decidedAt)
      approvals.set(a.userId, [...(approvals.get(a.userId) ?? []), a.decidedAt]);
  const matchDays: number[] = [];
  for (const [menteeId, at] of firstIntroduction) {
    if (!inTerm(day(at))) continue;
    // The approval the introduction followed: the latest one before it.
    const approvedAt = (approvals.get(menteeId) ?? [])
      .filter((decided) => decided <= at)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (approvedAt) matchDays.push(daysBetween(approvedAt, at));
  }

  // Time to a first meeting: from each introduction in the term.
  const meetingDays: number[] = [];
  for (const r of facts.relationships) {
    const at = introducedAt(r);
    if (!at || !inTerm(day(at))) continue;
    const met = facts.meetings
      ? facts.meetings
          .filter((m) => m.relationshipId === r.id && m.at >= at)
          .map((m) => m.at)
          .sort((a, b) => a.getTime() - b.getTime())[0]
      : r.history.find(
          (move) => move.from === 'introduced' && (move.to === 'stage1' || move.to === 'not_a_fit'),
        )?.at;
    if (met) meetingDays.push(daysBetween(at, met));
  }

  // Check-in compliance: each scheduled date in the term that has come (before today, or answered).
  const checkIns = { onTime: 0, late: 0, missed: 0 };
  const relationshipById = new Map(facts.relationships.map((r) => [r.id, r]));
  // Per relationship: each answered date -> the day its earliest answer came; check-ins newest first.
  const answers = new Map<string, Map<string, string>>();
  const reportsOf = new Map<string, ReportFacts['checkIns'][number][]>();
  for (const checkIn of facts.checkIns) {
    reportsOf.set(checkIn.relationshipId, [...(reportsOf.get(checkIn.relationshipId) ?? []), checkIn]);
    if (!checkIn.dueDate) continue;
    const dates = answers.get(checkIn.relationshipId) ?? new Map<string, string>();
    answers.set(checkIn.relationshipId, dates);
    const submitted = day(checkIn.submittedAt);
    const seen = dates.get(checkIn.dueDate);
    if (!seen || submitted < seen) dates.set(checkIn.dueDate, submitted);
  }
  for (const reports of reportsOf.values())
    reports.sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
  for (const form of facts.goalForms) {
    const relationship = relationshipById.get(form.relationshipId);
    const end = relationship && endOf(relationship);
    const answered = answers.get(form.relationshipId) ?? new Map<string, string>();
    const dates = new Set([...form.goals.flatMap((goal) => goal.checkIns), ...answered.keys()]);
    for (const date of dates) {
      if (!inTerm(date)) continue;
      const submitted = answered.get(date);
      if (submitted !== undefined) {
        if (submitted <= date) checkIns.onTime += 1;
        else checkIns.late += 1;
      } else if (date < today && (!end || date <= day(end))) checkIns.missed += 1;
    }
  }

  // Goals: the latest status each goal in force was given, for relationships live in the term.
  const goals = Object.fromEntries([...CHECK_IN_STATUSES, 'no_check_in'].map((s) => [s, 0])) as Record<
    CheckInStatus | 'no_check_in',
    number
  >;
  for (const form of facts.goalForms) {
    if (!liveIds.has(form.relationshipId)) continue;
    const reports = reportsOf.get(form.relationshipId) ?? [];
    form.goals.forEach((_goal, goalIndex) => {
      const status = reports.flatMap((c) => c.statuses).find((s) => s.goalIndex === goalIndex)?.status;
      goals[status ?? 'no_check_in'] += 1;
    });
  }

  // Endings in the term.
  const endings = {
    completed: 0,
    endedEarly: 0,
    endedEarlyBy: { mentor: 0, mentee: 0, staff: 0 },
    notAFit: 0,
    declined: 0,
    lapsed: 0,
    withdrawn: 0,
    released: 0,
  };
  const completedIds = new Set<string>();
  for (const r of facts.relationships) {
    const end = endOf(r);
    if (!end || !inTerm(day(end))) continue;
    if (r.status === 'completed') {
      endings.completed += 1;
      completedIds.add(r.id);
    } else if (r.status === 'ended_early') {
      endings.endedEarly += 1;
      const actor = r.history.find((move) => move.to === 'ended_early')?.actor;
      if (actor === 'mentor' || actor === 'mentee' || actor === 'staff') endings.endedEarlyBy[actor] += 1;
    } else if (r.status === 'not_a_fit') endings.notAFit += 1;
    else if (r.status === 'declined') endings.declined += 1;
    else if (r.status === 'lapsed') endings.lapsed += 1;
    else if (r.status === 'withdrawn') endings.withdrawn += 1;
    else if (r.status === 'released') endings.released += 1;
  }

  // Evaluations: one per person of each relationship completed in the term.
  const received = facts.evaluations.filter((e) => completedIds.has(e.relationshipId));
  const rated = (list: typeof received) =>
    list
      .map((e) => e.rating)
      .filter((r): r is number => Number.isInteger(r) && r! >= MIN_RATING && r! <= MAX_RATING);
  const roleOf = (e: (typeof received)[number]) =>
    relationshipById.get(e.relationshipId)?.mentorId === e.userId ? 'mentor' : 'mentee';
  const ofRole = (role: ApplicationRole) => received.filter((e) => roleOf(e) === role);

  const approvedMentors = facts.mentors.filter((m) => m.approved);
  return {
    term,
    asOf: today,
    people,
    relationshipsByStatus,
    relationshipsInTerm: live.length,
    timeToMatch: summarise(matchDays),
    timeToFirstMeeting: { ...summarise(meetingDays), source: facts.meetings ? 'meetings' : 'fit_decision' },
    checkIns,
    goals,
    endings,
    evaluations: {
      asked: completedIds.size * 2,
      received: received.length,
      averageRating: average(rated(received)),
      byRole: {
        mentor: { received: ofRole('mentor').length, averageRating: average(rated(ofRole('mentor'))) },
        mentee: { received: ofRole('mentee').length, averageRating: average(rated(ofRole('mentee'))) },
      },
      wouldRecommend: received.filter((e) => e.recommend === 'yes').length,
    },
    seats: {
      mentors: approvedMentors.length,
      listed: approvedMentors.filter((m) => m.listed).length,
      offered: approvedMentors.reduce((sum, m) => sum + (m.capacity ?? 0), 0),
      used: approvedMentors.reduce((sum, m) => sum + m.openRelationships, 0),
    },
  };
}
