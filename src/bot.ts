import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock';
import { createPromptEngine, createSchedulerJobs } from './composition/prompt-engine';
import { createServices } from './composition/services';
import { createSlackClients } from './composition/slack-clients';
import { openStore } from './composition/store';
import type { AppConfig } from './config';
import type { AppLogger } from './logger';
import { createNoticeWaker } from './scheduler/notice-waker';
import { createScheduler, type Scheduler } from './scheduler/scheduler';
import { createSlackApp, type SlackApp } from './slack/app';
import { checkSlackSetup } from './slack/startup-checks';
import type { Database } from './store/database';

export interface RunningBot {
  /** The port it listens on: HTTP mode, for Slack's requests and /healthz; Socket Mode, for /healthz. */
  readonly port: number | undefined;
  readonly database: Database;
  /** The periodic jobs; `tick()` runs them once now. */
  readonly scheduler: Scheduler;
  /**
   * Resolves when the requests acknowledged so far are fully handled (an answer sent after the
   * acknowledgement, a modal opened), or after `timeoutMs`; true when all finished.
   */
  acknowledgedWorkDone(timeoutMs: number): Promise<boolean>;
  /** Stops taking requests, lets in-flight work finish (up to `graceMs`), then closes MongoDB. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Wires the bot together (the composition root, from the factories in `composition/`) and starts it.
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
  /** How many acknowledged requests work at once (default `AFTER_ACK_CONCURRENCY`; the benchmark varies it). */
  afterAckConcurrency?: number;
}): Promise<RunningBot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;

  const clients = createSlackClients(config, logger);
  // Before MongoDB is opened: a token, scope or channel problem is reported without starting anything.
  const identity = await checkSlackSetup(clients.services, config.staff.adminChannelId);
  const store = await openStore(config, logger, clock);
  const { database, repositories } = store;
  const prompts = createPromptEngine({ config, repositories, promptClient: clients.prompts, clock, logger });
  const noticeWaker = createNoticeWaker({
    dispatch: () => prompts.dispatcher.dispatchNotices(),
    nextAttemptAt: () => repositories.notices.nextAttemptAt(),
    clock,
    logger,
    retryTimer: options.startScheduler ?? true,
  });
  const services = createServices({
    config,
    clock,
    logger,
    slackClient: clients.services,
    repositories,
    database,
    onNoticesWritten: noticeWaker.wake,
  });
  const scheduler = createScheduler(
    createSchedulerJobs({
      requests: services.requests,
      prompts,
      retention: services.retention,
      digest: services.digest,
    }),
    logger,
  );
  const slack = createSlackApp({
    ...(options.afterAckConcurrency ? { afterAckConcurrency: options.afterAckConcurrency } : {}),
    config,
    logger,
    identity,
    clientOptions: clients.interactive,
    isHealthy: () => database.isReachable(),
    markEventFirstSeen: (eventId) =>
      repositories.processedEvents.markFirstSeen(eventId, clock.now().toJSDate()),
    deps: { config, clock, ...services },
    socketModeStartTimeoutMs: options.socketModeStartTimeoutMs,
  });

  if (options.startScheduler ?? true) scheduler.start();
  const port = await startSlackApp(slack, config, logger).catch(async (error: unknown) => {
    // A failed start leaves nothing running: no jobs, no connection, no embedded mongod.
    await scheduler.stop();
    await noticeWaker.stop();
    await store.discard();
    throw error;
  });

  let stopping: Promise<void> | undefined;
  return {
    port,
    database,
    scheduler,
    acknowledgedWorkDone: (timeoutMs) => slack.inFlight.drain(timeoutMs),
    stop(graceMs = 8000) {
      stopping ??= (async () => {
        logger.info({ inFlight: slack.inFlight.size }, 'shutting down');
        await scheduler.stop();
        await slack.app.stop();
        const finished = await slack.inFlight.drain(graceMs);
        await noticeWaker.stop();
        if (!finished) logger.warn({ inFlight: slack.inFlight.size }, 'stopped before all work finished');
        await store.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

/** Starts listening (HTTP) or connects (Socket Mode) and says where; resolves to the port. */
async function startSlackApp(
  slack: SlackApp,
  config: AppConfig,
  logger: AppLogger,
): Promise<number | undefined> {
  const started = (await slack.app.start(config.http.port)) as Server | undefined;
  const port = slack.socketMode ? slack.socketMode.port : (started?.address() as AddressInfo | null)?.port;
  logger.info(
    { mode: config.slack.socketMode ? 'socket' : 'http', port },
    config.slack.socketMode
      ? `connected to Slack in Socket Mode; /healthz on port ${port}`
      : `listening on port ${port}`,
  );
  return port;
}
