import { Types } from 'mongoose';
import pino from 'pino';

import { connectDatabase, type Database } from '../../src/store/database';
import {
  claimQuery,
  createPromptRepository,
  promptKey,
  type NewOutboxItem,
  type PromptRepository,
} from '../../src/store/prompt-repository';
import { operator } from '../../src/store/mapping';
import { freshDatabaseUri } from '../support/test-database';

const T0 = new Date('2030-03-04T15:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const LEASE_MS = 5 * 60_000;

let db: Database;
let outbox: PromptRepository;

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('prompts'), pino({ level: 'silent' }));
  outbox = createPromptRepository(db.models);
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await db.models.prompts.deleteMany({});
});

const newRelationshipId = () => new Types.ObjectId().toString();

function nudge(relationshipId: string, occurrence: string, dueAt = T0): NewOutboxItem {
  return { relationshipId, kind: 'check_in_nudge', occurrence, dueAt };
}

describe('enqueue', () => {
  it('adds one item per (relationship, kind, occurrence) and is idempotent', async () => {
    const rel = newRelationshipId();
    const items = [nudge(rel, '2030-03-04'), nudge(rel, '2030-04-04', minutes(60))];

    expect(await outbox.enqueue(items)).toBe(2);
    expect(await outbox.enqueue(items)).toBe(0);
    expect(await outbox.enqueue([])).toBe(0);

    const listed = await outbox.listFor(rel);
    expect(listed).toEqual([
      {
        id: expect.any(String),
        key: `${rel}:check_in_nudge:2030-03-04`,
        relationshipId: rel,
        kind: 'check_in_nudge',
        occurrence: '2030-03-04',
        dueAt: T0,
        state: 'pending',
        attempts: 0,
      },
      expect.objectContaining({ key: promptKey(rel, 'check_in_nudge', '2030-04-04'), dueAt: minutes(60) }),
    ]);
  });

  it('never touches an existing item, whatever its state: a sent prompt is not reset', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a')]);
    const claimed = await outbox.claimNext('worker-1', T0, LEASE_MS);
    expect(
      await outbox.markSent(claimed!.id, 'worker-1', { channelId: 'G1', messageTs: '1.000001', at: T0 }),
    ).toBe(true);
    const before = await db.models.prompts.findById(claimed!.id).lean();

    // Planned again later, with another due time and as skipped: still the one sent item, unchanged.
    expect(await outbox.enqueue([{ ...nudge(rel, 'a', minutes(90)), state: 'skipped', reason: 'x' }])).toBe(
      0,
    );

    const after = await db.models.prompts.findById(claimed!.id).lean();
    expect(after).toEqual(before);
    expect(await outbox.listFor(rel)).toEqual([
      expect.objectContaining({ state: 'sent', dueAt: T0, attempts: 1, messageTs: '1.000001' }),
    ]);
  });

  it('records an occurrence as skipped, with its reason, so it is neither sent nor planned again', async () => {
    const rel = newRelationshipId();
    expect(
      await outbox.enqueue([
        { ...nudge(rel, 'paused'), state: 'skipped', reason: 'relationship_paused' },
        nudge(rel, 'due'),
      ]),
    ).toBe(2);
    expect((await outbox.claimNext('worker-1', T0, LEASE_MS))?.occurrence).toBe('due');
    expect(await outbox.claimNext('worker-1', T0, LEASE_MS)).toBeUndefined();
    expect(await outbox.countByState()).toEqual({ pending: 1, skipped: 1 });
    expect((await outbox.listFor(rel)).find((i) => i.occurrence === 'paused')).toMatchObject({
      state: 'skipped',
      reason: 'relationship_paused',
    });
  });

  it('lets several callers enqueue the same keys at once: each item is added once, nobody fails', async () => {
    const rel = newRelationshipId();
    const items = Array.from({ length: 10 }, (_, i) => nudge(rel, `occurrence-${i}`, minutes(i)));

    const added = await Promise.all(Array.from({ length: 5 }, () => outbox.enqueue(items)));

    expect(added.reduce((sum, n) => sum + n, 0)).toBe(10);
    expect(await db.models.prompts.countDocuments({ relationshipId: rel })).toBe(10);
  });

  it('refuses an item whose relationship id is not an id', async () => {
    await expect(outbox.enqueue([nudge('not-an-id', 'a')])).rejects.toThrow(/not a relationship id/);
    expect(await db.models.prompts.countDocuments()).toBe(0);
  });
});

