import { directoryPage, type DirectoryEntry } from '../../blocks/directory';
import type { EphemeralAnswer } from '../../blocks/message';
import type { Clock } from '../clock';
import { MAX_CAPACITY, MIN_CAPACITY } from '../domain/application-form';
import { parseSearchWords, rankMentors, type MatchResult } from '../domain/matching';
import type { ProfileRecord } from '../domain/records';
import type { AuditRepository } from '../store/audit-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';

export type CapacityResult =
  | { outcome: 'changed'; capacity: number }
  | { outcome: 'invalid' }
  | { outcome: 'below_open_relationships'; open: number }
  | { outcome: 'not_a_mentor' };

/** The mentoring directory: who is listed, with how many seats, and who matches a mentee best. */
export function createDirectoryService(deps: {
  profiles: Pick<
    ProfileRepository,
    'get' | 'setCapacity' | 'setListed' | 'listMentorsWithFreeSeats' | 'listApprovedMentees'
  >;
  relationships: Pick<RelationshipRepository, 'menteesWithLiveRelationships'>;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}) {
  const { profiles } = deps;

  async function setCapacity(mentorId: string, capacity: number): Promise<CapacityResult> {
    if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)
      return { outcome: 'invalid' };
    const result = await profiles.setCapacity(mentorId, capacity);
    if (result === 'changed') {
      await deps.audit.record({
        at: deps.clock.now().toJSDate(),
        actorId: mentorId,
        action: 'mentor.capacity',
        subjectType: 'profile',
        subjectId: mentorId,
        details: { capacity },
      });
      return { outcome: 'changed', capacity };
    }
    if (result === 'below_open_relationships') {
      const profile = await profiles.get(mentorId, 'mentor');
      return { outcome: 'below_open_relationships', open: profile?.openRelationships ?? 0 };
    }
    return { outcome: 'not_a_mentor' };
  }

  /** Ranked mentors with a free seat for a mentee (or for staff, for any approved mentee). */
  async function rankFor(mentee: ProfileRecord, words: string[]): Promise<DirectoryEntry[]> {
    const mentors = (await profiles.listMentorsWithFreeSeats()).filter((m) => m.userId !== mentee.userId);
    const byId = new Map(mentors.map((m) => [m.userId, m]));
    const ranked: MatchResult[] = rankMentors(
      mentee,
      mentors.map((m) => ({
        userId: m.userId,
        academicInterests: m.academicInterests,
        careerInterests: m.careerInterests,
        occupation: m.occupation,
        industry: m.industry,
        bio: m.bio,
        degree: m.degree,
        openSeats: (m.capacity ?? 0) - m.openRelationships,
      })),
      words,
    );
    return ranked.flatMap((match) => {
      const mentor = byId.get(match.userId);
      return mentor ? [{ match, mentor, freeSeats: (mentor.capacity ?? 0) - mentor.openRelationships }] : [];
    });
  }

  return {
    setCapacity,

    async setListed(mentorId: string, listed: boolean): Promise<boolean> {
      return profiles.setListed(mentorId, listed);
    },

    /** `/mentee find [words]`: a page of the directory, or undefined when the person is not an approved mentee. */
    async find(menteeId: string, text: string, page = 1): Promise<EphemeralAnswer | undefined> {
      const mentee = await profiles.get(menteeId, 'mentee');
      if (!mentee?.approved) return undefined;
      const words = parseSearchWords(text);
      return directoryPage(await rankFor(mentee, words), words, page);
    },

    /** Approved mentees with no request or relationship, each with their three best mentors. */
    async suggestions(): Promise<{ mentee: ProfileRecord; top: DirectoryEntry[] }[]> {
      const mentees = await profiles.listApprovedMentees();
      const busy = await deps.relationships.menteesWithLiveRelationships(mentees.map((m) => m.userId));
      const unmatched = mentees.filter((m) => !busy.has(m.userId));
      return Promise.all(
        unmatched.map(async (mentee) => ({ mentee, top: (await rankFor(mentee, [])).slice(0, 3) })),
      );
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
