import type { ApplicationRole } from '../domain/application-form';
import type { ProfileRecord } from '../domain/records';
import type { Models } from './database';
import { operator } from './mapping';

/** A person's stored zones: one per profile they have. */
export type StoredZones = Partial<Record<ApplicationRole, string | undefined>>;

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

    /** Each of these people's stored time zones, by role (one query for them all). */
    async timezonesOf(userIds: string[]): Promise<Map<string, StoredZones>> {
      const zones = new Map<string, StoredZones>();
      if (userIds.length === 0) return zones;
      const docs = await profiles
        .find({ userId: operator({ $in: userIds }) }, { _id: 0, userId: 1, role: 1, timezone: 1 })
        .lean();
      for (const doc of docs) {
        const entry = zones.get(doc.userId) ?? {};
        entry[doc.role as ApplicationRole] = doc.timezone ?? undefined;
        zones.set(doc.userId, entry);
      }
      return zones;
    },

    /**
     * People whose time zone was last read from Slack before `before` (or never), longest ago first, at
     * most `limit` of them (through the `timezoneCheckedAt` index).
     */
    async staleTimezones(before: Date, limit: number): Promise<string[]> {
      const docs = await profiles
        .find({ timezoneCheckedAt: operator({ $not: { $gt: before } }) }, { _id: 0, userId: 1 })
        .sort({ timezoneCheckedAt: 1 })
        .limit(limit * 2) // a person can have two profiles
        .lean();
      return [...new Set(docs.map((doc) => doc.userId))].slice(0, limit);
    },

    /**
     * Takes the check of a person's stale time zone, so two copies of the bot don't both ask Slack: true
     * when this caller moved `timezoneCheckedAt` on to `at`. The previous time, to put back on a failure.
     */
    async claimTimezoneCheck(
      userId: string,
      before: Date,
      at: Date,
    ): Promise<{ claimed: boolean; previous: Date | undefined }> {
      const doc = await profiles
        .findOneAndUpdate(
          { userId, timezoneCheckedAt: operator({ $not: { $gt: before } }) },
          { $set: { timezoneCheckedAt: at } },
          { projection: { timezoneCheckedAt: 1 }, timestamps: false },
        )
        .lean();
      if (!doc) return { claimed: false, previous: undefined };
      // The person's other profile (if any) follows, so it is not picked up again.
      await profiles.updateMany(
        { userId, timezoneCheckedAt: operator({ $not: { $gt: before } }) },
        { $set: { timezoneCheckedAt: at } },
        { timestamps: false },
      );
      return { claimed: true, previous: doc.timezoneCheckedAt ?? undefined };
    },

    /** Puts back when a person's zone was last checked (the check failed: it is tried again later). */
    async releaseTimezoneCheck(userId: string, claimedAt: Date, previous: Date | undefined): Promise<void> {
      await profiles.updateMany(
        { userId, timezoneCheckedAt: claimedAt },
        previous ? { $set: { timezoneCheckedAt: previous } } : { $unset: { timezoneCheckedAt: 1 } },
        { timestamps: false },
      );
    },

    /**
     * Stores the time zone Slack reports for a person (on each of their profiles); true when it differs
     * from what was stored on any of them (their prompts need planning again).
     */
    async setTimezone(userId: string, timezone: string | undefined, at: Date): Promise<boolean> {
      if (!timezone) {
        await profiles.updateMany({ userId }, { $set: { timezoneCheckedAt: at } });
        return false;
      }
      const changed = await profiles.updateMany(
        { userId, timezone: operator({ $ne: timezone }) },
        { $set: { timezone, timezoneCheckedAt: at } },
      );
      await profiles.updateMany({ userId }, { $set: { timezoneCheckedAt: at } }, { timestamps: false });
      return changed.modifiedCount > 0;
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
