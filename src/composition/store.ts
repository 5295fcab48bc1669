import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import type { AppLogger } from '../logger';
import { createApplicationRepository } from '../store/application-repository';
import { createAuditRepository } from '../store/audit-repository';
import { createCheckInRepository } from '../store/check-in-repository';
import { createDataRequestRepository } from '../store/data-request-repository';
import {
  connectDatabase,
  startEmbeddedMongo,
  type Database,
  type EmbeddedMongo,
  type Models,
} from '../store/database';
import { createFeedbackRepository } from '../store/feedback-repository';
import { createFitAssessmentRepository } from '../store/fit-assessment-repository';
import { createGoalFormRepository } from '../store/goal-form-repository';
import { createMeetingRepository } from '../store/meeting-repository';
import { createProcessedEventsRepository } from '../store/processed-events-repository';
import { createNoticeRepository } from '../store/notice-repository';
import { createProfileRepository } from '../store/profile-repository';
import { createPromptRepository } from '../store/prompt-repository';
import { createRelationshipRepository } from '../store/relationship-repository';
import { createReportRepository } from '../store/report-repository';
import { createRiskReviewRepository } from '../store/risk-review-repository';

/** Every repository, over one set of models (they hold no state of their own). */
export function createRepositories(models: Models) {
  return {
    processedEvents: createProcessedEventsRepository(models),
    profiles: createProfileRepository(models),
    applications: createApplicationRepository(models),
    relationships: createRelationshipRepository(models),
    fitAssessments: createFitAssessmentRepository(models),
    goalForms: createGoalFormRepository(models),
    checkIns: createCheckInRepository(models),
    feedback: createFeedbackRepository(models),
    meetings: createMeetingRepository(models),
    riskReviews: createRiskReviewRepository(models),
    audit: createAuditRepository(models),
    prompts: createPromptRepository(models),
    notices: createNoticeRepository(models),
    reports: createReportRepository(models),
    dataRequests: createDataRequestRepository(models),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

export interface Store {
  readonly database: Database;
  readonly repositories: Repositories;
  /** Closes the connection, then stops the embedded mongod if this store started one. */
  close(): Promise<void>;
  /** The same after a failed start: each step is tried whatever the one before did, and nothing throws. */
  discard(): Promise<void>;
}

/**
 * Opens MongoDB: the one MONGODB_URI names, else an embedded one (outside production), with every
 * collection and index in place before anything is served.
 */
export async function openStore(
  config: Pick<AppConfig, 'mongo'>,
  logger: AppLogger,
  clock?: Clock,
): Promise<Store> {
  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongo.uri;
  if (!uri) {
    embedded = await startEmbeddedMongo(config.mongo.dataDir, logger);
    uri = embedded.uri;
  }
  const database = await connectDatabase(uri, logger, clock ? () => clock.now().toJSDate() : undefined).catch(
    async (error: unknown) => {
      await embedded?.stop();
      throw error;
    },
  );
  const repositories = createRepositories(database.models);
  // Profiles written before the directory kept its search fields get them now, before anything is served.
  const updated = await repositories.profiles.bringSearchFieldsUpToDate().catch(async (error: unknown) => {
    await database.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  });
  if (updated > 0) logger.info({ profiles: updated }, 'directory search fields brought up to date');
  return {
    database,
    repositories,
    async close() {
      await database.close();
      await embedded?.stop();
    },
    async discard() {
      await database.close().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
    },
  };
}
