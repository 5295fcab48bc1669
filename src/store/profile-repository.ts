import type { ApplicationRole } from '../domain/application-form';
import type { ProfileRecord } from '../domain/records';
import type { Models } from './database';
import { operator } from './mapping';

export type CapacityChange = 'changed' | 'below_open_relationships' | 'not_a_mentor';

/** Profiles: one per person and role, written when an application is approved. */
export function createProfileRepository(models: Models) {
  const { profiles } = models;
  const lean = (doc: unknown) => (doc ? (stripId(doc) as ProfileRecord) : undefined);
  return {
    async get(userId: string, role: ApplicationRole): Promise<ProfileRecord | undefined> {
      return lean(await profiles.findOne({ userId, role }).lean());
    },

    async getMany(userIds: string[], role: ApplicationRole): Promise<ProfileRecord[]> {
      const docs = await profiles.find({ userId: operator({ $in: userIds }), role }).lean();
      return docs.map((doc) => stripId(doc) as ProfileRecord);
    },

    /** Creates or refreshes a profile from approved answers, keeping seats already taken. */
    async saveApproved(
      profile: Omit<ProfileRecord, 'openRelationships' | 'approved'>,
    ): Promise<ProfileRecord> {
      const doc = await profiles
        .findOneAndUpdate(
          { userId: profile.userId, role: profile.role },
          { $set: { ...profile, approved: true }, $setOnInsert: { openRelationships: 0 } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
      return stripId(doc) as ProfileRecord;
    },

    /** Mentors in the directory with at least one free seat. */
    async listMentorsWithFreeSeats(): Promise<ProfileRecord[]> {
      const docs = await profiles
        .find({
          role: 'mentor',
          approved: true,
          listed: true,
          $expr: operator({ $lt: ['$openRelationships', '$capacity'] }),
        })
        .lean();
      return docs.map((doc) => stripId(doc) as ProfileRecord);
    },

    async listApprovedMentees(): Promise<ProfileRecord[]> {
      const docs = await profiles.find({ role: 'mentee', approved: true }).lean();
      return docs.map((doc) => stripId(doc) as ProfileRecord);
    },

    /**
     * Takes one of a mentor's seats if one is free, in a single conditional update, so concurrent accepts
     * can never take more seats than the capacity. True when a seat was taken.
     */
    async claimSeat(mentorId: string): Promise<boolean> {
      const result = await profiles.updateOne(
        {
          userId: mentorId,
          role: 'mentor',
          approved: true,
          $expr: operator({ $lt: ['$openRelationships', '$capacity'] }),
        },
        { $inc: { openRelationships: 1 } },
      );
      return result.modifiedCount === 1;
    },

    async releaseSeat(mentorId: string): Promise<void> {
      await profiles.updateOne(
        { userId: mentorId, role: 'mentor', openRelationships: operator({ $gt: 0 }) },
        { $inc: { openRelationships: -1 } },
      );
    },

    /** Sets a mentor's capacity unless it would drop below the relationships already open. */
    async setCapacity(mentorId: string, capacity: number): Promise<CapacityChange> {
      const result = await profiles.updateOne(
        { userId: mentorId, role: 'mentor', approved: true, openRelationships: operator({ $lte: capacity }) },
        { $set: { capacity } },
      );
      if (result.matchedCount === 1) return 'changed';
      const exists = await profiles.exists({ userId: mentorId, role: 'mentor', approved: true });
      return exists ? 'below_open_relationships' : 'not_a_mentor';
    },

    /** When this person's time zone was last read from Slack (undefined: never). */
    async timezoneCheckedAt(userId: string): Promise<Date | undefined> {
      const doc = await profiles.findOne({ userId }, { timezoneCheckedAt: 1 }).lean();
      return doc?.timezoneCheckedAt ?? undefined;
    },

    /** Stores the time zone Slack reports for a person (on each of their profiles). */
    async setTimezone(userId: string, timezone: string | undefined, at: Date): Promise<void> {
      await profiles.updateMany(
        { userId },
        timezone ? { $set: { timezone, timezoneCheckedAt: at } } : { $set: { timezoneCheckedAt: at } },
      );
    },

    async setListed(mentorId: string, listed: boolean): Promise<boolean> {
      const result = await profiles.updateOne(
        { userId: mentorId, role: 'mentor', approved: true },
        { $set: { listed } },
      );
      return result.matchedCount === 1;
    },
  };
}
export type ProfileRepository = ReturnType<typeof createProfileRepository>;

function stripId(doc: unknown): unknown {
  const {
    _id: _ignored,
    __v: _version,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = doc as Record<string, unknown>;
  return rest;
}
