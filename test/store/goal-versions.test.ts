import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import type { GoalDraft } from '../../src/domain/goal-form';
import { createGoalService } from '../../src/services/goals';
import { createAuditRepository } from '../../src/store/audit-repository';
import { connectDatabase, type Database } from '../../src/store/database';
import { createGoalFormRepository } from '../../src/store/goal-form-repository';
import { createNoticeRepository } from '../../src/store/notice-repository';
import { createProfileRepository } from '../../src/store/profile-repository';
import { createRelationshipRepository } from '../../src/store/relationship-repository';
import { createUnitOfWork } from '../../src/store/unit-of-work';
import { freshDatabaseUri } from '../support/test-database';

/**
 * Saving goals twice at once (two windows, a double click, two copies of the bot), against a real MongoDB:
 * the version's unique index decides inside the save's transaction, and the loser leaves nothing behind.
 */
const RACERS = 5;

let db: Database;
beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('goal_versions'), pino({ level: 'silent' }));
});
afterAll(() => db.close());

const DRAFT: GoalDraft = {
  specific: 'Land a summer internship',
  measurable: 'an offer',
  achievable: 'with my mentor’s contacts',
  relevant: 'the career I want',
  actions: 'apply to ten firms',
  completeBy: '2026-08-14',
  checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'],
};

function goalService() {
  const { models } = db;
  const repositories = {
    relationships: createRelationshipRepository(models),
    goalForms: createGoalFormRepository(models),
    audit: createAuditRepository(models),
    notices: createNoticeRepository(models),
  };
  return createGoalService({
    relationships: repositories.relationships,
    goalForms: repositories.goalForms,
    profiles: createProfileRepository(models),
    unitOfWork: createUnitOfWork(db, repositories),
    clock: new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' })),
    programTimezone: 'UTC',
    maxProgramMonths: 12,
    onChanged: async () => undefined,
  });
}

describe('a goal form saved twice at once', () => {
  it(`${RACERS} saves of the same version: one is saved with its notices and audit entry; the others are refused and write nothing`, async () => {
    const { relationships, goalForms, notices, auditEvents } = db.models;
    const relationship = await relationships.create({
      mentorId: 'UMENTOR',
      menteeId: 'UMENTEE',
      status: 'stage2',
      requestedBy: 'UMENTEE',
      requestedAt: new Date('2026-02-01T00:00:00Z'),
      channelId: 'GPAIR',
    });
    const relationshipId = String(relationship._id);
    const goals = goalService();

    const results = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        goals.save(relationshipId, 'UMENTEE', [{ ...DRAFT, specific: `Goal from window ${i}` }]),
      ),
    );

    const saved = results.filter((r) => r.kind === 'done');
    expect(saved).toEqual([{ kind: 'done', value: { version: 1 } }]);
    expect(results.filter((r) => r.kind === 'refused' && r.code === 'saved_meanwhile')).toHaveLength(
      RACERS - 1,
    );
    const versions = await goalForms.find({ relationshipId }).lean();
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(await auditEvents.countDocuments({ subjectId: relationshipId, action: 'goals.saved' })).toBe(1);
    const written = await notices.find({}).lean(); // this file's own database: only these notices
    expect(written.map((n) => n.type).sort()).toEqual(['goals_announcement', 'goals_summary']);
    // The summary shows the goals that were kept, not one of the refused saves'.
    const summary = written.find((n) => n.type === 'goals_summary')!;
    expect((summary.notice as { goals: { specific: string }[] }).goals[0]!.specific).toBe(
      versions[0]!.goals[0]!.specific,
    );
    expect((await relationships.findById(relationshipId).lean())?.formalEndDate).toBe('2026-08-14');

    // The next save builds on the version that won.
    expect(await goals.save(relationshipId, 'UMENTEE', [DRAFT])).toEqual({
      kind: 'done',
      value: { version: 2 },
    });
  });
});
