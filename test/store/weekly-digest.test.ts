import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import { DEFAULT_DIGEST_SCHEDULE } from '../../src/domain/weekly-digest';
import { createWeeklyDigestService } from '../../src/services/weekly-digest';
import { connectDatabase, type Database } from '../../src/store/database';
import { createNoticeRepository } from '../../src/store/notice-repository';
import { createReportRepository } from '../../src/store/report-repository';
import { createUnitOfWork } from '../../src/store/unit-of-work';
import { freshDatabaseUri } from '../support/test-database';

/**
 * The digest's reads and its once-a-week write against a real MongoDB: what the store selects (no field
 * anyone wrote), the retention job's audit entries counted for the week, and copies racing to queue it.
 */

let db: Database;
const SINCE = new Date('2026-03-02T14:00:00Z');

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('weekly-digest'), pino({ level: 'silent' }));
  const { applications, auditEvents } = db.models;
  const answers = { displayName: 'SECRETNAME', bio: 'SECRETBIO', academicInterests: [], careerInterests: [] };
  for (const [userId, status, createdAt] of [
    ['UOLDWAIT', 'submitted', '2026-01-10T12:00:00Z'],
    ['UNEWOK', 'approved', '2026-03-05T12:00:00Z'],
    ['UOLDOK', 'approved', '2026-01-10T12:00:00Z'],
  ] as const)
    await applications.create({
      userId,
      role: 'mentee',
      status,
      answers,
      createdAt: new Date(createdAt),
      ...(status === 'approved' ? { decidedAt: new Date(createdAt), reviewerId: 'USTAFF' } : {}),
    });
  const entry = (action: string, at: string, details?: Record<string, unknown>) =>
    auditEvents.create({
      at: new Date(at),
      actorId: 'system',
      action,
      subjectType: 'relationship',
      subjectId: 'r',
      ...(details ? { details } : {}),
    });
  await entry('retention_erased', '2026-03-03T06:00:00Z', { fields: 5 });
  await entry('retention_erased', '2026-03-08T06:00:00Z', { fields: 2 });
  await entry('retention_erased', '2026-03-08T07:00:00Z'); // counted, no field count
  await entry('retention_erased', '2026-02-20T06:00:00Z', { fields: 9 }); // the week before
  await entry('relationship.staff_nudged', '2026-03-04T06:00:00Z', { fields: 100 });
});
afterAll(() => db.close());

describe('the digest’s reads', () => {
  it('reads waiting applications and the week’s new ones through a projection of ids, roles, statuses and dates', async () => {
    const facts = await createReportRepository(db.models).digestFacts(SINCE);
    const byUser = Object.fromEntries(facts.applications.map((a) => [a.userId, a]));
    expect(Object.keys(byUser).sort()).toEqual(['UNEWOK', 'UOLDWAIT']);
    for (const application of facts.applications)
      expect(Object.keys(application).sort()).toEqual(['createdAt', 'role', 'status', 'userId']);
    expect(JSON.stringify(facts)).not.toMatch(/SECRET/);
  });

  it('counts the retention job’s erasures in the week, one entry per relationship, with their fields', async () => {
    const facts = await createReportRepository(db.models).digestFacts(SINCE);
    expect(facts.retentionErased).toEqual({ relationships: 3, fields: 7 });
  });
});

describe('queuing the digest once a week', () => {
  const copy = (clock: ManualClock, options: { off?: boolean } = {}) => {
    const notices = createNoticeRepository(db.models);
    return createWeeklyDigestService({
      atRisk: { overview: async () => ({ list: { entries: [], handledHidden: 0 }, live: [] }) },
      reports: createReportRepository(db.models),
      notices,
      unitOfWork: createUnitOfWork(db, { notices }),
      staff: { isStaff: async (userId) => userId === 'USTAFF' },
      clock,
      programTimezone: 'America/Chicago',
      schedule: options.off ? undefined : DEFAULT_DIGEST_SCHEDULE,
      adminChannelId: 'CADMIN',
    });
  };
  const at = (iso: string) => new ManualClock(DateTime.fromISO(iso, { zone: 'utc' }));

  it('says it is not due before Monday 09:00 Chicago time, and off when turned off', async () => {
    expect(await copy(at('2026-03-09T13:59:00Z')).enqueueDue()).toEqual({ digest: 'not_yet' });
    expect(await copy(at('2026-03-09T14:00:00Z'), { off: true }).enqueueDue()).toEqual({ digest: 'off' });
    expect(await db.models.notices.countDocuments({})).toBe(0);
  });

  it('four copies racing at 09:00 queue one digest for the week, for the staff channel', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => copy(at('2026-03-09T14:00:00Z')).enqueueDue()));
    expect(results.filter((r) => r.digest === 'queued')).toEqual([{ digest: 'queued', week: '2026-W11' }]);
    expect(results.filter((r) => r.digest === 'already_queued')).toHaveLength(3);
    const queued = await db.models.notices.find({}).lean();
    expect(queued.map((n) => [n.key, n.type, n.destination])).toEqual([
      ['staff:weekly_digest:2026-W11', 'staff_weekly_digest', { to: 'channel', channel: 'CADMIN' }],
    ]);
    expect(JSON.stringify(queued)).not.toMatch(/SECRET/);
    // Later that week: one look-up, nothing new.
    expect(await copy(at('2026-03-12T20:00:00Z')).enqueueDue()).toEqual({
      digest: 'already_queued',
      week: '2026-W11',
    });
    expect(await copy(at('2026-03-16T14:00:00Z')).enqueueDue()).toEqual({
      digest: 'queued',
      week: '2026-W12',
    });
  });

  it('gives the headline to staff only', async () => {
    const service = copy(at('2026-03-09T14:00:00Z'));
    expect(await service.headline('UALICE')).toEqual({ kind: 'refused', code: 'not_staff', facts: {} });
    const headline = await service.headline('USTAFF');
    expect(headline.kind === 'done' && headline.value).toMatchObject({
      week: '2026-W11',
      newApplications: 1,
      waitingApplications: 1,
      oldestWaitingDays: 58,
    });
  });
});
