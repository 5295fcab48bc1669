import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import { createRepositories, type Repositories } from '../../src/composition/store';
import {
  createDirectoryUpkeepService,
  type DirectoryUpkeepService,
} from '../../src/services/directory-upkeep';
import { createRequestService, type RequestService } from '../../src/services/requests';
import { connectDatabase, type Database } from '../../src/store/database';
import { createUnitOfWork } from '../../src/store/unit-of-work';
import { freshDatabaseUri } from '../support/test-database';

/**
 * Keeping the directory current against a real MongoDB (a replica set, so with real transactions): staff
 * unlisting and re-listing, mentors stepping out, the requests released, last-active moments, the staff
 * page over 2,000 mentors, and an unlist racing an accept.
 */
const STAFF = 'USTAFF1';
let db: Database;
let repos: Repositories;
let clock: ManualClock;
let upkeep: DirectoryUpkeepService;
let requests: RequestService;

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('upkeep'), pino({ level: 'silent' }));
  repos = createRepositories(db.models);
  clock = new ManualClock(DateTime.fromISO('2026-03-04T15:00:00Z'));
  const unitOfWork = createUnitOfWork(db, repos);
  const staff = { isStaff: async (id: string) => id === STAFF, knownStaff: () => undefined };
  upkeep = createDirectoryUpkeepService({
    profiles: repos.profiles,
    staff,
    unitOfWork,
    clock,
    programTimezone: 'America/Chicago',
    onChanged: async () => undefined,
  });
  requests = createRequestService({
    relationships: repos.relationships,
    profiles: repos.profiles,
    unitOfWork,
    slack: { openConversation: async () => ({ ok: true, channelId: 'GPAIR' }) },
    staff,
    clock,
    adminChannelId: 'CADMIN',
    maxPendingRequests: 3,
    onChanged: async () => undefined,
  });
});
afterAll(() => db.close());

async function approved(userId: string, role: 'mentor' | 'mentee', capacity = 2) {
  await repos.profiles.saveApproved({
    userId,
    role,
    displayName: userId,
    academicInterests: ['Biology'],
    careerInterests: [],
    otherInterests: '',
    communicationPreferences: ['slack'],
    bio: `A bio nobody on staff reads ${userId}`,
    ...(role === 'mentor' ? { capacity } : {}),
    listed: role === 'mentor',
  });
}

async function requestFrom(menteeId: string, mentorId: string): Promise<string> {
  await approved(menteeId, 'mentee');
  const made = await requests.request(menteeId, mentorId);
  if (made.kind !== 'done') throw new Error(`request refused: ${JSON.stringify(made)}`);
  return made.value.id;
}

const statusOf = async (id: string) => (await repos.relationships.get(id))?.status;
const noticesOf = (type: string) => db.models.notices.find({ type }).lean();

