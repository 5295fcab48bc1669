import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import {
  DIRECTORY_PAGE_SIZE,
  parseSearchWords,
  rankMentors,
  searchFieldsOf,
  type MatchResult,
} from '../../src/domain/matching';
import { createDirectoryService, type DirectoryService } from '../../src/services/directory';
import { connectDatabase, type Database } from '../../src/store/database';
import { createProfileRepository, type ProfileRepository } from '../../src/store/profile-repository';
import { freshDatabaseUri } from '../support/test-database';

/**
 * The directory searched through its stored fields and indexes ranks exactly as the matching rules say
 * (`rankMentors` over every mentor with a seat), page by page; profiles written before those fields
 * existed get them at start, once, however many copies of the bot start together.
 */

let db: Database;
let profiles: ProfileRepository;
let directory: DirectoryService;

const ACADEMIC = ['Psychology', 'Data Science', 'data science.', 'Art History', 'Music', 'Law', 'C#'];
const CAREER = ['Marketing', 'Research', 'Finance', 'User Research', 'Law', 'Health care'];
const WORDS = 'neuroscience startups pre-med market research attorney c# teacher data art design 2012'.split(
  ' ',
);

/** A small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const some = <T>(items: T[], max: number) => items.filter(() => next() < max / items.length);
  return { next, some };
}

function directoryOf(count: number, seed: number) {
  const g = generator(seed);
  return Array.from({ length: count }, (_, i) => {
    const capacity = 1 + Math.floor(g.next() * 4);
    return {
      userId: `UM${String(i).padStart(3, '0')}`,
      role: 'mentor' as const,
      displayName: `Mentor ${i}`,
      academicInterests: g.some(ACADEMIC, 2),
      careerInterests: g.some(CAREER, 2),
      otherInterests: '',
      communicationPreferences: ['slack' as const],
      bio: g.some(WORDS, 3).join(', ') + (g.next() < 0.3 ? ' Neuroscience, start-ups; Pre-Med.' : ''),
      occupation: g.next() < 0.5 ? 'UX Researcher' : 'Attorney',
      industry: g.next() < 0.5 ? 'Software' : undefined,
      degree: g.next() < 0.3 ? 'MS Neuroscience, 2012' : undefined,
      capacity,
      openRelationships: Math.min(capacity, Math.floor(g.next() * 3)),
      listed: g.next() < 0.85,
      approved: true,
    };
  });
}

const MENTEES = [
  { userId: 'UE1', academicInterests: ['psychology', 'Data Science'], careerInterests: ['Marketing'] },
  { userId: 'UE2', academicInterests: ['Law'], careerInterests: ['law ', 'Research'] },
  { userId: 'UE3', academicInterests: [], careerInterests: [] },
];

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('directory-search'), pino({ level: 'silent' }));
  profiles = createProfileRepository(db.models);
  directory = createDirectoryService({
    profiles,
    relationships: { menteesWithLiveRelationships: async () => new Set() },
    audit: { record: async () => undefined },
    clock: new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z')),
  });
});
afterAll(() => db.close());

/** Every page of `/mentee find` for a mentee, joined: [userId, match] in the order shown. */
async function allPages(menteeId: string, text: string): Promise<[string, MatchResult][]> {
  const shown: [string, MatchResult][] = [];
  for (let page = 1; ; page++) {
    const result = await directory.find(menteeId, text, page);
    if (result.kind !== 'done') throw new Error(`find refused: ${result.kind}`);
    shown.push(...result.value.ranked.map((e): [string, MatchResult] => [e.mentor.userId, e.match]));
    expect(result.value.ranked.length).toBeLessThanOrEqual(DIRECTORY_PAGE_SIZE);
    if (page * DIRECTORY_PAGE_SIZE >= result.value.total) {
      expect(shown).toHaveLength(result.value.total);
      return shown;
    }
  }
}

