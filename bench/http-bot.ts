import { createWriteStream } from 'node:fs';
import { startBot } from '../src/bot';
import { parseConfig } from '../src/config';
import { createLogger } from '../src/logger';

/**
 * The real bot in a process of its own (so its memory is its own), built by `startBot` from the
 * composition factories, in HTTP mode against the benchmark's Slack emulator and MongoDB. Logs at `info`,
 * as in production, to the file BENCH_LOG_FILE. Prints `ready <port>` once it takes requests; stops on
 * SIGTERM. Started by bench/http.ts.
 */
async function main(): Promise<void> {
  const parsed = parseConfig({
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: required('BENCH_BOT_TOKEN'),
    SLACK_SIGNING_SECRET: required('BENCH_SIGNING_SECRET'),
    SLACK_API_URL: required('BENCH_SLACK_API_URL'),
    MONGODB_URI: required('BENCH_MONGODB_URI'),
    ADMIN_CHANNEL_ID: required('BENCH_ADMIN_CHANNEL'),
    PORT: '0',
    LOG_LEVEL: 'info',
  });
  if (!parsed.ok) throw new Error(`configuration: ${parsed.problems.join('; ')}`);
  const logger = createLogger({ level: 'info', destination: createWriteStream(required('BENCH_LOG_FILE')) });
  // The scheduler's cron is left off: nothing is due in the seeded program, and a tick at a random moment
  // would only add noise to the figures.
  // BENCH_AFTER_ACK: how many acknowledged requests work at once (unset: the bot's default).
  const afterAckConcurrency = Number(process.env.BENCH_AFTER_ACK ?? '') || undefined;
  const bot = await startBot({
    config: parsed.config,
    logger,
    startScheduler: false,
    ...(afterAckConcurrency ? { afterAckConcurrency } : {}),
  });
  process.on('SIGTERM', () => {
    void bot.stop(2000).then(() => process.exit(0));
  });
  process.stdout.write(`ready ${bot.port}\n`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`http-bot: ${name} is not set (this is started by bench/http.ts)`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `http-bot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