describe('claimNext', () => {
  it('gives out due items oldest first, leasing each and counting the attempt', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'later', minutes(-5)), nudge(rel, 'earlier', minutes(-10))]);

    const first = await outbox.claimNext('worker-1', T0, LEASE_MS);
    expect(first).toMatchObject({
      occurrence: 'earlier',
      state: 'pending',
      attempts: 1,
      leaseOwner: 'worker-1',
      leaseUntil: minutes(5),
      claimedAt: T0,
    });
    expect((await outbox.claimNext('worker-1', T0, LEASE_MS))?.occurrence).toBe('later');
    expect(await outbox.claimNext('worker-1', T0, LEASE_MS)).toBeUndefined();
  });

  it('does not give out an item before its due time', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a', minutes(1))]);

    expect(await outbox.claimNext('worker-1', T0, LEASE_MS)).toBeUndefined();
    expect(await outbox.claimNext('worker-1', minutes(1), LEASE_MS)).toMatchObject({ occurrence: 'a' });
  });

  it('waits for nextAttemptAt after a failed send, keeping the error', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a')]);
    const claimed = await outbox.claimNext('worker-1', T0, LEASE_MS);

    expect(await outbox.retryLater(claimed!.id, 'worker-1', 'ratelimited', minutes(2))).toBe(true);

    expect(await outbox.claimNext('worker-1', minutes(1), LEASE_MS)).toBeUndefined();
    const again = await outbox.claimNext('worker-2', minutes(2), LEASE_MS);
    expect(again).toMatchObject({
      id: claimed!.id,
      state: 'pending',
      attempts: 2,
      leaseOwner: 'worker-2',
      lastError: 'ratelimited',
      nextAttemptAt: minutes(2),
    });
  });

  it('keeps stored errors short', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a')]);
    const claimed = await outbox.claimNext('worker-1', T0, LEASE_MS);

    await outbox.retryLater(claimed!.id, 'worker-1', 'x'.repeat(5000), minutes(1));

    const [item] = await outbox.listFor(rel);
    expect(item?.lastError?.length).toBeLessThanOrEqual(200);
  });

  it('does not give out an item under a live lease', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a')]);
    await outbox.claimNext('worker-1', T0, LEASE_MS);

    expect(await outbox.claimNext('worker-2', minutes(4), LEASE_MS)).toBeUndefined();
  });

  it('never gives two dispatchers the same item, however many claim at once', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue(Array.from({ length: 10 }, (_, i) => nudge(rel, `o${i}`, minutes(-i))));

    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outbox.claimNext(i % 2 === 0 ? 'worker-a' : 'worker-b', T0, LEASE_MS),
      ),
    );

    const won = claims.filter((item) => item !== undefined);
    expect(won).toHaveLength(10);
    expect(new Set(won.map((item) => item.id)).size).toBe(10);
    expect(won.every((item) => item.attempts === 1)).toBe(true);
    expect(await db.models.prompts.countDocuments({ leaseOwner: operator({ $exists: true }) })).toBe(10);
  });

  it('gives an item whose lease expired to another dispatcher; the first can then no longer settle it', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a')]);
    const first = await outbox.claimNext('worker-1', T0, LEASE_MS);

    const second = await outbox.claimNext('worker-2', minutes(5), LEASE_MS);
    expect(second).toMatchObject({
      id: first!.id,
      attempts: 2,
      leaseOwner: 'worker-2',
      leaseUntil: minutes(10),
    });

    const sent = { channelId: 'G1', messageTs: '1.000001', at: minutes(6) };
    expect(await outbox.markSent(first!.id, 'worker-1', sent)).toBe(false);
    expect(await outbox.retryLater(first!.id, 'worker-1', 'timeout', minutes(7))).toBe(false);
    expect(await outbox.finish(first!.id, 'worker-1', 'parked', 'gave_up', minutes(6))).toBe(false);

    expect(await outbox.markSent(first!.id, 'worker-2', sent)).toBe(true);
    expect(await outbox.listFor(rel)).toEqual([
      {
        id: first!.id,
        key: first!.key,
        relationshipId: rel,
        kind: 'check_in_nudge',
        occurrence: 'a',
        dueAt: T0,
        state: 'sent',
        attempts: 2,
        claimedAt: minutes(5),
        sentAt: minutes(6),
        channelId: 'G1',
        messageTs: '1.000001',
      },
    ]);
    // Settled once: neither owner can settle it again, and it is not claimed again.
    expect(await outbox.markSent(first!.id, 'worker-2', sent)).toBe(false);
    expect(await outbox.claimNext('worker-1', minutes(60), LEASE_MS)).toBeUndefined();
  });

  it('uses an index, not a collection scan', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue(Array.from({ length: 30 }, (_, i) => nudge(rel, `o${i}`, minutes(i - 15))));
    const { filter, sort } = claimQuery(T0);

    const explained = await db.connection.db!.command({
      explain: {
        findAndModify: db.models.prompts.collection.collectionName,
        query: filter,
        sort,
        update: { $set: { leaseOwner: 'explain' } },
      },
      verbosity: 'queryPlanner',
    });

    const stages = stagesOf(
      (explained as { queryPlanner: { winningPlan: unknown } }).queryPlanner.winningPlan,
    );
    expect(stages).toContain('IXSCAN');
    expect(stages).not.toContain('COLLSCAN');
    expect(stages).not.toContain('SORT'); // the index gives the dueAt order
  });
});

