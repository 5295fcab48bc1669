import { Types } from 'mongoose';
import type { ApplicationAnswers, ApplicationRole } from '../domain/application-form';
import type { ApplicationRecord } from '../domain/records';
import type { Models } from './database';
import { toRecordOrUndefined, toRecord } from './mapping';

/** Applications: at most one waiting per person and role (a unique partial index); decided ones stay. */
export function createApplicationRepository(models: Models) {
  const { applications } = models;
  return {
    async get(id: string): Promise<ApplicationRecord | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      return toRecordOrUndefined(await applications.findById(id).lean());
    },

    async findWaiting(userId: string, role: ApplicationRole): Promise<ApplicationRecord | undefined> {
      return toRecordOrUndefined(await applications.findOne({ userId, role, status: 'submitted' }).lean());
    },

    /** Saves answers into the person's waiting application, creating it if there is none. */
    async submitOrEdit(
      userId: string,
      role: ApplicationRole,
      answers: ApplicationAnswers,
    ): Promise<{ application: ApplicationRecord; created: boolean }> {
      const existed = await applications.exists({ userId, role, status: 'submitted' });
      const doc = await applications
        .findOneAndUpdate(
          { userId, role, status: 'submitted' },
          { $set: { answers }, $setOnInsert: { userId, role, status: 'submitted' } },
          { upsert: true, returnDocument: 'after' },
        )
        .lean();
      return { application: toRecord(doc), created: !existed };
    },

    async setReviewCard(id: string, card: { channel: string; ts: string }): Promise<void> {
      await applications.updateOne({ _id: id }, { $set: { reviewCard: card } });
    },

    /** Records a decision if the application is still waiting; undefined when someone decided first. */
    async decide(
      id: string,
      decision: { status: 'approved' | 'declined'; reviewerId: string; at: Date; declineReason?: string },
    ): Promise<ApplicationRecord | undefined> {
      if (!Types.ObjectId.isValid(id)) return undefined;
      const doc = await applications
        .findOneAndUpdate(
          { _id: id, status: 'submitted' },
          {
            $set: {
              status: decision.status,
              reviewerId: decision.reviewerId,
              decidedAt: decision.at,
              ...(decision.declineReason ? { declineReason: decision.declineReason } : {}),
            },
          },
          { returnDocument: 'after' },
        )
        .lean();
      return toRecordOrUndefined(doc);
    },

    async listWaiting(): Promise<ApplicationRecord[]> {
      const docs = await applications.find({ status: 'submitted' }).sort({ createdAt: 1 }).lean();
      return docs.map((doc) => toRecord<ApplicationRecord>(doc));
    },
  };
}
export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;
