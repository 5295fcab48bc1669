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
 * Fit assessments: private to the mentor who wrote them. They are written here and never read back
 * into any message, report or export.
 */
export function createFitAssessmentRepository(models: Models) {
  return {
    async record(assessment: FitAssessment): Promise<void> {
      await models.fitAssessments.create(assessment);
    },
  };
}
export type FitAssessmentRepository = ReturnType<typeof createFitAssessmentRepository>;
