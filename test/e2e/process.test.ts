import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignedSlackClient } from '../support/signed-slack-client';
import type { SlackEmulator } from '../support/slack-emulator';
import { startEmulatorWithPeople, testEnvironment, SIGNING_SECRET, TEAM_ID } from '../support/test-bot';
import { waitFor } from '../support/wait';

const MAIN = path.join(__dirname, '../../src/main.ts');
const TSX = path.join(__dirname, '../../node_modules/.bin/tsx');

/** Runs `npm start`'s entry point as its own process, in an empty folder (so no developer .env is read). */
function startProcess(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
} {
  const cwd = mkdtempSync(path.join(tmpdir(), 'mentoring-bot-'));
  const child = spawn(TSX, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

describe('the bot process', () => {
  it('with no configuration, names each missing variable on its own line and exits non-zero', async () => {
    const run = startProcess({});
    const code = await run.exit;
    expect(code).not.toBe(0);
    const lines = run.output().trim().split('\n');
    expect(lines[0]).toContain('configuration has 3 problem(s)');
    expect(
      lines.filter((line) => /^ {2}[A-Z_]+: /.test(line)).map((line) => line.trim().split(':')[0]),
    ).toEqual(['SLACK_BOT_TOKEN', 'ADMIN_CHANNEL_ID', 'SLACK_SIGNING_SECRET']);
    expect(run.output()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('with a bad value, says which variable and what is expected', async () => {
    const run = startProcess({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      ADMIN_CHANNEL_ID: 'C1AB',
      PORT: 'eighty',
    });
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('PORT: expected a whole number from 0 to 65535');
  });

  describe('configured against the emulator', () => {
    let emulator: SlackEmulator;
    beforeAll(async () => {
      emulator = await startEmulatorWithPeople();
    });
    afterAll(() => emulator.stop());

    it('serves /healthz and a signed /mentoring help, then on SIGTERM finishes its work and exits 0 within 10 s', async () => {
      const run = startProcess({ ...testEnvironment(emulator), LOG_LEVEL: 'info' });
      let port: number | undefined;
      await waitFor(() => {
        const match = /listening on port (\d+)/.exec(run.output());
        port = match ? Number(match[1]) : undefined;
        return port !== undefined;
      }, 20_000).catch((error: Error) => {
        run.child.kill('SIGKILL');
        throw new Error(`${error.message}; the bot wrote:\n${run.output()}`);
      });
      const baseUrl = `http://127.0.0.1:${port}`;
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

      const slack = new SignedSlackClient(
        baseUrl,
        SIGNING_SECRET,
        {
          teamId: TEAM_ID,
          appId: 'A0TEST',
          responseUrlBase: `${emulator.apiUrl.replace(/api\/$/, '')}response/`,
        },
        emulator.violations,
      );
      const help = await slack.command('/mentoring', 'help', { userId: 'UALICE' });
      expect(help.json?.text).toContain('How to use /mentoring');

      // Work acknowledged but still running when the signal arrives is finished, not dropped.
      emulator.delay('views.publish', 1500);
      await slack.event({ type: 'app_home_opened', user: 'UCAROL', tab: 'home', channel: 'D9' });
      const signalledAt = Date.now();
      run.child.kill('SIGTERM');
      const code = await run.exit;
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(emulator.homeOf('UCAROL')).toBeDefined();
      expect(run.output()).toContain('"msg":"stopped"');
      expect(emulator.violations).toEqual([]);
    });
  });
});
