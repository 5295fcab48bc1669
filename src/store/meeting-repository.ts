import { Types } from 'mongoose';
import type { MeetingRecord } from '../domain/meetings';
import type { Models } from './database';
import { operator } from './mapping';

/** Meetings the pairs logged: a day and who logged it, one per relationship and day. */
export function createMeetingRepository(models: Models) {
  const { meetings } = models;
  const validIds = (ids: readonly string[]) => ids.filter((id) => Types.ObjectId.isValid(id));
  return {
    /**
     * Records a meeting unless that day is already logged for the relationship: `recorded`, or `already`
     * with who logged it first. An upsert, not an insert, so inside a transaction a second logging of the
     * same day is a no-op rather than a duplicate-key error that would abort it.
     */
    async record(
      meeting: MeetingRecord,
    ): Promise<{ outcome: 'recorded' } | { outcome: 'already'; loggedBy: string }> {
      const result = await meetings.updateOne(
        { relationshipId: meeting.relationshipId, date: meeting.date },
        { $setOnInsert: { loggedBy: meeting.loggedBy, loggedAt: meeting.loggedAt } },
        { upsert: true },
      );
      if (result.upsertedCount === 1) return { outcome: 'recorded' };
      const existing = await meetings
        .findOne({ relationshipId: meeting.relationshipId, date: meeting.date })
        .lean();
      return { outcome: 'already', loggedBy: existing?.loggedBy ?? meeting.loggedBy };
    },

    /** The relationship's latest meeting, if any was logged. */
    async latest(relationshipId: string): Promise<MeetingRecord | undefined> {
      if (!Types.ObjectId.isValid(relationshipId)) return undefined;
      const doc = await meetings.findOne({ relationshipId }).sort({ date: -1 }).lean();
      return doc ? toMeeting(doc) : undefined;
    },

    /** The latest meeting of each of these relationships (one query; the unique index serves it). */
    async latestOf(relationshipIds: readonly string[]): Promise<Map<string, MeetingRecord>> {
      const ids = validIds(relationshipIds).map((id) => new Types.ObjectId(id));
      if (ids.length === 0) return new Map();
      const rows = await meetings.aggregate<{ _id: Types.ObjectId; latest: Record<string, unknown> }>([
        { $match: { relationshipId: operator({ $in: ids }) } },
        { $sort: { relationshipId: 1, date: -1 } },
        { $group: { _id: '$relationshipId', latest: { $first: '$$ROOT' } } },
      ]);
      return new Map(rows.map((row) => [String(row._id), toMeeting(row.latest)]));
    },
  };
}
export type MeetingRepository = ReturnType<typeof createMeetingRepository>;

function toMeeting(doc: Record<string, unknown>): MeetingRecord {
  return {
    relationshipId: String(doc.relationshipId),
    date: String(doc.date),
    loggedBy: String(doc.loggedBy),
    loggedAt: doc.loggedAt as Date,
  };
}
