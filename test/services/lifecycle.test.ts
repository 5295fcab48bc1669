import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { NewNotice } from '../../src/domain/notices';
import type { RelationshipRecord } from '../../src/domain/records';
import type { RelationshipStatus } from '../../src/domain/relationship-stages';
import { createCloseOutService, type CloseOutTx } from '../../src/services/close-out';
import { Rollback, type UnitOfWork } from '../../src/services/ports';
import { createRelationshipService, type RelationshipTx } from '../../src/services/relationships';

const MENTOR = 'UMENTOR';
const MENTEE = 'UMENTEE';

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

/** In-memory fakes of every port the two services use; the unit of work keeps writes only on commit. */
function world(start: RelationshipRecord, options: { goalForm?: boolean } = {}) {
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z'));
  let stored = start;
  const notices: NewNotice[] = [];
  const audits: string[] = [];
  const writes: string[] = [];
  const released: string[] = [];
  const changed: string[][] = [];
  const tx: RelationshipTx & CloseOutTx = {
    relationships: {
      async transition(id, from, step) {
        if (id !== stored.id || stored.status !== from) return undefined;
        stored = { ...stored, status: step.to };
        return stored;
      },
      async setAgreements(_id, side, answers) {
        if (stored.status !== 'stage1') return undefined;
        const ack = side === 'mentor' ? 'confidentialityAckMentor' : 'confidentialityAckMentee';
        stored = { ...stored, agreements: { ...stored.agreements, ...answers, [ack]: new Date() } };
        return stored;
      },
      async setTalkAgainOn(_id, day) {
        writes.push(`talk_again:${day}`);
      },
      async setPause(_id, from, until) {
        stored = { ...stored, pausedAt: from, pausedUntil: until };
        return stored;
      },
      async recordActivity() {
        writes.push('activity');
      },
    },
    profiles: {
      async releaseSeat(mentorId) {
        released.push(mentorId);
      },
    },
    fitAssessments: {
      async record(assessment) {
        writes.push(`fit:${assessment.decision}`);
      },
    },
    feedback: {
      async save(entry) {
        writes.push(`feedback:${entry.kind}`);
      },
    },
    audit: {
      async record(entry) {
        audits.push(entry.action);
      },
    },
    notices: {
      async enqueue(items) {
        notices.push(...items);
        return items.length;
      },
    },
  };
  const unitOfWork: UnitOfWork<typeof tx> = {
    async run(work) {
      const before = { stored, notices: notices.length, audits: audits.length, writes: writes.length };
      try {
        return await work(tx);
      } catch (error) {
        stored = before.stored;
        notices.length = before.notices;
        audits.length = before.audits;
        writes.length = before.writes;
        if (error instanceof Rollback) return error.result as never;
        throw error;
      }
    },
  };
  const reads = {
    async get(id: string) {
      return id === stored.id ? stored : undefined;
    },
    async findOpenFor(userId: string) {
      return [stored].filter(
        (r) =>
          (r.mentorId === userId || r.menteeId === userId) &&
          !['ended_early', 'not_a_fit', 'completed'].includes(r.status),
      );
    },
  };
  const relationships = createRelationshipService({
    relationships: reads,
    profiles: { displayNames: async () => new Map() },
    hasGoalForm: async () => options.goalForm ?? false,
    unitOfWork,
    clock,
    programTimezone: 'UTC',
    adminChannelId: 'CSTAFF',
    onChanged: async (ids) => {
      changed.push(ids);
    },
  });
  const closeOut = createCloseOutService({
    relationships: reads,
    unitOfWork,
    clock,
  });
  return { relationships, closeOut, notices, audits, writes, released, changed, clock, stored: () => stored };
}

const kinds = (notices: NewNotice[]) => notices.map((n) => n.notice.type);
const FIT = { academicAlignment: 4, careerAlignment: 5 };

