import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import { DEFAULT_SCHEDULE } from '../domain/prompt-schedule';
import type { AppLogger } from '../logger';
import { createPromptDispatcher, type PromptDispatcher } from '../scheduler/prompt-dispatcher';
import { createPromptPlanner, type PromptPlanner } from '../scheduler/prompt-planner';
import type { ScheduledJob } from '../scheduler/scheduler';
import type { RetentionService } from '../services/data-requests';
import type { RequestService } from '../services/requests';
import { createTimeZoneService, type TimeZoneService } from '../services/time-zones';
import type { WeeklyDigestService } from '../services/weekly-digest';
import { presentNotice } from '../slack/presenters/notices';
import { createPromptSender, createSlackGateway } from '../slack/slack-gateway';
import { programSettings } from './services';
import type { Repositories } from './store';

/** Working hours used to find a delivery hour that suits both people of a pair. */
export const WORK_START_HOUR = 9;
export const WORK_END_HOUR = 17;
/** Waking hours: a pair with no shared working hour is reached inside these, never at night. */
export const WAKING_START_HOUR = 8;
export const WAKING_END_HOUR = 21;
/** Several times the longest a prompt's Slack calls can take, so a live dispatcher never loses its lease. */
export const PROMPT_LEASE_MS = 60_000;
/** Prompts sent per one-minute tick at most (about one a second, Slack's pace for posting). */
export const PROMPTS_PER_TICK = 100;

/**
 * The scheduled prompts: the planner that writes the outbox, the dispatcher that sends it, and the
 * time-zone refresher that keeps the zones the planner times prompts by fresh.
 */
export interface PromptEngine {
  readonly planner: PromptPlanner;
  readonly dispatcher: PromptDispatcher;
  readonly timeZones: TimeZoneService;
}

/** Who this copy of the bot is, in leases: unique per process, readable in the outbox. */
export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * The planner and the dispatcher as the bot runs them (the benchmark builds them here too): the delivery
 * window from the configuration and the working hours, the schedule with the configured quiet days, and
 * every Slack call through the prompts' client.
 */
export function createPromptEngine(deps: {
  config: Pick<AppConfig, 'program' | 'staff'>;
  repositories: Pick<
    Repositories,
    'relationships' | 'goalForms' | 'checkIns' | 'profiles' | 'prompts' | 'notices'
  >;
  /** The prompts' client (`SlackClients.prompts`). */
  promptClient: WebClient;
  clock: Clock;
  logger: AppLogger;
  /** Default: `leaseOwner()`. */
  owner?: string;
  /** Default: PROMPT_LEASE_MS. */
  leaseMs?: number;
}): PromptEngine {
  const { config, repositories, promptClient, clock, logger } = deps;
  const window = {
    localHour: config.program.promptLocalHour,
    workStartHour: WORK_START_HOUR,
    workEndHour: WORK_END_HOUR,
    wakingStartHour: WAKING_START_HOUR,
    wakingEndHour: WAKING_END_HOUR,
  };
  // Through the prompts' client: a 429 there fails fast (the stored zone is kept, the refresh waits for the
  // next tick) instead of making the services' client wait.
  const timeZones = createTimeZoneService({
    profiles: repositories.profiles,
    relationships: repositories.relationships,
    slack: createSlackGateway(promptClient, { maxRateLimitWaitS: 0 }),
    clock,
  });
  const planner = createPromptPlanner({
    relationships: repositories.relationships,
    goalForms: repositories.goalForms,
    checkIns: repositories.checkIns,
    profiles: repositories.profiles,
    prompts: repositories.prompts,
    clock,
    programTimezone: config.program.timezone,
    window,
    schedule: { ...DEFAULT_SCHEDULE, quietDays: config.program.quietRelationshipDays },
    logger,
  });
  const program = programSettings(config);
  const dispatcher = createPromptDispatcher({
    prompts: repositories.prompts,
    planner,
    sender: createPromptSender(promptClient),
    clock,
    program,
    adminChannelId: config.staff.adminChannelId,
    window,
    quietDays: config.program.quietRelationshipDays,
    owner: deps.owner ?? leaseOwner(),
    leaseMs: deps.leaseMs ?? PROMPT_LEASE_MS,
    maxPerTick: PROMPTS_PER_TICK,
    logger,
    // Notices to people go out through the same leases, retries, parking and history look-up as prompts.
    notices: { repository: repositories.notices, present: (notice) => presentNotice(notice, program) },
  });
  return { planner, dispatcher, timeZones };
}

/** The periodic work of one copy of the bot, in the order each tick runs it. */
export function createSchedulerJobs(parts: {
  requests: Pick<RequestService, 'sweepRequests'>;
  prompts: PromptEngine;
  /** `RETENTION_MONTHS`: erasing the free text of relationships that ended long ago (a no-op when unset). */
  retention?: Pick<RetentionService, 'sweep'>;
  digest: Pick<WeeklyDigestService, 'enqueueDue'>;
}): ScheduledJob[] {
  const { requests, prompts, retention, digest } = parts;
  return [
    { name: 'mentor requests: reminders and lapses', run: () => requests.sweepRequests() },
    // Before planning, so a zone found changed is planned with in the same tick.
    { name: 'time zones: refresh stale', run: () => prompts.timeZones.refreshStale() },
    // A large backlog is planned in slices: the scheduler goes on with it after the tick's other jobs.
    { name: 'prompts: plan', run: () => prompts.planner.planDue() },
    { name: 'prompts: dispatch', run: () => prompts.dispatcher.dispatchDue() },
    // Once this week's day and hour have come; before the notices, so it goes out in the same tick.
    { name: 'weekly digest: enqueue', run: () => digest.enqueueDue() },
    { name: 'notices: dispatch', run: () => prompts.dispatcher.dispatchNotices() },
    ...(retention ? [{ name: 'retention: erase old free text', run: () => retention.sweep() }] : []),
  ];
}
