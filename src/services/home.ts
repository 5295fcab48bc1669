import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { CheckInStanding } from '../domain/check-ins';
import type { HomeData, HomeRelationship, MentorHome } from '../domain/home';
import type { ProfileRecord, RelationshipRecord } from '../domain/records';
import type { DigestHeadline } from '../domain/weekly-digest';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { MeetingRepository } from '../store/meeting-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

/** Each person's App Home: their mentor or mentees, stages and next check-ins; staff see counts only. */
export function createHomeService(deps: {
  relationships: Pick<RelationshipRepository, 'findOpenFor'>;
  goalForms: Pick<GoalFormRepository, 'latest'>;
  /** Answered, late and next check-in dates, in the mentee's calendar. */
  checkInStanding: (relationship: RelationshipRecord) => Promise<CheckInStanding | undefined>;
  /** The last meeting the pair logged (its day), shown to both people. */
  meetings: Pick<MeetingRepository, 'latest'>;
  profiles: Pick<ProfileRepository, 'get'>;
  /** The staff part: the weekly digest's headline figures (refused for anyone who isn't staff). */
  staffHome: (userId: string) => Promise<Result<DigestHeadline, 'not_staff'>>;
  staff: StaffDirectory;
  clock: Clock;
  programTimezone: string;
}) {
  async function describe(
    relationship: RelationshipRecord,
    side: 'mentor' | 'mentee',
  ): Promise<HomeRelationship> {
    const partnerId = side === 'mentor' ? relationship.menteeId : relationship.mentorId;
    // Four independent reads, at once: App Home is published while the person waits for it.
    const [partner, goals, standing, lastMeeting] = await Promise.all([
      deps.profiles.get(partnerId, side === 'mentor' ? 'mentee' : 'mentor'),
      deps.goalForms.latest(relationship.id),
      deps.checkInStanding(relationship),
      deps.meetings.latest(relationship.id),
    ]);
    return {
      partnerId,
      partnerName: partner?.displayName ?? '',
      status: relationship.status,
      goals: goals?.goals.length ?? 0,
      formalEndDate: relationship.formalEndDate,
      nextCheckIn: standing?.next,
      lateCheckIns: standing?.late ?? [],
      lastMeeting: lastMeeting?.date,
      pausedUntil:
        relationship.pausedUntil && relationship.pausedUntil > deps.clock.now().toJSDate()
          ? (DateTime.fromJSDate(relationship.pausedUntil).setZone(deps.programTimezone).toISODate() ??
            undefined)
          : undefined,
    };
  }

  /** An approved mentor's mentees, each described as on App Home, with their seats; undefined for anyone else. */
  async function asMentorOf(
    userId: string,
    open: RelationshipRecord[],
    mentorProfile: ProfileRecord | undefined,
  ): Promise<MentorHome | undefined> {
    if (!mentorProfile?.approved) return undefined;
    const mentoring = open.filter((r) => r.mentorId === userId);
    return {
      relationships: await Promise.all(mentoring.map((r) => describe(r, 'mentor'))),
      open: mentorProfile.openRelationships,
      capacity: mentorProfile.capacity ?? 0,
      listed: mentorProfile.listed,
    };
  }

  /** The staff part of App Home: the digest's headline figures, read in one batch. */
  async function staffPart(userId: string): Promise<HomeData['staff']> {
    const headline = await deps.staffHome(userId);
    return headline.kind === 'done' ? headline.value : undefined;
  }

  async function build(userId: string): Promise<HomeData> {
    const [open, mentorProfile, isStaff] = await Promise.all([
      deps.relationships.findOpenFor(userId),
      deps.profiles.get(userId, 'mentor'),
      deps.staff.isStaff(userId),
    ]);
    // The staff part's reads go out with the mentee's and mentor's, in the same batch.
    const [asMentee, asMentor, staff] = await Promise.all([
      Promise.all(open.filter((r) => r.menteeId === userId).map((r) => describe(r, 'mentee'))),
      asMentorOf(userId, open, mentorProfile),
      isStaff ? staffPart(userId) : undefined,
    ]);
    return { asMentee, asMentor, staff };
  }

  return {
    /** What this person's App Home shows (the Slack layer renders and publishes it). */
    data: build,
    /**
     * `/mentor mentees`: each of an approved mentor's mentees with the stage, the next and late check-in
     * dates and any pause (as App Home shows them); refused for someone who isn't an approved mentor.
     */
    async mentees(userId: string): Promise<Result<MentorHome, 'not_a_mentor'>> {
      const [open, profile] = await Promise.all([
        deps.relationships.findOpenFor(userId),
        deps.profiles.get(userId, 'mentor'),
      ]);
      const mentor = await asMentorOf(userId, open, profile);
      return mentor ? done(mentor) : refused('not_a_mentor');
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
