import { startBot } from './bot';
import { readConfigFromEnvironment } from './config';
import { createLogger } from './logger';
import { StartupProblems } from './slack/startup-checks';

/** How long a shutdown may take before the process exits anyway (orchestrators wait about 10 s). */
const SHUTDOWN_DEADLINE_MS = 9_000;
/**
 * How long acknowledged work may run on after a stop signal; the rest of the deadline is for closing MongoDB
 * and stopping the embedded mongod (about a second), so nothing is left running when the process exits.
 */
const DRAIN_GRACE_MS = 6_000;

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

  // Signals are handled from the start: one that arrives while the bot is starting (the embedded MongoDB can
  // take seconds) stops it as soon as it has started, rather than killing the process and orphaning mongod.
  let bot: Awaited<ReturnType<typeof startBot>> | undefined;
  let stopSignal: string | undefined;
  const stop = () => {
    bot?.stop(DRAIN_GRACE_MS).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: string) => {
    // A second signal (a terminal's Ctrl-C reaches npm and the bot, and npm passes it on) must not cut the
    // first short.
    if (stopSignal) return;
    stopSignal = signal;
    logger.info({ signal }, bot ? 'received a stop signal' : 'received a stop signal while starting');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    if (bot) stop();
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  try {
    bot = await startBot({ config, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'the bot could not start');
    const lines =
      error instanceof StartupProblems ? error.lines : [String((error as Error)?.message ?? error)];
    process.stderr.write(`The bot could not start:\n${lines.map((line) => `  ${line}\n`).join('')}`);
    process.exit(1);
  }
  if (stopSignal) stop();
}

void main();
