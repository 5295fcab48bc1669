import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { Goal } from '../../src/domain/goal-form';
import type { NewNotice } from '../../src/domain/notices';
import type { RelationshipRecord } from '../../src/domain/records';
import type { RelationshipStatus } from '../../src/domain/relationship-stages';
import { createCheckInService, type CheckInTx } from '../../src/services/check-ins';
import { Rollback, type UnitOfWork } from '../../src/services/ports';
import type { CheckInRecord } from '../../src/store/check-in-repository';

const MENTOR = 'UMENTOR';
const MENTEE = 'UMENTEE';
const OTHER = 'UOTHER';

function relationship(
  status: RelationshipStatus,
  extra: Partial<RelationshipRecord> = {},
): RelationshipRecord {
  return {
    id: 'r1',
    mentorId: MENTOR,
    menteeId: MENTEE,
    status,
    channelId: 'GPAIR',
    agreements: { channels: [] },
    history: [],
    ...extra,
  } as unknown as RelationshipRecord;
}

const GOAL: Goal = {
  specific: 'Land an internship',
  measurable: 'offers received',
  achievable: 'with my mentor’s contacts',
  relevant: 'the career I want',
  actions: ['apply to ten firms'],
  completeBy: '2026-08-14',
  checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'],
};

/**
 * In-memory fakes of the check-in service's ports, with the goals (version 1) written unless `goals` is
 * false; the clock starts on 20 April 2026 (15 April is late); the unit of work keeps writes only on commit.
 */
function world(
  relationships: RelationshipRecord[],
  options: { goals?: boolean; answered?: string[]; failNotices?: boolean } = {},
) {
  const clock = new ManualClock(DateTime.fromISO('2026-04-20T15:00:00Z', { zone: 'utc' }));
  const recorded: Omit<CheckInRecord, 'createdAt' | 'goals' | 'note'>[] = [];
  const notices: NewNotice[] = [];
  const audits: { action: string; details?: unknown }[] = [];
  const activity: string[] = [];
  const changed: string[][] = [];
  const answered = [...(options.answered ?? [])];
  const latest = async (relationshipId: string) =>
    options.goals === false
      ? undefined
      : { relationshipId, version: 1, goals: [GOAL], submittedBy: MENTEE, createdAt: new Date() };
  const tx: CheckInTx = {
    checkIns: {
      async record(checkIn) {
        recorded.push({
          relationshipId: checkIn.relationshipId,
          dueDate: checkIn.dueDate,
          goalFormVersion: checkIn.goalFormVersion,
          submittedBy: checkIn.submittedBy,
        });
      },
      async answeredDates() {
        return [...answered, ...recorded.flatMap((r) => (r.dueDate ? [r.dueDate] : []))];
      },
    },
    relationships: {
      async getForGoalWork(id) {
        const relationship = relationships.find((r) => r.id === id);
        return relationship && { relationship, menteeTimezone: undefined, goalForm: await latest(id) };
      },
      async recordActivity(id) {
        activity.push(id);
      },
    },
    audit: {
      async record(entry) {
        audits.push({ action: entry.action, details: entry.details });
      },
    },
    notices: {
      async enqueue(items) {
        if (options.failNotices) throw new Error('the outbox is unavailable');
        notices.push(...items);
        return items.length;
      },
    },
  };
  const unitOfWork: UnitOfWork<CheckInTx> = {
    async run(work) {
      const before = [recorded.length, notices.length, audits.length, activity.length] as const;
      try {
        return await work(tx);
      } catch (error) {
        recorded.length = before[0];
        notices.length = before[1];
        audits.length = before[2];
        activity.length = before[3];
        if (error instanceof Rollback) return error.result as never;
        throw error;
      }
    },
  };
  const checkIns = createCheckInService({
    relationships: {
      async get(id) {
        return relationships.find((r) => r.id === id);
      },
      async findOpenFor(userId) {
        return relationships.filter((r) => r.mentorId === userId || r.menteeId === userId);
      },
      async getForGoalWork(id) {
        const relationship = relationships.find((r) => r.id === id);
        return relationship && { relationship, menteeTimezone: undefined, goalForm: await latest(id) };
      },
    },
    goalForms: { latest },
    checkIns: {
      async answeredDates() {
        return [...answered, ...recorded.flatMap((r) => (r.dueDate ? [r.dueDate] : []))];
      },
    },
    profiles: { get: async () => undefined },
    unitOfWork,
    clock,
    programTimezone: 'UTC',
    onChanged: async (ids) => {
      changed.push(ids);
    },
  });
  return { checkIns, recorded, notices, audits, activity, changed, clock };
}