describe('the directory, searched through its stored fields', () => {
  const mentors = directoryOf(70, 7);

  beforeAll(async () => {
    await db.models.profiles.deleteMany({});
    await db.models.profiles.insertMany(mentors);
    await db.models.profiles.insertMany(
      MENTEES.map((m) => ({ ...m, role: 'mentee', displayName: m.userId, approved: true })),
    );
  });

  const expected = (mentee: (typeof MENTEES)[number], words: string[]) =>
    rankMentors(
      mentee,
      mentors
        .filter((m) => m.listed)
        .map((m) => ({ ...m, openSeats: (m.capacity ?? 0) - m.openRelationships })),
      words,
    ).map((r): [string, MatchResult] => [r.userId, r]);

  it.each(MENTEES.map((m) => [m.userId, m] as const))(
    'without words, %s sees every mentor with a seat, page by page, in the matching rules’ order',
    async (_id, mentee) => {
      expect(await allPages(mentee.userId, '')).toEqual(expected(mentee, []));
    },
  );

  it.each([
    'neuroscience',
    'science',
    'market',
    'art',
    'pre-med',
    'c#',
    'attorney software',
    'start-ups',
    '2012',
    'astrophysics',
    // Words the same once normalised, and words looked up by the same term, count once each.
    'market Market',
    'pre-med med',
    'science neuroscience',
    'art 2012 c# research',
  ])('searching “%s” finds exactly whom the matching rules find, in their order', async (text) => {
    for (const mentee of MENTEES) {
      expect(await allPages(mentee.userId, text)).toEqual(expected(mentee, parseSearchWords(text)));
    }
  });

  it('a page past the end shows the last page', async () => {
    const result = await directory.find('UE1', '', 99);
    const all = expected(MENTEES[0]!, []);
    const lastStart = Math.floor((all.length - 1) / DIRECTORY_PAGE_SIZE) * DIRECTORY_PAGE_SIZE;
    expect(result.kind === 'done' && result.value.ranked.map((e) => e.mentor.userId)).toEqual(
      all.slice(lastStart).map(([id]) => id),
    );
  });

  it('with words, a page past the end shows the last page', async () => {
    const all = expected(MENTEES[0]!, ['research']);
    const lastStart = Math.floor((all.length - 1) / DIRECTORY_PAGE_SIZE) * DIRECTORY_PAGE_SIZE;
    const result = await directory.find('UE1', 'research', 99);
    expect(result.kind === 'done' && result.value.ranked.map((e) => e.mentor.userId)).toEqual(
      all.slice(lastStart).map(([id]) => id),
    );
  });

  it('a search reads no profile but the page it shows: MongoDB ranks from the indexes alone', async () => {
    const searches = ['', 'research', 'art 2012', 'pre-med neuroscience'];
    const admin = db.connection.db!;
    // Once first, so the plans MongoDB picks are cached and it does not try the others on these runs.
    for (const text of searches) await directory.find('UE1', text, 2);
    await admin.command({ profile: 2 });
    try {
      const since = new Date();
      for (const text of searches) expect((await directory.find('UE1', text, 2)).kind).toBe('done');
      const reads = await admin
        .collection('system.profile')
        .find({ ts: { $gte: since }, ns: `${admin.databaseName}.profiles` })
        .toArray();
      const ranking = reads.filter((r) =>
        (r.command?.pipeline as object[] | undefined)?.some((stage) => '$facet' in stage),
      );
      expect(ranking).toHaveLength(searches.length);
      // Only a word broken by punctuation reads profiles: those its second piece starts a word of, to
      // check the whole word ('pre-med' among the mentors with a word starting 'med').
      const withMed = mentors.filter(
        (m) =>
          m.listed &&
          m.capacity > m.openRelationships &&
          searchFieldsOf(m).terms.some((t) => t.startsWith('med')),
      ).length;
      expect(ranking.slice(0, 3).map((r) => r.docsExamined)).toEqual([0, 0, 0]);
      // (MongoDB plans that branch afresh each time and may try two plans, each reading those mentors.)
      expect(ranking[3]?.docsExamined).toBeGreaterThanOrEqual(withMed);
      expect(ranking[3]?.docsExamined).toBeLessThanOrEqual(2 * withMed);
      const pages = reads.filter((r) => r.op === 'query' && r.command?.filter?.userId?.$in);
      expect(pages).toHaveLength(searches.length);
      for (const r of pages) expect(r.docsExamined).toBeLessThanOrEqual(DIRECTORY_PAGE_SIZE);
    } finally {
      await admin.command({ profile: 0 });
    }
  });

  it('a mentor taking a mentee, changing capacity or unlisting moves in or out of the directory at once', async () => {
    const mentor = mentors.find((m) => m.listed && m.capacity - m.openRelationships === 1)!;
    const listedIds = async () => (await allPages('UE3', '')).map(([id]) => id);
    expect(await listedIds()).toContain(mentor.userId);
    expect(await profiles.claimSeat(mentor.userId)).toBe(true);
    expect(await listedIds()).not.toContain(mentor.userId);
    await profiles.releaseSeat(mentor.userId);
    expect(await listedIds()).toContain(mentor.userId);
    expect(await profiles.setCapacity(mentor.userId, mentor.openRelationships)).toBe(
      mentor.openRelationships === 0 ? 'below_open_relationships' : 'changed',
    );
    await profiles.changeListed(mentor.userId, false);
    expect(await listedIds()).not.toContain(mentor.userId);
  });
});

describe('profiles written before the directory kept search fields', () => {
  const raw = directoryOf(40, 3).map((m) => ({ ...m, createdAt: new Date(), updatedAt: new Date() }));

  beforeEach(async () => {
    await db.models.profiles.deleteMany({});
    // Written straight to the collection, as the bot wrote them before: no search fields, no free seats.
    await db.models.profiles.collection.insertMany(raw.map((m) => ({ ...m })));
    await db.models.profiles.insertMany([
      { ...MENTEES[0], role: 'mentee', displayName: 'UE1', approved: true },
    ]);
  });

  it('are not in the directory until they are brought up to date at start', async () => {
    expect(await allPages('UE1', '')).toEqual([]);
    expect(await profiles.bringSearchFieldsUpToDate()).toBe(raw.length);
    const listed = raw.filter((m) => m.listed && m.capacity > m.openRelationships);
    expect((await allPages('UE1', '')).map(([id]) => id).sort()).toEqual(listed.map((m) => m.userId).sort());
  });

  it('are brought up to date once, by several copies starting together, and again never', async () => {
    const counts = await Promise.all([1, 2, 3].map(() => profiles.bringSearchFieldsUpToDate(7)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(raw.length);
    expect(await profiles.bringSearchFieldsUpToDate()).toBe(0);
    const first = await db.models.profiles.findOne({ userId: raw[0]!.userId }).lean();
    expect(first?.search?.terms?.length).toBeGreaterThan(0);
    expect(first?.freeSeats).toBe(Math.max(0, raw[0]!.capacity - raw[0]!.openRelationships));
  });

  it('leaves a profile already written with search fields as it is', async () => {
    const {
      openRelationships: _open,
      approved: _approved,
      createdAt: _c,
      updatedAt: _u,
      ...mentor
    } = raw[0]!;
    await profiles.saveApproved({ ...mentor, academicInterests: ['Ornithology'] });
    const before = await db.models.profiles.findOne({ userId: mentor.userId }).lean();
    await profiles.bringSearchFieldsUpToDate();
    const after = await db.models.profiles.findOne({ userId: mentor.userId }).lean();
    expect(after?.search).toEqual(before?.search);
    expect(after?.search?.interestKeys).toContain('a:ornithology');
  });
});
