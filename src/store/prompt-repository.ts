import { Types } from 'mongoose';
import type { PromptKind } from '../domain/prompt-kinds';
import type { Models } from './database';
import { isDuplicateKey } from './processed-events-repository';
import type { PROMPT_STATES } from './schemas';
import { operator } from './mapping';

export type OutboxState = (typeof PROMPT_STATES)[number];

/** One scheduled prompt in the durable outbox, as the scheduler sees it. */
export interface OutboxItem {
  id: string;
  /** `${relationshipId}:${kind}:${occurrence}`: the prompt's idempotency key. */
  key: string;
  relationshipId: string;
  kind: PromptKind;
  /** Which occurrence of the kind (a date, a goal's check-in date, ...); part of the key. */
  occurrence: string;
  dueAt: Date;
  state: OutboxState;
  /** How many times a dispatcher has claimed it. */
  attempts: number;
  leaseOwner?: string;
  leaseUntil?: Date;
  nextAttemptAt?: Date;
  lastError?: string;
  sentAt?: Date;
  messageTs?: string;
  channelId?: string;
  claimedAt?: Date;
  reason?: string;
}

export interface NewOutboxItem {
  relationshipId: string;
  kind: PromptKind;
  occurrence: string;
  dueAt: Date;
  /** `skipped` records an occurrence that will never be sent (with a reason), so it is not planned again. */
  state?: 'pending' | 'skipped';
  reason?: string;
}

/** An outbox item as the planner compares it with a plan. */
export interface PlannedItem {
  id: string;
  key: string;
  state: OutboxState;
  reason?: string;
  leaseUntil?: Date;
}

/** Stored error and reason strings are cut to this length: a short code or summary, never message text. */
const MAX_NOTE = 200;

export function promptKey(relationshipId: string, kind: PromptKind, occurrence: string): string {
  return `${relationshipId}:${kind}:${occurrence}`;
}

/**
 * The claim query: pending, due, not waiting for a retry and not under a live lease, oldest first.
 * `{ $not: { $gt: now } }` matches an absent field as well as a time at or before `now`, so the query needs
 * no `$or` and the `{ state: 1, dueAt: 1 }` index serves it. Exported for the explain test.
 */
export function claimQuery(now: Date) {
  return {
    filter: {
      state: 'pending' as const,
      dueAt: operator({ $lte: now }),
      nextAttemptAt: operator({ $not: { $gt: now } }),
      leaseUntil: operator({ $not: { $gt: now } }),
    },
    sort: { dueAt: 1 } as const,
  };
}

/**
 * The durable outbox of scheduled prompts. MongoDB coordinates the copies of the bot: the unique key makes
 * planning idempotent, and a lease with an expiry (taken by one atomic update) gives each due prompt to one
 * dispatcher at a time; a dispatcher that dies mid-send loses its lease when it expires, and the prompt is
 * claimed again. Every change after the claim is conditional on still holding the lease.
 */
/**
 * The lease protocol both outboxes (prompts and notices) share: a claim is one atomic update that leases
 * the item and counts the attempt; every later change is conditional on still holding the lease.
 */
export const outboxLease = {
  /** Only the lease holder may settle a pending item. */
  held: (id: string, owner: string) => ({ _id: id, state: 'pending' as const, leaseOwner: owner }),
  claim: (owner: string, now: Date, leaseMs: number) => ({
    $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), claimedAt: now },
    $inc: { attempts: 1 },
  }),
  sent: (sent: { channelId: string; messageTs: string; at: Date }) => ({
    $set: {
      state: 'sent',
      sentAt: sent.at,
      finishedAt: sent.at,
      channelId: sent.channelId,
      messageTs: sent.messageTs,
    },
    $unset: { leaseOwner: 1, leaseUntil: 1, nextAttemptAt: 1 },
  }),
  retry: (error: string, nextAttemptAt: Date) => ({
    $set: { lastError: shorten(error), nextAttemptAt },
    $unset: { leaseOwner: 1, leaseUntil: 1 },
  }),
  finish: (state: 'skipped' | 'cancelled' | 'parked', reason: string, at: Date) => ({
    $set: { state, reason: shorten(reason), finishedAt: at },
    $unset: { leaseOwner: 1, leaseUntil: 1 },
  }),
};