const GOOD = { g0_status: 'at_risk', g0_evidence: 'Two applications sent', g0_support: 'Practice interview' };

const nothingWritten = (w: ReturnType<typeof world>) => {
  expect(w.recorded).toEqual([]);
  expect(w.notices).toEqual([]);
  expect(w.audits).toEqual([]);
  expect(w.activity).toEqual([]);
  expect(w.changed).toEqual([]);
};

describe('the check-in service', () => {
  describe('the form', () => {
    it('opens for the mentee with the goals in force and the late date it answers', async () => {
      const w = world([relationship('stage3')]);
      expect(await w.checkIns.openForm(MENTEE)).toEqual({
        kind: 'done',
        value: {
          relationshipId: 'r1',
          menteeId: MENTEE,
          goalFormVersion: 1,
          goals: [GOAL],
          due: { date: '2026-04-15', late: true },
        },
      });
    });

    it('a week before a date, the form answers that date, not late; with nothing due, no date', async () => {
      const w = world([relationship('stage3')], { answered: ['2026-04-15'] });
      w.clock.set(DateTime.fromISO('2026-05-11T15:00:00Z', { zone: 'utc' }));
      expect(await w.checkIns.openForm(MENTEE, 'r1')).toMatchObject({
        value: { due: { date: '2026-05-15', late: false } },
      });
      w.clock.set(DateTime.fromISO('2026-04-21T15:00:00Z', { zone: 'utc' }));
      expect(await w.checkIns.openForm(MENTEE, 'r1')).toMatchObject({
        value: { due: { date: undefined, late: false } },
      });
    });

    it('no_relationship: before stage 2, or someone outside the pair with the pair’s button', async () => {
      expect(await world([relationship('stage1')]).checkIns.openForm(MENTEE)).toMatchObject({
        kind: 'refused',
        code: 'no_relationship',
      });
      expect(await world([relationship('stage3')]).checkIns.openForm(OTHER, 'r1')).toMatchObject({
        code: 'no_relationship',
      });
    });

    it('for_mentee: the pair’s mentor, with the mentee named', async () => {
      expect(await world([relationship('stage3')]).checkIns.openForm(MENTOR, 'r1')).toEqual({
        kind: 'refused',
        code: 'for_mentee',
        facts: { menteeId: MENTEE },
      });
    });

    it('no_goals: the goal form isn’t written yet', async () => {
      expect(await world([relationship('stage2')], { goals: false }).checkIns.openForm(MENTEE)).toMatchObject(
        { code: 'no_goals' },
      );
    });
  });

  describe('/checkin', () => {
    it('a mentee gets the form', async () => {
      expect(await world([relationship('stage2')]).checkIns.forCommand(MENTEE)).toMatchObject({
        kind: 'done',
        value: { show: 'form', form: { relationshipId: 'r1', due: { date: '2026-04-15' } } },
      });
    });

    it('someone who only mentors gets each mentee’s next and late dates, never the reports', async () => {
      const w = world([relationship('stage3'), relationship('stage4', { id: 'r2', menteeId: 'UNEW' })]);
      expect(await w.checkIns.forCommand(MENTOR)).toEqual({
        kind: 'done',
        value: {
          show: 'mentees',
          mentees: [
            { menteeId: MENTEE, next: '2026-05-15', late: ['2026-04-15'] },
            { menteeId: 'UNEW', next: '2026-05-15', late: ['2026-04-15'] },
          ],
        },
      });
    });

    it('a mentor whose mentees have no goals yet gets an empty list', async () => {
      const w = world([relationship('stage1')], { goals: false });
      expect(await w.checkIns.forCommand(MENTOR)).toEqual({
        kind: 'done',
        value: { show: 'mentees', mentees: [] },
      });
    });

    it('no_relationship: neither mentee nor mentor', async () => {
      expect(await world([relationship('stage3')]).checkIns.forCommand(OTHER)).toMatchObject({
        code: 'no_relationship',
      });
    });
  });

  describe('submitting', () => {
    it('done: stored against the late date, the relationship active, audited, and the pair’s summary written with it', async () => {
      const w = world([relationship('stage3')]);
      const result = await w.checkIns.submit('r1', MENTEE, 1, { ...GOOD, note: 'Busy month' });
      expect(result).toEqual({ kind: 'done', value: { due: { date: '2026-04-15', late: true } } });
      expect(w.recorded).toEqual([
        { relationshipId: 'r1', dueDate: '2026-04-15', goalFormVersion: 1, submittedBy: MENTEE },
      ]);
      expect(w.activity).toEqual(['r1']);
      expect(w.audits).toEqual([
        {
          action: 'check_in.submitted',
          details: { dueDate: '2026-04-15', late: true, statuses: ['at_risk'] },
        },
      ]);
      expect(w.notices).toEqual([
        {
          key: `relationship:r1:check_in:${Date.parse('2026-04-20T15:00:00Z')}`,
          notice: {
            type: 'check_in_summary',
            menteeId: MENTEE,
            goals: [GOAL],
            answers: {
              goals: [
                {
                  goalIndex: 0,
                  status: 'at_risk',
                  evidence: 'Two applications sent',
                  supportNeeded: 'Practice interview',
                },
              ],
              note: 'Busy month',
            },
            due: { date: '2026-04-15', late: true },
          },
          destination: { to: 'channel', channel: 'GPAIR' },
        },
      ]);
      expect(w.changed).toEqual([[MENTOR, MENTEE]]);
    });

    it('an extra check-in with nothing due: stored without a date, the summary says so', async () => {
      const w = world([relationship('stage3')], { answered: ['2026-04-15'] });
      expect(await w.checkIns.submit('r1', MENTEE, 1, GOOD)).toEqual({
        kind: 'done',
        value: { due: { date: undefined, late: false } },
      });
      expect(w.recorded[0]!.dueDate).toBeUndefined();
      expect(w.notices[0]!.notice).toMatchObject({ due: { late: false } });
      expect(w.notices[0]!.notice).not.toHaveProperty('due.date');
    });

    it('a pair without a conversation: stored and audited, no notice', async () => {
      const w = world([relationship('stage3', { channelId: undefined })]);
      expect(await w.checkIns.submit('r1', MENTEE, 1, GOOD)).toMatchObject({ kind: 'done' });
      expect(w.recorded).toHaveLength(1);
      expect(w.notices).toEqual([]);
    });

    it('invalid: status_required, evidence_required and too_long under their fields; nothing written', async () => {
      const w = world([relationship('stage3')]);
      expect(await w.checkIns.submit('r1', MENTEE, 1, { g0_evidence: '' })).toEqual({
        kind: 'invalid',
        fields: { g0_status: 'status_required' },
      });
      expect(await w.checkIns.submit('r1', MENTEE, 1, { g0_status: 'on_track', g0_evidence: ' ' })).toEqual({
        kind: 'invalid',
        fields: { g0_evidence: 'evidence_required' },
      });
      expect(await w.checkIns.submit('r1', MENTEE, 1, { ...GOOD, note: 'x'.repeat(2001) })).toEqual({
        kind: 'invalid',
        fields: { note: 'too_long' },
      });
      nothingWritten(w);
    });

    it('goals_changed: a form older than the goals in force; nothing written', async () => {
      const w = world([relationship('stage3')]);
      expect(await w.checkIns.submit('r1', MENTEE, 0, GOOD)).toEqual({
        kind: 'refused',
        code: 'goals_changed',
        facts: {},
      });
      nothingWritten(w);
    });

    it('no_relationship / for_mentee / no_goals: tampered metadata or the wrong person; nothing written', async () => {
      for (const [w, userId, code] of [
        [world([relationship('stage3')]), OTHER, 'no_relationship'],
        [world([relationship('completed')]), MENTEE, 'no_relationship'],
        [world([relationship('stage3')]), MENTOR, 'for_mentee'],
        [world([relationship('stage2')], { goals: false }), MENTEE, 'no_goals'],
      ] as const) {
        expect(await w.checkIns.submit('r1', userId, 1, GOOD)).toMatchObject({ kind: 'refused', code });
        nothingWritten(w);
      }
    });

    it('when the notice can’t be written, the check-in isn’t kept either', async () => {
      const w = world([relationship('stage3')], { failNotices: true });
      await expect(w.checkIns.submit('r1', MENTEE, 1, GOOD)).rejects.toThrow('the outbox is unavailable');
      nothingWritten(w);
    });
  });

  it('standing: answered, late and next dates as of the mentee’s today', async () => {
    const w = world([relationship('stage3')], { answered: ['2026-04-15'] });
    w.clock.set(DateTime.fromISO('2026-05-20T15:00:00Z', { zone: 'utc' }));
    expect(await w.checkIns.standing(relationship('stage3'))).toEqual({
      answered: ['2026-04-15'],
      late: ['2026-05-15'],
      next: '2026-06-15',
    });
  });
});
