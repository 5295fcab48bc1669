import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import { retentionCutoff, withoutWrittenAnswers } from '../../src/domain/data-requests';
import {
  createDataRequestService,
  createRetentionService,
  pseudonymFor,
} from '../../src/services/data-requests';
import { createAuditRepository } from '../../src/store/audit-repository';
import { connectDatabase, type Database } from '../../src/store/database';
import { createDataRequestRepository } from '../../src/store/data-request-repository';
import { createProfileRepository } from '../../src/store/profile-repository';
import { createUnitOfWork } from '../../src/store/unit-of-work';
import { freshDatabaseUri } from '../support/test-database';

/**
 * Erasure and retention against a real MongoDB (a replica set, so each erasure is one transaction), with
 * several copies of the bot racing the retention sweep.
 */
const NOW = DateTime.fromISO('2028-06-01T12:00:00Z', { zone: 'utc' });

let db: Database;
let clock: ManualClock;
const repositories = () => {
  const dataRequests = createDataRequestRepository(db.models);
  const audit = createAuditRepository(db.models);
  return { dataRequests, audit, unitOfWork: createUnitOfWork(db, { dataRequests, audit }) };
};
/** One copy of the bot's retention sweep (each with its own memory of when it last looked). */
const sweeper = (months: number | undefined, batch?: number) => {
  const { dataRequests, unitOfWork } = repositories();
  return createRetentionService({ store: dataRequests, unitOfWork, clock, months, batch });
};

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('datarequests'), pino({ level: 'silent' }));
});
beforeEach(async () => {
  clock = new ManualClock(NOW);
  for (const model of Object.values(db.models)) await model.collection.deleteMany({});
});
afterAll(() => db.close());

