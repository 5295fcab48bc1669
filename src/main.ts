import { startBot } from './bot';
import { readConfigFromEnvironment } from './config';
import { createLogger } from './logger';
import { StartupProblems } from './slack/startup-checks';

/** How long a shutdown may take before the process exits anyway (orchestrators wait about 10 s). */
const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  const result = readConfigFromEnvironment();
  if (!result.ok) {
    process.stderr.write(
      `The bot cannot start: its configuration has ${result.problems.length} problem(s).\n` +
        result.problems.map((problem) => `  ${problem}\n`).join('') +
        'Set these in the environment or in .env (see .env.example).\n',
    );
    process.exit(1);
  }
  const { config } = result;
  const logger = createLogger({ level: config.logLevel, pretty: process.argv.includes('--dev') });

  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let bot;
  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'the bot could not start');
    const lines =
      error instanceof StartupProblems ? error.lines : [String((error as Error)?.message ?? error)];
    process.stderr.write(`The bot could not start:\n${lines.map((line) => `  ${line}\n`).join('')}`);
    process.exit(1);
  }

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    // A second signal (a process manager often signals the whole process group) must not cut the first short.
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'received a stop signal');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
