import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { NewNotice } from '../../src/domain/notices';
import type { ProfileRecord, RelationshipRecord } from '../../src/domain/records';
import { Rollback } from '../../src/services/ports';
import { createRequestService, type RequestTx } from '../../src/services/requests';

/**
 * A mentee's request, over in-memory fakes: the profiles it reads, a unit of work that runs its writes on
 * fakes (and undoes nothing but returns a Rollback's result, as the real one does), and the manual clock.
 */
function requestsOver(options: {
  mentor?: Partial<ProfileRecord>;
  mentee?: Partial<ProfileRecord>;
  pending?: number;
  duplicate?: boolean;
  maxPending?: number;
  /** What the transaction's own check of the mentor finds (false: they stepped out or filled up meanwhile). */
  stillTakingRequests?: boolean;
}) {
  const profiles: Record<string, ProfileRecord | undefined> = {
    mentor:
      options.mentor &&
      ({ userId: 'UMENTOR', role: 'mentor', openRelationships: 0, ...options.mentor } as ProfileRecord),
    mentee:
      options.mentee &&
      ({ userId: 'UMENTEE', role: 'mentee', openRelationships: 0, ...options.mentee } as ProfileRecord),
  };
  const written = { notices: [] as unknown[], audit: [] as unknown[], requests: [] as unknown[] };
  const tx = {
    relationships: {
      createRequest: async (request: { mentorId: string; menteeId: string }) => {
        if (options.duplicate) return 'duplicate' as const;
        written.requests.push(request);
        return { id: 'r1', status: 'requested', ...request } as RelationshipRecord;
      },
    },
    notices: { enqueue: async (items: unknown[]) => void written.notices.push(...items) },
    audit: { record: async (entry: unknown) => void written.audit.push(entry) },
    profiles: { markRequested: async () => options.stillTakingRequests ?? true },
  } as unknown as RequestTx;
  const service = createRequestService({
    relationships: { countRequestsBy: async () => options.pending ?? 0 } as never,
    profiles: {
      get: async (userId: string, role: string) =>
        profiles[role] && profiles[role]?.userId === userId ? profiles[role] : undefined,
    },
    unitOfWork: {
      run: async (work) => {
        try {
          return await work(tx);
        } catch (error) {
          if (error instanceof Rollback) return error.result;
          throw error;
        }
      },
    },
    slack: { openConversation: async () => ({ ok: true, channelId: 'G1' }) },
    staff: { isStaff: async () => false },
    clock: new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z')),
    adminChannelId: 'CADMIN',
    maxPendingRequests: options.maxPending ?? 1,
    onChanged: async () => undefined,
  });
  return { service, written };
}

const LISTED_MENTOR = { approved: true, listed: true, capacity: 2 };
const APPROVED_MENTEE = { approved: true };

describe('requests service: a mentee asks a mentor', () => {
  it('done: the request, the mentor’s card as a notice and the audit entry are written together', async () => {
    const { service, written } = requestsOver({ mentor: LISTED_MENTOR, mentee: APPROVED_MENTEE });
    const result = await service.request('UMENTEE', 'UMENTOR');
    expect(result).toMatchObject({ kind: 'done', value: { id: 'r1', status: 'requested' } });
    expect(written.notices).toMatchObject([
      { notice: { type: 'mentor_request_card' }, destination: { to: 'person', userId: 'UMENTOR' } },
    ]);
    expect(written.audit).toMatchObject([{ action: 'relationship.requested' }]);
  });

  it.each([
    ['self_request', 'UMENTOR', { mentor: LISTED_MENTOR, mentee: APPROVED_MENTEE }],
    ['mentee_not_approved', 'UMENTEE', { mentor: LISTED_MENTOR, mentee: { approved: false } }],
    [
      'mentor_unavailable',
      'UMENTEE',
      { mentor: { ...LISTED_MENTOR, listed: false }, mentee: APPROVED_MENTEE },
    ],
    [
      'mentor_full',
      'UMENTEE',
      { mentor: { ...LISTED_MENTOR, openRelationships: 2 }, mentee: APPROVED_MENTEE },
    ],
  ] as const)('refused %s, and nothing is written', async (code, menteeId, setup) => {
    const { service, written } = requestsOver(setup);
    expect(await service.request(menteeId, 'UMENTOR')).toMatchObject({ kind: 'refused', code });
    expect(written).toEqual({ notices: [], audit: [], requests: [] });
  });

  it('refused too_many_pending, with the limit as a fact', async () => {
    const { service } = requestsOver({
      mentor: LISTED_MENTOR,
      mentee: APPROVED_MENTEE,
      pending: 2,
      maxPending: 2,
    });
    expect(await service.request('UMENTEE', 'UMENTOR')).toEqual({
      kind: 'refused',
      code: 'too_many_pending',
      facts: { limit: 2 },
    });
  });

  it('refused already_paired when the pair exists: the transaction is rolled back, no notice', async () => {
    const { service, written } = requestsOver({
      mentor: LISTED_MENTOR,
      mentee: APPROVED_MENTEE,
      duplicate: true,
    });
    expect(await service.request('UMENTEE', 'UMENTOR')).toMatchObject({
      kind: 'refused',
      code: 'already_paired',
      facts: { mentorId: 'UMENTOR' },
    });
    expect(written.notices).toEqual([]);
  });

  it('refused mentor_unavailable when the mentor stepped out or filled up meanwhile: nothing written', async () => {
    const { service, written } = requestsOver({
      mentor: LISTED_MENTOR,
      mentee: APPROVED_MENTEE,
      stillTakingRequests: false,
    });
    expect(await service.request('UMENTEE', 'UMENTOR')).toMatchObject({
      kind: 'refused',
      code: 'mentor_unavailable',
    });
    expect(written).toEqual({ notices: [], audit: [], requests: [] });
  });
});