describe('staff unlisting a mentor', () => {
  it('unlists, tells the mentor with the reason, releases the waiting requests and audits it, in one go', async () => {
    await approved('UM1', 'mentor', 3);
    const r1 = await requestFrom('UE1', 'UM1');
    const r2 = await requestFrom('UE2', 'UM1');
    const result = await upkeep.unlist(STAFF, 'UM1', '  We have not heard from you this term. ');
    expect(result).toEqual({ kind: 'done', value: { mentorId: 'UM1', released: 2 } });
    expect((await repos.profiles.seatsOf('UM1'))?.listed).toBe(false);
    expect([await statusOf(r1), await statusOf(r2)]).toEqual(['released', 'released']);
    const told = await noticesOf('mentor_listing_changed');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      destination: { to: 'person', userId: 'UM1' },
      notice: { listed: false, staffId: STAFF, reason: 'We have not heard from you this term.' },
    });
    const news = (await noticesOf('mentee_request_news')).filter((n) => n.notice.news === 'released');
    expect(news.map((n) => n.destination.userId).sort()).toEqual(['UE1', 'UE2']);
    expect(news.every((n) => n.notice.why === 'mentor_unlisted')).toBe(true);
    const cards = (await noticesOf('request_card_update')).filter((n) => n.notice.outcome === 'released');
    expect(cards).toHaveLength(2);
    const audit = (await db.models.auditEvents.find().lean()).filter((a) =>
      ['mentor.unlisted', 'relationship.released'].includes(a.action),
    );
    expect(audit.map((a) => [a.action, a.actorId]).sort()).toEqual([
      ['mentor.unlisted', STAFF],
      ['relationship.released', STAFF],
      ['relationship.released', STAFF],
    ]);
  });

  it('refuses non-staff, an empty or long reason, someone who is no mentor, and a mentor already unlisted', async () => {
    await approved('UM2', 'mentor');
    expect(await upkeep.unlist('UBOB', 'UM2', 'reason')).toMatchObject({
      kind: 'refused',
      code: 'not_staff',
    });
    expect(await upkeep.unlistForm('UBOB', 'UM2')).toMatchObject({ kind: 'refused', code: 'not_staff' });
    expect(await upkeep.unlist(STAFF, 'UM2', '   ')).toMatchObject({
      kind: 'invalid',
      fields: { reason: 'required' },
    });
    expect(await upkeep.unlist(STAFF, 'UM2', 'x'.repeat(501))).toMatchObject({
      kind: 'invalid',
      fields: { reason: 'too_long' },
    });
    expect(await upkeep.unlist(STAFF, 'UNOBODY', 'reason')).toMatchObject({ code: 'not_a_mentor' });
    expect(await upkeep.unlistForm(STAFF, 'UM2')).toEqual({ kind: 'done', value: { mentorId: 'UM2' } });
    expect((await upkeep.unlist(STAFF, 'UM2', 'reason')).kind).toBe('done');
    expect(await upkeep.unlist(STAFF, 'UM2', 'again')).toMatchObject({ code: 'already_unlisted' });
    expect(await upkeep.unlistForm(STAFF, 'UM2')).toMatchObject({ code: 'already_unlisted' });
    expect((await repos.profiles.seatsOf('UM2'))?.listed).toBe(false);
  });

  it('relisting tells the mentor; relisting a listed mentor is refused and tells nobody', async () => {
    const before = (await noticesOf('mentor_listing_changed')).length;
    expect(await upkeep.relist('UBOB', 'UM2')).toMatchObject({ code: 'not_staff' });
    expect(await upkeep.relist(STAFF, 'UM2')).toEqual({ kind: 'done', value: { mentorId: 'UM2' } });
    expect(await upkeep.relist(STAFF, 'UM2')).toMatchObject({ code: 'already_listed' });
    const told = await noticesOf('mentor_listing_changed');
    expect(told).toHaveLength(before + 1);
    expect(told.at(-1)).toMatchObject({ notice: { listed: true, staffId: STAFF } });
    expect(await db.models.auditEvents.countDocuments({ action: 'mentor.relisted', subjectId: 'UM2' })).toBe(
      1,
    );
  });
});

