import { DateTime, type WeekdayNumbers } from 'luxon';
import type { ApplicationRole } from './application-form';
import type { AtRiskKind } from './at-risk';
import type { ApplicationStatus } from './records';
import { OPEN_STATUSES, type RelationshipStatus } from './relationship-stages';

/**
 * The staff's weekly digest: when it is due (once per ISO week in the program's time zone, from a configured
 * day and hour) and its figures, worked out from facts the store reads with narrow projections (ids,
 * statuses and dates, never what anyone wrote). Pure: the clock and the facts come in as arguments.
 */

/** When the digest goes out each week, in the program's time zone: a weekday (1 Monday … 7 Sunday) and time. */
export interface DigestSchedule {
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { weekday: 1, hour: 9, minute: 0 };

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Reads `DIGEST_SCHEDULE`: `off`, or a weekday and a 24-hour time (`monday 09:00`, `Tue 7:30`, `friday 16`);
 * the weekday may be shortened to its first three letters. Undefined when it can't be read.
 */
export function parseDigestSchedule(text: string): DigestSchedule | 'off' | undefined {
  const typed = text.trim().toLowerCase();
  if (typed === 'off') return 'off';
  const match = /^([a-z]+)\s+(\d{1,2})(?::(\d{2}))?$/.exec(typed);
  if (!match) return undefined;
  const [, dayName = '', hourText = '', minuteText = '0'] = match;
  const weekday =
    WEEKDAYS.findIndex((day) => day === dayName || (dayName.length === 3 && day.startsWith(dayName))) + 1;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  if (weekday === 0 || hour > 23 || minute > 59) return undefined;
  return { weekday, hour, minute };
}

/** The ISO week a moment falls in, in `zone` (`2026-W10`): the digest's key, one per week. */
export function digestWeekOf(now: DateTime, zone: string): string {
  return now.setZone(zone).toFormat("kkkk-'W'WW");
}

/**
 * This week's digest once its moment has come: the week (in `zone`) and when it was due. Undefined before the
 * configured day and time of the current ISO week, so a digest missed while the bot was down still goes out
 * later that week, but never in the next one (that week has its own). A time that a clock change skips
 * (02:30 on the spring-forward night) falls at the first moment after the gap.
 */
export function digestDue(
  now: DateTime,
  zone: string,
  schedule: DigestSchedule,
): { week: string; dueAt: DateTime } | undefined {
  const local = now.setZone(zone);
  const dueAt = DateTime.fromObject(
    {
      weekYear: local.weekYear,
      weekNumber: local.weekNumber,
      weekday: schedule.weekday as WeekdayNumbers,
      hour: schedule.hour,
      minute: schedule.minute,
    },
    { zone },
  );
  if (!dueAt.isValid || now.toMillis() < dueAt.toMillis()) return undefined;
  return { week: digestWeekOf(now, zone), dueAt };
}

/** What the digest is worked out from: ids, roles, statuses and dates only. */
export interface DigestFacts {
  /** Applications waiting for review, and those submitted in the digest's seven days. */
  readonly applications: readonly {
    userId: string;
    role: ApplicationRole;
    status: ApplicationStatus;
    createdAt: Date;
  }[];
  /** Requests waiting on a mentor and open relationships (`requested`, `introduced` … `stage4`). */
  readonly relationships: readonly {
    mentorId: string;
    menteeId: string;
    status: RelationshipStatus;
    requestedAt: Date;
    /** The latest goal's complete-by date (YYYY-MM-DD), once goals are written. */
    formalEndDate?: string | undefined;
  }[];
  /** The at-risk list as staff see it (src/domain/at-risk.ts), worst first. */
  readonly atRisk: {
    readonly entries: readonly {
      relationshipId: string;
      mentorId: string;
      menteeId: string;
      status: RelationshipStatus;
      reasons: readonly { kind: AtRiskKind }[];
    }[];
    /** Relationships with reasons that staff marked handled, nothing new since. */
    readonly handledHidden: number;
  };
  /** Relationships whose free text the retention job erased in the seven days, and how many fields. */
  readonly retentionErased: { readonly relationships: number; readonly fields: number };
}

export interface DigestSettings {
  /** The program office's calendar: instants become days there. */
  readonly zone: string;
  /** How far ahead "ending soon" looks (14 days). */
  readonly endingWithinDays: number;
  /** How many of each list are named (at-risk, oldest applications, ending soon). */
  readonly listed: number;
}

export const DEFAULT_DIGEST_SETTINGS: Omit<DigestSettings, 'zone'> = { endingWithinDays: 14, listed: 5 };

/** One waiting item and how long it has waited, in whole days. */
export interface Waiting {
  readonly since: string;
  readonly days: number;
}

export interface WeeklyDigest {
  /** The ISO week (`2026-W10`) and the seven days the "new" figures cover (YYYY-MM-DD, inclusive). */
  readonly week: string;
  readonly from: string;
  readonly asOf: string;
  readonly newApplications: Record<ApplicationRole, number>;
  readonly waitingApplications: {
    readonly count: number;
    readonly byRole: Record<ApplicationRole, number>;
    /** Waiting a week or more. */
    readonly overAWeek: number;
    /** The oldest first, at most `listed`. */
    readonly oldest: readonly (Waiting & { userId: string; role: ApplicationRole })[];
  };
  readonly waitingRequests: {
    readonly count: number;
    readonly overAWeek: number;
    readonly oldest?: Waiting | undefined;
  };
  readonly atRisk: {
    readonly count: number;
    readonly handledHidden: number;
    /** The worst, at most `listed`, each with its reasons' kinds, worst first. */
    readonly top: readonly {
      relationshipId: string;
      mentorId: string;
      menteeId: string;
      status: RelationshipStatus;
      reasons: AtRiskKind[];
    }[];
  };
  /** Open relationships whose formal end falls from today to `endingWithinDays` ahead, soonest first. */
  readonly endingSoon: {
    readonly count: number;
    readonly withinDays: number;
    readonly listed: readonly { mentorId: string; menteeId: string; formalEndDate: string }[];
  };
  /** Open relationships by stage (every open stage, zero included). */
  readonly stages: Partial<Record<RelationshipStatus, number>>;
  readonly retentionErased: { readonly relationships: number; readonly fields: number };
}

/** The digest's figures on `now`, from `facts`. */
export function weeklyDigest(facts: DigestFacts, now: DateTime, settings: DigestSettings): WeeklyDigest {
  const local = now.setZone(settings.zone);
  const today = local.toISODate() ?? '';
  const day = (at: Date) => DateTime.fromJSDate(new Date(at)).setZone(settings.zone).toISODate() ?? '';
  // Whole calendar days, never negative (a clock set back must not make anything wait less than nothing).
  const daysSince = (since: string) =>
    Math.max(
      0,
      Math.round(
        DateTime.fromISO(today, { zone: 'utc' }).diff(DateTime.fromISO(since, { zone: 'utc' }), 'days').days,
      ),
    );
  const weekAgo = now.minus({ days: 7 }).toMillis();

  const newApplications = { mentor: 0, mentee: 0 };
  for (const a of facts.applications)
    if (new Date(a.createdAt).getTime() > weekAgo) newApplications[a.role] += 1;

  const waiting = facts.applications
    .filter((a) => a.status === 'submitted')
    .map((a) => {
      const since = day(a.createdAt);
      return { userId: a.userId, role: a.role, since, days: daysSince(since), at: new Date(a.createdAt) };
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.userId < b.userId ? -1 : 1));

  const requests = facts.relationships
    .filter((r) => r.status === 'requested')
    .map((r) => day(r.requestedAt))
    .sort();
  const open = facts.relationships.filter((r) => OPEN_STATUSES.includes(r.status));

  const lastEndDay = local.plus({ days: settings.endingWithinDays }).toISODate() ?? '';
  const ending = open
    .filter((r) => r.formalEndDate !== undefined && r.formalEndDate >= today && r.formalEndDate <= lastEndDay)
    .map((r) => ({ mentorId: r.mentorId, menteeId: r.menteeId, formalEndDate: r.formalEndDate! }))
    .sort((a, b) => (a.formalEndDate < b.formalEndDate ? -1 : a.formalEndDate > b.formalEndDate ? 1 : 0));

  const stages: Partial<Record<RelationshipStatus, number>> = Object.fromEntries(
    OPEN_STATUSES.map((status) => [status, 0]),
  );
  for (const r of open) stages[r.status] = (stages[r.status] ?? 0) + 1;

  return {
    week: digestWeekOf(now, settings.zone),
    from: local.minus({ days: 7 }).toISODate() ?? '',
    asOf: today,
    newApplications,
    waitingApplications: {
      count: waiting.length,
      byRole: {
        mentor: waiting.filter((a) => a.role === 'mentor').length,
        mentee: waiting.filter((a) => a.role === 'mentee').length,
      },
      overAWeek: waiting.filter((a) => a.days >= 7).length,
      oldest: waiting
        .slice(0, settings.listed)
        .map(({ userId, role, since, days }) => ({ userId, role, since, days })),
    },
    waitingRequests: {
      count: requests.length,
      overAWeek: requests.filter((since) => daysSince(since) >= 7).length,
      oldest: requests[0] === undefined ? undefined : { since: requests[0], days: daysSince(requests[0]) },
    },
    atRisk: {
      count: facts.atRisk.entries.length,
      handledHidden: facts.atRisk.handledHidden,
      top: facts.atRisk.entries.slice(0, settings.listed).map((entry) => ({
        relationshipId: entry.relationshipId,
        mentorId: entry.mentorId,
        menteeId: entry.menteeId,
        status: entry.status,
        reasons: entry.reasons.map((reason) => reason.kind),
      })),
    },
    endingSoon: {
      count: ending.length,
      withinDays: settings.endingWithinDays,
      listed: ending.slice(0, settings.listed),
    },
    stages,
    retentionErased: { ...facts.retentionErased },
  };
}

/** The digest's headline figures, as the staff's App Home shows them. */
export interface DigestHeadline {
  readonly week: string;
  readonly asOf: string;
  readonly atRisk: number;
  readonly newApplications: number;
  readonly waitingApplications: number;
  /** How long the oldest application has waited, in days (absent with none waiting). */
  readonly oldestWaitingDays?: number | undefined;
  readonly waitingRequests: number;
  readonly endingSoon: number;
  readonly endingWithinDays: number;
  readonly stages: Partial<Record<RelationshipStatus, number>>;
}

export function digestHeadline(digest: WeeklyDigest): DigestHeadline {
  return {
    week: digest.week,
    asOf: digest.asOf,
    atRisk: digest.atRisk.count,
    newApplications: digest.newApplications.mentor + digest.newApplications.mentee,
    waitingApplications: digest.waitingApplications.count,
    oldestWaitingDays: digest.waitingApplications.oldest[0]?.days,
    waitingRequests: digest.waitingRequests.count,
    endingSoon: digest.endingSoon.count,
    endingWithinDays: digest.endingSoon.withinDays,
    stages: digest.stages,
  };
}
