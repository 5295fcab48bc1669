import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import type { ProgramSettings } from '../content/wording';
import type { AppLogger } from '../logger';
import { createAtRiskService } from '../services/at-risk';
import { createCheckInService } from '../services/check-ins';
import { createCloseOutService } from '../services/close-out';
import { createDataRequestService, createRetentionService, pseudonymFor } from '../services/data-requests';
import { createDirectoryService } from '../services/directory';
import { createDirectoryUpkeepService } from '../services/directory-upkeep';
import { createEnrollmentService } from '../services/enrollment';
import { createExportService } from '../services/exports';
import { createGoalService } from '../services/goals';
import { createHomeService } from '../services/home';
import { createProgramReportService } from '../services/program-report';
import { createMeetingService } from '../services/meetings';
import { createRelationshipService } from '../services/relationships';
import { createRequestService } from '../services/requests';
import { createStaffDirectory } from '../services/staff';
import { createTimeZoneService } from '../services/time-zones';
import { createWeeklyDigestService } from '../services/weekly-digest';
import { homeHints } from '../slack/commands/command-table';
import { createHomePublisher } from '../slack/home-publisher';
import { createSlackGateway } from '../slack/slack-gateway';
import type { Database } from '../store/database';
import { createUnitOfWork } from '../store/unit-of-work';
import type { Repositories } from './store';

/** What messages say about the program: its name, whom to contact, the evaluation form. */
export function programSettings(config: Pick<AppConfig, 'program'>): ProgramSettings {
  return {
    name: config.program.name,
    contact: config.program.contact,
    evaluationFormUrl: config.program.evaluationFormUrl,
  };
}

/**
 * The use cases, each over the repositories it needs and the services' Slack client (through the gateway,
 * which retries only what is safe to repeat).
 */
