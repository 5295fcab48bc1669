import type { Models } from './database';

/** Close-out reflections and evaluations, one per person, relationship and kind; a re-send replaces it. */
export function createFeedbackRepository(models: Models) {
  const { feedback } = models;
  return {
    async save(entry: {
      relationshipId: string;
      userId: string;
      kind: 'reflection' | 'evaluation';
      answers: object;
    }): Promise<void> {
      await feedback.updateOne(
        { relationshipId: entry.relationshipId, userId: entry.userId, kind: entry.kind },
        { $set: { answers: entry.answers } },
        { upsert: true },
      );
    },

    async exists(
      relationshipId: string,
      userId: string,
      kind: 'reflection' | 'evaluation',
    ): Promise<boolean> {
      return (await feedback.exists({ relationshipId, userId, kind })) !== null;
    },
  };
}
export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
