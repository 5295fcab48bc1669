import { Types } from 'mongoose';
import type { Goal } from '../domain/goal-form';
import type { GoalVersionFacts } from '../domain/home';
import type { Models } from './database';
import { operator } from './mapping';
import { isDuplicateKey } from './processed-events-repository';

export interface GoalFormVersion {
  relationshipId: string;
  version: number;
  goals: Goal[];
  submittedBy: string;
  createdAt: Date;
}

/** Goal forms: every version kept, the newest in force. */
export function createGoalFormRepository(models: Models) {
  const { goalForms } = models;
  return {
    async exists(relationshipId: string): Promise<boolean> {
      if (!Types.ObjectId.isValid(relationshipId)) return false;
      return (await goalForms.exists({ relationshipId })) !== null;
    },

    async latest(relationshipId: string): Promise<GoalFormVersion | undefined> {
      if (!Types.ObjectId.isValid(relationshipId)) return undefined;
      const doc = await goalForms.findOne({ relationshipId }).sort({ version: -1 }).lean();
      if (!doc) return undefined;
      return {
        relationshipId: String(doc.relationshipId),
        version: doc.version,
        goals: doc.goals as unknown as Goal[],
        submittedBy: doc.submittedBy,
        createdAt: doc.createdAt,
      };
    },

    /** The check-in dates of the goals in force of each of these relationships (one query). */
    async checkInDatesOf(relationshipIds: readonly string[]): Promise<Map<string, string[]>> {
      const ids = relationshipIds
        .filter((id) => Types.ObjectId.isValid(id))
        .map((id) => new Types.ObjectId(id));
      if (ids.length === 0) return new Map();
      const rows = await goalForms.aggregate<{ _id: Types.ObjectId; checkIns: string[][] }>([
        { $match: { relationshipId: operator({ $in: ids }) } },
        { $sort: { relationshipId: 1, version: -1 } },
        // Only the dates leave the database: the goals' words stay where they are.
        { $group: { _id: '$relationshipId', checkIns: { $first: '$goals.checkIns' } } },
      ]);
      return new Map(
        rows.map((row) => [
          String(row._id),
          [...new Set((row.checkIns ?? []).flat())].filter(Boolean).sort(),
        ]),
      );
    },

    /**
     * Every version of each of these relationships' goal forms, newest first, with only what App Home reads:
     * each goal's Specific answer, complete-by and check-in dates (one query over the (relationship, version)
     * index). Older versions tell which goal a check-in made against them rated.
     */
    async versionsOf(relationshipIds: readonly string[]): Promise<Map<string, GoalVersionFacts[]>> {
      const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
      const versions = new Map<string, GoalVersionFacts[]>();
      if (ids.length === 0) return versions;
      const docs = await goalForms
        .find(
          { relationshipId: operator({ $in: ids }) },
          {
            _id: 0,
            relationshipId: 1,
            version: 1,
            'goals.specific': 1,
            'goals.completeBy': 1,
            'goals.checkIns': 1,
          },
        )
        .sort({ relationshipId: 1, version: -1 })
        .lean();
      for (const doc of docs) {
        const id = String(doc.relationshipId);
        const goals = (doc.goals ?? []).map((goal) => ({
          specific: String(goal.specific ?? ''),
          completeBy: String(goal.completeBy ?? ''),
          checkIns: (goal.checkIns ?? []).map(String),
        }));
        const list = versions.get(id);
        if (list) list.push({ version: doc.version, goals });
        else versions.set(id, [{ version: doc.version, goals }]);
      }
      return versions;
    },

    /**
     * The newest version of each of these relationships' goal forms (those with one), in one query over
     * the (relationship, version) index.
     */
    async latestFor(relationshipIds: string[]): Promise<Map<string, GoalFormVersion>> {
      const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
      const latest = new Map<string, GoalFormVersion>();
      if (ids.length === 0) return latest;
      const docs = await goalForms
        .find(
          { relationshipId: operator({ $in: ids }) },
          { relationshipId: 1, version: 1, goals: 1, submittedBy: 1, createdAt: 1 },
        )
        .sort({ relationshipId: 1, version: -1 })
        .lean();
      for (const doc of docs) {
        const id = String(doc.relationshipId);
        if (latest.has(id)) continue; // an older version
        latest.set(id, {
          relationshipId: id,
          version: doc.version,
          goals: doc.goals as unknown as Goal[],
          submittedBy: doc.submittedBy,
          createdAt: doc.createdAt,
        });
      }
      return latest;
    },

    /**
     * Saves a new version after `previousVersion`; undefined if someone else saved one in between
     * (the unique (relationship, version) index decides).
     */
    async saveVersion(
      relationshipId: string,
      previousVersion: number,
      goals: Goal[],
      submittedBy: string,
    ): Promise<number | undefined> {
      const version = previousVersion + 1;
      try {
        await goalForms.create({ relationshipId, version, goals, submittedBy });
        return version;
      } catch (error) {
        if (isDuplicateKey(error)) return undefined;
        throw error;
      }
    },
  };
}
export type GoalFormRepository = ReturnType<typeof createGoalFormRepository>;
