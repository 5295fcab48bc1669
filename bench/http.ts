import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { createLogger } from '../src/logger';
import { connectDatabase } from '../src/store/database';
import { SlackEmulator, type EmulatorActivity } from '../test/support/slack-emulator';
import {
  commandRequest,
  homeOpenedRequest,
  send,
  TEAM_ID,
  viewSubmissionRequest,
  type BenchRequest,
  type SentAnswer,
} from './http-requests';
import { seedHttpProgram, type HttpSeed, type HttpSeedSize } from './http-seed';
import { startBenchMongo } from './mongo';
import { CleanupStack, count, line, seconds } from './report';

/**
 * `npm run bench:http`: the real bot and a bare Bolt app that only acknowledges, side by side, answering
 * signed slash commands, clicks, view submissions and events on loopback at several concurrency levels,
 * against the seeded program in MongoDB and the Slack emulator. See BENCHMARKS.md.
 */

const SIGNING_SECRET = 'bench-signing-secret';
const ADMIN_CHANNEL = 'CADMIN01';
const STAFF = 'USTAFF01';
/** Slack shows the person an error when the HTTP answer takes longer than this. */
const SLACK_DEADLINE_MS = 3_000;
/** An answer not seen at the emulator this long after the request was sent counts as an error. */
const SEEN_TIMEOUT_MS = 10_000;

interface Options {
  size: HttpSeedSize;
  levels: number[];
  /** Requests per workload, level and app; undefined: 100 or 10 per concurrent sender, whichever is more. */
  requests: number | undefined;
  workloads: string[] | undefined;
  /** A folder for the bot's CPU and sampling heap profiles (node --cpu-prof, --heap-prof), written as it stops. */
  profile: string | undefined;
  /** Extra flags for the bot's node (e.g. `--max-semi-space-size=4`), space-separated. */
  botNodeArgs: string[];
  /** How many acknowledged requests the bot lets work at once (undefined: its default). */
  afterAck: number | undefined;
  /** Both apps run as compiled JavaScript (`tsc -p tsconfig.bench.json`, into dist/), as in production, not through tsx. */
  compiled: boolean;
}

const FULL_SIZE: HttpSeedSize = { mentors: 2_000, mentees: 5_000, relationships: 1_500 };
const USAGE =
  'usage: npm run bench:http -- [--quick] [--mentors N] [--mentees N] [--relationships N] ' +
  '[--requests N] [--levels 1,10,50] [--workloads help,find,...] [--profile DIR] [--compiled] [--after-ack N] [--bot-node-args "--flag ..."]';

