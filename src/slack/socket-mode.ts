import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SocketModeReceiver } from '@slack/bolt';
import type { Logger as SlackLogger } from '@slack/logger';
import { ErrorCode, type AppsConnectionsOpenResponse, type WebClientOptions } from '@slack/web-api';
import type { AppLogger } from '../logger';

/** How long the first connection may keep failing before the start fails (a process manager then restarts). */
export const SOCKET_MODE_START_TIMEOUT_MS = 30_000;
/** One attempt (apps.connections.open, the websocket, Slack's hello) that takes longer than this has failed. */
const ATTEMPT_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** How long stopping waits for the websocket's close handshake. */
const CLOSE_WAIT_MS = 2_000;

/** apps.connections.open errors that no retry can fix: the app-level token is wrong. */
const TOKEN_ERRORS = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
  'team_disabled',
]);
const TOKEN_ADVICE =
  'check SLACK_APP_TOKEN (an app-level token, xapp-..., with connections:write, from "Basic Information")';

/**
 * Lines the Socket Mode client writes: empty websocket errors (undici gives no reason) are replaced by ours,
 * and lines carrying whole payloads (what people typed) never reach the logs.
 */
const UNINFORMATIVE_LINE = /^(WebSocket error occurred:|WebSocket error!|Failed to retrieve a new WSS URL)/;
const WHOLE_PAYLOAD_LINE =
  /^(Received a message on the WebSocket:|Sending a WebSocket message:|Calling ack\(\))/;

export interface WatchedSocketModeOptions {
  appToken: string;
  logger: AppLogger;
  /** The Slack SDK logger Bolt uses (routed through pino). */
  slackLogger: SlackLogger;
  /** For apps.connections.open (its base URL is SLACK_API_URL). */
  clientOptions: WebClientOptions;
  /** Serves GET /healthz on `port`, so a container health check works in Socket Mode too. */
  health: RequestListener;
  port: number;
  /** Defaults to SOCKET_MODE_START_TIMEOUT_MS; tests shorten it. */
  startTimeoutMs?: number;
}

type State = 'idle' | 'starting' | 'connected' | 'lost' | 'stopped';

class ConnectionProblem extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Bolt's Socket Mode receiver, with the connection watched: the start fails within a bound with one line
 * naming the cause (the token, or why the websocket could not be opened), and a connection lost later is
 * re-made with a line when it drops and one when it is back. The client's own reconnection is off: it retries
 * forever at start and gives up silently on some errors later.
 */
export class WatchedSocketModeReceiver extends SocketModeReceiver {
  private state: State = 'idle';
  private readonly watchedLogger: AppLogger;
  private readonly startTimeoutMs: number;
  private readonly health: RequestListener;
  private readonly healthPort: number;
  private healthServer: Server | undefined;
  /** The websocket of the current attempt (from apps.connections.open), without its one-time ticket. */
  private socketUrl: URL | undefined;
  /** What went wrong with the current attempt's websocket, as undici's diagnostics tell it. */
  private socketProblem: string | undefined;
  private retryTimer: { timer: NodeJS.Timeout; wake: () => void } | undefined;

  constructor(options: WatchedSocketModeOptions) {
    super({
      appToken: options.appToken,
      logger: quietSocketModeLogger(options.slackLogger),
      autoReconnectEnabled: false,
      installerOptions: { clientOptions: options.clientOptions },
    });
    this.watchedLogger = options.logger.child({ component: 'socket-mode' });
    this.startTimeoutMs = options.startTimeoutMs ?? SOCKET_MODE_START_TIMEOUT_MS;
    this.health = options.health;
    this.healthPort = options.port;

    this.client.on('authenticated', (response: AppsConnectionsOpenResponse) => {
      this.socketUrl = parseUrl(response.url);
    });
    this.client.on('connecting', () => {
      this.socketProblem = undefined;
    });
    this.client.on('disconnected', () => {
      if (this.state !== 'connected') return; // a failed attempt, or stopping
      this.state = 'lost';
      this.watchedLogger.info('Socket Mode connection lost; reconnecting');
      void this.reconnect();
    });
  }

  /** The port /healthz is served on (useful when PORT=0). */
  get port(): number | undefined {
    return (this.healthServer?.address() as AddressInfo | null)?.port;
  }

