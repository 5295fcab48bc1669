import { WebClient } from '@slack/web-api';
import mongoose from 'mongoose';
import pino from 'pino';
import type { Clock } from '../src/clock';
import { DEFAULT_SCHEDULE } from '../src/domain/prompt-schedule';
import { slackLoggerFrom, type AppLogger } from '../src/logger';
import { createPromptDispatcher } from '../src/scheduler/prompt-dispatcher';
import { createPromptPlanner, type PromptPlanner } from '../src/scheduler/prompt-planner';
import { createPromptSender, createSlackGateway } from '../src/slack/slack-gateway';
import { createCheckInRepository } from '../src/store/check-in-repository';
import { bindModels, type Models } from '../src/store/database';
import { createGoalFormRepository } from '../src/store/goal-form-repository';
import { createProfileRepository } from '../src/store/profile-repository';
import { createPromptRepository } from '../src/store/prompt-repository';
import { createRelationshipRepository } from '../src/store/relationship-repository';

/**
 * The scheduler's planner and dispatcher wired the way `src/bot.ts` wires them (same repositories, same
 * delivery window, a prompt client that hands 429s back instead of waiting), minus the rest of the bot.
 */

/** src/bot.ts: PROMPT_LOCAL_HOUR's default and the working hours a pair's shared hour must fall in. */
export const DELIVERY_WINDOW = { localHour: 10, workStartHour: 9, workEndHour: 17 };
export const PROGRAM_TIMEZONE = 'America/Chicago';
export const ADMIN_CHANNEL_ID = 'CADMIN';
/** src/bot.ts: PROMPTS_PER_TICK. */
export const PROMPTS_PER_TICK = 100;
const PROGRAM = { name: 'Alumni Mentoring Program', contact: 'mentoring@example.edu' };

/** The benchmark prints its own figures; the engine's log lines would only get in the way. */
export const silentLogger: AppLogger = pino({ level: 'silent' });

/** Where the engine reaches Slack: the emulator's Web API. */
export interface SlackTarget {
  slackApiUrl: string;
  botToken: string;
}

/**
 * src/bot.ts's service client (retries, and waits out a 429 itself), through which the planner re-reads
 * time zones from users.info.
 */
function slackTimezoneReader(slack: SlackTarget): (userId: string) => Promise<string | undefined> {
  const client = new WebClient(slack.botToken, {
    slackApiUrl: slack.slackApiUrl,
    logger: slackLoggerFrom(silentLogger, 'web-api'),
    retryConfig: { retries: 2, factor: 1.5, minTimeout: 200, maxTimeout: 1000 },
    timeout: 10_000,
  });
  const gateway = createSlackGateway(client);
  return async (userId) => (await gateway.person(userId))?.timezone;
}

export function createBenchPlanner(models: Models, clock: Clock, slack: SlackTarget): PromptPlanner {
  return createPromptPlanner({
    relationships: createRelationshipRepository(models),
    goalForms: createGoalFormRepository(models),
    checkIns: createCheckInRepository(models),
    profiles: createProfileRepository(models),
    slackTimezone: slackTimezoneReader(slack),
    prompts: createPromptRepository(models),
    clock,
    programTimezone: PROGRAM_TIMEZONE,
    window: DELIVERY_WINDOW,
    schedule: DEFAULT_SCHEDULE,
    logger: silentLogger,
  });
}

export function createBenchDispatcher(
  models: Models,
  options: SlackTarget & { clock: Clock; owner: string; leaseMs: number },
) {
  // src/bot.ts's promptClient: no retries and rejectRateLimitedCalls, so a 429 reaches the dispatcher.
  const client = new WebClient(options.botToken, {
    slackApiUrl: options.slackApiUrl,
    logger: slackLoggerFrom(silentLogger, 'prompts'),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
  return createPromptDispatcher({
    prompts: createPromptRepository(models),
    planner: createBenchPlanner(models, options.clock, options),
    sender: createPromptSender(client),
    clock: options.clock,
    program: PROGRAM,
    adminChannelId: ADMIN_CHANNEL_ID,
    window: DELIVERY_WINDOW,
    quietDays: DEFAULT_SCHEDULE.quietDays,
    owner: options.owner,
    leaseMs: options.leaseMs,
    maxPerTick: PROMPTS_PER_TICK,
    logger: silentLogger,
  });
}
export type BenchDispatcher = ReturnType<typeof createBenchDispatcher>;

/**
 * Models on a connection that never creates collections or indexes. Dispatcher processes use this: the
 * parent has created them already, and under Wine two processes creating the same collection at once can
 * crash mongod (see .ci/install-mongodb.sh).
 */
export async function connectWithoutDdl(uri: string): Promise<{ models: Models; close(): Promise<void> }> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
    autoCreate: false,
  });
  await connection.asPromise();
  return { models: bindModels(connection), close: () => connection.close() };
}
