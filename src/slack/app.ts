import { App, LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config';
import { slackLoggerFrom, type AppLogger } from '../logger';
import { registerCommands } from './commands';
import type { SlackDeps } from './deps';
import { registerEvents } from './events';
import { registerActions } from './actions';
import { registerViews } from './views';
import { AfterAckQueue } from './after-ack';
import { InFlightWork } from './in-flight';
import { reportUnexpected } from './commands/command-router';
import { CheckedHttpReceiver } from './edge/checked-receiver';
import { answerWhatNoListenerWill, ListenerIds } from './edge/request-guard';
import { WatchedSocketModeReceiver } from './socket-mode';

export interface SlackAppOptions {
  config: AppConfig;
  logger: AppLogger;
  /** Who the bot is (from auth.test at start), so Bolt need not ask Slack again. */
  identity: { botId: string; botUserId: string };
  /** Options of Bolt's own client, the one listeners are given (`createSlackClients().interactive`). */
  clientOptions: Readonly<WebClientOptions>;
  /** Answers GET /healthz: true when the app can serve (MongoDB reachable). */
  isHealthy: () => Promise<boolean>;
  /** True the first time an Events API event id is seen (Slack retries deliveries it thinks were lost). */
  markEventFirstSeen: (eventId: string) => Promise<boolean>;
  deps: Omit<SlackDeps, 'logger' | 'afterAck'>;
  /** Socket Mode: how long the first connection may keep failing before the start fails (tests shorten it). */
  socketModeStartTimeoutMs?: number;
  /** How many acknowledged requests do their work at once (default `AFTER_ACK_CONCURRENCY`). */
  afterAckConcurrency?: number;
}

export interface SlackApp {
  readonly app: App;
  readonly inFlight: InFlightWork;
  /** HTTP mode: the HTTP receiver (for its port); Socket Mode: undefined. */
  readonly receiver: CheckedHttpReceiver | undefined;
  /** Socket Mode: the watched connection (and /healthz's port); HTTP mode: undefined. */
  readonly socketMode: WatchedSocketModeReceiver | undefined;
}

/**
 * Builds the Bolt app: Socket Mode when an app-level token is configured, else HTTP with commands,
 * interactivity and events on `POST /slack/events` and a health check on `GET /healthz`.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger } = options;
  const boltLogger = slackLoggerFrom(logger, 'bolt');
  const { clientOptions } = options;

  const socketMode = config.slack.socketMode
    ? new WatchedSocketModeReceiver({
        appToken: config.slack.appToken ?? '',
        logger,
        slackLogger: boltLogger,
        clientOptions,
        health: healthHandler(options.isHealthy),
        port: config.http.port,
        startTimeoutMs: options.socketModeStartTimeoutMs,
      })
    : undefined;
  const receiver = config.slack.socketMode
    ? undefined
    : new CheckedHttpReceiver({
        signingSecret: config.slack.signingSecret ?? '',
        logger,
        boltLogger,
        customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthHandler(options.isHealthy) }],
      });

  const app = new App({
    token: config.slack.botToken,
    botId: options.identity.botId,
    botUserId: options.identity.botUserId,
    logger: boltLogger,
    logLevel: LogLevel.INFO,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, receiver: socketMode }),
  });

  const afterAck = new AfterAckQueue(options.afterAckConcurrency);
  const deps: SlackDeps = { ...options.deps, logger, afterAck };
  const inFlight = new InFlightWork();

  // Every listener runs inside this middleware: it is counted until it finishes (for graceful shutdown),
  // and Events API retries of an event already handled stop here. Bolt has acknowledged an event before
  // this runs, so its work (the retry check included) waits its turn; other listeners take theirs once they
  // have acknowledged.
  app.use(({ body, next }) =>
    inFlight.track(
      (async () => {
        const eventId =
          typeof body === 'object' && body !== null ? (body as { event_id?: unknown }).event_id : undefined;
        if (typeof eventId !== 'string') await next();
        else {
          const leave = await afterAck.enter();
          try {
            if (!(await options.markEventFirstSeen(eventId))) {
              logger.debug({ eventId }, 'ignoring a retried event already handled');
              return;
            }
            await next();
          } finally {
            leave();
          }
        }
        // What the person did counts as their activity (after the answer: it never holds one up).
        const activeUser = activeUserOf(body);
        if (activeUser)
          await options.deps.upkeep.noteActivity(activeUser).catch((error: unknown) => {
            logger.debug({ err: error }, 'could not note activity');
          });
      })(),
    ),
  );

  // Whatever no listener answers (an old button, a form from an earlier version) is answered here.
  const listenerIds = ListenerIds.recordOn(app);
  app.use(answerWhatNoListenerWill(listenerIds, logger));

  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);

  app.error(async (error) => {
    reportUnexpected(deps, error, { where: 'bolt' });
  });

  return { app, inFlight, receiver, socketMode };
}

function healthHandler(isHealthy: () => Promise<boolean>) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    void isHealthy().then(
      (healthy) => respondHealth(res, healthy),
      () => respondHealth(res, false),
    );
  };
}

function respondHealth(res: ServerResponse, healthy: boolean) {
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable', mongodb: healthy ? 'up' : 'down' }));
}

/**
 * Who acted, for their last-active moment: the person running a command, clicking a button, sending a
 * form or opening App Home. Other events (a profile edited, a retried delivery) are not activity.
 */
function activeUserOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as {
    command?: unknown;
    user_id?: unknown;
    type?: unknown;
    user?: { id?: unknown };
    event?: { type?: unknown; user?: unknown };
  };
  const id =
    typeof b.command === 'string'
      ? b.user_id
      : b.type === 'block_actions' || b.type === 'view_submission'
        ? b.user?.id
        : b.type === 'event_callback' && b.event?.type === 'app_home_opened'
          ? b.event.user
          : undefined;
  return typeof id === 'string' && /^[UW][A-Z0-9]{1,20}$/.test(id) ? id : undefined;
}