describe('the relationship service', () => {
  describe('fit', () => {
    it('opens for the mentor of a relationship waiting for it; none_to_assess / only_mentor otherwise', async () => {
      const w = world(relationship('introduced'));
      expect(await w.relationships.fitFormFor(undefined, MENTOR)).toMatchObject({
        kind: 'done',
        value: { id: 'r1' },
      });
      expect(await w.relationships.fitFormFor(undefined, MENTEE)).toMatchObject({ code: 'none_to_assess' });
      expect(await w.relationships.fitFormFor('r1', MENTEE)).toMatchObject({ code: 'only_mentor' });
    });

    it('proceed: stage 1, the fit kept, the pair told with a notice in the same unit of work', async () => {
      const w = world(relationship('introduced'));
      const result = await w.relationships.submitFit('r1', MENTOR, { ...FIT, decision: 'proceed' });
      expect(result).toEqual({ kind: 'done', value: { decision: 'proceed' } });
      expect(w.stored().status).toBe('stage1');
      expect(w.writes).toEqual(['fit:proceed']);
      expect(w.audits).toEqual(['relationship.stage1']);
      expect(w.notices).toMatchObject([
        {
          notice: { type: 'pair_fit_outcome', outcome: 'proceed' },
          destination: { to: 'channel', channel: 'GPAIR' },
        },
      ]);
      expect(w.changed).toEqual([[MENTOR, MENTEE]]);
    });

    it('not a fit: closed, the seat freed, the pair, the mentee and staff told', async () => {
      const w = world(relationship('introduced'));
      expect(await w.relationships.submitFit('r1', MENTOR, { ...FIT, decision: 'not_a_fit' })).toMatchObject({
        kind: 'done',
      });
      expect(w.stored().status).toBe('not_a_fit');
      expect(w.released).toEqual([MENTOR]);
      expect(kinds(w.notices)).toEqual(['pair_fit_outcome', 'mentee_not_a_fit', 'staff_not_a_fit']);
      expect(w.notices[1]!.destination).toEqual({ to: 'person', userId: MENTEE });
      expect(w.notices[2]!.destination).toEqual({ to: 'channel', channel: 'CSTAFF' });
    });

    it('talk again: the reminder day a week on, in the answer to the mentor; no notice to anyone', async () => {
      const w = world(relationship('introduced'));
      expect(await w.relationships.submitFit('r1', MENTOR, { ...FIT, decision: 'talk_again' })).toEqual({
        kind: 'done',
        value: { decision: 'talk_again', remindOn: '2026-03-09' },
      });
      expect(w.stored().status).toBe('introduced');
      expect(w.writes).toEqual(['fit:talk_again', 'talk_again:2026-03-09']);
      expect(w.audits).toEqual(['relationship.fit_talk_again']);
      expect(w.notices).toEqual([]);
    });

    it('field errors are codes; the mentee is refused only_mentor; a moved-on relationship changed', async () => {
      const w = world(relationship('introduced'));
      expect(await w.relationships.submitFit('r1', MENTOR, { understandingNotes: 'x'.repeat(2001) })).toEqual(
        {
          kind: 'invalid',
          fields: {
            understandingNotes: 'too_long',
            academicAlignment: 'required',
            careerAlignment: 'required',
            decision: 'required',
          },
        },
      );
      expect(await w.relationships.submitFit('r1', MENTEE, { ...FIT, decision: 'proceed' })).toMatchObject({
        code: 'only_mentor',
      });
      const moved = world(relationship('stage1'));
      expect(
        await moved.relationships.submitFit('r1', MENTOR, { ...FIT, decision: 'proceed' }),
      ).toMatchObject({ code: 'changed' });
      expect(w.notices).toEqual([]);
    });
  });

  describe('agreements', () => {
    const answers = { contactFrequency: 'weekly', channels: ['slack'], confidentiality: ['yes'] };
    it('saved by one of the pair in stage 1, the pair told', async () => {
      const w = world(relationship('stage1'));
      expect(await w.relationships.agreementsFormFor(undefined, MENTEE)).toMatchObject({
        kind: 'done',
        value: { side: 'mentee' },
      });
      expect(await w.relationships.saveAgreements('r1', MENTEE, answers)).toEqual({
        kind: 'done',
        value: undefined,
      });
      expect(w.audits).toEqual(['relationship.agreements']);
      expect(kinds(w.notices)).toEqual(['pair_agreements_saved']);
    });

    it('refused: agreements_not_in_pair, none_in_stage1, not_stage1; invalid with codes', async () => {
      const w = world(relationship('stage2'));
      expect(await w.relationships.agreementsFormFor('r1', 'USTRANGER')).toMatchObject({
        code: 'agreements_not_in_pair',
      });
      expect(await w.relationships.agreementsFormFor(undefined, MENTOR)).toMatchObject({
        code: 'none_in_stage1',
      });
      expect(await w.relationships.saveAgreements('r1', MENTOR, answers)).toMatchObject({
        code: 'not_stage1',
      });
      const open = world(relationship('stage1'));
      expect(await open.relationships.saveAgreements('r1', MENTOR, {})).toEqual({
        kind: 'invalid',
        fields: { contactFrequency: 'required', channels: 'required', confidentiality: 'required' },
      });
    });
  });

  describe('stages', () => {
    it('the mentor moves on once the rules allow, the pair told', async () => {
      const w = world(relationship('stage2'), { goalForm: true });
      expect(await w.relationships.advance('r1', MENTOR)).toMatchObject({
        kind: 'done',
        value: { status: 'stage3' },
      });
      expect(w.notices).toMatchObject([
        { notice: { type: 'pair_stage_advanced', actorId: MENTOR, stage: 'stage3' } },
      ]);
    });

    it('refused: not_in_pair, not_allowed, not_permitted, needs_agreements, needs_goal_form, each writing nothing', async () => {
      expect(await world(relationship('stage1')).relationships.advance('r1', 'USTRANGER')).toMatchObject({
        code: 'not_in_pair',
      });
      expect(await world(relationship('introduced')).relationships.advance('r1', MENTOR)).toMatchObject({
        code: 'not_allowed',
      });
      expect(await world(relationship('stage1')).relationships.advance('r1', MENTEE)).toMatchObject({
        code: 'not_permitted',
      });
      expect(await world(relationship('stage1')).relationships.advance('r1', MENTOR)).toMatchObject({
        code: 'needs_agreements',
      });
      const w = world(relationship('stage2'));
      expect(await w.relationships.advance('r1', MENTOR)).toMatchObject({ code: 'needs_goal_form' });
      expect([w.notices, w.audits]).toEqual([[], []]);
    });
  });

  describe('ending early', () => {
    it('either person ends it with a reason: the seat freed, the pair and staff told', async () => {
      const w = world(relationship('stage2'));
      expect(await w.relationships.endEarly('r1', MENTEE, ' Moving abroad ')).toEqual({
        kind: 'done',
        value: undefined,
      });
      expect(w.released).toEqual([MENTOR]);
      expect(w.notices).toMatchObject([
        { notice: { type: 'pair_ended_early', actorId: MENTEE, reason: 'Moving abroad' } },
        { notice: { type: 'staff_ended_early' }, destination: { channel: 'CSTAFF' } },
      ]);
    });

    it('refused: not_in_pair, needs_reason', async () => {
      expect(
        await world(relationship('stage2')).relationships.endEarly('r1', 'USTRANGER', 'x'),
      ).toMatchObject({ code: 'not_in_pair' });
      expect(await world(relationship('stage2')).relationships.endEarly('r1', MENTOR, '  ')).toMatchObject({
        code: 'needs_reason',
      });
    });
  });

  describe('pausing', () => {
    it('pauses until a day, then resumes, the pair told each time', async () => {
      const w = world(relationship('stage3'));
      expect(await w.relationships.pause(MENTEE, 4, undefined)).toEqual({
        kind: 'done',
        value: { paused: true, until: '2026-03-30' },
      });
      expect(await w.relationships.pause(MENTOR, undefined, MENTEE)).toEqual({
        kind: 'done',
        value: { paused: false },
      });
      expect(w.notices).toMatchObject([
        { notice: { type: 'pair_paused', actorId: MENTEE, until: '2026-03-30' } },
        { notice: { type: 'pair_paused', actorId: MENTOR } },
      ]);
      expect(w.audits).toEqual(['relationship.paused', 'relationship.resumed']);
    });

    it('refused: pause_usage, no_relationship, not_partner, not_paused', async () => {
      const w = world(relationship('stage3'));
      expect(await w.relationships.pause(MENTEE, 13, undefined)).toMatchObject({ code: 'pause_usage' });
      expect(await w.relationships.pause('USTRANGER', 2, undefined)).toMatchObject({
        code: 'no_relationship',
      });
      expect(await w.relationships.pause(MENTEE, 2, 'USTRANGER')).toMatchObject({ code: 'not_partner' });
      expect(await w.relationships.pause(MENTEE, undefined, undefined)).toMatchObject({ code: 'not_paused' });
    });
  });
});

