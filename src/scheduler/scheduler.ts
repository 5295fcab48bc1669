import cron, { type ScheduledTask } from 'node-cron';
import type { AppLogger } from '../logger';
import { isDatabaseUnavailable } from '../store/availability';

/**
 * One piece of periodic work; it must be safe to run from several copies of the bot at once. A run that
 * answers `{ more: true }` did a bounded slice of a backlog and has more to do (see `createScheduler`).
 */
export interface ScheduledJob {
  name: string;
  run(): Promise<unknown>;
}

/**
 * How long after a tick starts the scheduler may go on working backlogs: well inside the minute, so the
 * next tick (and its dispatching) starts on time.
 */
export const CATCH_UP_MS = 45_000;

const hasMore = (result: unknown) =>
  typeof result === 'object' && result !== null && (result as { more?: unknown }).more === true;

export interface Scheduler {
  /** Runs every job once, now (what the cron tick does; tests call it with a moved clock). */
  tick(): Promise<void>;
  start(): void;
  /** Stops the tick and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * A node-cron tick every minute. Jobs coordinate through MongoDB (conditional updates), so two copies of
 * the bot can tick together; within one copy a tick is skipped while the previous one is still running.
 *
 * Each tick runs every job once, in order. A job that reports more to do (a planning backlog) is then run
 * again, slice after slice, until it is done or `catchUpMs` after the tick started: the next tick's jobs
 * (dispatching among them) run on time, and the backlog goes on after them.
 */
export function createScheduler(
  jobs: ScheduledJob[],
  logger: AppLogger,
  options: { catchUpMs?: number } = {},
): Scheduler {
  const catchUpMs = options.catchUpMs ?? CATCH_UP_MS;
  let task: ScheduledTask | undefined;
  let running: Promise<void> | undefined;
  let stopping = false;

  let waitingForDatabase = false;

  /** Runs the jobs in order; the ones that have more to do, or undefined when MongoDB is unavailable. */
  async function runJobs(list: ScheduledJob[]): Promise<ScheduledJob[] | undefined> {
    const unfinished: ScheduledJob[] = [];
    for (const job of list) {
      try {
        const result = await job.run();
        logger.debug({ job: job.name, result }, 'scheduled job ran');
        if (hasMore(result)) unfinished.push(job);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          // The other jobs would fail the same way: one line per tick, and the next tick tries again.
          // Work claimed before the outage keeps its lease and is picked up again once it expires.
          waitingForDatabase = true;
          logger.warn(
            { job: job.name, error: error instanceof Error ? error.message : String(error) },
            'MongoDB is unavailable; scheduled jobs wait for the next tick',
          );
          return undefined;
        }
        logger.error({ err: error, job: job.name }, 'scheduled job failed');
      }
    }
    return unfinished;
  }

  async function runAll() {
    const started = performance.now();
    let unfinished = await runJobs(jobs);
    if (unfinished === undefined) return;
    while (unfinished.length > 0 && !stopping && performance.now() - started < catchUpMs) {
      unfinished = await runJobs(unfinished);
      if (unfinished === undefined) return;
    }
    if (waitingForDatabase) {
      waitingForDatabase = false;
      logger.info('MongoDB is reachable again; scheduled jobs resumed');
    }
  }

  const tick = () => {
    if (!running) running = runAll().finally(() => (running = undefined));
    return running;
  };

  return {
    tick,
    start() {
      task = cron.schedule('* * * * *', () => void tick(), { noOverlap: true });
    },
    async stop() {
      stopping = true;
      await task?.stop();
      await running;
    },
  };
}
