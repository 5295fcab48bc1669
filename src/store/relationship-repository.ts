import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { AgreementAnswers } from '../domain/agreements';
import type { CommunicationChannel } from '../domain/application-form';
import type { RelationshipRecord, TransitionRecord } from '../domain/records';
import type { RelationshipStatus } from '../domain/relationship-stages';
import type { Goal } from '../domain/goal-form';
import type { Models } from './database';
import type { GoalFormVersion } from './goal-form-repository';
import { isDuplicateKey } from './processed-events-repository';
import { toRecord, toRecordOrUndefined, operator } from './mapping';

const OPEN: RelationshipStatus[] = ['introduced', 'stage1', 'stage2', 'stage3', 'stage4'];
const LIVE: RelationshipStatus[] = ['requested', ...OPEN];

/** A relationship, its mentee's time zone and the goals in force (see `getForGoalWork`). */
export interface GoalWorkContext {
  relationship: RelationshipRecord;
  menteeTimezone: string | undefined;
  goalForm: GoalFormVersion | undefined;
}

/** A relationship claimed for planning, with the claim that finishing it must still match. */
export interface PlanningClaim {
  relationship: RelationshipRecord;
  claim: { token: string; until: Date };
}

/** Relationships and their stage history; every status change is a conditional update on the old status. */
export function createRelationshipRepository(models: Models) {
  const { relationships } = models;
  const map = (doc: unknown) => withDefaults(toRecord<RelationshipRecord>(doc));
  return {
    async get(id: string): Promise<RelationshipRecord | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const doc = toRecordOrUndefined<RelationshipRecord>(await relationships.findById(id).lean());
      return doc && withDefaults(doc);
    },

    /**
     * A relationship with what a goal form or check-in submitted about it is checked against, in one round
     * trip (so a form can be answered after a single read): the mentee's time zone from their profile and
     * the goal-form version in force.
     */
    async getForGoalWork(id: string): Promise<GoalWorkContext | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const [row] = await relationships.aggregate<Record<string, unknown>>([
        { $match: { _id: new Types.ObjectId(id) } },
        {
          $lookup: {
            from: models.goalForms.collection.collectionName,
            localField: '_id',
            foreignField: 'relationshipId',
            pipeline: [{ $sort: { version: -1 } }, { $limit: 1 }],
            as: 'goalFormLatest',
          },
        },
        {
          $lookup: {
            from: models.profiles.collection.collectionName,
            localField: 'menteeId',
            foreignField: 'userId',
            pipeline: [{ $match: { role: 'mentee' } }, { $project: { _id: 0, timezone: 1 } }],
            as: 'menteeProfile',
          },
        },
      ]);
      if (!row) return undefined;
      const { goalFormLatest, menteeProfile, ...relationship } = row as {
        goalFormLatest: {
          relationshipId: unknown;
          version: number;
          goals: Goal[];
          submittedBy: string;
          createdAt: Date;
        }[];
        menteeProfile: { timezone?: string }[];
      };
      const latest = goalFormLatest[0];
      return {
        relationship: map(relationship),
        menteeTimezone: menteeProfile[0]?.timezone ?? undefined,
        goalForm: latest && {
          relationshipId: String(latest.relationshipId),
          version: latest.version,
          goals: latest.goals,
          submittedBy: latest.submittedBy,
          createdAt: latest.createdAt,
        },
      };
    },

    /** A new request, or `duplicate` when the pair already has a live request or relationship. */
    async createRequest(request: {
      mentorId: string;
      menteeId: string;
      requestedBy: string;
      at: Date;
      actor: TransitionRecord['actor'];
    }): Promise<RelationshipRecord | 'duplicate'> {
      try {
        const doc = await relationships.create({
          mentorId: request.mentorId,
          menteeId: request.menteeId,
          status: 'requested',
          requestedBy: request.requestedBy,
          requestedAt: request.at,
          history: [{ to: 'requested', actor: request.actor, actorId: request.requestedBy, at: request.at }],
        });
        return map(doc.toObject());
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },

    /** Requests waiting on this mentor's answer, oldest first (read inside the transaction that releases them). */
    async waitingRequestsFor(mentorId: string): Promise<RelationshipRecord[]> {
      const docs = await relationships
        .find({ mentorId, status: 'requested' })
        .sort({ requestedAt: 1 })
        .lean();
      return docs.map(map);
    },

    async countRequestsBy(menteeId: string): Promise<number> {
      return relationships.countDocuments({ menteeId, status: 'requested' });
    },

    /** Open relationships (introduced to stage 4) in which this person is mentor or mentee. */
    async findOpenFor(userId: string): Promise<RelationshipRecord[]> {
      const docs = await relationships
        .find({ $or: [{ mentorId: userId }, { menteeId: userId }], status: operator({ $in: OPEN }) })
        .sort({ requestedAt: 1 })
        .lean();
      return docs.map(map);
    },

    /** Every request waiting for a mentor and every open relationship (for the at-risk list). */
    async listLive(): Promise<RelationshipRecord[]> {
      const docs = await relationships
        .find({ status: operator({ $in: LIVE }) })
        .sort({ requestedAt: 1 })
        .lean();
      return docs.map(map);
    },

    /** How many relationships are in each status (for the staff dashboard: counts only). */
    async countByStatus(): Promise<Record<string, number>> {
      const rows = await relationships.aggregate<{ _id: string; n: number }>([
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ]);
      return Object.fromEntries(rows.map((row) => [row._id, row.n]));
    },

    /** Mentees (of the given ids) who have a live request or relationship. */
    async menteesWithLiveRelationships(menteeIds: string[]): Promise<Set<string>> {
      const ids = await relationships.distinct('menteeId', {
        menteeId: operator({ $in: menteeIds }),
        status: operator({ $in: LIVE }),
      });
      return new Set(ids);
    },

    /**
     * Moves a relationship from `from` to `transition.to` if it is still in `from`, recording the transition;
     * undefined when it had already moved (someone else acted first).
     */
    async transition(
      id: string,
      from: RelationshipStatus,
      transition: Omit<TransitionRecord, 'from'>,
      set: Partial<
        Pick<RelationshipRecord, 'channelId' | 'stageStartedAt' | 'requestMessage' | 'endedAt'>
      > = {},
    ): Promise<RelationshipRecord | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const doc = await relationships
        .findOneAndUpdate(
          { _id: id, status: from },
          {
            $set: { status: transition.to, ...set, nextPlanAt: transition.at },
            $push: { history: { ...transition, from } },
          },
          { returnDocument: 'after' },
        )
        .lean();
      return doc ? map(doc) : undefined;
    },

    async setFormalEndDate(id: string, formalEndDate: string, at: Date): Promise<void> {
      await relationships.updateOne(
        { _id: id },
        { $set: { formalEndDate, lastActivityAt: at, nextPlanAt: at } },
      );
    },

    /** Stores the pair's agreements and the acting person's confidentiality acknowledgement. */
    async setAgreements(
      id: string,
      side: 'mentor' | 'mentee',
      answers: AgreementAnswers,
      at: Date,
    ): Promise<RelationshipRecord | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const ack = side === 'mentor' ? 'confidentialityAckMentor' : 'confidentialityAckMentee';
      const doc = await relationships
        .findOneAndUpdate(
          { _id: id, status: 'stage1' },
          {
            $set: {
              'agreements.contactFrequency': answers.contactFrequency,
              'agreements.channels': answers.channels,
              [`agreements.${ack}`]: at,
              lastActivityAt: at,
              nextPlanAt: at,
            },
          },
          { returnDocument: 'after' },
        )
        .lean();
      return doc ? map(doc) : undefined;
    },

    /** Something happened in the relationship (a check-in, a saved form): it is not quiet. */
    async recordActivity(id: string, at: Date): Promise<void> {
      if (!Types.ObjectId.isValid(id)) return;
      await relationships.updateOne({ _id: id }, { $set: { lastActivityAt: at, nextPlanAt: at } });
    },

    /** The mentor chose `talk_again`: remind them on `day` (YYYY-MM-DD). */
    async setTalkAgainOn(id: string, day: string, at: Date): Promise<void> {
      if (!Types.ObjectId.isValid(id)) return;
      await relationships.updateOne({ _id: id }, { $set: { talkAgainOn: day, nextPlanAt: at } });
    },

    /** Pauses the pair's prompts from `at` until `until` (resuming is a pause that ends now). */
    async setPause(id: string, from: Date, until: Date, at: Date): Promise<RelationshipRecord | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const doc = await relationships
        .findOneAndUpdate(
          { _id: id, status: operator({ $in: OPEN }) },
          { $set: { pausedAt: from, pausedUntil: until, nextPlanAt: at } },
          { returnDocument: 'after' },
        )
        .lean();
      return doc ? map(doc) : undefined;
    },

    /**
     * Claims up to `limit` relationships marked for planning (oldest mark first) for `leaseMs`, so two
     * copies of the bot never plan the same one at once: the claim moves `nextPlanAt` to the lease's end
     * with a token of its own, so one that is never finished (the copy died) comes due again when the
     * lease runs out. A change meanwhile sets `nextPlanAt` again, which voids the claim: the relationship
     * stays due and its newer state is planned next. Three round trips whatever `limit` is.
     */
    async claimForPlanning(now: Date, limit: number, leaseMs: number): Promise<PlanningClaim[]> {
      const until = new Date(now.getTime() + leaseMs);
      const token = randomBytes(6).toString('hex');
      // Another copy may claim the same candidates between our read and our claim; then read again (the
      // ones it took are no longer due).
      for (let attempt = 0; attempt < 3; attempt++) {
        const due = await relationships
          .find({ nextPlanAt: operator({ $lte: now }) }, { _id: 1 })
          .sort({ nextPlanAt: 1 })
          .limit(limit)
          .lean();
        if (due.length === 0) return [];
        const ids = due.map((doc) => doc._id);
        const claim = await relationships.updateMany(
          { _id: operator({ $in: ids }), nextPlanAt: operator({ $lte: now }) },
          { $set: { nextPlanAt: until, planClaim: token } },
          { timestamps: false },
        );
        if (claim.modifiedCount === 0) continue;
        const claimed = await relationships
          .find({ _id: operator({ $in: ids }), planClaim: token, nextPlanAt: until })
          .lean();
        return claimed.map((doc) => ({ relationship: map(doc), claim: { token, until } }));
      }
      return [];
    },

    /**
     * Ends claims in one bulk write: each relationship is marked planned (or due again at `planAgainAt`)
     * only if it still carries the claim, i.e. nothing changed since it was read.
     */
    async finishPlanning(
      finished: { id: string; claim: PlanningClaim['claim']; planAgainAt?: Date | undefined }[],
    ): Promise<void> {
      if (finished.length === 0) return;
      type Write = Parameters<typeof relationships.bulkWrite>[0][number];
      const writes = finished.map(({ id, claim, planAgainAt }): Write => {
        const filter = { _id: new Types.ObjectId(id), nextPlanAt: claim.until, planClaim: claim.token };
        const update = planAgainAt
          ? { $set: { nextPlanAt: planAgainAt }, $unset: { planClaim: 1 } }
          : { $unset: { nextPlanAt: 1, planClaim: 1 } };
        return { updateOne: { filter, update: update as object, timestamps: false } };
      });
      await relationships.bulkWrite(writes, { ordered: false });
    },

    /**
     * Marks for planning the relationships these people are in whose prompts depend on their time
     * (introduced to stage 4), e.g. after one of them moved to another time zone. How many were marked.
     */
    async markForPlanningOf(userIds: string[], at: Date): Promise<number> {
      if (userIds.length === 0) return 0;
      const result = await relationships.updateMany(
        {
          $or: [{ mentorId: operator({ $in: userIds }) }, { menteeId: operator({ $in: userIds }) }],
          status: operator({ $in: OPEN }),
        },
        { $set: { nextPlanAt: at } },
      );
      return result.modifiedCount;
    },

    async setRequestMessage(id: string, message: { channel: string; ts: string }): Promise<void> {
      await relationships.updateOne({ _id: id }, { $set: { requestMessage: message } });
    },

    async setCommunicationPreferences(
      id: string,
      side: 'mentor' | 'mentee',
      channels: CommunicationChannel[],
      at: Date,
    ): Promise<void> {
      await relationships.updateOne(
        { _id: id },
        { $set: { [`communicationPreferences.${side}`]: channels, lastActivityAt: at } },
      );
    },

    /** Requests made before `before` that have not had their reminder yet. */
    async requestsNeedingReminder(before: Date): Promise<RelationshipRecord[]> {
      const docs = await relationships
        .find({
          status: 'requested',
          requestedAt: operator({ $lte: before }),
          requestReminderSentAt: operator({ $exists: false }),
        })
        .lean();
      return docs.map(map);
    },

    /** Marks the reminder sent; false if another copy of the bot marked it first. */
    async markReminderSent(id: string, at: Date): Promise<boolean> {
      const result = await relationships.updateOne(
        { _id: id, status: 'requested', requestReminderSentAt: operator({ $exists: false }) },
        { $set: { requestReminderSentAt: at } },
      );
      return result.modifiedCount === 1;
    },

    async requestsMadeBefore(before: Date): Promise<RelationshipRecord[]> {
      const docs = await relationships
        .find({ status: 'requested', requestedAt: operator({ $lte: before }) })
        .lean();
      return docs.map(map);
    },
  };
}
export type RelationshipRepository = ReturnType<typeof createRelationshipRepository>;

function withDefaults(record: RelationshipRecord): RelationshipRecord {
  return {
    ...record,
    history: record.history ?? [],
    communicationPreferences: {
      mentor: record.communicationPreferences?.mentor ?? [],
      mentee: record.communicationPreferences?.mentee ?? [],
    },
    agreements: { ...record.agreements, channels: record.agreements?.channels ?? [] },
  };
}