describe('a mentor stepping out, or filling up', () => {
  it('/mentor unlist releases the requests waiting; /mentor list releases nothing', async () => {
    await approved('UM3', 'mentor');
    const r = await requestFrom('UE3', 'UM3');
    expect(await upkeep.setOwnListing('UM3', false)).toEqual({
      kind: 'done',
      value: { listed: false, released: 1 },
    });
    expect(await statusOf(r)).toBe('released');
    expect(await upkeep.setOwnListing('UM3', false)).toEqual({
      kind: 'done',
      value: { listed: false, released: 0 },
    });
    expect(await upkeep.setOwnListing('UM3', true)).toEqual({
      kind: 'done',
      value: { listed: true, released: 0 },
    });
    expect(await upkeep.setOwnListing('UNOBODY', true)).toMatchObject({ code: 'not_a_mentor' });
  });

  it('the accept that fills the last seat releases the other requests; one that leaves a seat does not', async () => {
    await approved('UM4', 'mentor', 2);
    const [a, b, c] = [
      await requestFrom('UE4a', 'UM4'),
      await requestFrom('UE4b', 'UM4'),
      await requestFrom('UE4c', 'UM4'),
    ];
    expect((await requests.accept(a, 'UM4')).kind).toBe('done');
    expect([await statusOf(b), await statusOf(c)]).toEqual(['requested', 'requested']);
    expect((await requests.accept(b, 'UM4')).kind).toBe('done');
    expect(await statusOf(c)).toBe('released');
    const news = (await noticesOf('mentee_request_news')).filter((n) => n.destination.userId === 'UE4c');
    expect(news.map((n) => [n.notice.news, n.notice.why])).toEqual([['released', 'mentor_full']]);
    // The released card's stale Accept says it is no longer open.
    expect(await requests.accept(c, 'UM4')).toMatchObject({
      kind: 'refused',
      code: 'already_answered',
      facts: { status: 'released' },
    });
  });

  it('a capacity lowered to the relationships open releases the requests waiting', async () => {
    await approved('UM5', 'mentor', 3);
    const a = await requestFrom('UE5a', 'UM5');
    const b = await requestFrom('UE5b', 'UM5');
    await requests.accept(a, 'UM5');
    await repos.profiles.setCapacity('UM5', 1);
    expect(await upkeep.releaseIfFull('UM5')).toBe(1);
    expect(await statusOf(b)).toBe('released');
  });
});

describe('an unlist and an accept at the same moment', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'end consistent (run %i): the request is introduced or released, never both',
    async (run) => {
      const mentor = `URACE${run}`;
      await approved(mentor, 'mentor', 2);
      const request = await requestFrom(`URACEE${run}`, mentor);
      const other = await requestFrom(`URACEF${run}`, mentor);
      const [accepted, unlisted] = await Promise.all([
        requests.accept(request, mentor),
        upkeep.unlist(STAFF, mentor, 'Taking a break'),
      ]);
      expect(unlisted.kind).toBe('done');
      const seats = await repos.profiles.seatsOf(mentor);
      const status = await statusOf(request);
      expect(seats?.listed).toBe(false);
      // The other request was waiting either way, and was released by the unlist.
      expect(await statusOf(other)).toBe('released');
      if (accepted.kind === 'done') {
        expect(status).toBe('introduced');
        expect(seats?.openRelationships).toBe(1);
        expect(unlisted).toMatchObject({ value: { released: 1 } });
      } else {
        expect(accepted).toMatchObject({ code: 'already_answered' });
        expect(status).toBe('released');
        expect(seats?.openRelationships).toBe(0);
        expect(unlisted).toMatchObject({ value: { released: 2 } });
      }
      // Exactly one outcome was told for the request: the introduction or the release.
      const keys = (
        await db.models.notices.find({ key: new RegExp(`^relationship:${request}:`) }).lean()
      ).map((n) => n.key);
      const introduced = keys.some((k) => k.endsWith(':introduction'));
      const released = keys.some((k) => k.endsWith(':mentee:released'));
      expect(introduced !== released).toBe(true);
    },
  );
});

describe('a request and an unlist at the same moment', () => {
  it.each([1, 2, 3, 4])(
    'end consistent (run %i): the request is refused, or made and then released',
    async (run) => {
      const mentor = `URQ${run}`;
      await approved(mentor, 'mentor', 2);
      await approved(`URQE${run}`, 'mentee');
      const [made, unlisted] = await Promise.all([
        requests.request(`URQE${run}`, mentor),
        upkeep.unlist(STAFF, mentor, 'Taking a break'),
      ]);
      expect(unlisted.kind).toBe('done');
      expect(await db.models.relationships.countDocuments({ mentorId: mentor, status: 'requested' })).toBe(0);
      if (made.kind === 'done') {
        expect(await statusOf(made.value.id)).toBe('released');
        expect(unlisted).toMatchObject({ value: { released: 1 } });
      } else expect(made).toMatchObject({ code: 'mentor_unavailable' });
    },
  );
});

