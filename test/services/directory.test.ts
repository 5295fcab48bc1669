import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import { rankMentors, searchFieldsOf, type WordLookup } from '../../src/domain/matching';
import type { ProfileRecord } from '../../src/domain/records';
import { createDirectoryService } from '../../src/services/directory';

/** An in-memory stand-in for the profiles a directory reads, with the store's capacity rule. */
function fakeProfiles(initial: Partial<ProfileRecord>[]) {
  const all = initial.map(
    (p) =>
      ({
        academicInterests: [],
        careerInterests: [],
        otherInterests: '',
        communicationPreferences: ['slack'],
        bio: '',
        openRelationships: 0,
        approved: true,
        listed: true,
        ...p,
      }) as ProfileRecord,
  );
  const find = (userId: string, role: string) => all.find((p) => p.userId === userId && p.role === role);
  const inDirectory = (except: string) =>
    all.filter(
      (p) =>
        p.role === 'mentor' && p.listed && (p.capacity ?? 0) > p.openRelationships && p.userId !== except,
    );
  const freeSeatsOf = (p: ProfileRecord) => (p.capacity ?? 0) - p.openRelationships;
  const candidate = (p: ProfileRecord) => ({ ...p, openSeats: freeSeatsOf(p) });
  const prepared = (p: ProfileRecord) => ({ ...p, freeSeats: freeSeatsOf(p), search: searchFieldsOf(p) });
  const pageOf = (except: string, words: string[], offset: number, limit: number) => {
    const listed = inDirectory(except);
    const mentee = all.find((p) => p.userId === except && p.role === 'mentee');
    const order = rankMentors(
      mentee ?? { academicInterests: [], careerInterests: [] },
      listed.map(candidate),
      words,
    );
    return {
      total: order.length,
      mentors: order
        .slice(offset, offset + limit)
        .map((r) => prepared(listed.find((m) => m.userId === r.userId)!)),
    };
  };
  return {
    all,
    get: async (userId: string, role: 'mentor' | 'mentee') => find(userId, role),
    setCapacity: async (userId: string, capacity: number) => {
      const mentor = find(userId, 'mentor');
      if (!mentor?.approved) return 'not_a_mentor' as const;
      if (mentor.openRelationships > capacity) return 'below_open_relationships' as const;
      mentor.capacity = capacity;
      return 'changed' as const;
    },
    directoryMentee: async (userId: string) => find(userId, 'mentee'),
    // The store's contract: the page in rankMentors' order, with or without words.
    directoryPage: async (_keys: string[], except: string, offset: number, limit: number) =>
      pageOf(except, [], offset, limit),
    directorySearch: async (
      _keys: string[],
      words: WordLookup[],
      except: string,
      offset: number,
      limit: number,
    ) =>
      pageOf(
        except,
        words.map((w) => w.word),
        offset,
        limit,
      ),
    listApprovedMentees: async () => all.filter((p) => p.role === 'mentee' && p.approved),
  };
}

function directoryOver(
  profiles: ReturnType<typeof fakeProfiles>,
  busyMentees: string[] = [],
  afterCapacityChanged?: (mentorId: string) => Promise<number>,
) {
  const audited: unknown[] = [];
  const service = createDirectoryService({
    profiles,
    ...(afterCapacityChanged ? { afterCapacityChanged } : {}),
    relationships: { menteesWithLiveRelationships: async () => new Set(busyMentees) },
    audit: { record: async (entry) => void audited.push(entry) },
    clock: new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z')),
  });
  return { service, audited };
}

const MENTOR = { userId: 'UMENTOR', role: 'mentor' as const, capacity: 2, academicInterests: ['Marketing'] };
const MENTEE = { userId: 'UMENTEE', role: 'mentee' as const, academicInterests: ['Marketing'] };

describe('directory service: capacity', () => {
  it('done with the new capacity, and audited', async () => {
    const { service, audited } = directoryOver(fakeProfiles([MENTOR]));
    expect(await service.setCapacity('UMENTOR', 4)).toEqual({
      kind: 'done',
      value: { capacity: 4, released: 0 },
    });
    expect(audited).toMatchObject([{ action: 'mentor.capacity', details: { capacity: 4 } }]);
  });

  it('done with how many waiting requests went back to their students when no seat is left', async () => {
    const { service } = directoryOver(fakeProfiles([MENTOR]), [], async () => 2);
    expect(await service.setCapacity('UMENTOR', 1)).toEqual({
      kind: 'done',
      value: { capacity: 1, released: 2 },
    });
  });

  it.each([0, 6, 2.5, Number.NaN])(
    '%s is a field error on capacity, and nothing changes',
    async (capacity) => {
      const profiles = fakeProfiles([MENTOR]);
      const { service, audited } = directoryOver(profiles);
      expect(await service.setCapacity('UMENTOR', capacity)).toEqual({
        kind: 'invalid',
        fields: { capacity: 'out_of_range' },
      });
      expect(profiles.all[0]?.capacity).toBe(2);
      expect(audited).toEqual([]);
    },
  );

  it('refused below the relationships already open, with how many are open', async () => {
    const { service } = directoryOver(fakeProfiles([{ ...MENTOR, capacity: 3, openRelationships: 3 }]));
    expect(await service.setCapacity('UMENTOR', 1)).toMatchObject({
      kind: 'refused',
      code: 'below_open_relationships',
      facts: { open: 3 },
    });
  });

  it('refused to someone who is not an approved mentor', async () => {
    const { service } = directoryOver(fakeProfiles([MENTEE]));
    expect(await service.setCapacity('UMENTEE', 2)).toMatchObject({ kind: 'refused', code: 'not_a_mentor' });
  });
});

describe('directory service: find', () => {
  it('done with the mentors who have a free seat, the search words and the page', async () => {
    const full = { userId: 'UFULL', role: 'mentor' as const, capacity: 1, openRelationships: 1 };
    const { service } = directoryOver(fakeProfiles([MENTOR, full, MENTEE]));
    const result = await service.find('UMENTEE', 'marketing', 2);
    expect(result.kind).toBe('done');
    if (result.kind !== 'done') return;
    expect(result.value.ranked.map((entry) => entry.mentor.userId)).toEqual(['UMENTOR']);
    expect(result.value).toMatchObject({ words: ['marketing'], page: 2 });
    expect(result.value.ranked[0]?.freeSeats).toBe(2);
  });

  it('refused to someone who is not an approved mentee', async () => {
    const { service } = directoryOver(fakeProfiles([{ ...MENTEE, approved: false }]));
    expect(await service.find('UMENTEE', '')).toMatchObject({ kind: 'refused', code: 'not_a_mentee' });
  });
});

describe('directory service: suggestions', () => {
  it('only unmatched approved mentees, each with their best mentors', async () => {
    const busy = { userId: 'UBUSY', role: 'mentee' as const };
    const { service } = directoryOver(fakeProfiles([MENTOR, MENTEE, busy]), ['UBUSY']);
    const result = await service.suggestions();
    expect(result.value.map((s) => [s.mentee.userId, s.top.map((t) => t.mentor.userId)])).toEqual([
      ['UMENTEE', ['UMENTOR']],
    ]);
  });
});
