import { Types } from 'mongoose';
import type { CheckInAnswers, GoalProgress } from '../domain/check-ins';
import type { Models } from './database';
import { operator } from './mapping';

export interface CheckInRecord {
  relationshipId: string;
  dueDate?: string | undefined;
  goalFormVersion: number;
  submittedBy: string;
  goals: GoalProgress[];
  note: string;
  createdAt: Date;
}

/** Check-ins: progress reports, kept as a history; which scheduled dates they answered. */
export function createCheckInRepository(models: Models) {
  const { checkIns } = models;
  return {
    async record(checkIn: {
      relationshipId: string;
      dueDate?: string | undefined;
      goalFormVersion: number;
      submittedBy: string;
      answers: CheckInAnswers;
    }): Promise<void> {
      await checkIns.create({
        relationshipId: checkIn.relationshipId,
        ...(checkIn.dueDate ? { dueDate: checkIn.dueDate } : {}),
        goalFormVersion: checkIn.goalFormVersion,
        submittedBy: checkIn.submittedBy,
        goals: checkIn.answers.goals,
        note: checkIn.answers.note,
      });
    },

    /** The scheduled dates this relationship's check-ins have answered. */
    async answeredDates(relationshipId: string): Promise<string[]> {
      if (!Types.ObjectId.isValid(relationshipId)) return [];
      const dates = await checkIns.distinct('dueDate', {
        relationshipId,
        dueDate: operator({ $exists: true }),
      });
      return dates.filter((d): d is string => typeof d === 'string');
    },

    /** The scheduled dates each of these relationships' check-ins answered (one query for them all). */
    async answeredDatesFor(relationshipIds: string[]): Promise<Map<string, string[]>> {
      const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
      const answered = new Map<string, string[]>();
      if (ids.length === 0) return answered;
      const docs = await checkIns
        .find(
          { relationshipId: operator({ $in: ids }), dueDate: operator({ $exists: true }) },
          { _id: 0, relationshipId: 1, dueDate: 1 },
        )
        .lean();
      for (const doc of docs) {
        if (typeof doc.dueDate !== 'string') continue;
        const id = String(doc.relationshipId);
        const dates = answered.get(id);
        if (!dates) answered.set(id, [doc.dueDate]);
        else if (!dates.includes(doc.dueDate)) dates.push(doc.dueDate);
      }
      return answered;
    },

    async latest(relationshipId: string): Promise<CheckInRecord | undefined> {
      if (!Types.ObjectId.isValid(relationshipId)) return undefined;
      const doc = await checkIns.findOne({ relationshipId }).sort({ createdAt: -1 }).lean();
      if (!doc) return undefined;
      return {
        relationshipId: String(doc.relationshipId),
        dueDate: doc.dueDate ?? undefined,
        goalFormVersion: doc.goalFormVersion,
        submittedBy: doc.submittedBy,
        goals: doc.goals as unknown as GoalProgress[],
        note: doc.note,
        createdAt: doc.createdAt,
      };
    },
  };
}
export type CheckInRepository = ReturnType<typeof createCheckInRepository>;
