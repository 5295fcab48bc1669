import type { Models } from './database';

export interface FitAssessment {
  relationshipId: string;
  mentorId: string;
  understandingNotes: string;
  valueNotes: string;
  academicAlignment: number;
  careerAlignment: number;
  valueOverTime: string;
  decision: 'proceed' | 'not_a_fit' | 'talk_again';
  talkAgainOn?: string;
}

/**
 * Fit assessments: private to the mentor who wrote them. Every read names the mentor, so no other code
 * path (reports, exports, the mentee's views) can fetch one by relationship alone.
 */
export function createFitAssessmentRepository(models: Models) {
  return {
    async record(assessment: FitAssessment): Promise<void> {
      await models.fitAssessments.create(assessment);
    },
    async latest(relationshipId: string, mentorId: string): Promise<FitAssessment | undefined> {
      const doc = await models.fitAssessments
        .findOne({ relationshipId, mentorId })
        .sort({ createdAt: -1 })
        .lean<FitAssessment & { _id: unknown }>();
      if (!doc) return undefined;
      const { _id: _ignored, ...rest } = doc as FitAssessment & { _id: unknown; __v?: number };
      return { ...rest, relationshipId: String(rest.relationshipId) };
    },
  };
}
export type FitAssessmentRepository = ReturnType<typeof createFitAssessmentRepository>;