const AT = DateTime.fromISO('2026-03-02T15:00:00Z');
const MENTOR_PROFILE = {
  userId: 'UMENTOR',
  role: 'mentor',
  displayName: 'Alice',
  academicInterests: ['Marketing', 'Law'],
  careerInterests: [],
  approved: true,
  listed: true,
  capacity: 2,
  openRelationships: 0,
} as unknown as ProfileRecord;
const MENTEE_PROFILE = {
  userId: 'UMENTEE',
  role: 'mentee',
  displayName: 'Bob',
  academicInterests: ['marketing'],
  careerInterests: ['Sales'],
  approved: true,
  openRelationships: 0,
} as unknown as ProfileRecord;

function waitingRequest(extra: Partial<RelationshipRecord> = {}): RelationshipRecord {
  return {
    id: 'r1',
    mentorId: 'UMENTOR',
    menteeId: 'UMENTEE',
    status: 'requested',
    requestedBy: 'UMENTEE',
    requestedAt: AT.minus({ days: 1 }).toJSDate(),
    requestMessage: { channel: 'DMENTOR', ts: '1.2' },
    history: [],
    communicationPreferences: { mentor: [], mentee: [] },
    agreements: { channels: [] },
    ...extra,
  } as RelationshipRecord;
}

/**
 * The mentor's answer, the sweep and shared preferences over in-memory fakes: relationships kept in a map,
 * the mentor's seats counted, a unit of work that keeps its writes only on commit, Slack's group DM opened
 * or refused, and the manual clock.
 */
