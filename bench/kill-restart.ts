import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebClient } from '@slack/web-api';
import type { Models } from '../src/store/database';
import { operator } from '../src/store/mapping';
import type { SlackEmulator } from '../test/support/slack-emulator';
import type { BenchDispatcher } from './engine';
import { between, pickOne, type Random } from './random';
import { seedStage1Pairs } from './seed-pairs';

/**
 * Figure 4: duplicates and losses when a copy of the bot dies mid-run. Two dispatcher processes share the
 * outbox and the emulator; in each trial one is killed (SIGKILL, as a crash or an OOM kill would) once a
 * random share of the trial's prompts has gone out, and started again at once. Its leases expire and the
 * other copy (or its restarted self) claims those prompts again, looking in the conversation first for a
 * message the dead copy may have posted without recording it.
 */

const WORKER_SCRIPT = path.join(__dirname, 'dispatch-worker.ts');
const POLL_MS = 5;
/** "A random moment": up to this long after the k-th post (several send cycles of a dispatcher). */
const RANDOM_KILL_SPREAD_MS = 250;

export interface TrialResult {
  trial: number;
  prompts: number;
  killed: string;
  /** When in a send the kill came: right after a post was accepted, or at a random moment. */
  moment: string;
  sentBeforeKill: number;
  /** Prompts the killed copy held a lease on when it died. */
  leasedAtKill: number;
  /** Of those, how many it had already posted without recording the send. */
  postedUnrecorded: number;
  duplicates: number;
  losses: number;
  settledMs: number;
}

export interface WorkerEnv {
  mongoUri: string;
  slackApiUrl: string;
  botToken: string;
  leaseMs: number;
}

/** A dispatcher process and the name its leases carry. */
interface Worker {
  name: string;
  owner: string;
  child: ChildProcess;
  exited: Promise<void>;
}

export function createWorkerPool(env: WorkerEnv) {
  const live = new Map<string, Worker>();
  const generations = new Map<string, number>();

  async function start(name: string): Promise<Worker> {
    const generation = (generations.get(name) ?? 0) + 1;
    generations.set(name, generation);
    const owner = `worker-${name}#${generation}`;
    // `node --import tsx` rather than the tsx launcher: one process, so SIGKILL really ends the dispatcher
    // (the launcher runs the script in a child of its own, which a SIGKILL to the launcher would orphan).
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
      env: {
        ...process.env,
        BENCH_MONGODB_URI: env.mongoUri,
        BENCH_SLACK_API_URL: env.slackApiUrl,
        BENCH_BOT_TOKEN: env.botToken,
        BENCH_OWNER: owner,
        BENCH_LEASE_MS: String(env.leaseMs),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${owner} did not start within 60 s`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${owner} exited with ${code} before it was ready`));
      });
    });
    const worker = { name, owner, child, exited };
    live.set(name, worker);
    return worker;
  }

  return {
    start,
    get: (name: string) => live.get(name),
    /** SIGKILL: the process stops wherever it is, holding whatever leases it held. */
    async kill(name: string): Promise<Worker | undefined> {
      const worker = live.get(name);
      if (!worker) return undefined;
      worker.child.kill('SIGKILL');
      await worker.exited;
      live.delete(name);
      return worker;
    },
    /** SIGTERM and wait (each finishes its tick); SIGKILL whoever has not stopped after `graceMs`. */
    async stopAll(graceMs = 15_000): Promise<void> {
      const workers = [...live.values()];
      live.clear();
      for (const worker of workers) worker.child.kill('SIGTERM');
      await Promise.all(
        workers.map(async (worker) => {
          const stopped = await Promise.race([
            worker.exited.then(() => true),
            sleep(graceMs).then(() => false),
          ]);
          if (!stopped) {
            worker.child.kill('SIGKILL');
            await worker.exited;
          }
        }),
      );
    },
  };
}
export type WorkerPool = ReturnType<typeof createWorkerPool>;

