import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { systemClock, type Clock } from './clock';
import type { AppConfig } from './config';
import { slackLoggerFrom, type AppLogger } from './logger';
import { createStaffDirectory } from './services/staff';
import { createSlackApp } from './slack/app';
import { createSlackGateway } from './slack/slack-gateway';
import { connectDatabase, startEmbeddedMongo, type Database, type EmbeddedMongo } from './store/database';
import { createProcessedEventsRepository } from './store/processed-events-repository';
import { createProfileRepository } from './store/profile-repository';
import { createApplicationRepository } from './store/application-repository';
import { createRelationshipRepository } from './store/relationship-repository';
import { createAuditRepository } from './store/audit-repository';
import { createEnrollmentService } from './services/enrollment';
import { createDirectoryService } from './services/directory';
import { createRequestService } from './services/requests';
import { createRelationshipService } from './services/relationships';
import { createGoalService } from './services/goals';
import { createHomeService } from './services/home';
import { createFitAssessmentRepository } from './store/fit-assessment-repository';
import { createGoalFormRepository } from './store/goal-form-repository';
import { createCheckInRepository } from './store/check-in-repository';
import { createCheckInService } from './services/check-ins';
import { createCloseOutService } from './services/close-out';
import { createFeedbackRepository } from './store/feedback-repository';
import { createScheduler, type Scheduler } from './scheduler/scheduler';
import { createPromptPlanner } from './scheduler/prompt-planner';
import { createPromptDispatcher } from './scheduler/prompt-dispatcher';
import { createPromptRepository } from './store/prompt-repository';
import { DEFAULT_SCHEDULE } from './domain/prompt-schedule';
import { createPromptSender } from './slack/slack-gateway';
import { checkSlackSetup } from './slack/startup-checks';
import { createNoticeRepository } from './store/notice-repository';
import { createUnitOfWork } from './store/unit-of-work';
import { createNoticeWaker } from './scheduler/notice-waker';
import { presentNotice } from './slack/presenters/notices';

/** Working hours used to find a delivery hour that suits both people of a pair. */
const WORK_START_HOUR = 9;
const WORK_END_HOUR = 17;
const PROMPT_CALL_TIMEOUT_MS = 10_000;
/**
 * Slack answers in well under a second; a call still unanswered after this is abandoned (or retried). Short
 * enough that a person waiting on a modal submission still gets an answer within Slack's 3 s.
 */
const SLACK_CALL_TIMEOUT_MS = 2000;
/** Several times the longest a prompt's Slack calls can take, so a live dispatcher never loses its lease. */
const PROMPT_LEASE_MS = 60_000;
/** Prompts sent per one-minute tick at most (about one a second, Slack's pace for posting). */
const PROMPTS_PER_TICK = 100;

export interface RunningBot {
  /** The port it listens on: HTTP mode, for Slack's requests and /healthz; Socket Mode, for /healthz. */
  readonly port: number | undefined;
  readonly database: Database;
  /** The periodic jobs; `tick()` runs them once now. */
  readonly scheduler: Scheduler;
  /** Stops taking requests, lets in-flight work finish (up to `graceMs`), then closes MongoDB. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Wires the bot together (the composition root): MongoDB, the services, the Slack app, and starts it.
 * `main.ts` calls this with the real configuration; end-to-end tests call it with the emulator's URL.
 */
export async function startBot(options: {
  config: AppConfig;
  logger: AppLogger;
  clock?: Clock;
  /** Tests drive the scheduler with `tick()` and a moved clock instead. */
  startScheduler?: boolean;
  /** Socket Mode: how long the first connection may keep failing before the start fails (default 30 s). */
  socketModeStartTimeoutMs?: number;
}): Promise<RunningBot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;

