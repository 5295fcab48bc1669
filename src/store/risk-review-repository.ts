import { Types } from 'mongoose';
import type { HandledMark } from '../domain/at-risk';
import type { Models } from './database';
import { operator } from './mapping';

/** Staff's "Mark handled" on the at-risk list: the latest mark per relationship, with the reasons it covered. */
export function createRiskReviewRepository(models: Models) {
  const { riskReviews } = models;
  return {
    /** Records (or replaces) the relationship's mark. */
    async markHandled(mark: HandledMark): Promise<void> {
      await riskReviews.updateOne(
        { relationshipId: mark.relationshipId },
        {
          $set: {
            handledBy: mark.handledBy,
            handledAt: mark.handledAt,
            reasons: mark.reasons.map(({ kind, asOf }) => ({ kind, asOf })),
          },
        },
        { upsert: true },
      );
    },

    /** The marks of these relationships, by relationship id (one query). */
    async marksOf(relationshipIds: readonly string[]): Promise<Map<string, HandledMark>> {
      const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
      if (ids.length === 0) return new Map();
      const docs = await riskReviews.find({ relationshipId: operator({ $in: ids }) }).lean();
      return new Map(
        docs.map((doc) => [
          String(doc.relationshipId),
          {
            relationshipId: String(doc.relationshipId),
            handledBy: doc.handledBy,
            handledAt: doc.handledAt,
            reasons: (doc.reasons ?? []).map((r) => ({ kind: String(r.kind), asOf: String(r.asOf) })),
          },
        ]),
      );
    },
  };
}
export type RiskReviewRepository = ReturnType<typeof createRiskReviewRepository>;