/** An outbox item as first written: pending (unless planned otherwise), never tried, stamped `at`. */
function newPromptDocument(item: NewOutboxItem, at: Date) {
  return {
    key: promptKey(item.relationshipId, item.kind, item.occurrence),
    relationshipId: new Types.ObjectId(item.relationshipId),
    kind: item.kind,
    occurrence: item.occurrence,
    dueAt: item.dueAt,
    state: item.state ?? 'pending',
    attempts: 0,
    ...(item.reason === undefined ? {} : { reason: shorten(item.reason) }),
    createdAt: at,
    updatedAt: at,
  };
}

export function createPromptRepository(models: Models) {
  const { prompts } = models;

  const { held } = outboxLease;
  const releaseLease = { leaseOwner: 1, leaseUntil: 1 } as const;

  return {
    /**
     * Adds the items whose keys are new and never touches an existing one, whatever its state (a sent,
     * skipped or cancelled prompt is not revived). Returns how many were new. Safe to race: a duplicate key
     * from another caller inserting the same item at the same moment counts as not new.
     */
    async enqueue(items: NewOutboxItem[]): Promise<number> {
      if (items.length === 0) return 0;
      for (const item of items) {
        if (!Types.ObjectId.isValid(item.relationshipId)) {
          throw new Error(`enqueue: "${item.relationshipId}" is not a relationship id`);
        }
      }
      const at = new Date();
      const ops = items.map((item) => {
        const doc = newPromptDocument(item, at);
        return {
          updateOne: {
            filter: { key: doc.key },
            update: { $setOnInsert: doc },
            upsert: true,
            // Timestamps would `$set` updatedAt on an existing item; this write must leave it untouched.
            timestamps: false,
          },
        };
      });
      try {
        const result = await prompts.bulkWrite(ops, { ordered: false, throwOnValidationError: true });
        return result.upsertedCount;
      } catch (error) {
        const raced = upsertedDespiteDuplicates(error);
        if (raced === undefined) throw error;
        return raced;
      }
    },

    /**
     * Cancels the relationship's pending items that are no longer planned (keys not in `keepKeys`), except
     * those a dispatcher holds a live lease on: that send is under way and settles itself.
     */
    async cancelPending(
      relationshipId: string,
      keepKeys: string[],
      at: Date,
      reason: string,
    ): Promise<number> {
      if (!Types.ObjectId.isValid(relationshipId)) return 0;
      const result = await prompts.updateMany(
        {
          relationshipId,
          state: 'pending',
          key: operator({ $nin: keepKeys }),
          leaseUntil: operator({ $not: { $gt: at } }),
        },
        { $set: { state: 'cancelled', reason: shorten(reason), finishedAt: at } },
      );
      return result.modifiedCount;
    },

    /**
     * Brings back items cancelled because they no longer applied when they apply again (a pause lifted
     * early): the plan is the truth, and a cancelled key would otherwise block its own prompt for good.
     */
    async revive(relationshipId: string, keys: string[], reason: string): Promise<number> {
      if (!Types.ObjectId.isValid(relationshipId) || keys.length === 0) return 0;
      const result = await prompts.updateMany(
        { relationshipId, key: operator({ $in: keys }), state: 'cancelled', reason: shorten(reason) },
        { $set: { state: 'pending' }, $unset: { reason: 1, finishedAt: 1, leaseOwner: 1, leaseUntil: 1 } },
      );
      return result.modifiedCount;
    },

    /**
     * What the planner needs to know of these relationships' outbox items, for all of them in one query
     * over the (relationship, state) index: each item's key, state, why it was settled, and its lease.
     */
    async plannedOf(relationshipIds: string[]): Promise<Map<string, PlannedItem[]>> {
      const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
      const byRelationship = new Map<string, PlannedItem[]>();
      if (ids.length === 0) return byRelationship;
      const docs = await prompts
        .find(
          { relationshipId: operator({ $in: ids }) },
          { relationshipId: 1, key: 1, state: 1, reason: 1, leaseUntil: 1 },
        )
        .lean();
      for (const doc of docs) {
        const id = String(doc.relationshipId);
        const item: PlannedItem = {
          id: String(doc._id),
          key: doc.key,
          state: (doc.state ?? 'pending') as OutboxState,
          ...(doc.reason ? { reason: doc.reason } : {}),
          ...(doc.leaseUntil ? { leaseUntil: doc.leaseUntil } : {}),
        };
        const items = byRelationship.get(id);
        if (items) items.push(item);
        else byRelationship.set(id, [item]);
      }
      return byRelationship;
    },

    /**
     * Writes many relationships' plans at once: the new items inserted in one unordered bulk insert (a key
     * another copy inserted meanwhile stays as it is and counts as not new: the unique key index decides),
     * and meanwhile the items that no longer apply cancelled and those that apply again revived, by id. A
     * cancel skips an item a dispatcher holds a live lease on, and both skip an item whose state moved on
     * since it was read. Returns how many items were new.
     */
    async applyPlans(
      plans: { insert: NewOutboxItem[]; cancel: string[]; revive: string[] },
      at: Date,
      reason: string,
    ): Promise<number> {
      // Built first, so an item that is not a relationship's fails the whole call before anything is written.
      const docs = plans.insert.map((item) => {
        if (!Types.ObjectId.isValid(item.relationshipId))
          throw new Error(`applyPlans: "${item.relationshipId}" is not a relationship id`);
        return newPromptDocument(item, at);
      });
      const insertNew = async (): Promise<number> => {
        if (docs.length === 0) return 0;
        try {
          // Straight to the driver: the documents are built complete here, and casting thousands of them
          // through the schema would cost more than the insert itself.
          const result = await prompts.collection.insertMany(docs, { ordered: false });
          return result.insertedCount;
        } catch (error) {
          const inserted = insertedDespiteDuplicates(error, docs.length);
          if (inserted === undefined) throw error;
          return inserted;
        }
      };
      const note = shorten(reason);
      const writes: Parameters<typeof prompts.bulkWrite>[0] = [];
      if (plans.cancel.length > 0)
        writes.push({
          updateMany: {
            filter: {
              _id: operator({ $in: plans.cancel.map((id) => new Types.ObjectId(id)) }),
              state: 'pending',
              leaseUntil: operator({ $not: { $gt: at } }),
            },
            update: { $set: { state: 'cancelled', reason: note, finishedAt: at, updatedAt: at } },
          },
        });
      if (plans.revive.length > 0)
        writes.push({
          updateMany: {
            filter: {
              _id: operator({ $in: plans.revive.map((id) => new Types.ObjectId(id)) }),
              state: 'cancelled',
              reason: note,
            },
            update: {
              $set: { state: 'pending', updatedAt: at },
              $unset: { reason: 1, finishedAt: 1, leaseOwner: 1, leaseUntil: 1 },
            },
          },
        });
      // The inserts are new keys and the updates existing items: the two writes go side by side.
      const [added] = await Promise.all([
        insertNew(),
        writes.length > 0 ? prompts.bulkWrite(writes, { ordered: false }) : undefined,
      ]);
      return added;
    },

    /**
     * Leases the oldest due item to `owner` until `now + leaseMs` in one atomic update (so two dispatchers
     * never get the same item), counting the attempt; undefined when nothing is due.
     */
    async claimNext(owner: string, now: Date, leaseMs: number): Promise<OutboxItem | undefined> {
      const { filter, sort } = claimQuery(now);
      const doc = await prompts
        .findOneAndUpdate(filter, outboxLease.claim(owner, now, leaseMs), { sort, returnDocument: 'after' })
        .lean();
      return doc ? toOutboxItem(doc) : undefined;
    },

    /**
     * Records the send and releases the lease; false when `owner` no longer holds the item (its lease expired
     * and another dispatcher claimed it, or it was settled meanwhile).
     */
    async markSent(
      id: string,
      owner: string,
      sent: { channelId: string; messageTs: string; at: Date },
    ): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const result = await prompts.updateOne(held(id, owner), outboxLease.sent(sent));
      return result.modifiedCount === 1;
    },

    /**
     * Leaves the item pending, not to be claimed before `nextAttemptAt`, with a short error (an error code,
     * never message text or personal data); false when `owner` no longer holds it.
     */
    async retryLater(id: string, owner: string, error: string, nextAttemptAt: Date): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const result = await prompts.updateOne(held(id, owner), outboxLease.retry(error, nextAttemptAt));
      return result.modifiedCount === 1;
    },

    /** Moves a claimed item to a later delivery time (the recipients' next local window) and releases it. */
    async reschedule(id: string, owner: string, dueAt: Date): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const result = await prompts.updateOne(held(id, owner), {
        $set: { dueAt },
        $unset: { ...releaseLease, nextAttemptAt: 1 },
      });
      return result.modifiedCount === 1;
    },

    /**
     * Settles a claimed item without sending it: `skipped` (no longer applies), `cancelled` (the
     * relationship ended) or `parked` (gave up; staff can look). False when `owner` no longer holds it.
     */
    async finish(
      id: string,
      owner: string,
      state: 'skipped' | 'cancelled' | 'parked',
      reason: string,
      at: Date,
    ): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const result = await prompts.updateOne(held(id, owner), outboxLease.finish(state, reason, at));
      return result.modifiedCount === 1;
    },

    /** The relationship's items, earliest due first. */
    async listFor(relationshipId: string): Promise<OutboxItem[]> {
      if (!Types.ObjectId.isValid(relationshipId)) return [];
      const docs = await prompts.find({ relationshipId }).sort({ dueAt: 1, key: 1 }).lean();
      return docs.map(toOutboxItem);
    },

    /** How many items are in each state (for the staff dashboard and health checks: counts only). */
    /** How many prompts of each of these relationships were parked, and when the latest was (one query). */
    async parkedOf(
      relationshipIds: readonly string[],
    ): Promise<Map<string, { count: number; latestAt: Date }>> {
      const ids = relationshipIds
        .filter((id) => Types.ObjectId.isValid(id))
        .map((id) => new Types.ObjectId(id));
      if (ids.length === 0) return new Map();
      const rows = await prompts.aggregate<{ _id: Types.ObjectId; count: number; latestAt: Date }>([
        { $match: { relationshipId: operator({ $in: ids }), state: 'parked' } },
        {
          $group: {
            _id: '$relationshipId',
            count: { $sum: 1 },
            latestAt: { $max: { $ifNull: ['$finishedAt', '$updatedAt'] } },
          },
        },
      ]);
      return new Map(rows.map((row) => [String(row._id), { count: row.count, latestAt: row.latestAt }]));
    },

    async countByState(): Promise<Record<string, number>> {
      const rows = await prompts.aggregate<{ _id: string; n: number }>([
        { $group: { _id: '$state', n: { $sum: 1 } } },
      ]);
      return Object.fromEntries(rows.map((row) => [row._id, row.n]));
    },
  };
}
export type PromptRepository = ReturnType<typeof createPromptRepository>;