describe('last active', () => {
  it('is written at most once an hour per person, on each of their profiles', async () => {
    await approved('UACT', 'mentor');
    await approved('UACT', 'mentee');
    const at = () => db.models.profiles.find({ userId: 'UACT' }, { lastActiveAt: 1, role: 1 }).lean();
    clock.set(DateTime.fromISO('2026-03-05T15:00:00Z'));
    await upkeep.noteActivity('UACT');
    expect((await at()).map((p) => p.lastActiveAt?.toISOString())).toEqual([
      '2026-03-05T15:00:00.000Z',
      '2026-03-05T15:00:00.000Z',
    ]);
    clock.set(DateTime.fromISO('2026-03-05T15:59:00Z'));
    await upkeep.noteActivity('UACT');
    expect((await at())[0]?.lastActiveAt?.toISOString()).toBe('2026-03-05T15:00:00.000Z');
    clock.set(DateTime.fromISO('2026-03-05T16:00:00Z'));
    await upkeep.noteActivity('UACT');
    expect((await at())[0]?.lastActiveAt?.toISOString()).toBe('2026-03-05T16:00:00.000Z');
  });

  it('a fresh moment written by another copy is not written again', async () => {
    const stamp = new Date('2026-03-05T16:30:00Z');
    await db.models.profiles.updateMany({ userId: 'UACT' }, { $set: { lastActiveAt: stamp } });
    await repos.profiles.touchActivity(
      'UACT',
      new Date('2026-03-05T16:40:00Z'),
      new Date('2026-03-05T15:40:00Z'),
    );
    expect((await db.models.profiles.findOne({ userId: 'UACT' }).lean())?.lastActiveAt).toEqual(stamp);
  });
});

describe('the staff directory', () => {
  it('pages 2,000 mentors 40 at a time, listed first and quietest first, with totals over all of them', async () => {
    const { profiles } = db.models;
    await profiles.deleteMany({ role: 'mentor' });
    const base = DateTime.fromISO('2026-03-04T15:00:00Z');
    await profiles.insertMany(
      Array.from({ length: 2000 }, (_, i) => ({
        userId: `UBIG${String(i).padStart(4, '0')}`,
        role: 'mentor',
        displayName: `Mentor ${i}`,
        bio: 'private words',
        capacity: 2,
        openRelationships: i % 3 === 0 ? 2 : 0,
        listed: i % 4 !== 0,
        approved: true,
        ...(i % 5 === 0 ? {} : { lastActiveAt: base.minus({ days: i % 60 }).toJSDate() }),
      })),
    );
    clock.set(base);
    const first = await upkeep.list(STAFF, 1);
    if (first.kind !== 'done') throw new Error('refused');
    expect(first.value.pages).toBe(50);
    expect(first.value.entries).toHaveLength(40);
    expect(first.value.totals).toMatchObject({ mentors: 2000, listed: 1500, offered: 4000 });
    expect(first.value.entries.every((e) => e.listed)).toBe(true);
    // Never recorded first (quietest), then oldest.
    expect(first.value.entries[0]?.lastActiveAt).toBeUndefined();
    expect(Object.keys(first.value.entries[0]!).sort()).toEqual(
      ['capacity', 'lastActive', 'lastActiveAt', 'listed', 'used', 'userId'].sort(),
    );
    const last = await upkeep.list(STAFF, 999);
    expect(last).toMatchObject({ kind: 'done', value: { page: 50 } });
    if (last.kind === 'done') expect(last.value.entries.every((e) => !e.listed)).toBe(true);
    expect(await upkeep.list('UBOB', 1)).toMatchObject({ kind: 'refused', code: 'not_staff' });
  });

  it('an unlisted mentor leaves the directory indexes at once', async () => {
    const before = await repos.profiles.directoryPage([], 'UNOBODY', 0, 8);
    const someone = before.mentors[0]!.userId;
    expect((await upkeep.unlist(STAFF, someone, 'Away')).kind).toBe('done');
    const after = await repos.profiles.directoryPage([], 'UNOBODY', 0, 8);
    expect(after.total).toBe(before.total - 1);
    expect(after.mentors.map((m) => m.userId)).not.toContain(someone);
  });
});