/** A finished relationship with text in every place the retention rule erases. */
async function finished(endedIso: string, status: 'completed' | 'ended_early' = 'completed') {
  const { models } = db;
  const ended = new Date(endedIso);
  const requested = new Date(ended.getTime() - 90 * 24 * 3600 * 1000);
  const relationship = await models.relationships.create({
    mentorId: 'UMENTOR',
    menteeId: `UMENTEE${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    status,
    requestedBy: 'UMENTEE',
    requestedAt: requested,
    history: [
      { to: 'requested', actor: 'mentee', at: requested },
      { from: 'stage4', to: status, actor: 'mentee', actorId: 'UMENTEE', at: ended, reason: 'moving away' },
    ],
  });
  const relationshipId = relationship._id;
  await models.goalForms.create({
    relationshipId,
    version: 1,
    submittedBy: 'UMENTEE',
    goals: [
      {
        specific: 's',
        measurable: 'm',
        achievable: 'a',
        relevant: 'r',
        actions: ['one'],
        completeBy: '2027-01-01',
        checkIns: ['2026-10-01'],
      },
    ],
  });
  await models.checkIns.create({
    relationshipId,
    dueDate: '2026-10-01',
    goalFormVersion: 1,
    submittedBy: 'UMENTEE',
    goals: [{ goalIndex: 0, status: 'done', evidence: 'e', supportNeeded: '' }],
    note: 'n',
  });
  await models.feedback.create({
    relationshipId,
    userId: 'UMENTOR',
    kind: 'evaluation',
    answers: { rating: 5, recommend: 'yes', worked: 'w', improve: '' },
  });
  await models.fitAssessments.create({
    relationshipId,
    mentorId: 'UMENTOR',
    understandingNotes: 'u',
    valueNotes: '',
    valueOverTime: 'v',
    decision: 'proceed',
  });
  await models.notices.create({
    key: `relationship:${String(relationshipId)}:check_in:1`,
    type: 'check_in_summary',
    notice: { type: 'check_in_summary', answers: { note: 'n' } },
    destination: { to: 'channel', channel: 'G1' },
    dueAt: ended,
    state: 'sent',
  });
  return String(relationshipId);
}

describe('pure rules', () => {
  it('keeps ratings and choices of feedback and counts the written answers it drops', () => {
    expect(
      withoutWrittenAnswers({ rating: 4, recommend: 'no', continueInformally: 'yes', thanks: 'x', how: '' }),
    ).toEqual({ answers: { rating: 4, recommend: 'no', continueInformally: 'yes' }, erased: 1 });
  });
  it('counts retention months on the calendar', () => {
    expect(retentionCutoff(new Date('2028-03-31T12:00:00Z'), 1)).toEqual(new Date('2028-02-29T12:00:00Z'));
  });
  it('gives a person the same pseudonym every time, and different people different ones', () => {
    const of = pseudonymFor('secret');
    expect(of('UONE')).toBe(of('UONE'));
    expect(of('UONE')).not.toBe(of('UTWO'));
    expect(of('UONE')).toMatch(/^erased-[0-9a-f]{24}$/);
    expect(pseudonymFor('other')('UONE')).not.toBe(of('UONE'));
  });
});

describe('the retention sweep (RETENTION_MONTHS)', () => {
  it('does nothing when RETENTION_MONTHS is unset', async () => {
    const old = await finished('2026-01-01T00:00:00Z');
    expect(await sweeper(undefined).sweep()).toEqual({ erased: 0 });
    expect((await db.models.relationships.findById(old).lean())?.textErasedAt).toBeUndefined();
  });

  it('erases the free text of relationships ended longer ago, keeping statuses and dates, with one audit entry each', async () => {
    const old = await finished('2027-05-01T00:00:00Z', 'ended_early');
    const recent = await finished('2027-07-01T00:00:00Z');
    expect(await sweeper(12).sweep()).toEqual({ erased: 1 });

    const { models } = db;
    const relationship = await models.relationships.findById(old).lean();
    expect(relationship?.textErasedAt).toEqual(NOW.toJSDate());
    expect(relationship?.status).toBe('ended_early');
    expect(relationship?.history.map((move) => [move.to, move.reason])).toEqual([
      ['requested', undefined],
      ['ended_early', undefined],
    ]);
    expect((await models.goalForms.findOne({ relationshipId: old }).lean())?.goals[0]).toMatchObject({
      specific: '',
      actions: [],
      completeBy: '2027-01-01',
      checkIns: ['2026-10-01'],
    });
    expect((await models.checkIns.findOne({ relationshipId: old }).lean())?.goals[0]).toMatchObject({
      status: 'done',
      evidence: '',
    });
    expect((await models.feedback.findOne({ relationshipId: old }).lean())?.answers).toEqual({
      rating: 5,
      recommend: 'yes',
    });
    expect((await models.fitAssessments.findOne({ relationshipId: old }).lean())?.understandingNotes).toBe(
      '',
    );
    expect((await models.notices.findOne({ key: new RegExp(old) }).lean())?.notice).toEqual({
      type: 'check_in_summary',
      erased: true,
    });
    // reason 1 + goal 5 (s, m, a, r, actions) + check-in 2 (evidence, note) + evaluation 1 + fit 2 + notice 1
    const entries = await models.auditEvents.find({}, { _id: 0 }).lean();
    expect(entries).toEqual([
      {
        action: 'retention_erased',
        subjectType: 'relationship',
        subjectId: old,
        actorId: 'system',
        at: NOW.toJSDate(),
        details: { fields: 12 },
      },
    ]);
    // The recent one is untouched.
    expect((await models.relationships.findById(recent).lean())?.textErasedAt).toBeUndefined();
    expect((await models.checkIns.findOne({ relationshipId: recent }).lean())?.note).toBe('n');
  });

  it('never erases a relationship twice, however often or by however many copies it runs', async () => {
    const ids = await Promise.all(
      Array.from({ length: 7 }, (_, n) => finished(`2026-0${n + 1}-15T00:00:00Z`)),
    );
    const copies = Array.from({ length: 4 }, () => sweeper(12, 3));
    // Each copy works slices of 3 until it has nothing more; all four at once.
    await Promise.all(
      copies.map(async (copy) => {
        for (let round = 0; round < 10; round += 1) if (!(await copy.sweep()).more) break;
      }),
    );
    const entries = await db.models.auditEvents.find({ action: 'retention_erased' }).lean();
    expect(entries.map((entry) => entry.subjectId).sort()).toEqual([...ids].sort());
    const marks = (await db.models.relationships.find({}).lean()).map((r) => r.textErasedAt);
    expect(marks.every((mark) => mark instanceof Date)).toBe(true);

    // Later runs (an hour on, a fresh copy) find nothing left to do.
    clock.advance({ hours: 2 });
    expect(await copies[0]!.sweep()).toEqual({ erased: 0 });
    expect(await sweeper(12).sweep()).toEqual({ erased: 0 });
    expect(await db.models.auditEvents.countDocuments({ action: 'retention_erased' })).toBe(7);
  });

  it('looks again only after an hour when it found nothing more to do', async () => {
    const copy = sweeper(12);
    expect(await copy.sweep()).toEqual({ erased: 0 });
    await finished('2026-01-01T00:00:00Z');
    expect(await copy.sweep()).toEqual({ erased: 0 }); // not yet
    clock.advance({ minutes: 61 });
    expect(await copy.sweep()).toEqual({ erased: 1 });
  });
});

describe('forgetting a person', () => {
  const service = () => {
    const { dataRequests, audit, unitOfWork } = repositories();
    return createDataRequestService({
      store: dataRequests,
      unitOfWork,
      staff: { isStaff: async (id) => id === 'USTAFF' },
      uploads: { uploadFiles: async () => undefined },
      audit,
      clock,
      adminChannelId: 'CADMIN',
      programTimezone: 'America/Chicago',
      pseudonymOf: pseudonymFor('secret'),
    });
  };

  it('refuses non-staff, and erases once even when two staff confirm at the same moment', async () => {
    await db.models.profiles.create({ userId: 'UGONE', role: 'mentee', displayName: 'Gone', bio: 'b' });
    const gone = service();
    expect(await gone.erase('UMENTEE', 'UGONE')).toMatchObject({ kind: 'refused', code: 'not_staff' });
    const results = await Promise.all([gone.erase('USTAFF', 'UGONE'), service().erase('USTAFF', 'UGONE')]);
    expect(results.map((r) => r.kind).sort()).toEqual(['done', 'refused']);
    expect(await db.models.auditEvents.countDocuments({ action: 'person.erased' })).toBe(1);
    expect(await db.models.profiles.findOne({}).lean()).toMatchObject({
      userId: pseudonymFor('secret')('UGONE'),
      displayName: '',
      bio: '',
    });
  });

  it('turns the person into the pseudonym in the weekly digests that name them, keeping the figures, and still sends one waiting', async () => {
    await db.models.profiles.create({ userId: 'UGONE', role: 'mentor', displayName: 'Gone', bio: 'b' });
    const digest = (week: string, state: 'sent' | 'pending') =>
      db.models.notices.create({
        key: `staff:weekly_digest:${week}`,
        type: 'staff_weekly_digest',
        notice: {
          type: 'staff_weekly_digest',
          digest: {
            week,
            waitingApplications: {
              count: 1,
              oldest: [{ userId: 'UGONE', role: 'mentor', since: '2028-05-20' }],
            },
            atRisk: { count: 1, top: [{ relationshipId: 'r1', mentorId: 'UGONE', menteeId: 'UOTHER' }] },
            endingSoon: {
              count: 1,
              listed: [{ mentorId: 'UGONE', menteeId: 'UOTHER', formalEndDate: '2028-06-09' }],
            },
          },
        },
        destination: { to: 'channel', channel: 'CADMIN' },
        dueAt: NOW.toJSDate(),
        state,
      });
    await digest('2028-W21', 'sent');
    await digest('2028-W22', 'pending');
    expect(await service().erase('USTAFF', 'UGONE')).toMatchObject({ kind: 'done' });
    const pseudonym = pseudonymFor('secret')('UGONE');
    const digests = await db.models.notices.find({ type: 'staff_weekly_digest' }).sort({ key: 1 }).lean();
    expect(JSON.stringify(digests)).not.toContain('UGONE');
    expect(digests.map((d) => d.state)).toEqual(['sent', 'pending']);
    expect(digests[1]?.notice).toMatchObject({
      digest: {
        waitingApplications: { count: 1, oldest: [{ userId: pseudonym }] },
        atRisk: { count: 1, top: [{ mentorId: pseudonym, menteeId: 'UOTHER' }] },
        endingSoon: { count: 1, listed: [{ mentorId: pseudonym, formalEndDate: '2028-06-09' }] },
      },
    });
  });

  it("turns a forgotten staff member into the pseudonym in the listing notices and report posts they made, leaving the recipients' messages", async () => {
    await db.models.profiles.create({ userId: 'UGONE', role: 'mentor', displayName: 'Gone', bio: 'b' });
    await db.models.notices.create({
      key: 'profile:UMENTOR:mentor:unlisted:1',
      type: 'mentor_listing_changed',
      notice: { type: 'mentor_listing_changed', listed: false, staffId: 'UGONE', reason: 'quiet term' },
      destination: { to: 'person', userId: 'UMENTOR' },
      dueAt: NOW.toJSDate(),
      state: 'pending',
    });
    await db.models.notices.create({
      key: 'staff:program_report:UGONE:1',
      type: 'staff_program_report',
      notice: { type: 'staff_program_report', report: { term: 'all' }, postedBy: 'UGONE' },
      destination: { to: 'channel', channel: 'CADMIN' },
      dueAt: NOW.toJSDate(),
      state: 'sent',
    });
    expect(await service().erase('USTAFF', 'UGONE')).toMatchObject({ kind: 'done' });
    const pseudonym = pseudonymFor('secret')('UGONE');
    const left = await db.models.notices.find({}).sort({ key: 1 }).lean();
    expect(JSON.stringify(left)).not.toContain('UGONE');
    expect(left.map((d) => [d.key, d.state])).toEqual([
      ['profile:UMENTOR:mentor:unlisted:1', 'pending'],
      [`staff:program_report:${pseudonym}:1`, 'sent'],
    ]);
    expect(left[0]?.notice).toMatchObject({ staffId: pseudonym, reason: 'quiet term' });
    expect(left[1]?.notice).toMatchObject({ postedBy: pseudonym, report: { term: 'all' } });
  });

  it('drops when an erased mentor was last active or asked, and leaves them out of the staff directory', async () => {
    const at = NOW.minus({ days: 3 }).toJSDate();
    const mentor = (userId: string) =>
      db.models.profiles.create({
        userId,
        role: 'mentor',
        approved: true,
        listed: true,
        capacity: 2,
        openRelationships: 0,
        displayName: userId,
        lastActiveAt: at,
        lastRequestedAt: at,
      });
    await mentor('UGONE');
    await mentor('UKEPT');
    expect(await service().erase('USTAFF', 'UGONE')).toMatchObject({ kind: 'done' });
    const erased = await db.models.profiles.findOne({ userId: pseudonymFor('secret')('UGONE') }).lean();
    expect(erased).not.toHaveProperty('lastActiveAt');
    expect(erased).not.toHaveProperty('lastRequestedAt');
    const page = await createProfileRepository(db.models).staffDirectory(0, 40, NOW.toJSDate());
    expect(page.mentors.map((m) => m.userId)).toEqual(['UKEPT']);
    expect(page.totals).toMatchObject({ mentors: 1, listed: 1, offered: 2 });
  });
});