function answersOver(
  options: {
    relationships?: RelationshipRecord[];
    seatsLeft?: number;
    menteeProfile?: boolean;
    conversation?: { ok: true; channelId: string } | { ok: false; error: string };
    /** Someone else answers the request between the service's read and its write. */
    answeredMeanwhile?: boolean;
    /** Another copy of the bot marks the reminder first. */
    remindedMeanwhile?: boolean;
  } = {},
) {
  const stored = new Map((options.relationships ?? [waitingRequest()]).map((r) => [r.id, r]));
  let seatsLeft = options.seatsLeft ?? 1;
  const written = {
    notices: [] as NewNotice[],
    audit: [] as { action: string; actorId: string }[],
    preferences: [] as unknown[],
  };
  const changed: string[][] = [];
  const opened: string[][] = [];
  const tx: RequestTx = {
    relationships: {
      createRequest: async () => 'duplicate' as const,
      async transition(id, from, step, set = {}) {
        const current = stored.get(id);
        if (options.answeredMeanwhile || !current || current.status !== from) return undefined;
        const moved = { ...current, status: step.to, ...set };
        stored.set(id, moved);
        return moved;
      },
      async markReminderSent(id, at) {
        const current = stored.get(id);
        if (options.remindedMeanwhile || !current || current.requestReminderSentAt) return false;
        stored.set(id, { ...current, requestReminderSentAt: at });
        return true;
      },
      async setCommunicationPreferences(id, side, channels) {
        written.preferences.push({ id, side, channels });
      },
      async waitingRequestsFor(mentorId) {
        return [...stored.values()].filter((r) => r.mentorId === mentorId && r.status === 'requested');
      },
    },
    profiles: {
      async claimSeat() {
        if (seatsLeft <= 0) return false;
        seatsLeft -= 1;
        return true;
      },
      seatsOf: async (userId) => ({ userId, listed: true, capacity: 5, openRelationships: 5 - seatsLeft }),
      getMany: async () => [MENTEE_PROFILE],
      markRequested: async () => true,
    },
    audit: { record: async (entry) => void written.audit.push(entry as (typeof written.audit)[number]) },
    notices: {
      async enqueue(items) {
        written.notices.push(...items);
        return items.length;
      },
    },
  };
  const service = createRequestService({
    relationships: {
      get: async (id: string) => stored.get(id),
      async requestsMadeBefore(before: Date) {
        return [...stored.values()].filter((r) => r.status === 'requested' && r.requestedAt <= before);
      },
      async requestsNeedingReminder(before: Date) {
        return [...stored.values()].filter(
          (r) => r.status === 'requested' && r.requestedAt <= before && !r.requestReminderSentAt,
        );
      },
    } as never,
    profiles: {
      get: async (userId: string, role: string) =>
        role === 'mentor' && userId === 'UMENTOR'
          ? MENTOR_PROFILE
          : role === 'mentee' && userId === 'UMENTEE' && options.menteeProfile !== false
            ? MENTEE_PROFILE
            : undefined,
    },
    unitOfWork: {
      async run(work) {
        const before = {
          stored: new Map(stored),
          seatsLeft,
          notices: written.notices.length,
          audit: written.audit.length,
          preferences: written.preferences.length,
        };
        try {
          return await work(tx);
        } catch (error) {
          stored.clear();
          for (const [id, r] of before.stored) stored.set(id, r);
          seatsLeft = before.seatsLeft;
          written.notices.length = before.notices;
          written.audit.length = before.audit;
          written.preferences.length = before.preferences;
          if (error instanceof Rollback) return error.result;
          throw error;
        }
      },
    },
    slack: {
      async openConversation(userIds) {
        opened.push(userIds);
        return options.conversation ?? { ok: true, channelId: 'GPAIR' };
      },
    },
    staff: { isStaff: async () => false },
    clock: new ManualClock(AT),
    adminChannelId: 'CADMIN',
    maxPendingRequests: 1,
    onChanged: async (userIds) => void changed.push(userIds),
  });
  const nothing = { notices: [], audit: [], preferences: [] };
  return { service, written, stored, changed, opened, seatsLeft: () => seatsLeft, nothing };
}

const types = (notices: NewNotice[]) => notices.map((n) => n.notice.type);

describe('requests service: staff ask on a mentee’s behalf', () => {
  it('done: the mentor’s card and the mentee told of the staff match, the audit naming staff', async () => {
    const { service, written } = requestsOver({ mentor: LISTED_MENTOR, mentee: APPROVED_MENTEE, pending: 5 });
    expect(await service.request('UMENTEE', 'UMENTOR', 'USTAFF')).toMatchObject({ kind: 'done' });
    expect(written.requests).toMatchObject([{ requestedBy: 'USTAFF', actor: 'staff' }]);
    expect(written.notices).toMatchObject([
      { notice: { type: 'mentor_request_card' } },
      {
        notice: { type: 'mentee_request_news', news: 'staff_match', mentorId: 'UMENTOR' },
        destination: { to: 'person', userId: 'UMENTEE' },
      },
    ]);
    expect(written.audit).toMatchObject([{ actorId: 'USTAFF', details: { byStaff: true } }]);
  });
});