  // Services call Slack through their own client, so they never share a rate-limit queue with Bolt's.
  // It never retries by itself (WebClient would repeat a chat.postMessage after a 5xx or a timeout, when
  // the message may have been posted): the gateway retries only what is safe to repeat (`callSlack`).
  const serviceClient = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    logger: slackLoggerFrom(logger, 'web-api'),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_CALL_TIMEOUT_MS,
  });
  const identity = await checkSlackSetup(serviceClient, config.staff.adminChannelId);
  // Scheduled prompts go through a third client: its rate limits are its own, and on a 429 it hands
  // Retry-After back to the dispatcher instead of waiting, so a busy schedule never holds up anything.
  const promptClient = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    logger: slackLoggerFrom(logger, 'prompts'),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: PROMPT_CALL_TIMEOUT_MS,
  });

  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongo.uri;
  if (!uri) {
    embedded = await startEmbeddedMongo(config.mongo.dataDir, logger);
    uri = embedded.uri;
  }
  const database = await connectDatabase(uri, logger).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  const gateway = createSlackGateway(serviceClient);
  const staff = createStaffDirectory({
    slack: gateway,
    clock,
    adminChannelId: config.staff.adminChannelId,
    staffUserIds: config.staff.userIds,
  });
  const processedEvents = createProcessedEventsRepository(database.models);
  const program = {
    name: config.program.name,
    contact: config.program.contact,
    evaluationFormUrl: config.program.evaluationFormUrl,
  };
  const profiles = createProfileRepository(database.models);
  const applications = createApplicationRepository(database.models);
  const relationships = createRelationshipRepository(database.models);
  const audit = createAuditRepository(database.models);
  const adminChannelId = config.staff.adminChannelId;
  // Notices: written with the change in one transaction; a commit wakes this process's dispatcher.
  const notices = createNoticeRepository(database.models);
  let wakeNotices = (): void => undefined;
  const txRepositories = { applications, profiles, relationships, audit, notices };
  const unitOfWork = createUnitOfWork(database, txRepositories, () => wakeNotices());
  // App Home is refreshed after changes that show there; a failed refresh never fails the change itself.
  const refreshHomes = async (userIds: string[]) => {
    try {
      await home.refresh(userIds);
    } catch (error) {
      logger.warn({ err: error }, 'could not refresh App Home');
    }
  };
  const enrollment = createEnrollmentService({
    applications,
    profiles,
    unitOfWork,
    slack: gateway,
    staff,
    clock,
    program,
    taxonomy: config.program.interests,
    adminChannelId,
  });
  const directory = createDirectoryService({ profiles, relationships, audit, clock });
  const requests = createRequestService({
    relationships,
    profiles,
    unitOfWork,
    slack: gateway,
    staff,
    clock,
    program,
    adminChannelId,
    maxPendingRequests: config.program.maxPendingRequests,
    onChanged: refreshHomes,
  });

  const goalForms = createGoalFormRepository(database.models);
  const relationshipService = createRelationshipService({
    relationships,
    fitAssessments: createFitAssessmentRepository(database.models),
    profiles,
    hasGoalForm: (relationshipId) => goalForms.exists(relationshipId),
    audit,
    slack: gateway,
    clock,
    programTimezone: config.program.timezone,
    adminChannelId,
    onChanged: refreshHomes,
  });

  const goals = createGoalService({
    relationships,
    goalForms,
    profiles,
    audit,
    slack: gateway,
    clock,
    programTimezone: config.program.timezone,
    maxProgramMonths: config.program.maxProgramMonths,
    onChanged: refreshHomes,
  });

  const checkInRepository = createCheckInRepository(database.models);
  const checkIns = createCheckInService({
    relationships,
    goalForms,
    checkIns: checkInRepository,
    profiles,
    audit,
    slack: gateway,
    clock,
    programTimezone: config.program.timezone,
    onChanged: refreshHomes,
  });

  const closeOut = createCloseOutService({
    relationships,
    feedback: createFeedbackRepository(database.models),
    profiles,
    staff,
    audit,
    slack: gateway,
    clock,
  });

  const home = createHomeService({
    relationships,
    goalForms,
    checkInStanding: (relationship) => checkIns.standing(relationship),
    programTimezone: config.program.timezone,
    profiles,
    applications,
    staff,
    clock,
    program,
    publish: (userId, view) => gateway.publishHome(userId, view),
  });

  const slack = createSlackApp({
    config,
    logger,
    identity,
    isHealthy: () => database.isReachable(),
    markEventFirstSeen: (eventId) => processedEvents.markFirstSeen(eventId, clock.now().toJSDate()),
    deps: {
      config,
      clock,
      staff,
      program,
      enrollment,
      directory,
      requests,
      relationships: relationshipService,
      goals,
      checkIns,
      closeOut,
      home,
    },
    socketModeStartTimeoutMs: options.socketModeStartTimeoutMs,
  });

  const promptRepository = createPromptRepository(database.models);
  const deliveryWindow = {
    localHour: config.program.promptLocalHour,
    workStartHour: WORK_START_HOUR,
    workEndHour: WORK_END_HOUR,
  };
  const planner = createPromptPlanner({
    relationships,
    goalForms,
    checkIns: checkInRepository,
    profiles,
    // Through the prompts' client: a 429 there fails fast (the stored zone is kept) instead of making the
    // services' client wait.
    slackTimezone: async (userId) =>
      (await createSlackGateway(promptClient, { maxRateLimitWaitS: 0 }).person(userId))?.timezone,
    prompts: promptRepository,
    clock,
    programTimezone: config.program.timezone,
    window: deliveryWindow,
    schedule: { ...DEFAULT_SCHEDULE, quietDays: config.program.quietRelationshipDays },
    logger,
  });
  const dispatcher = createPromptDispatcher({
    prompts: promptRepository,
    planner,
    sender: createPromptSender(promptClient),
    clock,
    program,
    adminChannelId,
    window: deliveryWindow,
    quietDays: config.program.quietRelationshipDays,
    owner: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMs: PROMPT_LEASE_MS,
    maxPerTick: PROMPTS_PER_TICK,
    logger,
    notices: { repository: notices, present: (notice) => presentNotice(notice, program) },
  });
  const noticeWaker = createNoticeWaker({
    dispatch: () => dispatcher.dispatchNotices(),
    nextAttemptAt: () => notices.nextAttemptAt(),
    clock,
    logger,
    retryTimer: options.startScheduler ?? true,
  });
  wakeNotices = noticeWaker.wake;

  const scheduler = createScheduler(
    [
      { name: 'mentor requests: reminders and lapses', run: () => requests.sweepRequests() },
      { name: 'prompts: plan', run: () => planner.planDue() },
      { name: 'prompts: dispatch', run: () => dispatcher.dispatchDue() },
      { name: 'notices: dispatch', run: () => dispatcher.dispatchNotices() },
    ],
    logger,
  );
  if (options.startScheduler ?? true) scheduler.start();

  let started: Server | undefined;
  try {
    started = (await slack.app.start(config.http.port)) as Server | undefined;
  } catch (error) {
    // A failed start leaves nothing running: no jobs, no connection, no embedded mongod.
    await scheduler.stop();
    await noticeWaker.stop();
    await database.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  const port = slack.socketMode ? slack.socketMode.port : (started?.address() as AddressInfo | null)?.port;
  logger.info(
    { mode: config.slack.socketMode ? 'socket' : 'http', port },
    config.slack.socketMode
      ? `connected to Slack in Socket Mode; /healthz on port ${port}`
      : `listening on port ${port}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    port,
    database,
    scheduler,
    stop(graceMs = 8000) {
      stopping ??= (async () => {
        logger.info({ inFlight: slack.inFlight.size }, 'shutting down');
        await scheduler.stop();
        await slack.app.stop();
        const finished = await slack.inFlight.drain(graceMs);
        await noticeWaker.stop();
        if (!finished) logger.warn({ inFlight: slack.inFlight.size }, 'stopped before all work finished');
        await database.close();
        await embedded?.stop();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