export function shorten(note: string): string {
  return note.length > MAX_NOTE ? `${note.slice(0, MAX_NOTE - 1)}…` : note;
}

/**
 * When every failed write of an unordered bulk write is a duplicate key (another caller inserted the same
 * key between our lookup and our insert), the upserts that did happen; otherwise undefined.
 */
function upsertedDespiteDuplicates(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { writeErrors, result } = error as {
    writeErrors?: unknown;
    result?: { upsertedCount?: unknown };
  };
  const failures = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (failures.length === 0 || !failures.every(isDuplicateKey)) return undefined;
  return typeof result?.upsertedCount === 'number' ? result.upsertedCount : undefined;
}

/**
 * When every failed insert of an unordered insertMany is a duplicate key (another caller inserted the same
 * key first), how many were inserted; otherwise undefined.
 */
function insertedDespiteDuplicates(error: unknown, attempted: number): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { writeErrors } = error as { writeErrors?: unknown };
  const failures = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (failures.length === 0 || !failures.every(isDuplicateKey)) return undefined;
  return attempted - failures.length;
}

interface PromptDoc {
  _id: Types.ObjectId;
  key: string;
  relationshipId: Types.ObjectId;
  kind: string;
  occurrence: string;
  dueAt: Date;
  state?: string | null;
  attempts?: number | null;
  leaseOwner?: string | null;
  leaseUntil?: Date | null;
  nextAttemptAt?: Date | null;
  lastError?: string | null;
  sentAt?: Date | null;
  messageTs?: string | null;
  channelId?: string | null;
  claimedAt?: Date | null;
  reason?: string | null;
}

/** A plain record: string ids, and only the optional fields that are set. */
function toOutboxItem(doc: PromptDoc): OutboxItem {
  const item: OutboxItem = {
    id: String(doc._id),
    key: doc.key,
    relationshipId: String(doc.relationshipId),
    kind: doc.kind as PromptKind,
    occurrence: doc.occurrence,
    dueAt: doc.dueAt,
    state: (doc.state ?? 'pending') as OutboxState,
    attempts: doc.attempts ?? 0,
  };
  const optional = [
    'leaseOwner',
    'leaseUntil',
    'nextAttemptAt',
    'lastError',
    'sentAt',
    'messageTs',
    'channelId',
    'claimedAt',
    'reason',
  ] as const;
  for (const field of optional) {
    const value = doc[field];
    if (value !== undefined && value !== null) Object.assign(item, { [field]: value });
  }
  return item;
}
