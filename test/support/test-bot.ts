import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { startBot, type RunningBot } from '../../src/bot';
import { ManualClock } from '../../src/clock';
import { parseConfig, type AppConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { SignedSlackClient } from './signed-slack-client';
import { SlackEmulator } from './slack-emulator';
import { freshDatabaseUri } from './test-database';

export const SIGNING_SECRET = 'test-signing-secret';
export const ADMIN_CHANNEL = 'CADMIN01';
export const TEAM_ID = 'T0TEST';

export interface TestBot {
  readonly bot: RunningBot;
  readonly emulator: SlackEmulator;
  readonly slack: SignedSlackClient;
  readonly config: AppConfig;
  readonly clock: ManualClock;
  readonly baseUrl: string;
  /** Every log line the bot wrote, parsed (to check redaction and error references). */
  readonly logLines: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** The environment a test bot runs with; tests override single variables. */
export function testEnvironment(emulator: SlackEmulator, overrides: Record<string, string> = {}) {
  return {
    NODE_ENV: 'test',
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emulator.apiUrl,
    PORT: '0',
    MONGODB_URI: freshDatabaseUri(expect.getState().testPath?.split('/').pop() ?? 'test'),
    ADMIN_CHANNEL_ID: ADMIN_CHANNEL,
    PROGRAM_NAME: 'Webster Mentoring Program',
    PROGRAM_CONTACT: 'the Office of Student Affairs',
    LOG_LEVEL: 'debug',
    // The weekly digest would land in the staff channel at whatever week a test's clock ticks in; the tests
    // about it turn it on (test/e2e/weekly-digest.test.ts).
    DIGEST_SCHEDULE: 'off',
    ...overrides,
  };
}

/**
 * Starts the real bot in HTTP mode on a random port, against a fresh Slack emulator and a fresh database,
 * with a clock the test controls. Stop it in `afterAll`.
 */
export async function startTestBot(
  options: { env?: Record<string, string>; now?: DateTime; emulator?: SlackEmulator } = {},
): Promise<TestBot> {
  const emulator = options.emulator ?? (await startEmulatorWithPeople());
  const parsed = parseConfig(testEnvironment(emulator, options.env));
  if (!parsed.ok) throw new Error(`test configuration: ${parsed.problems.join('; ')}`);
  const config = parsed.config;
  const logLines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      callback();
    },
  });
  const logger = createLogger({ level: config.logLevel, destination });
  const clock = new ManualClock(options.now ?? DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' }));
  const bot = await startBot({ config, logger, clock, startScheduler: false }).catch(
    async (error: unknown) => {
      // Don't leave the emulator listening (it would keep jest from exiting) when the bot fails to start.
      if (!options.emulator) await emulator.stop();
      throw error;
    },
  );
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const slack = signedClientFor(baseUrl, emulator, () => bot.acknowledgedWorkDone(15_000));
  return {
    bot,
    emulator,
    slack,
    config,
    clock,
    baseUrl,
    logLines,
    async stop() {
      await bot.stop(2000);
      if (!options.emulator) await emulator.stop();
    },
  };
}

/**
 * Signs requests to a bot at `baseUrl` as Slack would, with response URLs served by `emulator`; what Slack
 * would object to in the bot's HTTP answers is recorded with the emulator's violations. A command resolves
 * with the answer the person sees, waiting for it through its response_url until `settled` (the bot's
 * acknowledged work done) or 3 s.
 */
export function signedClientFor(
  baseUrl: string,
  emulator: SlackEmulator,
  settled?: () => Promise<unknown>,
): SignedSlackClient {
  return new SignedSlackClient(
    baseUrl,
    SIGNING_SECRET,
    {
      teamId: TEAM_ID,
      appId: 'A0TEST',
      responseUrlBase: `${emulator.apiUrl.replace(/api\/$/, '')}response/`,
    },
    emulator.violations,
    {
      responses: () => emulator.responses(),
      settled,
      submissionAnswered: (viewId, hash, answer) => emulator.submissionAnswered(viewId, hash, answer),
      viewNow: (viewId) => emulator.viewById(viewId),
    },
  );
}

/** The people the tests talk about, known to the emulator as Slack users. */
export const PEOPLE = {
  alice: {
    id: 'UALICE',
    name: 'alice',
    real_name: 'Alice Alumna',
    tz: 'America/Chicago',
    email: 'alice@example.edu',
  },
  bob: { id: 'UBOB', name: 'bob', real_name: 'Bob Student', tz: 'America/Chicago', email: 'bob@example.edu' },
  carol: {
    id: 'UCAROL',
    name: 'carol',
    real_name: 'Carol Alumna',
    tz: 'Asia/Tokyo',
    email: 'carol@example.edu',
  },
  dan: {
    id: 'UDAN',
    name: 'dan',
    real_name: 'Dan Student',
    tz: 'America/New_York',
    email: 'dan@example.edu',
  },
  erin: {
    id: 'UERIN',
    name: 'erin',
    real_name: 'Erin Student',
    tz: 'Europe/London',
    email: 'erin@example.edu',
  },
  staff1: { id: 'USTAFF1', name: 'staff1', real_name: 'Sam Staff', tz: 'America/Chicago' },
  staff2: { id: 'USTAFF2', name: 'staff2', real_name: 'Sky Staff', tz: 'America/Chicago' },
} as const;

/**
 * An emulator that knows the test people, with the two staff members and the bot in the admin channel, which
 * is private (as a program office's staff channel usually is). The token holds the scopes `manifest.yml`
 * requests unless `scopes` says otherwise.
 */
export async function startEmulatorWithPeople(options: { scopes?: string[] } = {}): Promise<SlackEmulator> {
  const emulator = await SlackEmulator.start({ teamId: TEAM_ID, scopes: options.scopes });
  for (const person of Object.values(PEOPLE)) emulator.addUser({ ...person });
  emulator.setChannelMembers(ADMIN_CHANNEL, [PEOPLE.staff1.id, PEOPLE.staff2.id, emulator.botUserId], {
    private: true,
  });
  return emulator;
}
