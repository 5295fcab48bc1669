import type { Clock } from '../clock';
import { MAX_CAPACITY, MIN_CAPACITY } from '../domain/application-form';
import { parseSearchWords, rankMentors, type DirectoryEntry, type MatchResult } from '../domain/matching';
import type { ProfileRecord } from '../domain/records';
import { freeSeats } from '../domain/requests';
import type { AuditRepository } from '../store/audit-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { done, invalid, refused, type Done, type Result } from './result';

/** A capacity set; `capacity` as a field error when out of range; refused below the open relationships. */
export type CapacityResult = Result<{ capacity: number }, 'below_open_relationships' | 'not_a_mentor'>;

/** A page of the directory: every ranked mentor with a free seat, the search words and the page asked for. */
export interface DirectoryFind {
  ranked: DirectoryEntry[];
  words: string[];
  page: number;
}

/** An unmatched mentee with their three best mentors. */
export interface MatchSuggestion {
  mentee: ProfileRecord;
  top: DirectoryEntry[];
}

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
      return invalid({ capacity: 'out_of_range' });
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
      return done({ capacity });
    }
    if (result === 'below_open_relationships') {
      const profile = await profiles.get(mentorId, 'mentor');
      return refused('below_open_relationships', { open: profile?.openRelationships ?? 0, capacity });
    }
    return refused('not_a_mentor');
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
        openSeats: freeSeats(m),
      })),
      words,
    );
    return ranked.flatMap((match) => {
      const mentor = byId.get(match.userId);
      return mentor ? [{ match, mentor, freeSeats: freeSeats(mentor) }] : [];
    });
  }

  return {
    setCapacity,

    /** `/mentor list` and `/mentor unlist`. */
    async setListed(mentorId: string, listed: boolean): Promise<Result<{ listed: boolean }, 'not_a_mentor'>> {
      return (await profiles.setListed(mentorId, listed)) ? done({ listed }) : refused('not_a_mentor');
    },

    /** `/mentee find [words]`: the ranked mentors for an approved mentee, and the page asked for. */
    async find(menteeId: string, text: string, page = 1): Promise<Result<DirectoryFind, 'not_a_mentee'>> {
      const mentee = await profiles.get(menteeId, 'mentee');
      if (!mentee?.approved) return refused('not_a_mentee');
      const words = parseSearchWords(text);
      return done({ ranked: await rankFor(mentee, words), words, page });
    },

    /** Approved mentees with no request or relationship, each with their three best mentors. */
    async suggestions(): Promise<Done<MatchSuggestion[]>> {
      const mentees = await profiles.listApprovedMentees();
      const busy = await deps.relationships.menteesWithLiveRelationships(mentees.map((m) => m.userId));
      const unmatched = mentees.filter((m) => !busy.has(m.userId));
      return done(
        await Promise.all(
          unmatched.map(async (mentee) => ({ mentee, top: (await rankFor(mentee, [])).slice(0, 3) })),
        ),
      );
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