function parseOptions(args: string[]): Options {
  const quick = args.includes('--quick');
  const options: Options = {
    size: quick ? { mentors: 200, mentees: 500, relationships: 300 } : { ...FULL_SIZE },
    levels: [1, 10, 50],
    requests: quick ? 50 : undefined,
    workloads: undefined,
    profile: undefined,
    compiled: args.includes('--compiled'),
    afterAck: undefined,
    botNodeArgs: [],
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--quick' || flag === '--compiled') continue;
    const value = args[++i] ?? '';
    const whole = Number(value);
    const positive = () => {
      if (!Number.isInteger(whole) || whole <= 0)
        throw new Error(`${flag} expects a positive number\n${USAGE}`);
      return whole;
    };
    if (flag === '--mentors') options.size.mentors = positive();
    else if (flag === '--mentees') options.size.mentees = positive();
    else if (flag === '--relationships') options.size.relationships = positive();
    else if (flag === '--requests') options.requests = positive();
    else if (flag === '--levels') options.levels = value.split(',').map(Number);
    else if (flag === '--workloads') options.workloads = value.split(',');
    else if (flag === '--profile') options.profile = value;
    else if (flag === '--after-ack') options.afterAck = positive();
    else if (flag === '--bot-node-args') options.botNodeArgs = value.split(' ').filter(Boolean);
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

// ---- the two apps ------------------------------------------------------------------------------------

interface Target {
  name: 'bot' | 'bare';
  baseUrl: string;
  child: ChildProcess;
}

async function startChild(
  name: Target['name'],
  script: string,
  env: Record<string, string>,
  cleanup: CleanupStack,
  nodeArgs: string[] = [],
  compiled = false,
): Promise<Target> {
  const entry = compiled
    ? [join(__dirname, '..', 'dist', 'bench', script.replace(/\.ts$/, '.js'))]
    : ['--import', 'tsx', join(__dirname, script)];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.push(`stop ${name}`, async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const ready = /ready (\d+)/.exec(seen);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
  });
  return { name, baseUrl: `http://127.0.0.1:${port}`, child };
}

/** Resident memory of a process, now and at its peak (kB figures from /proc, in MB). */
function memoryOf(pid: number | undefined): { rss: number; peak: number } {
  if (pid === undefined) return { rss: NaN, peak: NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return { rss: NaN, peak: NaN };
  }
}

// ---- seeing answers at the emulator --------------------------------------------------------------------

/**
 * What the person sees, as the emulator receives it: a message at the command's response_url, the modal
 * its trigger_id opens, an ephemeral message to them, or their Home published. Each request waits on its
 * own handles; requests running at once never share one (each sender has its own people).
 */
class Sightings {
  private readonly waiting = new Map<string, (at: number) => void>();

  constructor(emulator: SlackEmulator) {
    emulator.onActivity((activity) => {
      const at = performance.now();
      for (const key of keysOf(activity)) {
        const resolve = this.waiting.get(key);
        if (resolve) resolve(at);
      }
    });
  }

  /** Resolves with the moment the first of `signals` is seen, or undefined after SEEN_TIMEOUT_MS. */
  wait(signals: string[]): { seen: Promise<number | undefined>; cancel: () => void } {
    let settle: (at: number | undefined) => void = () => undefined;
    const seen = new Promise<number | undefined>((resolve) => (settle = resolve));
    const timer = setTimeout(() => finish(undefined), SEEN_TIMEOUT_MS);
    const finish = (at: number | undefined) => {
      clearTimeout(timer);
      for (const signal of signals) this.waiting.delete(signal);
      settle(at);
    };
    for (const signal of signals) this.waiting.set(signal, finish);
    return { seen, cancel: () => finish(undefined) };
  }
}

function keysOf(activity: EmulatorActivity): string[] {
  if (activity.kind === 'response') return [`response:${activity.response.urlId}`];
  const { method, args } = activity.call;
  if (method === 'views.open' || method === 'views.push') return [`trigger:${String(args.trigger_id)}`];
  if (method === 'views.publish') return [`home:${String(args.user_id)}`];
  if (method === 'views.update') return [`view:${String(args.view_id)}`];
  if (method === 'chat.postEphemeral') return [`ephemeral:${String(args.user)}`];
  return [];
}

/**
 * True when the HTTP answer itself is what the person sees (a message, or a modal's answer other than a
 * "saving…" view that views.update replaces once saved).
 */
function answersInline(answer: SentAnswer, submission: boolean): boolean {
  if (submission) return !(answer.json?.response_action === 'update' && isSavingView(answer.json.view));
  return answer.json !== undefined && ('text' in answer.json || 'blocks' in answer.json);
}

/** The bot's "saving…" / "sending…" view: one section and no input, replaced once the form is saved. */
function isSavingView(view: unknown): boolean {
  const blocks = (view as { blocks?: { type?: string; text?: { text?: string } }[] } | undefined)?.blocks;
  return blocks?.length === 1 && /…$/.test(blocks[0]?.text?.text ?? '');
}

function isApology(answer: SentAnswer): boolean {
  const text = answer.text;
  return (
    answer.status !== 200 ||
    /went wrong|can't reach the program|try again/i.test(text) ||
    (answer.json?.response_action === 'errors' && text.length > 0)
  );
}

// ---- workloads ---------------------------------------------------------------------------------------

interface Workload {
  name: string;
  /** Whether the answer is the HTTP answer (submissions) rather than something sent to Slack afterwards. */
  submission: boolean;
  /** The people who send it, one at a time each. */
  actors: string[];
  build(actor: string, n: number): BenchRequest;
}

const SEARCHES = ['data science', 'marketing', 'research startups', 'law school', 'psychology', 'finance'];

function workloads(
  seed: HttpSeed,
  responseUrlBase: string,
  forms: { goals: Map<string, Record<string, unknown>>; checkIns: Map<string, Record<string, unknown>> },
): Workload[] {
  const live = seed.pairs.filter((p) => ['stage1', 'stage2', 'stage3', 'stage4'].includes(p.status));
  const today = DateTime.utc();
  const goalValues: Record<string, unknown> = {};
  for (const name of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
    goalValues[`g0_${name}_r0`] = { [name]: { type: 'plain_text_input', value: `${name} of the goal` } };
  goalValues.g0_completeBy_r0 = {
    completeBy: { type: 'datepicker', selected_date: today.plus({ months: 5 }).toISODate() },
  };
  [1, 2, 3].forEach((months, n) => {
    goalValues[`g0_checkIn${n}_r0`] = {
      [`checkIn${n}`]: { type: 'datepicker', selected_date: today.plus({ months }).toISODate() },
    };
  });
  const checkInValues = {
    field_g0_status: { input_g0_status: { type: 'static_select', selected_option: { value: 'on_track' } } },
    field_g0_evidence: { input_g0_evidence: { type: 'plain_text_input', value: 'Sent three applications' } },
  };
  const command = (name: string, text: (n: number) => string) => (actor: string, n: number) =>
    commandRequest(responseUrlBase, name, text(n), actor);
  return [
    { name: 'help', submission: false, actors: seed.menteeIds, build: command('/mentoring', () => 'help') },
    { name: 'find', submission: false, actors: seed.menteeIds, build: command('/mentee', () => 'find') },
    {
      name: 'find words',
      submission: false,
      actors: seed.menteeIds,
      build: command('/mentee', (n) => `find ${SEARCHES[n % SEARCHES.length]}`),
    },
    {
      name: 'status',
      submission: false,
      actors: live.map((p) => p.menteeId),
      build: command('/mentoring', () => 'status'),
    },
    { name: 'apply', submission: false, actors: seed.menteeIds, build: command('/mentor', () => 'apply') },
    {
      name: 'goal form',
      submission: true,
      actors: [...forms.goals.keys()],
      // Each sender submits its one opened form again and again. The form keeps the goals' version it was
      // opened on, so every submission after the first would be refused as saved from another window; without
      // it, each one saves the next version, as a form opened afresh would.
      build: (actor) => viewSubmissionRequest(actor, withoutGoalVersion(forms.goals.get(actor)!), goalValues),
    },
    {
      name: 'check-in',
      submission: true,
      actors: [...forms.checkIns.keys()],
      build: (actor) => viewSubmissionRequest(actor, forms.checkIns.get(actor)!, checkInValues),
    },
    {
      name: 'home',
      submission: false,
      actors: [...seed.mentorIds.slice(0, 500), ...seed.menteeIds.slice(0, 500)],
      build: (actor) => homeOpenedRequest(actor),
    },
  ];
}

function withoutGoalVersion(view: Record<string, unknown>): Record<string, unknown> {
  const { version: _opened, ...metadata } = JSON.parse(String(view.private_metadata ?? '{}')) as Record<
    string,
    unknown
  >;
  return { ...view, private_metadata: JSON.stringify(metadata) };
}

// ---- running a level -----------------------------------------------------------------------------------

interface Sample {
  http: number;
  seen: number | undefined;
  error: boolean;
}

interface Tally {
  samples: Sample[];
  busyMs: number;
}

/** `total` requests from `concurrency` senders, each sending its next request once the last is answered. */
async function runBatch(
  target: Target,
  workload: Workload,
  concurrency: number,
  total: number,
  sightings: Sightings,
  tally: Tally,
  offset: number,
): Promise<void> {
  let next = 0;
  const started = performance.now();
  const sender = async (senderIndex: number) => {
    // Each sender has its own people (every concurrency-th one), so answers are told apart by person.
    const mine = workload.actors.filter((_, i) => i % concurrency === senderIndex);
    let turn = 0;
    while (next < total) {
      const n = next++;
      const actor = mine[(offset + turn++) % mine.length];
      if (actor === undefined) return;
      const request = workload.build(actor, n);
      const watch = target.name === 'bot' ? sightings.wait(request.signals) : undefined;
      const sentAt = performance.now();
      try {
        const answer = await send(target.baseUrl, SIGNING_SECRET, request);
        const http = answer.at - sentAt;
        if (target.name === 'bare') {
          tally.samples.push({ http, seen: http, error: answer.status !== 200 });
          continue;
        }
        const inline = answersInline(answer, workload.submission);
        if (inline) watch?.cancel();
        const seenAt = inline ? answer.at : await watch?.seen;
        tally.samples.push({
          http,
          seen: seenAt === undefined ? undefined : seenAt - sentAt,
          error: isApology(answer) || seenAt === undefined,
        });
      } catch {
        watch?.cancel();
        tally.samples.push({ http: performance.now() - sentAt, seen: undefined, error: true });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => sender(i)));
  tally.busyMs += performance.now() - started;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

const f = (n: number) => (Number.isNaN(n) ? 'n/a' : n < 10 ? n.toFixed(1) : Math.round(n).toString());

// ---- the run -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const cleanup = new CleanupStack();
  const startedAt = performance.now();
  try {
    const mongo = await startBenchMongo();
    cleanup.push('stop mongod', () => mongo.stop());
    const uri = mongo.uriFor('bench_http');
    const emulator = await SlackEmulator.start({ teamId: TEAM_ID });
    cleanup.push('stop the emulator', () => emulator.stop());
    const quiet = createLogger({ level: 'silent' });

    // 1. The program.
    const seedStarted = performance.now();
    const database = await connectDatabase(uri, quiet);
    await database.connection.dropDatabase();
    await database.close();
    const seeding = await connectDatabase(uri, quiet);
    const openConversation = async (users: string[]) => {
      const response = await fetch(`${emulator.apiUrl}conversations.open`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${emulator.botToken}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ users: users.join(',') }).toString(),
      });
      const answer = (await response.json()) as { channel?: { id?: string } };
      if (!answer.channel?.id) throw new Error(`conversations.open: ${JSON.stringify(answer)}`);
      return answer.channel.id;
    };
    const people = (ids: string[], prefix: string) => {
      for (const id of ids)
        emulator.addUser({ id, name: id.toLowerCase(), real_name: `${prefix} ${id}`, tz: 'America/Chicago' });
    };
    const seedUsers = {
      mentors: Array.from({ length: options.size.mentors }, (_, n) => `UM${String(n).padStart(6, '0')}`),
      mentees: Array.from({ length: options.size.mentees }, (_, n) => `UE${String(n).padStart(6, '0')}`),
    };
    people(seedUsers.mentors, 'Mentor');
    people(seedUsers.mentees, 'Mentee');
    emulator.addUser({ id: STAFF, name: 'staff', real_name: 'Sam Staff', tz: 'America/Chicago' });
    emulator.setChannelMembers(ADMIN_CHANNEL, [STAFF, emulator.botUserId], { private: true });
    const seed = await seedHttpProgram(seeding.models, options.size, openConversation);
    await seeding.close();
    const byStatus = new Map<string, number>();
    for (const pair of seed.pairs) byStatus.set(pair.status, (byStatus.get(pair.status) ?? 0) + 1);
    line(
      'seed',
      `${count(seed.mentorIds.length)} mentors, ${count(seed.menteeIds.length)} mentees, ` +
        `${count(seed.pairs.length)} relationships (${[...byStatus].map(([s, n]) => `${s} ${n}`).join(', ')}) ` +
        `in ${seconds(performance.now() - seedStarted)}`,
    );

    // 2. The apps, each in its own process.
    const env = {
      BENCH_BOT_TOKEN: emulator.botToken,
      BENCH_SIGNING_SECRET: SIGNING_SECRET,
      BENCH_SLACK_API_URL: emulator.apiUrl,
      BENCH_MONGODB_URI: uri,
      BENCH_ADMIN_CHANNEL: ADMIN_CHANNEL,
      BENCH_LOG_FILE: join(tmpdir(), `bench-http-bot-${process.pid}.log`),
      ...(options.afterAck ? { BENCH_AFTER_ACK: String(options.afterAck) } : {}),
    };
    const botStarted = performance.now();
    const profiling = options.profile
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${options.profile}`,
          '--heap-prof',
          `--heap-prof-dir=${options.profile}`,
        ]
      : [];
    if (options.compiled) {
      const built = performance.now();
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.bench.json'], {
        cwd: join(__dirname, '..'),
        stdio: 'inherit',
      });
      line(
        'build',
        `compiled into dist/ in ${seconds(performance.now() - built)}; both apps run without tsx`,
      );
    }
    const bot = await startChild(
      'bot',
      'http-bot.ts',
      env,
      cleanup,
      [...options.botNodeArgs, ...profiling],
      options.compiled,
    );
    line(
      'start',
      `bot ready in ${seconds(performance.now() - botStarted)}, RSS ${f(memoryOf(bot.child.pid).rss)} MB ` +
        `(peak so far ${f(memoryOf(bot.child.pid).peak)} MB; log: ${env.BENCH_LOG_FILE})`,
    );
    const bare = await startChild('bare', 'http-bare.ts', env, cleanup, [], options.compiled);
    let botPeak = 0;
    const sampler = setInterval(() => {
      botPeak = Math.max(botPeak, memoryOf(bot.child.pid).rss);
    }, 100);
    cleanup.push('stop sampling', async () => clearInterval(sampler));

    // 3. The modals people submit, opened through the bot as they would be.
    const sightings = new Sightings(emulator);
    const responseUrlBase = `${emulator.apiUrl.replace(/api\/$/, '')}response/`;
    const opened = async (command: string, actor: string) => {
      const request = commandRequest(responseUrlBase, command, '', actor);
      const trigger = request.signals.find((s) => s.startsWith('trigger:'))!.slice('trigger:'.length);
      const watch = sightings.wait(request.signals);
      await send(bot.baseUrl, SIGNING_SECRET, request);
      await watch.seen;
      const call = emulator.callsTo('views.open').find((c) => c.args.trigger_id === trigger);
      return (call?.response.view as Record<string, unknown> | undefined) ?? undefined;
    };
    const pool = Math.max(...options.levels) + 10;
    const forms = { goals: new Map(), checkIns: new Map() } as Parameters<typeof workloads>[2];
    for (const pair of seed.pairs.filter((p) => ['stage2', 'stage3', 'stage4'].includes(p.status))) {
      if (forms.goals.size >= pool) break;
      const view = await opened('/goals', pair.menteeId);
      if (view) forms.goals.set(pair.menteeId, view);
    }
    for (const pair of seed.pairs.filter((p) => ['stage3', 'stage4'].includes(p.status))) {
      if (forms.checkIns.size >= pool) break;
      if (forms.goals.has(pair.menteeId)) continue;
      const view = await opened('/checkin', pair.menteeId);
      if (view?.callback_id === 'check_in') forms.checkIns.set(pair.menteeId, view);
    }
    line('forms', `${forms.goals.size} goal forms and ${forms.checkIns.size} check-in forms opened`);
    emulator.forgetHistory();

    // 4. Each workload at each level, bot and bare interleaved (bot, bare, bare, bot).
    line(
      'table',
      '| workload | c | bot p50 / p99 ms | bare p50 / p99 ms | p99 ratio | seen p50 / p99 ms | bot / bare req/s | errors | over 3 s | bot RSS MB |',
    );
    line('table', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const worst = { ratio: 0, ratioAt: '', seen: 0, seenAt: '', over: 0, errors: 0 };
    for (const workload of workloads(seed, responseUrlBase, forms)) {
      if (options.workloads && !options.workloads.includes(workload.name.replace(' ', '-'))) continue;
      // Warm-up, not measured: the first requests of a kind pay for lazy compilation and cold caches.
      const warm: Tally = { samples: [], busyMs: 0 };
      await runBatch(bot, workload, 5, 20, sightings, warm, 0);
      await runBatch(bare, workload, 5, 20, sightings, warm, 0);
      for (const level of options.levels) {
        const total = options.requests ?? Math.max(100, level * 10);
        const half = Math.ceil(total / 2);
        const tallies = {
          bot: { samples: [], busyMs: 0 } as Tally,
          bare: { samples: [], busyMs: 0 } as Tally,
        };
        await runBatch(bot, workload, level, half, sightings, tallies.bot, 1);
        await runBatch(bare, workload, level, half, sightings, tallies.bare, 1);
        await runBatch(bare, workload, level, total - half, sightings, tallies.bare, 7);
        await runBatch(bot, workload, level, total - half, sightings, tallies.bot, 7);
        emulator.forgetHistory();
        const http = (t: Tally) => t.samples.map((s) => s.http);
        const seen = tallies.bot.samples.flatMap((s) => (s.seen === undefined ? [] : [s.seen]));
        const botP99 = quantile(http(tallies.bot), 0.99);
        const bareP99 = quantile(http(tallies.bare), 0.99);
        const ratio = botP99 / bareP99;
        const seenP99 = quantile(seen, 0.99);
        const over = tallies.bot.samples.filter((s) => s.http > SLACK_DEADLINE_MS).length;
        const errors = tallies.bot.samples.filter((s) => s.error).length;
        const bareErrors = tallies.bare.samples.filter((s) => s.error).length;
        const rate = (t: Tally) => (t.samples.length / t.busyMs) * 1000;
        if (ratio > worst.ratio) Object.assign(worst, { ratio, ratioAt: `${workload.name} c=${level}` });
        if (seenP99 > worst.seen)
          Object.assign(worst, { seen: seenP99, seenAt: `${workload.name} c=${level}` });
        worst.over += over;
        worst.errors += errors;
        line(
          'table',
          `| ${workload.name} | ${level} | ${f(quantile(http(tallies.bot), 0.5))} / ${f(botP99)} | ` +
            `${f(quantile(http(tallies.bare), 0.5))} / ${f(bareP99)} | ${ratio.toFixed(1)}× | ` +
            `${f(quantile(seen, 0.5))} / ${f(seenP99)} | ${f(rate(tallies.bot))} / ${f(rate(tallies.bare))} | ` +
            `${errors}${bareErrors ? ` (bare ${bareErrors})` : ''} | ${over} | ${f(memoryOf(bot.child.pid).rss)} |`,
        );
      }
    }
    clearInterval(sampler);
    const botMemory = memoryOf(bot.child.pid);
    const bareMemory = memoryOf(bare.child.pid);
    line(
      'memory',
      `bot peak RSS ${f(Math.max(botPeak, botMemory.peak))} MB; bare app peak RSS ${f(bareMemory.peak)} MB`,
    );
    line('time', `whole run ${seconds(performance.now() - startedAt)}`);
    if (emulator.violations.length > 0)
      line('emulator', `${emulator.violations.length} violations, first: ${emulator.violations[0]}`);
    line(
      'result',
      `worst p99 ratio ${worst.ratio.toFixed(1)}× (${worst.ratioAt}); worst time-to-answer p99 ` +
        `${f(worst.seen)} ms (${worst.seenAt}); ${worst.over} answers over 3 s; ${worst.errors} errors; ` +
        `bot peak RSS ${f(Math.max(botPeak, botMemory.peak))} MB`,
    );
  } finally {
    await cleanup.runAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:http: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
