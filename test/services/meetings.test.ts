import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { MeetingRecord } from '../../src/domain/meetings';
import type { NewNotice } from '../../src/domain/notices';
import type { RelationshipRecord } from '../../src/domain/records';
import type { RelationshipStatus } from '../../src/domain/relationship-stages';
import { createMeetingService, type MeetingTx } from '../../src/services/meetings';
import { Rollback, type UnitOfWork } from '../../src/services/ports';

const MENTOR = 'UMENTOR';
const MENTEE = 'UMENTEE';

function relationship(id: string, status: RelationshipStatus, extra: Partial<RelationshipRecord> = {}) {
  return {
    id,
    mentorId: MENTOR,
    menteeId: MENTEE,
    status,
    channelId: 'GPAIR',
    requestedAt: new Date('2026-02-20T15:00:00Z'),
    history: [{ to: 'introduced', actor: 'mentor', at: new Date('2026-02-23T15:00:00Z') }],
    agreements: { channels: [] },
    ...extra,
  } as unknown as RelationshipRecord;
}

/**
 * In-memory fakes: the relationships, profiles (the mentee in Tokyo, where 2 March 15:00 UTC is already
 * 3 March), and a unit of work that keeps its writes only when it commits.
 */
function world(relationships: RelationshipRecord[]) {
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z'));
  const meetings: MeetingRecord[] = [];
  const notices: NewNotice[] = [];
  const audits: { action: string; details?: Record<string, unknown> }[] = [];
  const activity: string[] = [];
  const changed: string[][] = [];
  const tx: MeetingTx = {
    meetings: {
      async record(meeting) {
        const existing = meetings.find(
          (m) => m.relationshipId === meeting.relationshipId && m.date === meeting.date,
        );
        if (existing) return { outcome: 'already', loggedBy: existing.loggedBy };
        meetings.push(meeting);
        return { outcome: 'recorded' };
      },
    },
    relationships: {
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
        notices.push(...items);
        return items.length;
      },
    },
  };
  const unitOfWork: UnitOfWork<MeetingTx> = {
    async run(work) {
      const before = [meetings.length, notices.length, audits.length, activity.length] as const;
      try {
        return await work(tx);
      } catch (error) {
        meetings.length = before[0];
        notices.length = before[1];
        audits.length = before[2];
        activity.length = before[3];
        if (error instanceof Rollback) return error.result as never;
        throw error;
      }
    },
  };
  const service = createMeetingService({
    relationships: {
      get: async (id) => relationships.find((r) => r.id === id),
      findOpenFor: async (userId) =>
        relationships.filter(
          (r) =>
            (r.mentorId === userId || r.menteeId === userId) &&
            !['completed', 'requested'].includes(r.status),
        ),
    },
    profiles: {
      get: async (userId) =>
        ({ userId, timezone: userId === MENTEE ? 'Asia/Tokyo' : 'America/Chicago' }) as never,
    },
    unitOfWork,
    clock,
    programTimezone: 'America/Chicago',
    onChanged: async (ids) => {
      changed.push(ids);
    },
  });
  return { service, meetings, notices, audits, activity, changed, clock };
}

describe('meetings service', () => {
  it('We met: today in the person’s own zone, the activity, the audit entry and the pair told, together', async () => {
    const w = world([relationship('r1', 'stage1')]);
    const result = await w.service.weMet('r1', MENTEE);
    expect(result).toEqual({
      kind: 'done',
      value: {
        relationshipId: 'r1',
        date: '2026-03-03',
        already: false,
        loggedBy: MENTEE,
        partnerId: MENTOR,
      },
    });
    expect(w.meetings).toEqual([
      expect.objectContaining({ relationshipId: 'r1', date: '2026-03-03', loggedBy: MENTEE }),
    ]);
    expect(w.activity).toEqual(['r1']);
    expect(w.audits).toEqual([
      { action: 'relationship.meeting_logged', details: { status: 'stage1', date: '2026-03-03' } },
    ]);
    expect(w.notices).toEqual([
      {
        key: 'relationship:r1:meeting:2026-03-03',
        notice: { type: 'pair_meeting_logged', relationshipId: 'r1', actorId: MENTEE, date: '2026-03-03' },
        destination: { to: 'channel', channel: 'GPAIR' },
      },
    ]);
    expect(w.changed).toEqual([[MENTOR, MENTEE]]);
  });

  it('done, already: the same day logged again (a double click, or the partner) writes nothing more', async () => {
    const w = world([relationship('r1', 'stage2')]);
    await w.service.met(MENTOR, '2026-03-01', undefined);
    const again = await w.service.met(MENTEE, '2026-03-01', undefined);
    expect(again).toMatchObject({
      kind: 'done',
      value: { date: '2026-03-01', already: true, loggedBy: MENTOR },
    });
    expect(w.meetings).toHaveLength(1);
    expect(w.notices).toHaveLength(1);
    expect(w.audits).toHaveLength(1);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['future_date', '2026-03-03', { today: '2026-03-02' }],
    ['before_start', '2026-02-22', { startedOn: '2026-02-23' }],
    ['date_usage', 'soon', {}],
  ])('refused %s, writing nothing', async (code, given, facts) => {
    const w = world([relationship('r1', 'stage3')]);
    expect(await w.service.met(MENTOR, given, undefined)).toMatchObject({ kind: 'refused', code, facts });
    expect([w.meetings, w.notices, w.audits, w.activity]).toEqual([[], [], [], []]);
  });

  it('refused not_in_pair: someone else with the pair’s button', async () => {
    const w = world([relationship('r1', 'stage1')]);
    expect(await w.service.weMet('r1', 'USTRANGER')).toMatchObject({ kind: 'refused', code: 'not_in_pair' });
    expect(await w.service.weMet('not-an-id', MENTOR)).toMatchObject({
      kind: 'refused',
      code: 'not_in_pair',
    });
    expect(w.meetings).toEqual([]);
  });

  it('refused not_open: a relationship that ended', async () => {
    const w = world([relationship('r1', 'completed')]);
    expect(await w.service.weMet('r1', MENTOR)).toMatchObject({
      kind: 'refused',
      code: 'not_open',
      facts: { status: 'completed' },
    });
  });

  it('refused no_relationship, not_partner and name_partner for the command', async () => {
    expect(await world([]).service.met(MENTOR, undefined, undefined)).toMatchObject({
      code: 'no_relationship',
    });
    const two = world([relationship('r1', 'stage1'), relationship('r2', 'stage2', { menteeId: 'UOTHER' })]);
    expect(await two.service.met(MENTOR, undefined, undefined)).toMatchObject({
      code: 'name_partner',
      facts: { open: 2 },
    });
    expect(await two.service.met(MENTOR, undefined, 'USTRANGER')).toMatchObject({ code: 'not_partner' });
    expect(await two.service.met(MENTOR, undefined, 'UOTHER')).toMatchObject({
      kind: 'done',
      value: { relationshipId: 'r2', partnerId: 'UOTHER' },
    });
  });
});
