import type { HomeView } from '@slack/types';
import { DateTime } from 'luxon';
import { homeView, type HomeData, type HomeHints, type HomeRelationship } from '../../blocks/home';
import type { Clock } from '../clock';
import type { ProgramSettings } from '../content/wording';
import type { CheckInStanding } from '../domain/check-ins';
import type { RelationshipRecord } from '../domain/records';
import type { ApplicationRepository } from '../store/application-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { StaffDirectory } from './staff';

/** Each person's App Home: their mentor or mentees, stages and next check-ins; staff see counts only. */
export function createHomeService(deps: {
  relationships: Pick<RelationshipRepository, 'findOpenFor' | 'countByStatus'>;
  goalForms: Pick<GoalFormRepository, 'latest'>;
  /** Answered, late and next check-in dates, in the mentee's calendar. */
  checkInStanding: (relationship: RelationshipRecord) => Promise<CheckInStanding | undefined>;
  profiles: Pick<ProfileRepository, 'get'>;
  applications: Pick<ApplicationRepository, 'listWaiting'>;
  staff: StaffDirectory;
  clock: Clock;
  programTimezone: string;
  program: ProgramSettings;
  /** The commands App Home points to (from the command table). */
  hints: HomeHints;
  publish: (userId: string, view: HomeView) => Promise<void>;
}) {
  async function describe(
    relationship: RelationshipRecord,
    side: 'mentor' | 'mentee',
  ): Promise<HomeRelationship> {
    const partnerId = side === 'mentor' ? relationship.menteeId : relationship.mentorId;
    const partner = await deps.profiles.get(partnerId, side === 'mentor' ? 'mentee' : 'mentor');
    const goals = await deps.goalForms.latest(relationship.id);
    const standing = await deps.checkInStanding(relationship);
    return {
      partnerId,
      partnerName: partner?.displayName ?? '',
      status: relationship.status,
      goals: goals?.goals.length ?? 0,
      formalEndDate: relationship.formalEndDate,
      nextCheckIn: standing?.next,
      lateCheckIns: standing?.late ?? [],
      pausedUntil:
        relationship.pausedUntil && relationship.pausedUntil > deps.clock.now().toJSDate()
          ? (DateTime.fromJSDate(relationship.pausedUntil).setZone(deps.programTimezone).toISODate() ??
            undefined)
          : undefined,
    };
  }

  /** An approved mentor's mentees, each described as on App Home, with their seats; undefined for anyone else. */
  async function asMentorOf(userId: string, open: RelationshipRecord[]): Promise<HomeData['asMentor']> {
    const mentorProfile = await deps.profiles.get(userId, 'mentor');
    if (!mentorProfile?.approved) return undefined;
    const mentoring = open.filter((r) => r.mentorId === userId);
    return {
      relationships: await Promise.all(mentoring.map((r) => describe(r, 'mentor'))),
      open: mentorProfile.openRelationships,
      capacity: mentorProfile.capacity ?? 0,
      listed: mentorProfile.listed,
    };
  }

  async function build(userId: string): Promise<HomeView> {
    const open = await deps.relationships.findOpenFor(userId);
    const asMentee = await Promise.all(
      open.filter((r) => r.menteeId === userId).map((r) => describe(r, 'mentee')),
    );
    const asMentor = await asMentorOf(userId, open);
    const staff = (await deps.staff.isStaff(userId))
      ? await (async () => {
          const byStatus = await deps.relationships.countByStatus();
          const { requested = 0, ...rest } = byStatus;
          const byStage = Object.fromEntries(
            Object.entries(rest).filter(([status]) =>
              ['introduced', 'stage1', 'stage2', 'stage3', 'stage4', 'completed'].includes(status),
            ),
          );
          return {
            pendingApplications: (await deps.applications.listWaiting()).length,
            waitingRequests: requested,
            byStage,
          };
        })()
      : undefined;
    return homeView(deps.program, { asMentee, asMentor, staff }, deps.hints);
  }

  return {
    build,
    /**
     * `/mentor mentees`: each of an approved mentor's mentees with the stage, the next and late check-in
     * dates and any pause (as App Home shows them); undefined for someone who isn't an approved mentor.
     */
    async mentees(userId: string): Promise<HomeData['asMentor']> {
      return asMentorOf(userId, await deps.relationships.findOpenFor(userId));
    },
    /** Re-publishes these people's App Home after something that shows there has changed. */
    async refresh(userIds: string[]): Promise<void> {
      for (const userId of new Set(userIds)) await deps.publish(userId, await build(userId));
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
