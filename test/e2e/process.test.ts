import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SlackEmulator } from '../support/slack-emulator';
import { signedClientFor, startEmulatorWithPeople, testEnvironment } from '../support/test-bot';
import { waitFor } from '../support/wait';

const ROOT = path.join(__dirname, '../..');

interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): RunningProcess {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a command started from a terminal (Ctrl-C signals the whole group).
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

/**
 * The package as a user has it (its package.json and scripts; src, blocks and node_modules linked) in a
 * fresh folder, so `npm start` there reads no developer .env.
 */
function packageCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mentoring-package-'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  for (const name of ['src', 'blocks', 'node_modules', 'tsconfig.json']) {
    symlinkSync(path.join(ROOT, name), path.join(dir, name));
  }
  return dir;
}

/** `npm run <script>` in `dir`, as a user types it. */
function npmRun(script: string, dir: string, env: Record<string, string>): RunningProcess {
  return run('npm', ['run', script, '--silent'], dir, env);
}

/** `npm start` in a fresh copy of the package. */
function startProcess(env: Record<string, string>): RunningProcess {
  return npmRun('start', packageCopy(), env);
}

/** Every process below `pid`, with its command line, read from /proc. */
function descendants(pid: number): { pid: number; command: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = statOf(Number(entry))?.ppid;
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found: { pid: number; command: string }[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    let command: string;
    try {
      command = readFileSync(`/proc/${next}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // gone meanwhile
    }
    found.push({ pid: next, command });
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

function statOf(pid: number): { ppid: number; state: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/** Running (not exited, not a zombie waiting to be reaped). */
function isAlive(pid: number): boolean {
  const state = statOf(pid)?.state;
  return state !== undefined && state !== 'Z' && state !== 'X';
}

/** Node and mongod processes (not Wine's shared wineserver, which outlives its clients by design). */
const isNodeOrMongod = (command: string) =>
  /(^|\/)node\b|mongod/.test(command) && !/wineserver/.test(command);

async function waitForListening(started: RunningProcess, timeoutMs = 20_000): Promise<number> {
  let port: number | undefined;
  await waitFor(() => {
    const match = /listening on port (\d+)/.exec(started.output());
    port = match ? Number(match[1]) : undefined;
    return port !== undefined;
  }, timeoutMs).catch((error: Error) => {
    started.child.kill('SIGKILL');
    throw new Error(`${error.message}; the bot wrote:\n${started.output()}`);
  });
  return port!;
}

/**
 * Sends `signal` to the process the user started and checks the service contract: it exits 0 within 10 s
 * (an orchestrator's usual grace), logs its graceful stop, and leaves no node or mongod running.
 */
async function stopAndCheck(
  started: RunningProcess,
  { signal = 'SIGTERM', to = 'process' }: { signal?: NodeJS.Signals; to?: 'process' | 'group' } = {},
) {
  const below = descendants(started.child.pid!).filter((p) => isNodeOrMongod(p.command));
  expect(below.length).toBeGreaterThan(0);
  const signalledAt = Date.now();
  // 'group' is a terminal's Ctrl-C: npm and every process under it get the signal at once.
  if (to === 'group') process.kill(-started.child.pid!, signal);
  else started.child.kill(signal);
  const code = await started.exit;
  expect({ code, output: started.output() }).toEqual({ code: 0, output: expect.any(String) });
  expect(Date.now() - signalledAt).toBeLessThan(10_000);
  expect(started.output()).toContain(`"signal":"${signal}","msg":"received a stop signal"`);
  expect(started.output()).toContain('"msg":"stopped"');
  expect(below.filter((p) => isAlive(p.pid))).toEqual([]);
  return below;
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

    it('under `npm start`: serves /healthz and a signed /mentoring help, then on SIGTERM to npm finishes its work, exits 0 within 10 s and leaves no process behind', async () => {
      const started = npmRun('start', packageCopy(), { ...testEnvironment(emulator), LOG_LEVEL: 'info' });
      const port = await waitForListening(started);
      const baseUrl = `http://127.0.0.1:${port}`;
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);

      const slack = signedClientFor(baseUrl, emulator);
      const help = await slack.command('/mentoring', 'help', { userId: 'UALICE' });
      expect(help.json?.text).toContain('How to use /mentoring');

      // Work acknowledged but still running when the signal arrives is finished, not dropped.
      emulator.delay('views.publish', 1500);
      await slack.event({ type: 'app_home_opened', user: 'UCAROL', tab: 'home', channel: 'D9' });
      // One node process under npm: the bot itself, no TypeScript runner relaying signals to a child.
      const processes = await stopAndCheck(started);
      expect(processes.filter((p) => /(^|\/)node\b/.test(p.command))).toHaveLength(1);
      expect(emulator.homeOf('UCAROL')).toBeDefined();
      expect(emulator.violations).toEqual([]);
    });

    it('under `npm run start:prod` (compiled JavaScript): Ctrl-C (SIGINT to the process group) stops it the same way', async () => {
      const dir = packageCopy();
      execFileSync(process.execPath, [
        path.join(ROOT, 'node_modules/typescript/bin/tsc'),
        '-p',
        path.join(ROOT, 'tsconfig.build.json'),
        '--outDir',
        path.join(dir, 'dist'),
      ]);
      const started = npmRun('start:prod', dir, { ...testEnvironment(emulator), LOG_LEVEL: 'info' });
      const port = await waitForListening(started);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      await stopAndCheck(started, { signal: 'SIGINT', to: 'group' });
    }, 60_000);

    it('with the embedded MongoDB (no MONGODB_URI): SIGTERM to `npm start` stops mongod too', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'mentoring-data-'));
      const { MONGODB_URI: _unused, ...environment } = testEnvironment(emulator);
      const started = npmRun('start', packageCopy(), {
        ...environment,
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        ...(process.env.MONGOMS_SYSTEM_BINARY
          ? { MONGOMS_SYSTEM_BINARY: process.env.MONGOMS_SYSTEM_BINARY }
          : {}),
        ...(process.env.MONGOMS_VERSION ? { MONGOMS_VERSION: process.env.MONGOMS_VERSION } : {}),
      });
      // mongod starts first (under Wine here, several seconds).
      const port = await waitForListening(started, 90_000);
      expect(started.output()).toContain('starting the embedded MongoDB');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const processes = await stopAndCheck(started);
      expect(processes.filter((p) => /mongod/.test(p.command)).length).toBeGreaterThan(0);
    }, 120_000);
  });
});