describe('settling a claimed item', () => {
  it('finishes it as skipped, cancelled or parked with a reason', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a'), nudge(rel, 'b'), nudge(rel, 'c')]);
    const outcomes = ['skipped', 'cancelled', 'parked'] as const;
    for (const state of outcomes) {
      const item = await outbox.claimNext('worker-1', T0, LEASE_MS);
      expect(await outbox.finish(item!.id, 'worker-1', state, `because_${state}`, minutes(1))).toBe(true);
    }

    const items = await outbox.listFor(rel);
    expect(items.map(({ state, reason }) => ({ state, reason }))).toEqual([
      { state: 'skipped', reason: 'because_skipped' },
      { state: 'cancelled', reason: 'because_cancelled' },
      { state: 'parked', reason: 'because_parked' },
    ]);
    expect(items.some((item) => item.leaseOwner !== undefined || item.leaseUntil !== undefined)).toBe(false);
    expect(await outbox.countByState()).toEqual({ skipped: 1, cancelled: 1, parked: 1 });
  });

  it('answers false for an unknown or malformed id', async () => {
    const sent = { channelId: 'G1', messageTs: '1.000001', at: T0 };
    expect(await outbox.markSent(new Types.ObjectId().toString(), 'worker-1', sent)).toBe(false);
    expect(await outbox.markSent('nope', 'worker-1', sent)).toBe(false);
    expect(await outbox.retryLater('nope', 'worker-1', 'x', T0)).toBe(false);
    expect(await outbox.finish('nope', 'worker-1', 'parked', 'x', T0)).toBe(false);
    expect(await outbox.listFor('nope')).toEqual([]);
    expect(await outbox.cancelPending('nope', [], T0, 'x')).toBe(0);
  });
});

describe('cancelPending', () => {
  it('cancels the pending items no longer planned, keeping the listed keys and items under a live lease', async () => {
    const rel = newRelationshipId();
    const other = newRelationshipId();
    await outbox.enqueue([
      nudge(rel, 'kept'),
      nudge(rel, 'leased', minutes(-2)),
      nudge(rel, 'dropped', minutes(30)),
      nudge(rel, 'lease-expired', minutes(-1)),
      nudge(other, 'dropped', minutes(30)),
    ]);
    const leased = await outbox.claimNext('worker-2', minutes(-2), LEASE_MS);
    expect(leased?.occurrence).toBe('leased');
    // A short lease, run out by the time of the cancellation: that dispatcher is presumed gone.
    const expired = await outbox.claimNext('worker-1', minutes(-1), 30_000);
    expect(expired?.occurrence).toBe('lease-expired');

    const cancelled = await outbox.cancelPending(
      rel,
      [promptKey(rel, 'check_in_nudge', 'kept')],
      minutes(1),
      'goals_changed',
    );

    expect(cancelled).toBe(2);
    const states = Object.fromEntries(
      (await outbox.listFor(rel)).map((item) => [item.occurrence, [item.state, item.reason]]),
    );
    expect(states).toEqual({
      kept: ['pending', undefined],
      leased: ['pending', undefined],
      dropped: ['cancelled', 'goals_changed'],
      'lease-expired': ['cancelled', 'goals_changed'],
    });
    expect((await outbox.listFor(other))[0]?.state).toBe('pending');
  });

  it('leaves sent items alone', async () => {
    const rel = newRelationshipId();
    await outbox.enqueue([nudge(rel, 'a')]);
    const item = await outbox.claimNext('worker-1', T0, LEASE_MS);
    await outbox.markSent(item!.id, 'worker-1', { channelId: 'G1', messageTs: '1.000001', at: T0 });

    expect(await outbox.cancelPending(rel, [], minutes(1), 'relationship_ended')).toBe(0);
    expect((await outbox.listFor(rel))[0]?.state).toBe('sent');
  });
});

/** Every stage name in an explain plan tree. */
function stagesOf(plan: unknown): string[] {
  if (typeof plan !== 'object' || plan === null) return [];
  const node = plan as Record<string, unknown>;
  const own = typeof node.stage === 'string' ? [node.stage] : [];
  const children = [
    node.inputStage,
    node.queryPlan,
    ...(Array.isArray(node.inputStages) ? node.inputStages : []),
  ];
  return [...own, ...children.flatMap(stagesOf)];
}
