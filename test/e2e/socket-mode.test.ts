import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { startBot, type RunningBot } from '../../src/bot';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { SlackEmulator } from '../support/slack-emulator';
import { SocketModeServer } from '../support/socket-mode-server';
import { startEmulatorWithPeople, testEnvironment } from '../support/test-bot';
import { waitFor } from '../support/wait';

const START_BOUND_MS = 4000;

interface LogLine {
  level: number;
  msg: string;
  component?: string;
}

/** Starts the real bot in Socket Mode against the emulator, keeping every log line it writes. */
async function startSocketModeBot(
  emulator: SlackEmulator,
  appToken: string,
): Promise<{ bot: Promise<RunningBot>; lines: LogLine[] }> {
  const parsed = parseConfig(testEnvironment(emulator, { SLACK_APP_TOKEN: appToken, LOG_LEVEL: 'info' }));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const bot = startBot({
    config: parsed.config,
    logger,
    startScheduler: false,
    socketModeStartTimeoutMs: START_BOUND_MS,
  });
  return { bot, lines };
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const WARN = 40;

describe('Socket Mode', () => {
  let emulator: SlackEmulator;
  beforeAll(async () => {
    emulator = await startEmulatorWithPeople();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('when the websocket cannot be reached, the start fails within its bound with a line naming the cause', async () => {
    const port = await closedPort();
    emulator.setSocketModeUrl(`ws://127.0.0.1:${port}/link/`);
    const { bot, lines } = await startSocketModeBot(emulator, emulator.appToken);
    const startedAt = Date.now();
    const failure = await bot.then(
      () => undefined,
      (error: Error) => error,
    );
    const took = Date.now() - startedAt;

    expect(failure?.message).toMatch(
      new RegExp(
        `^could not connect to Slack in Socket Mode: the websocket to ws://127\\.0\\.0\\.1:${port}/link/ ` +
          'failed: ECONNREFUSED \\(\\d+ attempts in \\d+ s\\)$',
      ),
    );
    // It gave up by its bound (plus the MongoDB connection made before it) instead of retrying forever.
    expect(took).toBeLessThan(START_BOUND_MS + 10_000);
    expect(emulator.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    // Each retry said why; nothing logged at warn or above is empty or the client's reasonless error.
    const loud = lines.filter((line) => line.level >= WARN);
    expect(loud.length).toBeGreaterThan(0);
    for (const line of loud) {
      expect(line.msg).toMatch(/ECONNREFUSED/);
      expect(line.msg).not.toMatch(/WebSocket error/);
    }
    expect(lines.map((line) => line.msg)).not.toContain('WebSocket error occurred: ');
  });

  it('when the websocket answers HTTP instead of upgrading, the line says so', async () => {
    emulator.setSocketModeUrl(emulator.apiUrl.replace(/^http/, 'ws').replace(/api\/$/, 'link/'));
    const { bot } = await startSocketModeBot(emulator, emulator.appToken);
    await expect(bot).rejects.toThrow(
      /^could not connect to Slack in Socket Mode: the websocket to ws:\/\/127\.0\.0\.1:\d+\/link\/ failed: answered HTTP 404 instead of opening a websocket/,
    );
  });

  it('with a wrong app-level token, the start fails at once with a line naming SLACK_APP_TOKEN', async () => {
    const { bot, lines } = await startSocketModeBot(emulator, 'xapp-1-A0TEST-1-revoked');
    await expect(bot).rejects.toThrow(
      'could not connect to Slack in Socket Mode: apps.connections.open answered invalid_auth: ' +
        'check SLACK_APP_TOKEN (an app-level token, xapp-..., with connections:write, from "Basic Information")',
    );
    // A token Slack refuses is not retried, and the token itself never reaches the logs.
    expect(emulator.callsTo('apps.connections.open')).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('xapp-1-A0TEST-1-revoked');
  });

  describe('connected', () => {
    let server: SocketModeServer;
    let bot: RunningBot;
    let lines: LogLine[];
    beforeAll(async () => {
      server = await SocketModeServer.start();
      emulator.setSocketModeUrl(server.url);
      const started = await startSocketModeBot(emulator, emulator.appToken);
      bot = await started.bot;
      lines = started.lines;
    });
    afterAll(async () => {
      await bot.stop(1000);
      await server.stop();
    });

    it('serves /healthz, answers a slash command over the websocket, and after a drop reconnects with a line for each', async () => {
      emulator.setSocketModeUrl(server.url);
      expect(lines.map((line) => line.msg)).toContain(
        `connected to Slack in Socket Mode; /healthz on port ${bot.port}`,
      );
      expect((await fetch(`http://127.0.0.1:${bot.port}/healthz`)).status).toBe(200);

      const sendHelp = (envelopeId: string) =>
        server.send({
          type: 'slash_commands',
          envelope_id: envelopeId,
          accepts_response_payload: true,
          payload: {
            command: '/mentoring',
            text: 'help',
            user_id: 'UALICE',
            team_id: 'T0TEST',
            channel_id: 'D0ALICE',
            api_app_id: 'A0TEST',
            response_url: `${emulator.apiUrl.replace(/api\/$/, '')}response/sm1`,
            trigger_id: '1.1.a',
          },
        });
      const acknowledged = (envelopeId: string) =>
        server.received.find((message) => message.envelope_id === envelopeId) as
          { payload?: { text?: string } } | undefined;

      sendHelp('env-1');
      await waitFor(() => acknowledged('env-1') !== undefined);
      expect(acknowledged('env-1')?.payload?.text).toContain('How to use /mentoring');

      server.drop();
      await waitFor(() => lines.some((line) => line.msg === 'Socket Mode reconnected'), 15_000);
      const messages = lines.map((line) => line.msg);
      expect(messages.indexOf('Socket Mode connection lost; reconnecting')).toBeGreaterThan(-1);
      expect(messages.indexOf('Socket Mode connection lost; reconnecting')).toBeLessThan(
        messages.indexOf('Socket Mode reconnected'),
      );
      expect(server.connections).toHaveLength(2);
      expect(lines.filter((line) => line.level >= WARN || line.msg.trim() === '')).toEqual([]);

      sendHelp('env-2');
      await waitFor(() => acknowledged('env-2') !== undefined);
      expect(acknowledged('env-2')?.payload?.text).toContain('How to use /mentoring');
    });
  });
});
