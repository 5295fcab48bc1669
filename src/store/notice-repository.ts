import { Types } from 'mongoose';
import type { NewNotice, Notice, NoticeDestination, NoticeRecordTo, NoticeType } from '../domain/notices';
import type { Models } from './database';
import { operator } from './mapping';
import { claimQuery, outboxLease, type OutboxState } from './prompt-repository';
import { isDuplicateKey } from './processed-events-repository';

/** One notice in the outbox, as the dispatcher sees it. */
export interface NoticeItem {
  id: string;
  key: string;
  type: NoticeType;
  notice: Notice;
  destination: NoticeDestination;
  dueAt: Date;
  state: OutboxState;
  attempts: number;
  leaseUntil?: Date;
  claimedAt?: Date;
  messageTs?: string;
  channelId?: string;
}

/**
 * The outbox of notices, beside the prompts' and under the same lease protocol (`outboxLease`):
 * insert-only by key, claimed by one atomic update with an expiring lease, settled only by the lease holder.
 * `enqueue` is called inside a unit of work, so a notice exists exactly when the change that caused it does.
 */
export function createNoticeRepository(models: Models) {
  const { notices, applications, relationships } = models;
  const { held } = outboxLease;

  return {
    /** Adds the notices whose keys are new; an existing key (whatever its state) is left alone. */
    async enqueue(items: NewNotice[], at: Date): Promise<number> {
      let added = 0;
      for (const [index, item] of items.entries()) {
        // One write per notice; their due times (a millisecond apart, none later than `at`) keep their order.
        try {
          const result = await notices.updateOne(
            { key: item.key },
            {
              $setOnInsert: {
                key: item.key,
                type: item.notice.type,
                notice: item.notice,
                destination: item.destination,
                ...(item.recordTo ? { recordTo: item.recordTo } : {}),
                dueAt: new Date(at.getTime() - (items.length - 1 - index)),
                state: 'pending',
                attempts: 0,
              },
            },
            { upsert: true },
          );
          added += result.upsertedCount;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
      return added;
    },

    async has(key: string): Promise<boolean> {
      return (await notices.exists({ key })) !== null;
    },

    /** Leases the oldest due notice to `owner` (one atomic update, so two dispatchers never share one). */
    async claimNext(owner: string, now: Date, leaseMs: number): Promise<NoticeItem | undefined> {
      const { filter, sort } = claimQuery(now);
      const doc = await notices
        .findOneAndUpdate(filter, outboxLease.claim(owner, now, leaseMs), { sort, returnDocument: 'after' })
        .lean();
      return doc ? toNoticeItem(doc) : undefined;
    },

    /**
     * Records the send (and, for a card, its channel and ts where later updates look for them) and releases
     * the lease; false when `owner` no longer holds the notice.
     */
    async markSent(
      id: string,
      owner: string,
      sent: { channelId: string; messageTs: string; at: Date },
    ): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const doc = await notices
        .findOneAndUpdate(held(id, owner), outboxLease.sent(sent), { returnDocument: 'after' })
        .lean();
      if (!doc) return false;
      const recordTo = doc.recordTo as NoticeRecordTo | undefined;
      const message = { channel: sent.channelId, ts: sent.messageTs };
      if (recordTo && 'applicationReviewCard' in recordTo)
        await applications.updateOne(
          { _id: recordTo.applicationReviewCard },
          { $set: { reviewCard: message } },
        );
      if (recordTo && 'relationshipRequestMessage' in recordTo)
        await relationships.updateOne(
          { _id: recordTo.relationshipRequestMessage },
          { $set: { requestMessage: message } },
        );
      return true;
    },

    async retryLater(id: string, owner: string, error: string, nextAttemptAt: Date): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const result = await notices.updateOne(held(id, owner), outboxLease.retry(error, nextAttemptAt));
      return result.modifiedCount === 1;
    },

    /** Hands a claimed notice back until `until` without counting the claim as an attempt. */
    async waitUntil(id: string, owner: string, reason: string, until: Date): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const update = outboxLease.retry(reason, until);
      const result = await notices.updateOne(held(id, owner), { ...update, $inc: { attempts: -1 } });
      return result.modifiedCount === 1;
    },

    async finish(
      id: string,
      owner: string,
      state: 'skipped' | 'cancelled' | 'parked',
      reason: string,
      at: Date,
    ): Promise<boolean> {
      if (!Types.ObjectId.isValid(id)) return false;
      const result = await notices.updateOne(held(id, owner), outboxLease.finish(state, reason, at));
      return result.modifiedCount === 1;
    },

    /**
     * The message another notice posted: its channel and ts once sent, `pending` while it may still be sent,
     * undefined when there is none (never written, or given up).
     */
    async postedBy(key: string): Promise<{ channel: string; ts: string } | 'pending' | undefined> {
      const doc = await notices.findOne({ key }).lean();
      if (!doc) return undefined;
      if (doc.state === 'sent' && doc.channelId && doc.messageTs)
        return { channel: doc.channelId, ts: doc.messageTs };
      return doc.state === 'pending' ? 'pending' : undefined;
    },

    /** When the soonest pending notice may be tried again (for the dispatcher's retry timer). */
    async nextAttemptAt(): Promise<Date | undefined> {
      const doc = await notices
        .findOne({ state: 'pending', nextAttemptAt: operator({ $exists: true }) })
        .sort({ nextAttemptAt: 1 })
        .lean();
      return doc?.nextAttemptAt ?? undefined;
    },

    /** How many notices are in each state (counts only). */
    async countByState(): Promise<Record<string, number>> {
      const rows = await notices.aggregate<{ _id: string; n: number }>([
        { $group: { _id: '$state', n: { $sum: 1 } } },
      ]);
      return Object.fromEntries(rows.map((row) => [row._id, row.n]));
    },
  };
}
export type NoticeRepository = ReturnType<typeof createNoticeRepository>;

interface NoticeDoc {
  _id: Types.ObjectId;
  key: string;
  type: string;
  notice?: unknown;
  destination?: unknown;
  dueAt: Date;
  state?: string | null;
  attempts?: number | null;
  leaseUntil?: Date | null;
  claimedAt?: Date | null;
  messageTs?: string | null;
  channelId?: string | null;
}

function toNoticeItem(doc: NoticeDoc): NoticeItem {
  const item: NoticeItem = {
    id: String(doc._id),
    key: doc.key,
    type: doc.type as NoticeType,
    notice: doc.notice as Notice,
    destination: doc.destination as NoticeDestination,
    dueAt: doc.dueAt,
    state: (doc.state ?? 'pending') as OutboxState,
    attempts: doc.attempts ?? 0,
  };
  for (const field of ['leaseUntil', 'claimedAt', 'messageTs', 'channelId'] as const) {
    const value = doc[field];
    if (value !== undefined && value !== null) Object.assign(item, { [field]: value });
  }
  return item;
}
