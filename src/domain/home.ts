import { DateTime } from 'luxon';
import { checkInSchedule, checkInStanding, type CheckInStatus } from './check-ins';
import type { RelationshipRecord } from './records';
import { OPEN_STATUSES, type RelationshipStatus } from './relationship-stages';
import type { DigestHeadline } from './weekly-digest';

/** The stages staff see counted on App Home: every open one and the completed. */
export const STAGE_STATUSES_SHOWN: readonly RelationshipStatus[] = [...OPEN_STATUSES, 'completed'];

/** One goal in force as App Home shows it: its latest status and its dates. */
export interface HomeGoal {
  /**
   * The goal's Specific answer, in the mentee's own words: only on the mentee's own Home (the mentor's Home
   * and `/mentor mentees` show statuses and dates only).
   */
  title?: string | undefined;
  completeBy: string;
  /** From the latest check-in that rated this goal as it reads now; undefined when none has yet. */
  status?: CheckInStatus | undefined;
  /** The day of that check-in, in the mentee's calendar. */
  ratedOn?: string | undefined;
}

/** One relationship as App Home and `/mentor mentees` show it: dates and statuses only. */
export interface HomeRelationship {
  partnerId: string;
  partnerName: string;
  status: string;
  goals: number;
  formalEndDate?: string | undefined;
  nextCheckIn?: string | undefined;
  /** Check-in dates gone by with no check-in. */
  lateCheckIns?: string[] | undefined;
  /** The day of the last meeting the pair logged. */
  lastMeeting?: string | undefined;
  /** The pair paused the program's prompts until this day. */
  pausedUntil?: string | undefined;
  /** Each goal in force, in the form's order, with its latest status. */
  goalProgress?: HomeGoal[] | undefined;
  /** Today in the mentee's calendar (the day the dates above are read against). */
  today?: string | undefined;
}

/** An approved mentor's mentees and seats. */
export interface MentorHome {
  relationships: HomeRelationship[];
  open: number;
  capacity: number;
  listed: boolean;
}

/** What a person's App Home shows, for each role they have. */
export interface HomeData {
  asMentor?: MentorHome | undefined;
  asMentee?: HomeRelationship[] | undefined;
  /** Staff: the weekly digest's headline figures (counts and dates only). */
  staff?: DigestHeadline | undefined;
}

/** One saved version of a relationship's goal form, as far as App Home needs it. */
export interface GoalVersionFacts {
  version: number;
  goals: readonly { specific: string; completeBy: string; checkIns: readonly string[] }[];
}

/** One check-in, as dates and statuses only (never the evidence, support or note). */
export interface CheckInFacts {
  goalFormVersion: number;
  at: Date;
  dueDate?: string | undefined;
  statuses: readonly { goalIndex: number; status: CheckInStatus }[];
}

/**
 * Each goal of the newest version with its latest status. A check-in rated the goals of the version it was
 * made against; its rating follows a goal by its Specific answer, so a goal moved to another place, or kept
 * while its dates or measure changed, keeps its status, and a goal replaced by a new one (or rewritten)
 * starts without one. `checkIns` newest first or in any order: the latest rating wins.
 */
export function goalProgress(
  versions: readonly GoalVersionFacts[],
  checkIns: readonly CheckInFacts[],
  zone: string,
): HomeGoal[] {
  const current = newest(versions);
  if (!current) return [];
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const latest = [...checkIns].sort((a, b) => b.at.getTime() - a.at.getTime());
  return current.goals.map((goal) => {
    for (const checkIn of latest) {
      const rated = byVersion.get(checkIn.goalFormVersion);
      if (!rated) continue;
      const rating = checkIn.statuses.find((s) => rated.goals[s.goalIndex]?.specific === goal.specific);
      if (rating)
        return {
          title: goal.specific,
          completeBy: goal.completeBy,
          status: rating.status,
          ratedOn: DateTime.fromJSDate(checkIn.at).setZone(zone).toISODate() ?? undefined,
        };
    }
    return { title: goal.specific, completeBy: goal.completeBy };
  });
}

/** What App Home is built from for one relationship, read in batch with every other one. */
export interface HomeRelationshipFacts {
  relationship: Pick<
    RelationshipRecord,
    'mentorId' | 'menteeId' | 'status' | 'formalEndDate' | 'pausedUntil'
  >;
  partnerName: string | undefined;
  /** Every version of the goal form (any order); empty before the goals are written. */
  goalVersions: readonly GoalVersionFacts[];
  checkIns: readonly CheckInFacts[];
  /** The day of the last meeting logged. */
  lastMeeting?: string | undefined;
  /** The mentee's time zone: the check-in dates are days in their calendar. */
  menteeZone: string;
}

/**
 * One relationship as `side` sees it on App Home at `now`: the partner, the stage, each goal's latest status
 * (with its words for the mentee only), the next and late check-in dates in the mentee's calendar, the last
 * meeting and a pause (its end day in `programZone`, where pauses are counted).
 */
export function homeRelationship(
  facts: HomeRelationshipFacts,
  side: 'mentor' | 'mentee',
  now: DateTime,
  programZone: string,
): HomeRelationship {
  const { relationship } = facts;
  const today = now.setZone(facts.menteeZone).toISODate() ?? '';
  const current = newest(facts.goalVersions);
  const progress = goalProgress(facts.goalVersions, facts.checkIns, facts.menteeZone);
  const answered = facts.checkIns.flatMap((c) => (c.dueDate ? [c.dueDate] : []));
  const standing = current ? checkInStanding(checkInSchedule(current.goals), answered, today) : undefined;
  const pausedUntil =
    relationship.pausedUntil && relationship.pausedUntil > now.toJSDate()
      ? (DateTime.fromJSDate(relationship.pausedUntil).setZone(programZone).toISODate() ?? undefined)
      : undefined;
  return {
    partnerId: side === 'mentor' ? relationship.menteeId : relationship.mentorId,
    partnerName: facts.partnerName ?? '',
    status: relationship.status,
    goals: current?.goals.length ?? 0,
    formalEndDate: relationship.formalEndDate,
    nextCheckIn: standing?.next,
    lateCheckIns: standing?.late ?? [],
    lastMeeting: facts.lastMeeting,
    pausedUntil,
    goalProgress: side === 'mentee' ? progress : progress.map(({ title: _words, ...goal }) => goal),
    today,
  };
}

/** How many of the goals have each latest status (`unrated`: no check-in has rated it yet). */
export function statusTally(goals: readonly HomeGoal[]): Partial<Record<CheckInStatus | 'unrated', number>> {
  const tally: Partial<Record<CheckInStatus | 'unrated', number>> = {};
  for (const goal of goals) {
    const key = goal.status ?? 'unrated';
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

function newest(versions: readonly GoalVersionFacts[]): GoalVersionFacts | undefined {
  return versions.reduce<GoalVersionFacts | undefined>(
    (best, v) => (!best || v.version > best.version ? v : best),
    undefined,
  );
}
