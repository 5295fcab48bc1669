import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { HandledMark } from '../../src/domain/at-risk';
import type { NewNotice } from '../../src/domain/notices';
import type { RelationshipRecord } from '../../src/domain/records';
import type { RelationshipStatus } from '../../src/domain/relationship-stages';
import { createAtRiskService, type AtRiskTx } from '../../src/services/at-risk';
import { Rollback, type UnitOfWork } from '../../src/services/ports';

const STAFF = 'USTAFF';
const NOW = DateTime.fromISO('2026-06-01T17:00:00Z'); // noon in Chicago

function relationship(id: string, status: RelationshipStatus, extra: Partial<RelationshipRecord> = {}) {
  return {
    id,
    mentorId: `UM${id}`,
    menteeId: `US${id}`,
    status,
    channelId: status === 'requested' ? undefined : `G${id}`,
    requestedAt: new Date('2026-04-28T17:00:00Z'),
    history: [{ to: 'introduced', actor: 'mentor', at: new Date('2026-05-01T17:00:00Z') }],
    agreements: { channels: [] },
    ...extra,
  } as unknown as RelationshipRecord;
}

/**
 * Fakes of every port: the facts per relationship, and the reads counted, so the test can see the list
 * reads each collection once however many relationships there are.
 */
function world(relationships: RelationshipRecord[], facts: { meetings?: Record<string, string> } = {}) {
  const clock = new ManualClock(NOW);
  const reads: string[] = [];
  const marks = new Map<string, HandledMark>();
  const notices: NewNotice[] = [];
  const audits: { action: string; actorId: string }[] = [];
  const tx: AtRiskTx = {
    riskReviews: {
      async markHandled(mark) {
        marks.set(mark.relationshipId, mark);
      },
    },
    audit: {
      async record(entry) {
        audits.push({ action: entry.action, actorId: entry.actorId });
      },
    },
    notices: {
      async enqueue(items) {
        const fresh = items.filter((item) => !notices.some((n) => n.key === item.key));
        notices.push(...fresh);
        return fresh.length;
      },
    },
  };
  const unitOfWork: UnitOfWork<AtRiskTx> = {
    async run(work) {
      const before = { notices: notices.length, audits: audits.length, marks: new Map(marks) };
      try {
        return await work(tx);
      } catch (error) {
        notices.length = before.notices;
        audits.length = before.audits;
        marks.clear();
        for (const [k, v] of before.marks) marks.set(k, v);
        if (error instanceof Rollback) return error.result as never;
        throw error;
      }
    },
  };
  const service = createAtRiskService({
    relationships: {
      listLive: async () => {
        reads.push('relationships');
        return relationships;
      },
      get: async (id) => relationships.find((r) => r.id === id),
    },
    goalForms: {
      checkInDatesOf: async (ids) => {
        reads.push('goalForms');
        return new Map(ids.map((id) => [id, ['2026-05-20']]));
      },
    },
    checkIns: {
      standingsOf: async () => {
        reads.push('checkIns');
        return new Map();
      },
    },
    meetings: {
      latestOf: async (ids) => {
        reads.push('meetings');
        return new Map(
          ids
            .filter((id) => facts.meetings?.[id])
            .map((id) => [
              id,
              { relationshipId: id, date: facts.meetings![id]!, loggedBy: 'U', loggedAt: new Date() },
            ]),
        );
      },
    },
    prompts: {
      parkedOf: async () => {
        reads.push('prompts');
        return new Map();
      },
    },
    riskReviews: {
      marksOf: async (ids) => {
        reads.push('riskReviews');
        return new Map([...marks].filter(([id]) => ids.includes(id)));
      },
    },
    staff: { isStaff: async (userId) => userId === STAFF },
    unitOfWork,
    clock,
    programTimezone: 'America/Chicago',
    quietDays: 21,
  });
  return { service, reads, marks, notices, audits, clock };
}

/** Stage 3, met on 30 May, but the 20 May check-in is missed. */
const missedOnly = () => relationship('a', 'stage3');
/** Quiet since its introduction on 1 May (and the check-in missed too): worse. */
const quietToo = () => relationship('b', 'stage3');
/** Stage 1 (no check-ins), met last week: fine. */
const fine = () => relationship('c', 'stage1');

