import type { Clock } from '../clock';
import { MAX_CAPACITY, MIN_CAPACITY } from '../domain/application-form';
import {
  DIRECTORY_PAGE_SIZE,
  menteeWants,
  parseSearchWords,
  scorePrepared,
  searchNeedles,
  wordLookups,
  type DirectoryEntry,
} from '../domain/matching';
import { activityBucket } from '../domain/directory-upkeep';
import type { ProfileRecord } from '../domain/records';
import type { AuditRepository } from '../store/audit-repository';
import type { DirectoryMentee, ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { done, invalid, refused, type Done, type Result } from './result';

/** A capacity set; `capacity` as a field error when out of range; refused below the open relationships. */
export type CapacityResult = Result<
  /** `released`: requests waiting on the mentor passed back because no seat is left. */
  { capacity: number; released: number },
  'below_open_relationships' | 'not_a_mentor'
>;

/**
 * A page of the directory: the ranked mentors with a free seat shown on the page asked for (or the last
 * page, if that is past the end), how many there are in all, the search words and the page asked for.
 */
export interface DirectoryFind {
  ranked: DirectoryEntry[];
  total: number;
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
    'get' | 'setCapacity' | 'directoryMentee' | 'directoryPage' | 'directorySearch' | 'listApprovedMentees'
  >;
  relationships: Pick<RelationshipRepository, 'menteesWithLiveRelationships'>;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
  /** The program office's zone: when mentors were last active is told in its calendar days. */
  programTimezone?: string;
  /** After a capacity change (the requests waiting are released when no seat is left). */
  afterCapacityChanged?: (mentorId: string) => Promise<number>;
}) {
  const { profiles } = deps;
  const zone = deps.programTimezone ?? 'UTC';

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
      const released = (await deps.afterCapacityChanged?.(mentorId)) ?? 0;
      return done({ capacity, released });
    }
    if (result === 'below_open_relationships') {
      const profile = await profiles.get(mentorId, 'mentor');
      return refused('below_open_relationships', { open: profile?.openRelationships ?? 0, capacity });
    }
    return refused('not_a_mentor');
  }

  /**
   * One page of the ranked mentors with a free seat for a mentee (or for staff, for any approved mentee),
   * and how many there are in all. The store hands over just the page, in the directory's order (a page
   * past the end: the last one); it is scored here again only to say why each mentor matched.
   */
  async function rankFor(
    menteeId: string,
    mentee: DirectoryMentee,
    words: string[],
    page: number,
    size: number,
  ): Promise<{ ranked: DirectoryEntry[]; total: number }> {
    const wants = menteeWants(mentee);
    const needles = searchNeedles(words);
    const lookups = wordLookups(needles);
    const at = (p: number) =>
      lookups.length === 0
        ? profiles.directoryPage(wants.interestKeys, menteeId, (p - 1) * size, size)
        : profiles.directorySearch(wants.interestKeys, lookups, menteeId, (p - 1) * size, size);
    let found = await at(page);
    const last = Math.max(1, Math.ceil(found.total / size));
    if (page > last) found = await at(last);
    const now = deps.clock.now();
    return {
      ranked: found.mentors.map((mentor): DirectoryEntry => {
        const lastActive = activityBucket(mentor.lastActiveAt, now, zone);
        return {
          match: scorePrepared(wants, mentor, needles),
          mentor,
          freeSeats: mentor.freeSeats,
          ...(lastActive ? { lastActive } : {}),
        };
      }),
      total: found.total,
    };
  }

  return {
    setCapacity,

    /** `/mentee find [words]`: the ranked mentors for an approved mentee, and the page asked for. */
    async find(menteeId: string, text: string, page = 1): Promise<Result<DirectoryFind, 'not_a_mentee'>> {
      const mentee = await profiles.directoryMentee(menteeId);
      if (!mentee?.approved) return refused('not_a_mentee');
      const words = parseSearchWords(text);
      const { ranked, total } = await rankFor(
        menteeId,
        mentee,
        words,
        Math.max(page, 1),
        DIRECTORY_PAGE_SIZE,
      );
      return done({ ranked, total, words, page });
    },

    /** Approved mentees with no request or relationship, each with their three best mentors. */
    async suggestions(): Promise<Done<MatchSuggestion[]>> {
      const mentees = await profiles.listApprovedMentees();
      const busy = await deps.relationships.menteesWithLiveRelationships(mentees.map((m) => m.userId));
      const unmatched = mentees.filter((m) => !busy.has(m.userId));
      return done(
        await Promise.all(
          unmatched.map(async (mentee) => ({
            mentee,
            top: (await rankFor(mentee.userId, mentee, [], 1, 3)).ranked,
          })),
        ),
      );
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