export function createServices(deps: {
  config: AppConfig;
  clock: Clock;
  logger: AppLogger;
  /** The services' client (`SlackClients.services`). */
  slackClient: WebClient;
  repositories: Repositories;
  /** For the unit of work's transactions. */
  database: Pick<Database, 'connection'>;
  /** Called after a transaction that wrote notices commits (wakes this process's dispatcher). */
  onNoticesWritten: () => void;
}) {
  const { config, clock, logger, repositories: store } = deps;
  const { profiles, applications, relationships, audit, goalForms } = store;
  const gateway = createSlackGateway(deps.slackClient);
  const program = programSettings(config);
  const adminChannelId = config.staff.adminChannelId;
  const programTimezone = config.program.timezone;

  const staff = createStaffDirectory({
    slack: gateway,
    clock,
    adminChannelId,
    staffUserIds: config.staff.userIds,
  });
  // App Home is refreshed after changes that show there; a failed refresh never fails the change itself.
  const refreshHomes = async (userIds: string[]) => {
    try {
      await publishHomes(userIds);
    } catch (error) {
      logger.warn({ err: error }, 'could not refresh App Home');
    }
  };
  // Notices are written with the change that causes them, in one transaction; a commit wakes the dispatcher.
  const { notices } = store;
  const unitOfWork = createUnitOfWork(
    deps.database,
    {
      applications,
      profiles,
      relationships,
      audit,
      notices,
      fitAssessments: store.fitAssessments,
      feedback: store.feedback,
      goalForms,
      checkIns: store.checkIns,
      meetings: store.meetings,
      riskReviews: store.riskReviews,
    },
    deps.onNoticesWritten,
  );
  const enrollment = createEnrollmentService({
    applications,
    profiles,
    unitOfWork,
    slack: gateway,
    staff,
    clock,
    taxonomy: config.program.interests,
    adminChannelId,
  });
  const directory = createDirectoryService({
    profiles,
    relationships,
    audit,
    clock,
    programTimezone,
    // A capacity lowered to the relationships open leaves no seat: the requests waiting are released.
    afterCapacityChanged: (mentorId) => upkeep.releaseIfFull(mentorId),
  });
  const requests = createRequestService({
    relationships,
    profiles,
    unitOfWork,
    slack: gateway,
    staff,
    clock,
    adminChannelId,
    maxPendingRequests: config.program.maxPendingRequests,
    onChanged: refreshHomes,
  });
  const relationshipService = createRelationshipService({
    relationships,
    profiles,
    hasGoalForm: (relationshipId) => goalForms.exists(relationshipId),
    unitOfWork,
    clock,
    programTimezone,
    adminChannelId,
    onChanged: refreshHomes,
  });
  const goals = createGoalService({
    relationships,
    goalForms,
    profiles,
    unitOfWork,
    clock,
    programTimezone,
    maxProgramMonths: config.program.maxProgramMonths,
    onChanged: refreshHomes,
  });
  const checkIns = createCheckInService({
    relationships,
    goalForms,
    checkIns: store.checkIns,
    profiles,
    unitOfWork,
    clock,
    programTimezone,
    onChanged: refreshHomes,
  });
  const meetings = createMeetingService({
    relationships,
    profiles,
    unitOfWork,
    clock,
    programTimezone,
    onChanged: refreshHomes,
  });
  const atRisk = createAtRiskService({
    relationships,
    goalForms,
    checkIns: store.checkIns,
    meetings: store.meetings,
    prompts: store.prompts,
    riskReviews: store.riskReviews,
    staff,
    unitOfWork,
    clock,
    programTimezone,
    quietDays: config.program.quietRelationshipDays,
  });
  const closeOut = createCloseOutService({ relationships, unitOfWork, clock });
  // The weekly digest and the staff's App Home: the at-risk list's reads plus the week's applications.
  const digest = createWeeklyDigestService({
    atRisk,
    reports: store.reports,
    notices,
    unitOfWork,
    staff,
    clock,
    programTimezone,
    schedule: config.digest.schedule,
    adminChannelId,
  });
  const upkeep = createDirectoryUpkeepService({
    profiles,
    staff,
    unitOfWork,
    clock,
    programTimezone,
    onChanged: refreshHomes,
  });
  const home = createHomeService({
    relationships,
    goalForms,
    checkIns: store.checkIns,
    meetings: store.meetings,
    programTimezone,
    profiles,
    staffHome: (userId) => digest.headline(userId),
    staff,
    clock,
  });
  // Staff reports and exports: counts and dates only, read through the report repository's projections.
  const reports = createProgramReportService({
    reports: store.reports,
    staff,
    clock,
    programTimezone,
    unitOfWork,
    adminChannelId,
  });
  const exports = createExportService({
    reports: store.reports,
    staff,
    uploads: gateway,
    audit,
    clock,
    adminChannelId,
    programTimezone,
  });
  // Data requests: a person's own data, their erasure, and the retention sweep, each erasure one transaction.
  const dataRequestWork = createUnitOfWork(deps.database, { dataRequests: store.dataRequests, audit });
  const dataRequests = createDataRequestService({
    store: store.dataRequests,
    unitOfWork: dataRequestWork,
    staff,
    uploads: gateway,
    audit,
    clock,
    adminChannelId,
    programTimezone,
    pseudonymOf: pseudonymFor(config.slack.botToken),
  });
  const retention = createRetentionService({
    store: store.dataRequests,
    unitOfWork: dataRequestWork,
    clock,
    months: config.privacy.retentionMonths,
  });
  // Only `personChanged` is used from here (the stale-zone refresh runs in the scheduler, on its client).
  const timeZones = createTimeZoneService({ profiles, relationships, slack: gateway, clock });
  const publishHomes = createHomePublisher({
    home,
    program,
    hints: homeHints(program),
    publish: (userId, view) => gateway.publishHome(userId, view),
  });

  return {
    program,
    staff,
    enrollment,
    directory,
    requests,
    relationships: relationshipService,
    goals,
    checkIns,
    closeOut,
    meetings,
    atRisk,
    home,
    reports,
    exports,
    dataRequests,
    retention,
    digest,
    timeZones,
    upkeep,
    /** Builds and publishes people's Home tabs (through the gateway, which retries and skips people who left). */
    publishHomes,
  };
}
export type Services = ReturnType<typeof createServices>;