describe('the close-out service', () => {
  const reflection = {
    accomplishments: 'a',
    challenges: 'b',
    remember: 'c',
    ahead: 'd',
    continueInformally: 'no',
  };

  it('a reflection is kept and shared with the pair by a notice', async () => {
    const w = world(relationship('stage3'));
    expect(await w.closeOut.reflectionForm('r1', MENTEE)).toMatchObject({
      kind: 'done',
      value: { role: 'mentee', partnerId: MENTOR },
    });
    expect(await w.closeOut.submitReflection('r1', MENTEE, reflection)).toEqual({
      kind: 'done',
      value: undefined,
    });
    expect(w.writes).toEqual(['feedback:reflection', 'activity']);
    expect(w.notices).toMatchObject([
      { notice: { type: 'pair_reflection_shared', userId: MENTEE, role: 'mentee' } },
    ]);
  });

  it('an evaluation is kept and audited; the answer to the person confirms it, no notice', async () => {
    const w = world(relationship('completed'));
    const result = await w.closeOut.submitEvaluation('r1', MENTOR, {
      rating: '5',
      recommend: 'yes',
      worked: 'x',
    });
    expect(result).toEqual({ kind: 'done', value: undefined });
    expect(w.writes).toEqual(['feedback:evaluation']);
    expect(w.audits).toEqual(['evaluation.submitted']);
    expect(w.notices).toEqual([]);
  });

  it('refused: not_in_pair, not_yet; invalid with codes', async () => {
    const w = world(relationship('stage2'));
    expect(await w.closeOut.reflectionForm('r1', 'USTRANGER')).toMatchObject({ code: 'not_in_pair' });
    expect(await w.closeOut.reflectionForm('r1', MENTOR)).toMatchObject({ code: 'not_yet' });
    expect(await w.closeOut.evaluationForm('r1', MENTOR)).toMatchObject({ code: 'not_yet' });
    const open = world(relationship('stage4'));
    const answer = await open.closeOut.submitEvaluation('r1', MENTOR, {});
    expect(answer).toMatchObject({
      kind: 'invalid',
      fields: { rating: 'required', recommend: 'required', worked: 'required' },
    });
  });
});
