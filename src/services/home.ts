import type { HomeView } from '@slack/types';
import { DateTime } from 'luxon';
import { homeView, type HomeRelationship } from '../../blocks/home';
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

  async function build(userId: string): Promise<HomeView> {
    const open = await deps.relationships.findOpenFor(userId);
    const mentorProfile = await deps.profiles.get(userId, 'mentor');
    const asMentee = await Promise.all(
      open.filter((r) => r.menteeId === userId).map((r) => describe(r, 'mentee')),
    );
    const mentoring = open.filter((r) => r.mentorId === userId);
    const asMentor = mentorProfile?.approved
      ? {
          relationships: await Promise.all(mentoring.map((r) => describe(r, 'mentor'))),
          open: mentorProfile.openRelationships,
          capacity: mentorProfile.capacity ?? 0,
          listed: mentorProfile.listed,
        }
      : undefined;
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
    return homeView(deps.program, { asMentee, asMentor, staff });
  }

  return {
    build,
    /** Re-publishes these people's App Home after something that shows there has changed. */
    async refresh(userIds: string[]): Promise<void> {
      for (const userId of new Set(userIds)) await deps.publish(userId, await build(userId));
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