describe('requests service: the mentor accepts', () => {
  it('done: a seat claimed, the pair introduced in their new group DM, the card updated, audited', async () => {
    const w = answersOver();
    const result = await w.service.accept('r1', 'UMENTOR');
    expect(result).toMatchObject({ kind: 'done', value: { status: 'introduced', channelId: 'GPAIR' } });
    expect(w.opened).toEqual([['UMENTOR', 'UMENTEE']]);
    expect(w.seatsLeft()).toBe(0);
    expect(w.written.notices).toMatchObject([
      {
        key: 'relationship:r1:introduction',
        notice: { type: 'pair_introduction', sharedInterests: ['Marketing'] },
        destination: { to: 'channel', channel: 'GPAIR' },
      },
      {
        key: 'relationship:r1:request_card:accepted',
        notice: { type: 'request_card_update', outcome: 'accepted' },
        destination: {
          to: 'update',
          noticeKey: 'relationship:r1:request_card',
          message: { channel: 'DMENTOR', ts: '1.2' },
        },
      },
    ]);
    expect(w.written.audit).toMatchObject([{ action: 'relationship.introduced', actorId: 'UMENTOR' }]);
    expect(w.changed).toEqual([['UMENTOR', 'UMENTEE']]);
  });

  it.each([
    ['someone other than the mentor', 'UMENTEE', 'r1'],
    ['an unknown request', 'UMENTOR', 'r404'],
  ])('%s: refused not_your_request, nothing opened or written', async (_who, actorId, id) => {
    const w = answersOver();
    expect(await w.service.accept(id, actorId)).toEqual({
      kind: 'refused',
      code: 'not_your_request',
      facts: {},
    });
    expect(w.opened).toEqual([]);
    expect(w.written).toEqual(w.nothing);
  });

  it('a request already answered: refused already_answered with its status, nothing written', async () => {
    const w = answersOver({ relationships: [waitingRequest({ status: 'declined' })] });
    expect(await w.service.accept('r1', 'UMENTOR')).toEqual({
      kind: 'refused',
      code: 'already_answered',
      facts: { relationshipId: 'r1', status: 'declined' },
    });
    expect(w.opened).toEqual([]);
    expect(w.written).toEqual(w.nothing);
  });

  it('a mentee whose profile is gone: refused already_answered, nothing written', async () => {
    const w = answersOver({ menteeProfile: false });
    expect(await w.service.accept('r1', 'UMENTOR')).toMatchObject({ code: 'already_answered' });
    expect(w.written).toEqual(w.nothing);
  });

  it('answered by another click a moment earlier: refused already_answered, the seat given back', async () => {
    const w = answersOver({ answeredMeanwhile: true });
    expect(await w.service.accept('r1', 'UMENTOR')).toMatchObject({ code: 'already_answered' });
    expect(w.seatsLeft()).toBe(1);
    expect(w.written).toEqual(w.nothing);
    expect(w.changed).toEqual([]);
  });

  it('no free seat: refused no_seat, the request still waiting, nothing written', async () => {
    const w = answersOver({ seatsLeft: 0 });
    expect(await w.service.accept('r1', 'UMENTOR')).toEqual({
      kind: 'refused',
      code: 'no_seat',
      facts: { relationshipId: 'r1' },
    });
    expect(w.stored.get('r1')?.status).toBe('requested');
    expect(w.written).toEqual(w.nothing);
  });

  it('Slack won’t open the group DM: refused conversation_failed, nothing changed, staff told', async () => {
    const w = answersOver({ conversation: { ok: false, error: 'user_disabled' } });
    expect(await w.service.accept('r1', 'UMENTOR')).toEqual({
      kind: 'refused',
      code: 'conversation_failed',
      facts: { relationshipId: 'r1' },
    });
    expect(w.stored.get('r1')?.status).toBe('requested');
    expect(w.seatsLeft()).toBe(1);
    expect(w.written.notices).toEqual([
      {
        key: `relationship:r1:conversation_failed:${AT.toMillis()}`,
        notice: {
          type: 'staff_conversation_failed',
          mentorId: 'UMENTOR',
          menteeId: 'UMENTEE',
          error: 'user_disabled',
        },
        destination: { to: 'channel', channel: 'CADMIN' },
      },
    ]);
    expect(w.written.audit).toEqual([]);
  });
});

describe('requests service: the mentor declines', () => {
  it('done: declined, the card updated and the mentee told, audited', async () => {
    const w = answersOver();
    expect(await w.service.decline('r1', 'UMENTOR')).toMatchObject({
      kind: 'done',
      value: { status: 'declined' },
    });
    expect(w.written.notices).toMatchObject([
      { notice: { type: 'request_card_update', outcome: 'declined' } },
      {
        key: 'relationship:r1:mentee:declined',
        notice: { type: 'mentee_request_news', news: 'declined', mentorId: 'UMENTOR' },
        destination: { to: 'person', userId: 'UMENTEE' },
      },
    ]);
    expect(w.written.audit).toMatchObject([{ action: 'relationship.declined' }]);
  });

  it('someone other than the mentor: refused not_your_request, nothing written', async () => {
    const w = answersOver();
    expect(await w.service.decline('r1', 'UMENTEE')).toMatchObject({ code: 'not_your_request' });
    expect(w.stored.get('r1')?.status).toBe('requested');
    expect(w.written).toEqual(w.nothing);
  });

  it('already answered: refused already_answered with its status, nothing written', async () => {
    const w = answersOver({ relationships: [waitingRequest({ status: 'introduced' })] });
    expect(await w.service.decline('r1', 'UMENTOR')).toEqual({
      kind: 'refused',
      code: 'already_answered',
      facts: { relationshipId: 'r1', status: 'introduced' },
    });
    expect(w.written).toEqual(w.nothing);
  });
});

