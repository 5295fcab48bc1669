import pino from 'pino';
import type { ApplicationAnswers } from '../../src/domain/application-form';
import type { NewNotice } from '../../src/domain/notices';
import { Rollback } from '../../src/services/ports';
import { createApplicationRepository } from '../../src/store/application-repository';
import { createAuditRepository } from '../../src/store/audit-repository';
import { connectDatabase, type Database } from '../../src/store/database';
import { createNoticeRepository, type NoticeRepository } from '../../src/store/notice-repository';
import { createUnitOfWork } from '../../src/store/unit-of-work';
import { freshDatabaseUri } from '../support/test-database';

const T0 = new Date('2030-03-04T15:00:00Z');
const ANSWERS = {
  displayName: 'Bob',
  academicInterests: [],
  careerInterests: [],
  otherInterests: '',
  communicationPreferences: ['slack' as const],
  bio: 'x',
  confidentialityAcknowledged: true,
} as unknown as ApplicationAnswers;

let db: Database;
let notices: NoticeRepository;
let repos: {
  applications: ReturnType<typeof createApplicationRepository>;
  audit: ReturnType<typeof createAuditRepository>;
  notices: NoticeRepository;
};

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('notices'), pino({ level: 'silent' }));
  notices = createNoticeRepository(db.models);
  repos = {
    applications: createApplicationRepository(db.models),
    audit: createAuditRepository(db.models),
    notices,
  };
});
afterAll(() => db.close());
beforeEach(async () => {
  await Promise.all([
    db.models.notices.deleteMany({}),
    db.models.applications.deleteMany({}),
    db.models.auditEvents.deleteMany({}),
  ]);
});

const dm = (key: string): NewNotice => ({
  key,
  notice: { type: 'mentee_request_news', news: 'declined', mentorId: 'UMENTOR' },
  destination: { to: 'person', userId: 'UMENTEE' },
});

describe('a unit of work', () => {
  it('commits the state change, its audit entry and its notice together, then wakes the dispatcher', async () => {
    let woken = 0;
    const uow = createUnitOfWork(db, repos, () => (woken += 1));
    const id = await uow.run(async (tx) => {
      const { application } = await tx.applications.submitOrEdit('UBOB', 'mentee', ANSWERS);
      await tx.notices.enqueue([dm(`a:${application.id}`)], T0);
      await tx.audit.record({
        at: T0,
        actorId: 'UBOB',
        action: 'x',
        subjectType: 'application',
        subjectId: application.id,
      });
      return application.id;
    });
    expect(await db.models.applications.countDocuments({ _id: id })).toBe(1);
    expect(await db.models.notices.countDocuments({ key: `a:${id}` })).toBe(1);
    expect(await db.models.auditEvents.countDocuments({ subjectId: id })).toBe(1);
    expect(woken).toBe(1);
  });

  it('a failing write rolls back the state change and the notice with it; nothing is woken', async () => {
    let woken = 0;
    const uow = createUnitOfWork(db, repos, () => (woken += 1));
    await expect(
      uow.run(async (tx) => {
        await tx.applications.submitOrEdit('UBOB', 'mentee', ANSWERS);
        await tx.notices.enqueue([dm('b')], T0);
        // The audit entry fails validation (no actor): the whole unit of work is undone.
        await tx.audit.record({ at: T0, subjectType: 'application', subjectId: 'x' } as never);
      }),
    ).rejects.toThrow();
    expect(await db.models.applications.countDocuments({})).toBe(0);
    expect(await db.models.notices.countDocuments({})).toBe(0);
    expect(woken).toBe(0);
  });

  it('Rollback undoes the writes and returns its result', async () => {
    const uow = createUnitOfWork(db, repos);
    const result = await uow.run<string>(async (tx) => {
      await tx.notices.enqueue([dm('c')], T0);
      throw new Rollback('refused');
    });
    expect(result).toBe('refused');
    expect(await db.models.notices.countDocuments({})).toBe(0);
  });
});

describe('notice claims', () => {
  it('enqueue is insert-only by key, and ten concurrent dispatchers claim each notice once', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    expect(await notices.enqueue(keys.map(dm), T0)).toBe(20);
    expect(await notices.enqueue([dm('k0')], T0)).toBe(0);
    const claimed: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, n) => {
        for (;;) {
          const item = await notices.claimNext(`copy${n}`, T0, 60_000);
          if (!item) return;
          claimed.push(item.key);
          expect(
            await notices.markSent(item.id, `copy${n}`, { channelId: 'D1', messageTs: `${n}.1`, at: T0 }),
          ).toBe(true);
        }
      }),
    );
    expect(claimed.sort()).toEqual([...keys].sort());
    expect(await notices.countByState()).toEqual({ sent: 20 });
  });

  it('only the lease holder settles a notice, and a waiting update does not count an attempt', async () => {
    await notices.enqueue([dm('w')], T0);
    const item = (await notices.claimNext('a', T0, 60_000))!;
    expect(await notices.markSent(item.id, 'b', { channelId: 'D', messageTs: '1', at: T0 })).toBe(false);
    expect(await notices.waitUntil(item.id, 'a', 'waiting', new Date(T0.getTime() + 2000))).toBe(true);
    expect(await notices.claimNext('a', T0, 60_000)).toBeUndefined();
    const again = (await notices.claimNext('a', new Date(T0.getTime() + 2000), 60_000))!;
    expect(again.attempts).toBe(1);
    expect(await notices.postedBy('w')).toBe('pending');
    await notices.markSent(again.id, 'a', { channelId: 'D', messageTs: '9.9', at: T0 });
    expect(await notices.postedBy('w')).toEqual({ channel: 'D', ts: '9.9' });
  });
});
