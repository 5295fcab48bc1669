import { Types } from 'mongoose';
import type { Models } from './database';

/** Goal forms: every version kept, the newest in force. */
export function createGoalFormRepository(models: Models) {
  return {
    async exists(relationshipId: string): Promise<boolean> {
      if (!Types.ObjectId.isValid(relationshipId)) return false;
      return (await models.goalForms.exists({ relationshipId })) !== null;
    },
  };
}
export type GoalFormRepository = ReturnType<typeof createGoalFormRepository>;