describe('requests service: the daily sweep', () => {
  const daysAgo = (days: number, extra: Partial<RelationshipRecord> = {}) =>
    waitingRequest({ id: `r${days}`, requestedAt: AT.minus({ days }).toJSDate(), ...extra });

  it('a week unanswered: the mentor reminded once; a fortnight: lapsed, the card updated, the mentee told', async () => {
    const w = answersOver({
      relationships: [daysAgo(3), daysAgo(7), daysAgo(8, { requestReminderSentAt: new Date() }), daysAgo(14)],
    });
    expect(await w.service.sweepRequests()).toEqual({ kind: 'done', value: { reminded: 1, lapsed: 1 } });
    expect(w.stored.get('r14')?.status).toBe('lapsed');
    expect(w.stored.get('r3')?.status).toBe('requested');
    expect(types(w.written.notices)).toEqual([
      'request_card_update',
      'mentee_request_news',
      'mentor_request_reminder',
    ]);
    expect(w.written.notices[1]).toMatchObject({ notice: { news: 'lapsed' } });
    expect(w.written.notices[2]).toEqual({
      key: 'relationship:r7:request_reminder',
      notice: { type: 'mentor_request_reminder', menteeId: 'UMENTEE' },
      destination: { to: 'person', userId: 'UMENTOR' },
    });
    expect(w.written.audit).toMatchObject([{ action: 'relationship.lapsed', actorId: 'system' }]);
  });

  it('nothing due: done with nothing reminded or lapsed, nothing written', async () => {
    const w = answersOver({ relationships: [daysAgo(2)] });
    expect(await w.service.sweepRequests()).toEqual({ kind: 'done', value: { reminded: 0, lapsed: 0 } });
    expect(w.written).toEqual(w.nothing);
  });

  it('another copy swept first: nothing counted and nothing written twice', async () => {
    const w = answersOver({
      relationships: [daysAgo(7), daysAgo(14)],
      answeredMeanwhile: true,
      remindedMeanwhile: true,
    });
    expect(await w.service.sweepRequests()).toEqual({ kind: 'done', value: { reminded: 0, lapsed: 0 } });
    expect(w.written).toEqual(w.nothing);
  });
});

describe('requests service: one of the pair shares how they like to stay in touch', () => {
  const introduced = waitingRequest({ status: 'introduced', channelId: 'GPAIR' });

  it('done: saved, and the pair’s conversation told', async () => {
    const w = answersOver({ relationships: [introduced] });
    expect(await w.service.sharePreferences('r1', 'UMENTEE', 'mentee', ['video'])).toEqual({
      kind: 'done',
      value: undefined,
    });
    expect(w.written.preferences).toEqual([{ id: 'r1', side: 'mentee', channels: ['video'] }]);
    expect(w.written.notices).toEqual([
      {
        key: `relationship:r1:preferences:mentee:${AT.toMillis()}`,
        notice: { type: 'pair_preferences_shared', userId: 'UMENTEE', channels: ['video'] },
        destination: { to: 'channel', channel: 'GPAIR' },
      },
    ]);
  });

  it.each([
    ['a relationship no longer open', waitingRequest({ status: 'ended_early', channelId: 'GPAIR' })],
    ['a request not yet answered', waitingRequest()],
  ])('%s: refused relationship_not_open, nothing written', async (_what, relationship) => {
    const w = answersOver({ relationships: [relationship] });
    expect(await w.service.sharePreferences('r1', 'UMENTEE', 'mentee', ['video'])).toEqual({
      kind: 'refused',
      code: 'relationship_not_open',
      facts: { relationshipId: 'r1' },
    });
    expect(w.written).toEqual(w.nothing);
  });

  it('someone outside the pair: refused not_in_pair, nothing written', async () => {
    const w = answersOver({ relationships: [introduced] });
    expect(await w.service.sharePreferences('r1', 'USTRANGER', 'mentee', ['video'])).toMatchObject({
      code: 'not_in_pair',
    });
    expect(w.written).toEqual(w.nothing);
  });

  it('the other person’s button: refused wrong_side, with the side, nothing written', async () => {
    const w = answersOver({ relationships: [introduced] });
    expect(await w.service.sharePreferences('r1', 'UMENTOR', 'mentee', ['video'])).toEqual({
      kind: 'refused',
      code: 'wrong_side',
      facts: { side: 'mentee' },
    });
    expect(w.written).toEqual(w.nothing);
  });
});