describe('at-risk service', () => {
  const standard = () =>
    world([missedOnly(), quietToo(), fine()], { meetings: { a: '2026-05-30', c: '2026-05-28' } });

  it('list: done with the relationships at risk, worst first, reading each collection once', async () => {
    const w = standard();
    const result = await w.service.list(STAFF);
    expect(result).toMatchObject({
      kind: 'done',
      value: {
        handledHidden: 0,
        entries: [
          {
            relationshipId: 'b',
            mentorId: 'UMb',
            menteeId: 'USb',
            hasConversation: true,
            reasons: [
              { kind: 'quiet', since: '2026-05-01', days: 31 },
              { kind: 'check_in_missed', dates: ['2026-05-20'] },
            ],
          },
          { relationshipId: 'a', reasons: [{ kind: 'check_in_missed', dates: ['2026-05-20'] }] },
        ],
      },
    });
    expect([...w.reads].sort()).toEqual(
      ['checkIns', 'goalForms', 'meetings', 'prompts', 'relationships', 'riskReviews'].sort(),
    );
  });

  it('list: refused not_staff for anyone else', async () => {
    expect(await standard().service.list('UMa')).toEqual({ kind: 'refused', code: 'not_staff', facts: {} });
  });

  it('nudge: a program-worded note to the pair’s conversation, audited, once a day however often clicked', async () => {
    const w = standard();
    const listed = await w.service.list(STAFF);
    const entry = listed.kind === 'done' ? listed.value.entries[1]! : undefined;
    expect(await w.service.nudge('a', entry!.stamp, STAFF)).toEqual({
      kind: 'done',
      value: { mentorId: 'UMa', menteeId: 'USa', already: false },
    });
    expect(w.notices).toEqual([
      {
        key: 'relationship:a:staff_nudge:2026-06-01',
        notice: { type: 'pair_staff_nudge', relationshipId: 'a', mentorId: 'UMa', menteeId: 'USa' },
        destination: { to: 'channel', channel: 'Ga' },
      },
    ]);
    expect(w.audits).toEqual([{ action: 'relationship.staff_nudged', actorId: STAFF }]);
    expect(await w.service.nudge('a', entry!.stamp, STAFF)).toMatchObject({ value: { already: true } });
    expect(w.notices).toHaveLength(1);
    expect(w.audits).toHaveLength(1);
  });

  it('mark handled: hidden from the list until something new happens, with who and when', async () => {
    const w = standard();
    const listed = await w.service.list(STAFF);
    const entry = listed.kind === 'done' ? listed.value.entries[1]! : undefined;
    expect(await w.service.markHandled('a', entry!.stamp, STAFF)).toEqual({
      kind: 'done',
      value: { mentorId: 'UMa', menteeId: 'USa' },
    });
    expect(w.marks.get('a')).toEqual({
      relationshipId: 'a',
      handledBy: STAFF,
      handledAt: NOW.toJSDate(),
      reasons: [{ kind: 'check_in_missed', asOf: '2026-05-20' }],
    });
    expect(w.audits).toEqual([{ action: 'relationship.risk_handled', actorId: STAFF }]);
    expect(await w.service.list(STAFF)).toMatchObject({
      value: { entries: [{ relationshipId: 'b' }], handledHidden: 1 },
    });
    expect(await w.service.markHandled('a', entry!.stamp, STAFF)).toMatchObject({
      kind: 'done',
      value: { already: { by: STAFF, at: NOW.toJSDate() } },
    });
    // Three weeks on, the pair is quiet too: a new reason, so it is listed again.
    w.clock.set(NOW.plus({ days: 21 }));
    expect(await w.service.list(STAFF)).toMatchObject({
      value: { entries: expect.arrayContaining([expect.objectContaining({ relationshipId: 'a' })]) },
    });
  });

  it.each(['nudge', 'markHandled'] as const)('%s: refused not_staff, writing nothing', async (action) => {
    const w = standard();
    expect(await w.service[action]('a', 'stamp', 'UMa')).toMatchObject({
      kind: 'refused',
      code: 'not_staff',
    });
    expect([w.notices, w.audits, [...w.marks]]).toEqual([[], [], []]);
  });

  it.each(['nudge', 'markHandled'] as const)(
    '%s: refused no_longer_at_risk (nothing at risk, or no such relationship) and changed (an old stamp)',
    async (action) => {
      const w = standard();
      expect(await w.service[action]('c', 'stamp', STAFF)).toMatchObject({ code: 'no_longer_at_risk' });
      expect(await w.service[action]('nope', 'stamp', STAFF)).toMatchObject({ code: 'no_longer_at_risk' });
      expect(await w.service[action]('a', 'an-old-stamp', STAFF)).toMatchObject({ code: 'changed' });
      expect([w.notices, w.audits, [...w.marks]]).toEqual([[], [], []]);
    },
  );

  it('nudge: refused no_conversation for a request waiting on its mentor', async () => {
    const w = world([relationship('r', 'requested', { requestedAt: new Date('2026-05-20T17:00:00Z') })]);
    const listed = await w.service.list(STAFF);
    const entry = listed.kind === 'done' ? listed.value.entries[0]! : undefined;
    expect(entry).toMatchObject({ hasConversation: false, reasons: [{ kind: 'request_waiting', days: 12 }] });
    expect(await w.service.nudge('r', entry!.stamp, STAFF)).toMatchObject({ code: 'no_conversation' });
    expect(w.notices).toEqual([]);
  });
});
