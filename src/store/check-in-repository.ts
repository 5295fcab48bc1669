import { Types } from 'mongoose';
import type { CheckInAnswers, CheckInStatus, GoalProgress } from '../domain/check-ins';
import type { CheckInFacts } from '../domain/home';
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

/** Where one relationship's check-ins stand, in dates and statuses. */
export interface CheckInStatusSummary {
  answered: string[];
  latest: { at: Date; statuses: { goalIndex: number; status: CheckInStatus }[] };
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

    /**
     * For each of these relationships (one query): the scheduled dates answered, and the latest check-in's
     * time and each goal's status in it (statuses only: what the mentee wrote is not read).
     */
    async standingsOf(relationshipIds: readonly string[]): Promise<Map<string, CheckInStatusSummary>> {
      const ids = relationshipIds
        .filter((id) => Types.ObjectId.isValid(id))
        .map((id) => new Types.ObjectId(id));
      if (ids.length === 0) return new Map();
      const rows = await checkIns.aggregate<{
        _id: Types.ObjectId;
        answered: (string | null)[];
        latestAt: Date;
        statuses: { goalIndex: number; status: CheckInStatus }[];
      }>([
        { $match: { relationshipId: operator({ $in: ids }) } },
        {
          $project: { relationshipId: 1, dueDate: 1, createdAt: 1, 'goals.goalIndex': 1, 'goals.status': 1 },
        },
        { $sort: { relationshipId: 1, createdAt: -1 } },
        {
          $group: {
            _id: '$relationshipId',
            answered: { $addToSet: '$dueDate' },
            latestAt: { $first: '$createdAt' },
            statuses: { $first: '$goals' },
          },
        },
      ]);
      return new Map(
        rows.map((row) => [
          String(row._id),
          {
            answered: row.answered.filter((d): d is string => typeof d === 'string').sort(),
            latest: { at: row.latestAt, statuses: row.statuses ?? [] },
          },
        ]),
      );
    },

    /**
     * Every check-in of each of these relationships, newest first, as dates and statuses only: the goal-form
     * version it rated, when, the date it answered and each goal's status (one query over the (relationship,
     * created) index; what the mentee wrote is not read).
     */
    async ratingsOf(relationshipIds: readonly string[]): Promise<Map<string, CheckInFacts[]>> {
      const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
      const ratings = new Map<string, CheckInFacts[]>();
      if (ids.length === 0) return ratings;
      const docs = await checkIns
        .find(
          { relationshipId: operator({ $in: ids }) },
          {
            _id: 0,
            relationshipId: 1,
            dueDate: 1,
            goalFormVersion: 1,
            createdAt: 1,
            'goals.goalIndex': 1,
            'goals.status': 1,
          },
        )
        .sort({ relationshipId: 1, createdAt: -1 })
        .lean();
      for (const doc of docs) {
        const id = String(doc.relationshipId);
        const facts: CheckInFacts = {
          goalFormVersion: doc.goalFormVersion,
          at: doc.createdAt,
          dueDate: typeof doc.dueDate === 'string' ? doc.dueDate : undefined,
          statuses: (doc.goals ?? []).flatMap((goal) =>
            typeof goal.goalIndex === 'number' && goal.status
              ? [{ goalIndex: goal.goalIndex, status: goal.status as CheckInStatus }]
              : [],
          ),
        };
        const list = ratings.get(id);
        if (list) list.push(facts);
        else ratings.set(id, [facts]);
      }
      return ratings;
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
