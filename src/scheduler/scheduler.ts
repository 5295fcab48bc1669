import cron, { type ScheduledTask } from 'node-cron';
import type { AppLogger } from '../logger';
import { isDatabaseUnavailable } from '../store/availability';

/** One piece of periodic work; it must be safe to run from several copies of the bot at once. */
export interface ScheduledJob {
  name: string;
  run(): Promise<unknown>;
}

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
 */
export function createScheduler(jobs: ScheduledJob[], logger: AppLogger): Scheduler {
  let task: ScheduledTask | undefined;
  let running: Promise<void> | undefined;

  let waitingForDatabase = false;

  async function runAll() {
    for (const job of jobs) {
      try {
        const result = await job.run();
        logger.debug({ job: job.name, result }, 'scheduled job ran');
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          // The other jobs would fail the same way: one line per tick, and the next tick tries again.
          // Work claimed before the outage keeps its lease and is picked up again once it expires.
          waitingForDatabase = true;
          logger.warn(
            { job: job.name, error: error instanceof Error ? error.message : String(error) },
            'MongoDB is unavailable; scheduled jobs wait for the next tick',
          );
          return;
        }
        logger.error({ err: error, job: job.name }, 'scheduled job failed');
      }
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
      await task?.stop();
      await running;
    },
  };
}
