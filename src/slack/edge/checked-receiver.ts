import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, type App, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Logger as BoltLogger } from '@slack/logger';
import type { AppLogger } from '../../logger';
import { checkSlackBody } from './payloads';

/** Slack's rule: a request is authentic only if its timestamp is within five minutes of now, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** Slack's own payloads are far smaller; anything bigger is refused before it is read into memory. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
export const SLACK_EVENTS_PATH = '/slack/events';

export interface CheckedReceiverOptions {
  signingSecret: string;
  logger: AppLogger;
  boltLogger: BoltLogger;
  customRoutes: CustomRoute[];
  /** Seconds since the epoch; tests move it. */
  nowSeconds?: () => number;
}

type Refusal = { status: 400 | 401 | 413; reason: string };

/**
 * The HTTP edge in front of Bolt. Every POST to /slack/events is read (up to a limit), its signature and
 * timestamp checked (both directions, unlike Bolt), its body parsed as Bolt will parse it and checked against
 * the payload Slack sends for its type. Anything else gets a 4xx at once, so a body Slack could never send
 * never reaches a listener, never hangs for 3 s and never turns into a 500. The rest is Bolt's HTTPReceiver.
 */
export class CheckedHttpReceiver implements Receiver {
  private readonly bolt: HTTPReceiver;
  private server: Server | undefined;
  private readonly nowSeconds: () => number;

  constructor(private readonly options: CheckedReceiverOptions) {
    this.nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
    this.bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: options.boltLogger,
      customRoutes: options.customRoutes,
      bodyLimit: BODY_LIMIT_BYTES,
      // A listener that throws before acknowledging is already answered by the app's error handler; what is
      // left must not become a 500 that Slack shows as an error.
      processEventErrorHandler: async ({ error, response, logger }) => {
        logger.error(`a listener failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!response.headersSent) {
          response.writeHead(200);
          response.end();
        }
        return false;
      },
    });
  }

  init(app: App): void {
    this.bolt.init(app);
  }

  async start(port: number): Promise<Server> {
    const server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== SLACK_EVENTS_PATH) {
      try {
        this.bolt.requestListener(req, res); // custom routes (/healthz)
      } catch {
        answer(res, 404, 'not found'); // Bolt throws for a path it doesn't serve
      }
      return;
    }
    this.checkAndForward(req, res).catch((error: unknown) => {
      // The edge's own failure: still an answer, never a hang.
      this.options.logger.error({ err: error }, 'the request edge failed');
      answer(res, 400, 'bad request');
    });
  }

  private async checkAndForward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readBody(req);
    if ('status' in read) return this.refuse(res, read);
    const raw = read.body;
    const buffered = Object.assign(req, { rawBody: raw });

    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      body = undefined;
    }
    // Slack's SSL check is unsigned and carries nothing: Bolt answers it (and drops anything smuggled in).
    const isSslCheck = isRecord(body) && body.ssl_check === '1';
    if (!isSslCheck) {
      const unauthentic = this.checkAuthenticity(req, raw);
      if (unauthentic) return this.refuse(res, unauthentic);
      if (body === undefined) return this.refuse(res, { status: 400, reason: 'the body does not parse' });
      const isUrlVerification =
        isRecord(body) && body.type === 'url_verification' && typeof body.challenge === 'string';
      if (!isUrlVerification) {
        const checked = checkSlackBody(body);
        if (!checked.ok) return this.refuse(res, { status: 400, reason: checked.problem });
      }
    }
    this.bolt.requestListener(buffered, res);
  }

  private checkAuthenticity(req: IncomingMessage, raw: Buffer): Refusal | undefined {
    const signature = req.headers['x-slack-signature'];
    const timestampHeader = req.headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof timestampHeader !== 'string') {
      return { status: 401, reason: 'no signature' };
    }
    const timestamp = Number(timestampHeader);
    if (!Number.isInteger(timestamp) || Math.abs(this.nowSeconds() - timestamp) > MAX_CLOCK_SKEW_SECONDS) {
      return { status: 401, reason: 'timestamp more than five minutes from now' };
    }
    const expected = Buffer.from(
      `v0=${createHmac('sha256', this.options.signingSecret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`,
    );
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { status: 401, reason: 'signature does not match' };
    }
    return undefined;
  }

  private refuse(res: ServerResponse, refusal: Refusal): void {
    this.options.logger.warn({ status: refusal.status, reason: refusal.reason }, 'refused a request');
    answer(res, refusal.status, refusal.status === 401 ? 'unauthorized' : 'bad request');
  }
}

function readBody(req: IncomingMessage): Promise<{ body: Buffer } | Refusal> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT_BYTES) {
      req.resume();
      resolve({ status: 413, reason: `body of ${declared} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        size > BODY_LIMIT_BYTES
          ? { status: 413, reason: `body over ${BODY_LIMIT_BYTES} bytes` }
          : { body: Buffer.concat(chunks) },
      ),
    );
    req.on('error', () => resolve({ status: 400, reason: 'the body could not be read' }));
  });
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