  override async start(): Promise<AppsConnectionsOpenResponse> {
    subscribe('undici:client:connectError', this.onConnectError);
    subscribe('undici:request:headers', this.onResponseHeaders);
    this.state = 'starting';
    try {
      await this.listenForHealthChecks();
      const startedAt = Date.now();
      const deadline = startedAt + this.startTimeoutMs;
      let delay = FIRST_RETRY_MS;
      for (let attempts = 1; ; attempts += 1) {
        try {
          const response = await this.attempt(Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now()));
          if (this.isStopped()) throw new ConnectionProblem('stopped while connecting', false);
          this.state = 'connected';
          return response;
        } catch (error) {
          const problem = asProblem(error);
          if (!problem.retryable || this.isStopped()) throw problem;
          if (Date.now() + delay >= deadline) {
            const seconds = Math.round((Date.now() - startedAt) / 1000);
            throw new ConnectionProblem(`${problem.message} (${attempts} attempts in ${seconds} s)`, false);
          }
          this.watchedLogger.warn(
            `could not connect to Slack in Socket Mode: ${problem.message}; trying again in ${delay / 1000} s`,
          );
          await this.pause(delay);
          delay = Math.min(delay * 2, MAX_RETRY_MS);
        }
      }
    } catch (error) {
      await this.stop();
      throw new Error(`could not connect to Slack in Socket Mode: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  override async stop(): Promise<void> {
    const wasStopped = this.state === 'stopped';
    this.state = 'stopped';
    if (this.retryTimer) {
      clearTimeout(this.retryTimer.timer);
      this.retryTimer.wake();
    }
    unsubscribe('undici:client:connectError', this.onConnectError);
    unsubscribe('undici:request:headers', this.onResponseHeaders);
    const server = this.healthServer;
    this.healthServer = undefined;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    if (!wasStopped) await this.disconnectWithin(CLOSE_WAIT_MS);
  }

  // Stopping can happen while an attempt is awaited; TypeScript narrows `state` too eagerly to see it.
  private isStopped(): boolean {
    return this.state === 'stopped';
  }

  /** After a drop: tries again at once, then with growing pauses, until connected or stopped. */
  private async reconnect(): Promise<void> {
    let delay = FIRST_RETRY_MS;
    while (this.state === 'lost') {
      try {
        await this.attempt(ATTEMPT_TIMEOUT_MS);
        if (this.isStopped()) {
          await this.disconnectWithin(CLOSE_WAIT_MS);
          return;
        }
        this.state = 'connected';
        this.watchedLogger.info('Socket Mode reconnected');
        return;
      } catch (error) {
        if (this.isStopped()) return;
        const problem = asProblem(error);
        // A token refused now (revoked, app deleted) can't come back by itself, but keep trying: someone may
        // fix the app's settings; each failure is logged so it is seen.
        this.watchedLogger[problem.retryable ? 'warn' : 'error'](
          `Socket Mode could not reconnect: ${problem.message}; trying again in ${delay / 1000} s`,
        );
        await this.pause(delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    }
  }

  /** One connection attempt: apps.connections.open, the websocket, and Slack's hello, within `timeoutMs`. */
  private async attempt(timeoutMs: number): Promise<AppsConnectionsOpenResponse> {
    this.socketUrl = undefined;
    this.socketProblem = undefined;
    const started = this.client.start() as Promise<AppsConnectionsOpenResponse>;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed out'>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), Math.max(0, timeoutMs));
    });
    try {
      const outcome = await Promise.race([started, timedOut]);
      if (outcome !== 'timed out') return outcome;
      started.catch(() => undefined);
      await this.disconnectWithin(CLOSE_WAIT_MS);
      throw new ConnectionProblem(
        this.socketUrl
          ? `the websocket to ${describe(this.socketUrl)} ${this.socketProblem ?? `did not open within ${seconds(timeoutMs)}`}`
          : `apps.connections.open did not answer within ${seconds(timeoutMs)}`,
        true,
      );
    } catch (error) {
      if (error instanceof ConnectionProblem) throw error;
      throw this.explain(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Turns what the Socket Mode client threw into a sentence naming the cause. */
  private explain(error: unknown): ConnectionProblem {
    const coded = error as {
      code?: string;
      data?: { error?: string };
      statusCode?: number;
      original?: Error;
    };
    if (coded?.code === ErrorCode.PlatformError) {
      const slackError = coded.data?.error ?? 'an error';
      if (TOKEN_ERRORS.has(slackError)) {
        return new ConnectionProblem(`apps.connections.open answered ${slackError}: ${TOKEN_ADVICE}`, false);
      }
      return new ConnectionProblem(`apps.connections.open answered ${slackError}`, true);
    }
    if (coded?.code === ErrorCode.HTTPError) {
      return new ConnectionProblem(`apps.connections.open answered HTTP ${coded.statusCode}`, true);
    }
    if (coded?.code === ErrorCode.RequestError) {
      return new ConnectionProblem(
        `apps.connections.open could not reach SLACK_API_URL (${coded.original?.message ?? 'no answer'})`,
        true,
      );
    }
    if (coded?.code === ErrorCode.RateLimitedError) {
      return new ConnectionProblem('apps.connections.open is rate limited', true);
    }
    // The client rejects with nothing when the websocket closed before Slack's hello.
    const where = this.socketUrl ? `the websocket to ${describe(this.socketUrl)}` : 'the websocket';
    const why =
      this.socketProblem ??
      (error instanceof Error && error.message
        ? `failed: ${error.message}`
        : 'closed before Slack said hello');
    return new ConnectionProblem(`${where} ${why}`, true);
  }

  // undici (the websocket's HTTP client) reports connection failures here, with the reason its error event
  // leaves out. Every undici connection in the process is reported, so only the websocket's host counts.
  private readonly onConnectError = (message: unknown) => {
    const { connectParams, error } = message as {
      connectParams?: { host?: string };
      error?: NodeJS.ErrnoException;
    };
    if (!this.socketUrl || connectParams?.host !== this.socketUrl.host) return;
    this.socketProblem = `failed: ${error?.code ?? error?.message ?? 'could not connect'}`;
  };

  private readonly onResponseHeaders = (message: unknown) => {
    const { request, response } = message as {
      request?: { origin?: string };
      response?: { statusCode?: number };
    };
    if (!this.socketUrl || !request?.origin || parseUrl(request.origin)?.host !== this.socketUrl.host) return;
    if (response?.statusCode !== undefined && response.statusCode !== 101) {
      this.socketProblem = `failed: answered HTTP ${response.statusCode} instead of opening a websocket`;
    }
  };

  private async listenForHealthChecks(): Promise<void> {
    const server = createServer(this.health);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new ConnectionProblem(`could not serve /healthz on port ${this.healthPort} (${error.code})`, false),
        ),
      );
      server.listen(this.healthPort, () => resolve());
    });
    this.healthServer = server;
  }

  /** Waits `ms`, or less when stopped meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.retryTimer = undefined;
        resolve();
      };
      this.retryTimer = { timer: setTimeout(wake, ms), wake };
    });
  }

  /** Closes the websocket (and stops an attempt in progress) without waiting long for the peer. */
  private async disconnectWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.disconnect().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
  }
}

function asProblem(error: unknown): ConnectionProblem {
  return error instanceof ConnectionProblem ? error : new ConnectionProblem(String(error), true);
}

function quietSocketModeLogger(logger: SlackLogger): SlackLogger {
  const filtered =
    (write: (...messages: unknown[]) => void) =>
    (...messages: unknown[]) => {
      const first = messages[0];
      if (typeof first === 'string' && WHOLE_PAYLOAD_LINE.test(first)) return;
      if (typeof first === 'string' && UNINFORMATIVE_LINE.test(first)) logger.debug(...messages);
      else write(...messages);
    };
  return {
    ...logger,
    debug: filtered(logger.debug.bind(logger)),
    info: filtered(logger.info.bind(logger)),
    warn: filtered(logger.warn.bind(logger)),
    error: filtered(logger.error.bind(logger)),
    setLevel: logger.setLevel.bind(logger),
    getLevel: logger.getLevel.bind(logger),
    setName: logger.setName.bind(logger),
  };
}

function parseUrl(url: string | undefined): URL | undefined {
  try {
    return url ? new URL(url) : undefined;
  } catch {
    return undefined;
  }
}

/** The websocket's address without its query (a one-time ticket). */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
