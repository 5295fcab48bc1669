import type { Clock } from '../clock';
import { homeRelationship, type HomeData, type HomeRelationship, type MentorHome } from '../domain/home';
import type { ProfileRecord, RelationshipRecord } from '../domain/records';
import type { DigestHeadline } from '../domain/weekly-digest';
import type { CheckInRepository } from '../store/check-in-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { MeetingRepository } from '../store/meeting-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

/**
 * Each person's App Home: their mentor or mentees, stages, each goal's latest status, next check-ins and last
 * meetings; staff see counts only.
 */
export function createHomeService(deps: {
  relationships: Pick<RelationshipRepository, 'findOpenFor'>;
  /** Every goal-form version (each goal's Specific answer and dates), for all the relationships at once. */
  goalForms: Pick<GoalFormRepository, 'versionsOf'>;
  /** Every check-in's dates and statuses, for all the relationships at once. */
  checkIns: Pick<CheckInRepository, 'ratingsOf'>;
  /** The last meeting each pair logged (its day), shown to both people. */
  meetings: Pick<MeetingRepository, 'latestOf'>;
  profiles: Pick<ProfileRepository, 'get' | 'homeSummariesOf'>;
  /** The staff part: the weekly digest's headline figures (refused for anyone who isn't staff). */
  staffHome: (userId: string) => Promise<Result<DigestHeadline, 'not_staff'>>;
  staff: StaffDirectory;
  clock: Clock;
  programTimezone: string;
}) {
  /**
   * The person's open relationships as mentee and as mentor, described from one batch of reads: one query
   * per collection (profiles, goal forms, check-ins, meetings) for all of them, however many there are.
   */
  async function describeAll(
    userId: string,
    open: RelationshipRecord[],
  ): Promise<{ asMentee: HomeRelationship[]; asMentor: HomeRelationship[] }> {
    if (open.length === 0) return { asMentee: [], asMentor: [] };
    const ids = open.map((r) => r.id);
    const people = open.flatMap((r) => [r.mentorId, r.menteeId]);
    const [profiles, versions, checkIns, meetings] = await Promise.all([
      deps.profiles.homeSummariesOf(people),
      deps.goalForms.versionsOf(ids),
      deps.checkIns.ratingsOf(ids),
      deps.meetings.latestOf(ids),
    ]);
    const byPerson = new Map(profiles.map((p) => [`${p.role}:${p.userId}`, p]));
    const profileOf = (id: string, role: 'mentor' | 'mentee') => byPerson.get(`${role}:${id}`);
    const now = deps.clock.now();
    const describe = (r: RelationshipRecord, side: 'mentor' | 'mentee') =>
      homeRelationship(
        {
          relationship: r,
          partnerName:
            side === 'mentor'
              ? profileOf(r.menteeId, 'mentee')?.displayName
              : profileOf(r.mentorId, 'mentor')?.displayName,
          goalVersions: versions.get(r.id) ?? [],
          checkIns: checkIns.get(r.id) ?? [],
          lastMeeting: meetings.get(r.id)?.date,
          menteeZone: profileOf(r.menteeId, 'mentee')?.timezone ?? deps.programTimezone,
        },
        side,
        now,
        deps.programTimezone,
      );
    return {
      asMentee: open.filter((r) => r.menteeId === userId).map((r) => describe(r, 'mentee')),
      asMentor: open.filter((r) => r.mentorId === userId).map((r) => describe(r, 'mentor')),
    };
  }

  /** An approved mentor's mentees, each described as on App Home, with their seats; undefined for anyone else. */
  function asMentorOf(
    mentoring: HomeRelationship[],
    mentorProfile: ProfileRecord | undefined,
  ): MentorHome | undefined {
    if (!mentorProfile?.approved) return undefined;
    return {
      relationships: mentoring,
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
    const [described, staff] = await Promise.all([
      describeAll(userId, open),
      isStaff ? staffPart(userId) : undefined,
    ]);
    const asMentee = described.asMentee;
    const asMentor = asMentorOf(described.asMentor, mentorProfile);
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
      const mentor = profile?.approved
        ? asMentorOf(
            (
              await describeAll(
                userId,
                open.filter((r) => r.mentorId === userId),
              )
            ).asMentor,
            profile,
          )
        : undefined;
      return mentor ? done(mentor) : refused('not_a_mentor');
    },
  };
}
export type HomeService = ReturnType<typeof createHomeService>;
