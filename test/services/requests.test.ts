import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
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
});