/** How many messages the emulator holds for each prompt key (the dispatcher tags each post with its key). */
export function postsByKey(emulator: SlackEmulator): Map<string, number> {
  const posts = new Map<string, number>();
  for (const message of emulator.messages()) {
    const key = message.metadata?.event_payload.key;
    if (typeof key === 'string') posts.set(key, (posts.get(key) ?? 0) + 1);
  }
  return posts;
}

/** Keys posted more than once, and keys whose outbox item did not end up sent with exactly one message. */
export async function tally(
  models: Models,
  emulator: SlackEmulator,
  keys: string[],
): Promise<{ duplicates: number; losses: number; pending: number }> {
  const posts = postsByKey(emulator);
  const sent = new Set(
    (await models.prompts.find({ key: operator({ $in: keys }), state: 'sent' }, { key: 1 }).lean()).map(
      (doc) => doc.key,
    ),
  );
  const pending = await models.prompts.countDocuments({ key: operator({ $in: keys }), state: 'pending' });
  let duplicates = 0;
  let losses = 0;
  for (const key of keys) {
    const n = posts.get(key) ?? 0;
    if (n > 1) duplicates++;
    if (n === 0 || !sent.has(key)) losses++;
  }
  return { duplicates, losses, pending };
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** One trial: enqueue, kill a worker mid-run, restart it, wait until every prompt is settled, count. */
export async function runTrial(
  trial: number,
  context: {
    models: Models;
    emulator: SlackEmulator;
    client: WebClient;
    pool: WorkerPool;
    workerNames: string[];
    prompts: number;
    leaseMs: number;
    random: Random;
  },
): Promise<TrialResult> {
  const { models, emulator, pool, prompts, random } = context;
  const { keys } = await seedStage1Pairs(models, emulator, context.client, {
    count: prompts,
    label: `K${trial}X`,
    now: new Date(),
  });
  const keySet = new Set(keys);
  const sentSoFar = () =>
    emulator.messages().filter((m) => keySet.has(String(m.metadata?.event_payload.key))).length;

  // Somewhere in the middle of the run: after 20-80% of the trial's prompts went out. Odd trials kill the
  // moment the emulator has accepted that message (most likely before the sender recorded it: the case the
  // recovery exists for); even trials wait a random further moment, so the kill lands anywhere in a send.
  const killAt = Math.max(1, Math.floor(between(random, 0.2, 0.8) * prompts));
  await waitUntil(() => sentSoFar() >= killAt, 120_000);
  const moment = trial % 2 === 1 ? 'right after a post' : 'at a random moment';
  if (trial % 2 === 0) await sleep(between(random, 0, RANDOM_KILL_SPREAD_MS));
  const victim = pickOne(random, context.workerNames);
  const killed = await pool.kill(victim);
  const sentBeforeKill = sentSoFar();
  const posted = postsByKey(emulator);
  const leased = killed
    ? await models.prompts
        .find({ key: operator({ $in: keys }), state: 'pending', leaseOwner: killed.owner }, { key: 1 })
        .lean()
    : [];
  const started = Date.now();
  await pool.start(victim);

  // Its leases must expire before anyone claims those prompts again.
  await waitUntil(
    async () =>
      (await models.prompts.countDocuments({ key: operator({ $in: keys }), state: 'pending' })) === 0,
    context.leaseMs + 60_000,
  );
  const settledMs = Date.now() - started;
  const { duplicates, losses } = await tally(models, emulator, keys);
  return {
    trial,
    prompts,
    killed: killed?.owner ?? victim,
    moment,
    sentBeforeKill,
    leasedAtKill: leased.length,
    postedUnrecorded: leased.filter((doc) => (posted.get(doc.key) ?? 0) > 0).length,
    duplicates,
    losses,
    settledMs,
  };
}

/** Claims until nothing is due: the clean dispatch after the trials, once every lease has expired. */
export async function drainOutbox(dispatcher: BenchDispatcher): Promise<number> {
  let handled = 0;
  for (;;) {
    const result = await dispatcher.dispatchDue();
    const n = result.sent + result.recovered + result.skipped + result.cancelled + result.rescheduled;
    handled += n;
    if (result.rateLimited) await sleep(1000);
    else if (n + result.retried + result.parked === 0) return handled;
  }
}
