import mongoose from 'mongoose';
import pino from 'pino';
import type { Clock } from '../src/clock';
import { createPromptEngine, createSchedulerJobs, type PromptEngine } from '../src/composition/prompt-engine';
import { createSlackClients } from '../src/composition/slack-clients';
import { createRepositories } from '../src/composition/store';
import { parseConfig, type AppConfig } from '../src/config';
import type { AppLogger } from '../src/logger';
import type { PromptDispatcher } from '../src/scheduler/prompt-dispatcher';
import type { PromptPlanner } from '../src/scheduler/prompt-planner';
import { createScheduler, type Scheduler } from '../src/scheduler/scheduler';
import { bindModels, type Models } from '../src/store/database';

/**
 * The scheduler's planner and dispatcher, built by the bot's own factory (`createPromptEngine`, with the
 * prompts' client from `createSlackClients`) over the default configuration, minus the rest of the bot.
 */

/**
 * The benchmark prints its own figures; the engine's log lines would only get in the way
 * (`BENCH_LOG=error` shows the engine's errors on stderr).
 */
export const silentLogger: AppLogger = pino(
  { level: process.env.BENCH_LOG ?? 'silent' },
  pino.destination(2),
);

/** Where the engine reaches Slack: the emulator's Web API. */
export interface SlackTarget {
  slackApiUrl: string;
  botToken: string;
}

/**
 * The bot's configuration with its defaults (program time zone, prompt hour, quiet days) as a deployment
 * that sets only what it must would have it, pointed at the emulator.
 */
export function benchConfig(slack: SlackTarget): AppConfig {
  const parsed = parseConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: slack.slackApiUrl,
    // Required in HTTP mode; the benchmark serves no requests.
    SLACK_SIGNING_SECRET: 'unused-by-the-benchmark',
    ADMIN_CHANNEL_ID: 'CADMIN',
    PROGRAM_CONTACT: 'mentoring@example.edu',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(`benchmark configuration: ${parsed.problems.join('; ')}`);
  return parsed.config;
}

/** The bot's prompt engine over `models`; `owner` and `leaseMs` as a dispatcher process sets them. */
export function createBenchEngine(
  models: Models,
  options: SlackTarget & { clock: Clock; owner?: string; leaseMs?: number },
): PromptEngine {
  const config = benchConfig(options);
  return createPromptEngine({
    config,
    repositories: createRepositories(models),
    promptClient: createSlackClients(config, silentLogger).prompts,
    clock: options.clock,
    logger: silentLogger,
    owner: options.owner,
    leaseMs: options.leaseMs,
  });
}

export function createBenchPlanner(models: Models, clock: Clock, slack: SlackTarget): PromptPlanner {
  return createBenchEngine(models, { ...slack, clock }).planner;
}

/**
 * The scheduler of one copy of the bot over `models`, with the jobs `src/bot.ts` gives it minus the
 * mentor-request sweep (the seeded program has no open requests) and the weekly digest: time zones, plan,
 * dispatch, notices.
 * `observe` hears each job's run (name, start, end, result) for the figures.
 */
export function createBenchScheduler(
  engine: PromptEngine,
  observe: (run: { job: string; start: number; end: number; result: unknown }) => void,
): Scheduler {
  const jobs = createSchedulerJobs({
    requests: { sweepRequests: () => Promise.reject(new Error('the benchmark has no requests')) },
    prompts: engine,
    digest: { enqueueDue: () => Promise.resolve({ digest: 'off' as const }) },
  })
    .filter((job) => !job.name.startsWith('mentor requests') && !job.name.startsWith('weekly digest'))
    .map((job) => ({
      name: job.name,
      async run() {
        const start = performance.now();
        const result = await job.run();
        observe({ job: job.name, start, end: performance.now(), result });
        return result;
      },
    }));
  return createScheduler(jobs, silentLogger);
}

export function createBenchDispatcher(
  models: Models,
  options: SlackTarget & { clock: Clock; owner: string; leaseMs: number },
): PromptDispatcher {
  return createBenchEngine(models, options).dispatcher;
}
export type BenchDispatcher = PromptDispatcher;

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
