import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { Goal, GoalDraft } from '../../src/domain/goal-form';
import type { NewNotice } from '../../src/domain/notices';
import type { RelationshipRecord } from '../../src/domain/records';
import type { RelationshipStatus } from '../../src/domain/relationship-stages';
import { createGoalService, type GoalTx } from '../../src/services/goals';
import { Rollback, type UnitOfWork } from '../../src/services/ports';
import type { GoalFormVersion } from '../../src/store/goal-form-repository';

const MENTOR = 'UMENTOR';
const MENTEE = 'UMENTEE';
const OTHER = 'UOTHER';

function relationship(status: RelationshipStatus, extra: Partial<RelationshipRecord> = {}) {
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

const goal = (specific: string, completeBy = '2026-08-14'): Goal => ({
  specific,
  measurable: 'offers received',
  achievable: 'with my mentor’s contacts',
  relevant: 'the career I want',
  actions: ['apply to ten firms'],
  completeBy,
  checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'],
});
const draft = (specific: string, completeBy = '2026-08-14'): GoalDraft => ({
  ...goal(specific, completeBy),
  actions: 'apply to ten firms',
  checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'],
});

/**
 * In-memory fakes of the goal service's ports, on Monday 2 March 2026 (UTC); the unit of work keeps the
 * writes only when it commits. `concurrentSave` makes the store answer as if another save came first.
 */
function world(start: RelationshipRecord, options: { versions?: Goal[][]; concurrentSave?: boolean } = {}) {
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' }));
  const versions: GoalFormVersion[] = (options.versions ?? []).map((goals, i) => ({
    relationshipId: start.id,
    version: i + 1,
    goals,
    submittedBy: MENTEE,
    createdAt: new Date(),
  }));
  const notices: NewNotice[] = [];
  const audits: { action: string; details?: unknown }[] = [];
  const endDates: string[] = [];
  const changed: string[][] = [];
  const tx: GoalTx = {
    goalForms: {
      async saveVersion(relationshipId, previousVersion, goals, submittedBy) {
        const version = previousVersion + 1;
        if (options.concurrentSave || versions.some((v) => v.version === version)) return undefined;
        versions.push({ relationshipId, version, goals, submittedBy, createdAt: new Date() });
        return version;
      },
    },
    relationships: {
      async getForGoalWork(id) {
        if (id !== start.id) return undefined;
        return { relationship: start, menteeTimezone: undefined, goalForm: versions[versions.length - 1] };
      },
      async setFormalEndDate(_id, date) {
        endDates.push(date);
      },
    },
    audit: {
      async record(entry) {
        audits.push({ action: entry.action, details: entry.details });
      },
    },
    notices: {
      async enqueue(items) {
        notices.push(...items);
        return items.length;
      },
    },
  };
  const unitOfWork: UnitOfWork<GoalTx> = {
    async run(work) {
      const before = [versions.length, notices.length, audits.length, endDates.length] as const;
      try {
        return await work(tx);
      } catch (error) {
        versions.length = before[0];
        notices.length = before[1];
        audits.length = before[2];
        endDates.length = before[3];
        if (error instanceof Rollback) return error.result as never;
        throw error;
      }
    },
  };
  const goals = createGoalService({
    relationships: {
      async get(id) {
        return id === start.id ? start : undefined;
      },
      async findOpenFor(userId) {
        return [start].filter((r) => r.mentorId === userId || r.menteeId === userId);
      },
      async getForGoalWork(id) {
        if (id !== start.id) return undefined;
        return { relationship: start, menteeTimezone: undefined, goalForm: versions[versions.length - 1] };
      },
    },
    goalForms: {
      async latest() {
        return versions[versions.length - 1];
      },
    },
    profiles: { get: async () => undefined },
    unitOfWork,
    clock,
    programTimezone: 'UTC',
    maxProgramMonths: 12,
    onChanged: async (ids) => {
      changed.push(ids);
    },
  });
  return { goals, versions, notices, audits, endDates, changed, clock };
}

const nothingWritten = (w: ReturnType<typeof world>, versionsBefore = 0) => {
  expect(w.versions).toHaveLength(versionsBefore);
  expect(w.notices).toEqual([]);
  expect(w.audits).toEqual([]);
  expect(w.endDates).toEqual([]);
  expect(w.changed).toEqual([]);
};

describe('the goal service', () => {
  describe('the form', () => {
    it('opens for the mentee in stage 2 with one blank goal, complete-by four months out and three check-ins before it', async () => {
      const w = world(relationship('stage2'));
      const form = await w.goals.openForm(MENTEE);
      expect(form).toMatchObject({
        kind: 'done',
        value: { relationshipId: 'r1', mentorId: MENTOR, revision: 0 },
      });
      if (form.kind !== 'done') return;
      const [blank] = form.value.drafts;
      expect(form.value.drafts).toHaveLength(1);
      expect(blank).toMatchObject({ specific: '', completeBy: '2026-07-02' });
      expect(blank!.checkIns).toHaveLength(3);
      for (const date of blank!.checkIns) expect(date > '2026-03-02' && date < '2026-07-02').toBe(true);
    });

    it('opens with the goals in force to edit, from /goals or the pair’s button', async () => {
      const w = world(relationship('stage3'), { versions: [[goal('Land an internship')]] });
      for (const form of [await w.goals.openForm(MENTEE), await w.goals.openForm(MENTEE, 'r1')])
        expect(form).toMatchObject({
          kind: 'done',
          value: { drafts: [{ specific: 'Land an internship', actions: 'apply to ten firms' }] },
        });
    });

    it('no_relationship: before stage 2, after the relationship, for someone else’s button', async () => {
      expect(await world(relationship('stage1')).goals.openForm(MENTEE)).toMatchObject({
        kind: 'refused',
        code: 'no_relationship',
      });
      expect(await world(relationship('completed')).goals.openForm(MENTEE, 'r1')).toMatchObject({
        code: 'no_relationship',
      });
      expect(await world(relationship('stage2')).goals.openForm(OTHER, 'r1')).toMatchObject({
        code: 'no_relationship',
      });
      expect(await world(relationship('stage2')).goals.openForm(MENTOR, 'r1')).toMatchObject({
        code: 'no_relationship',
      });
    });

    it('name_your_mentee: /goals from someone who only mentors', async () => {
      expect(await world(relationship('stage2')).goals.openForm(MENTOR)).toEqual({
        kind: 'refused',
        code: 'name_your_mentee',
        facts: {},
      });
    });

    it('adding a goal keeps what was typed and adds a blank one with proposed dates, up to three', async () => {
      const w = world(relationship('stage2'));
      const added = await w.goals.rebuildForm('r1', MENTEE, [draft('First')], { add: true }, 0);
      expect(added).toMatchObject({
        kind: 'done',
        value: { revision: 1, drafts: [{ specific: 'First' }, { specific: '', completeBy: '2026-07-02' }] },
      });
      const full = [draft('1'), draft('2'), draft('3')];
      const atMost = await w.goals.rebuildForm('r1', MENTEE, full, { add: true }, 4);
      expect(atMost).toMatchObject({ kind: 'done', value: { revision: 5 } });
      if (atMost.kind === 'done') expect(atMost.value.drafts).toHaveLength(3);
    });

    it('removing a goal keeps the others, never the last one', async () => {
      const w = world(relationship('stage2'));
      const removed = await w.goals.rebuildForm('r1', MENTEE, [draft('A'), draft('B')], { remove: 0 }, 1);
      expect(removed).toMatchObject({ kind: 'done', value: { drafts: [{ specific: 'B' }], revision: 2 } });
      const last = await w.goals.rebuildForm('r1', MENTEE, [draft('A')], { remove: 0 }, 2);
      expect(last).toMatchObject({ kind: 'done', value: { drafts: [{ specific: 'A' }] } });
    });

    it('no_relationship: someone other than the mentee rebuilds the form', async () => {
      const w = world(relationship('stage2'));
      expect(await w.goals.rebuildForm('r1', OTHER, [draft('A')], { add: true }, 0)).toMatchObject({
        code: 'no_relationship',
      });
    });
  });

  describe('saving', () => {
    it('the first version: saved, the formal end date set, audited, the pair told how many and until when, then shown the goals', async () => {
      const w = world(relationship('stage2'));
      const result = await w.goals.save('r1', MENTEE, [draft('Land an internship')]);
      expect(result).toEqual({ kind: 'done', value: { version: 1 } });
      expect(w.versions.map((v) => v.version)).toEqual([1]);
      expect(w.endDates).toEqual(['2026-08-14']);
      expect(w.audits).toEqual([{ action: 'goals.saved', details: { version: 1, goals: 1 } }]);
      expect(w.notices).toEqual([
        {
          key: 'relationship:r1:goals:v1:announcement',
          notice: {
            type: 'goals_announcement',
            menteeId: MENTEE,
            goals: [goal('Land an internship')],
            endDate: '2026-08-14',
          },
          destination: { to: 'channel', channel: 'GPAIR' },
        },
        {
          key: 'relationship:r1:goals:v1:summary',
          notice: {
            type: 'goals_summary',
            menteeId: MENTEE,
            goals: [goal('Land an internship')],
            version: 1,
          },
          destination: { to: 'channel', channel: 'GPAIR' },
        },
      ]);
      expect(w.changed).toEqual([[MENTOR, MENTEE]]);
    });

    it('a later version: the announcement carries the goals it replaced, so the pair hears what changed', async () => {
      const w = world(relationship('stage3'), { versions: [[goal('Land an internship')]] });
      const result = await w.goals.save('r1', MENTEE, [draft('Land an internship', '2026-09-30')]);
      expect(result).toEqual({ kind: 'done', value: { version: 2 } });
      expect(w.endDates).toEqual(['2026-09-30']);
      expect(w.notices[0]).toMatchObject({
        key: 'relationship:r1:goals:v2:announcement',
        notice: {
          type: 'goals_announcement',
          previous: [goal('Land an internship')],
          goals: [goal('Land an internship', '2026-09-30')],
        },
      });
      expect(w.notices[1]).toMatchObject({ notice: { type: 'goals_summary', version: 2 } });
    });

    it('a pair without a conversation: saved and audited, no notice', async () => {
      const w = world(relationship('stage2', { channelId: undefined }));
      expect(await w.goals.save('r1', MENTEE, [draft('Land an internship')])).toMatchObject({
        kind: 'done',
      });
      expect(w.audits).toHaveLength(1);
      expect(w.notices).toEqual([]);
    });

    it('invalid: every field error at once, keyed by goal and field, and nothing written', async () => {
      const w = world(relationship('stage2'));
      const result = await w.goals.save('r1', MENTEE, [
        { ...draft(''), checkIns: ['2026-04-15', '2026-03-20', '2026-06-15'] },
      ]);
      expect(result).toMatchObject({ kind: 'invalid' });
      if (result.kind !== 'invalid') return;
      expect(Object.keys(result.fields).sort()).toEqual(['g0.checkIns.1', 'g0.specific']);
      expect(result.fields).toEqual({ 'g0.specific': 'required', 'g0.checkIns.1': 'not_after_previous' });
      // after check-in 1 (0-based index 0), as the form will say
      expect(result.facts).toEqual({ 'g0.checkIns.1': { previous: 0 } });
      nothingWritten(w);
    });

    it('no_relationship: a forged save by someone outside the pair, or before stage 2, writes nothing', async () => {
      const outsider = world(relationship('stage2'));
      expect(await outsider.goals.save('r1', OTHER, [draft('hijack')])).toMatchObject({
        code: 'no_relationship',
      });
      nothingWritten(outsider);
      const early = world(relationship('stage1'));
      expect(await early.goals.save('r1', MENTEE, [draft('Too soon')])).toMatchObject({
        code: 'no_relationship',
      });
      nothingWritten(early);
    });

    it('saved_meanwhile: another save took this version first; nothing of this one is kept', async () => {
      const w = world(relationship('stage2'), { concurrentSave: true });
      expect(await w.goals.save('r1', MENTEE, [draft('Land an internship')])).toEqual({
        kind: 'refused',
        code: 'saved_meanwhile',
        facts: {},
      });
      nothingWritten(w);
    });
  });

  describe('the mentor reading a mentee’s goals', () => {
    it('reads the goals in force, with their version', async () => {
      const w = world(relationship('stage3'), { versions: [[goal('Old')], [goal('New')]] });
      expect(await w.goals.goalsOf(MENTOR, MENTEE)).toEqual({
        kind: 'done',
        value: { menteeId: MENTEE, written: true, goals: [goal('New')], version: 2 },
      });
    });

    it('before the form is written: none yet', async () => {
      expect(await world(relationship('stage1')).goals.goalsOf(MENTOR, MENTEE)).toEqual({
        kind: 'done',
        value: { menteeId: MENTEE, written: false },
      });
    });

    it('not_your_mentee: anyone but the mentee’s own mentor, the mentee included', async () => {
      const w = world(relationship('stage3'), { versions: [[goal('Private')]] });
      expect(await w.goals.goalsOf(OTHER, MENTEE)).toMatchObject({ code: 'not_your_mentee' });
      expect(await w.goals.goalsOf(MENTEE, MENTEE)).toMatchObject({ code: 'not_your_mentee' });
    });
  });
});
