import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock } from '../src/clock';
import { connectWithoutDdl, createBenchDispatcher } from './engine';

/**
 * One copy of the bot's prompt dispatcher in a process of its own, for the kill-and-restart trials: it
 * runs dispatch ticks back to back against the shared outbox and the parent's Slack emulator until it is
 * told to stop (SIGTERM: finishes its tick) or killed (SIGKILL: stops wherever it is, as a crash would).
 *
 * Started by bench/scheduler.ts with BENCH_MONGODB_URI, BENCH_SLACK_API_URL, BENCH_BOT_TOKEN, BENCH_OWNER
 * and BENCH_LEASE_MS; prints `ready` once connected.
 */

/** Pause between ticks when there was nothing to send (or Slack asked to slow down). */
const IDLE_MS = 50;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`dispatch-worker: ${name} is not set (this is started by bench/scheduler.ts)`);
  return value;
}

async function main(): Promise<void> {
  const { models, close } = await connectWithoutDdl(required('BENCH_MONGODB_URI'));
  const dispatcher = createBenchDispatcher(models, {
    clock: systemClock,
    slackApiUrl: required('BENCH_SLACK_API_URL'),
    botToken: required('BENCH_BOT_TOKEN'),
    owner: required('BENCH_OWNER'),
    leaseMs: Number(required('BENCH_LEASE_MS')),
  });
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));
  process.stdout.write('ready\n');
  while (!stopping) {
    try {
      const result = await dispatcher.dispatchDue();
      const handled = Object.values(result).reduce<number>(
        (sum, v) => sum + (typeof v === 'number' ? v : 0),
        0,
      );
      if (handled === 0 || result.rateLimited) await sleep(IDLE_MS);
    } catch (error) {
      // A tick that fails (MongoDB unreachable for a moment) is tried again, as the bot's cron would.
      process.stderr.write(`dispatch-worker ${process.env.BENCH_OWNER}: tick failed: ${String(error)}\n`);
      await sleep(IDLE_MS * 10);
    }
  }
  await close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dispatch-worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
