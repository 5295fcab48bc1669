import { setTimeout as sleep } from 'node:timers/promises';
import { WebClient } from '@slack/web-api';
import { systemClock } from '../src/clock';
import { PROMPT_LEASE_MS } from '../src/composition/prompt-engine';
import { PLAN_SLICE } from '../src/scheduler/prompt-planner';
import { connectDatabase, type Database } from '../src/store/database';
import { operator } from '../src/store/mapping';
import { SlackEmulator } from '../test/support/slack-emulator';
import type { Types } from 'mongoose';
import {
  createBenchDispatcher,
  createBenchEngine,
  createBenchPlanner,
  createBenchScheduler,
  silentLogger,
  type BenchDispatcher,
} from './engine';
import {
  countDueButWaiting,
  explainClaimQuery,
  explainOneClaim,
  explainPlannerQuery,
  type QueryCost,
} from './explain';
import { createWorkerPool, drainOutbox, runTrial, tally, type TrialResult } from './kill-restart';
import { startBenchMongo, type BenchMongo } from './mongo';
import { parseOptions, type BenchOptions } from './options';
import { sampleIndexes, seededRandom } from './random';
import { CleanupStack, count, line, median, ms, percent, ratio, seconds } from './report';
import { seedStage1Pairs } from './seed-pairs';
import { seedProgram } from './seed-program';

/**
 * The scheduler benchmark: the prompt planner and dispatcher against a real mongod and the Slack Web API
 * emulator. Four figures:
 *   1. a program of N relationships seeded (100,000 by default);
 *   2. the planner's time per tick, and what its query and the dispatcher's claim query read (explain);
 *   3. dispatch throughput against the emulator's enforced chat.postMessage rate limit;
 *   4. duplicates and losses when one of two dispatcher processes is killed mid-run and restarted.
 *
 *   npm run bench:scheduler -- [--quick] [--planner-only] [--relationships N] [--trials N] [--rate PER_MINUTE]
 */

/** Fixed seeds: every run seeds the same program (relative to its start) and makes the same choices. */
const PROGRAM_SEED = 1_234_567;
const RUN_SEED = 20_240_601;
const STATUS_ORDER = ['introduced', 'stage1', 'stage2', 'stage3', 'stage4', 'completed', 'ended_early'];
/** The planner claims at most this many relationships per slice (prompt-planner.ts PLAN_SLICE). */
const PLANNER_BATCH = PLAN_SLICE;
/** The bot's scheduler ticks once a minute. */
const TICK_MS = 60_000;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const random = seededRandom(RUN_SEED);
  const cleanup = new CleanupStack();
  process.once('SIGINT', () => void cleanup.runAll().finally(() => process.exit(130)));
  try {
    line('run', `${options.quick ? 'quick' : 'full'} run: ${count(options.relationships)} relationships`);
    const startedAt = Date.now();
    const mongo = await startBenchMongo();
    cleanup.push('stop MongoDB', () => mongo.stop());
    line('mongod', `MongoDB ${await serverVersion(mongo)} up in ${seconds(Date.now() - startedAt)}`);
    const emulator = await SlackEmulator.start();
    cleanup.push('stop the Slack emulator', () => emulator.stop());

    await measurePlanner(mongo, emulator, options, random, cleanup);
    if (!options.plannerOnly) {
      await measureDispatchThroughput(mongo, emulator, options, cleanup);
      await measureKillAndRestart(mongo, emulator, options, random, cleanup);
    }
    line('run', `done in ${seconds(Date.now() - startedAt)}`);
  } finally {
    await cleanup.runAll();
  }
}

async function serverVersion(mongo: BenchMongo): Promise<string> {
  const db = await connectDatabase(mongo.uriFor('bench_version'), silentLogger);
  try {
    const info = await db.connection.db?.admin().serverInfo();
    return String(info?.version ?? 'unknown');
  } finally {
    await db.connection.dropDatabase();
    await db.close();
  }
}

/** Connects (creating collections and indexes) and drops the database again at clean-up. */
async function openDatabase(mongo: BenchMongo, name: string, cleanup: CleanupStack): Promise<Database> {
  const db = await connectDatabase(mongo.uriFor(name), silentLogger);
  cleanup.push(`drop ${name}`, async () => {
    await db.connection.dropDatabase();
    await db.close();
  });
  return db;
}

// ---- figures 1 and 2: seeding and planning --------------------------------------------------------------

async function measurePlanner(
  mongo: BenchMongo,
  emulator: SlackEmulator,
  options: BenchOptions,
  random: ReturnType<typeof seededRandom>,
  cleanup: CleanupStack,
): Promise<void> {
  const db = await openDatabase(mongo, 'bench_planner', cleanup);
  const { models } = db;
  const seedStart = Date.now();
  const seeded = await seedProgram(models, {
    count: options.relationships,
    now: seedStart,
    markedFraction: options.markedFraction,
    seed: PROGRAM_SEED,
    registerPerson: (id, tz) => emulator.addUser({ id, name: id.toLowerCase(), tz }),
  });
  const mix = STATUS_ORDER.filter((status) => seeded.byStatus[status])
    .map((status) => `${status} ${percent(seeded.byStatus[status] ?? 0, seeded.relationships)}`)
    .join(', ');
  line(
    '1 seed',
    `${count(seeded.relationships)} relationships in ${seconds(Date.now() - seedStart)} (${mix})`,
  );
  line(
    '1 seed',
    `${count(seeded.profiles)} profiles, ${count(seeded.goalForms)} goal forms, ${count(seeded.checkIns)} check-ins, ` +
      `${count(seeded.outbox)} outbox items; ${count(seeded.markedForPlanning)} relationships marked for planning ` +
      `(${percent(seeded.markedForPlanning, seeded.relationships)})`,
  );

  const planner = createBenchPlanner(models, systemClock, {
    slackApiUrl: emulator.apiUrl,
    botToken: emulator.botToken,
  });
  const zoneReads = () => emulator.callsTo('users.info').length;
  const due = await models.relationships.countDocuments({ nextPlanAt: operator({ $lte: new Date() }) });
  printPlannerExplain(`${count(due)} due`, await explainPlannerQuery(models, new Date(), PLANNER_BATCH));

  // The first tick plans the backlog (everything changed since the last planning), in the planner's
  // time-boxed calls one after another, as the scheduler makes them while a backlog lasts.
  const readsBefore = zoneReads();
  const backlogStart = performance.now();
  const backlog = await planAll(planner);
  const backlogMs = performance.now() - backlogStart;
  line(
    '2 planner',
    `backlog: ${count(backlog.relationships)} relationships in ${ms(backlogMs)} ` +
      `(${(backlogMs / Math.max(1, backlog.relationships)).toFixed(2)} ms each, ${count(backlog.calls)} planDue calls), ` +
      `${count(backlog.added)} prompts added, ${count(zoneReads() - readsBefore)} users.info calls`,
  );
  printPlannerExplain('nothing due', await explainPlannerQuery(models, new Date(), PLANNER_BATCH));

  // Then ticks as the running bot sees them: a few relationships changed since the last tick.
  const tickMs: number[] = [];
  let planned = 0;
  const tickReadsBefore = zoneReads();
  for (let tick = 0; tick < options.plannerTicks; tick++) {
    const marked = sampleIndexes(random, seeded.ids.length, options.markedPerTick).map((i) => seeded.ids[i]);
    await models.relationships.updateMany(
      { _id: operator({ $in: marked }) },
      { $set: { nextPlanAt: new Date() } },
    );
    const start = performance.now();
    const result = await planAll(planner);
    tickMs.push(performance.now() - start);
    planned += result.relationships;
  }
  const perTick = planned / options.plannerTicks;
  const typical = median(tickMs);
  const allTicks = tickMs.map((t) => Math.round(t)).join(', ');
  const readsPerTick = (zoneReads() - tickReadsBefore) / options.plannerTicks;
  line(
    '2 planner',
    `tick with ${count(perTick)} newly marked: median ${ms(typical)} ` +
      `(${(typical / Math.max(1, perTick)).toFixed(2)} ms per relationship; ticks: ${allTicks} ms; ` +
      `${count(readsPerTick)} users.info calls per tick)`,
  );

  const now = new Date();
  const claimable = await explainClaimQuery(models, now);
  const waiting = await countDueButWaiting(models, now);
  const oneClaim = await explainOneClaim(models, now);
  const outboxSize = await models.prompts.estimatedDocumentCount();
  line(
    '2 claim',
    `due prompts: ${count(claimable.returned)} claimable + ${count(waiting)} waiting (retry/lease); ` +
      `all claimable via ${claimable.index ?? 'COLLSCAN'}: keys ${count(claimable.keysExamined)}, ` +
      `docs ${count(claimable.docsExamined)} (${ratio(claimable.docsExamined, claimable.returned)} docs per due prompt)`,
  );
  line(
    '2 claim',
    `one claim (findAndModify) via ${oneClaim.index ?? 'COLLSCAN'}: keys ${count(oneClaim.keysExamined)}, ` +
      `docs ${count(oneClaim.docsExamined)} for ${count(oneClaim.returned)} claimed (outbox holds ${count(outboxSize)})`,
  );

  await measureFullReplan(models, emulator, options, seeded.ids);
}

/** Calls planDue until nothing is left marked (what the scheduler does while a backlog lasts). */
async function planAll(
  planner: ReturnType<typeof createBenchPlanner>,
): Promise<{ relationships: number; added: number; calls: number }> {
  const total = { relationships: 0, added: 0, calls: 0 };
  for (;;) {
    const result = await planner.planDue();
    total.relationships += result.relationships;
    total.added += result.added;
    total.calls++;
    if (!result.more) return total;
  }
}

/**
 * The full re-plan: every relationship of the program marked at once (a data migration, a new prompt),
 * worked through by one copy of the bot's scheduler ticking every minute as the bot does, while prompts
 * are due for pairs that just started stage 1. How long until none is marked, how many prompts went out
 * meanwhile, and how long after each tick started its dispatching did.
 */
async function measureFullReplan(
  models: Database['models'],
  emulator: SlackEmulator,
  options: BenchOptions,
  ids: Types.ObjectId[],
): Promise<void> {
  const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl });
  // More due prompts than the bot can send while the re-plan lasts (100 a tick), so sending never runs dry.
  const supply = options.replanSupply;
  await seedStage1Pairs(models, emulator, client, { count: supply, label: 'Z_', now: new Date() });
  const engine = createBenchEngine(models, {
    clock: systemClock,
    slackApiUrl: emulator.apiUrl,
    botToken: emulator.botToken,
    owner: 'bench-replan',
    leaseMs: PROMPT_LEASE_MS,
  });
  const runs: { job: string; start: number; end: number; result: unknown }[] = [];
  const tickStarts: number[] = [];
  const scheduler = createBenchScheduler(engine, (run) => runs.push(run));

  const marked = await models.relationships.updateMany(
    { _id: operator({ $in: ids }) },
    { $set: { nextPlanAt: new Date() } },
  );
  const postsBefore = emulator.callsTo('chat.postMessage').length;
  const zoneReadsBefore = emulator.callsTo('users.info').length;
  const start = performance.now();
  let doneAt: number | undefined;
  let tickNumber = 0;
  while (doneAt === undefined) {
    const tickAt = start + tickNumber * TICK_MS;
    await sleep(Math.max(0, tickAt - performance.now()));
    tickStarts.push(performance.now());
    await scheduler.tick();
    tickNumber++;
    const left = await models.relationships.countDocuments({ nextPlanAt: operator({ $exists: true }) });
    process.stderr.write(
      `re-plan tick ${tickNumber}: ${left} still marked after ${seconds(performance.now() - start)}\n`,
    );
    if (left === 0) doneAt = lastPlanningEnd(runs) ?? performance.now();
  }
  const elapsed = (doneAt ?? performance.now()) - start;
  const posts = emulator
    .callsTo('chat.postMessage')
    .slice(postsBefore)
    .filter((call) => call.response.ok === true).length;
  const planRuns = runs.filter((run) => run.job === 'prompts: plan');
  const planningMs = planRuns.reduce((sum, run) => sum + (run.end - run.start), 0);
  const planned = planRuns.reduce(
    (sum, run) => sum + ((run.result as { relationships?: number }).relationships ?? 0),
    0,
  );
  const dispatchDelays = runs
    .filter((run) => run.job === 'prompts: dispatch')
    .map((run) => run.start - (tickStarts.filter((t) => t <= run.start).at(-1) ?? run.start));
  line(
    '2 re-plan',
    `all ${count(marked.modifiedCount)} relationships marked: all planned in ${seconds(elapsed)} ` +
      `over ${count(tickNumber)} ticks; ${count(planned)} planned in ${count(planRuns.length)} planDue calls ` +
      `taking ${seconds(planningMs)} = ${(planningMs / Math.max(1, planned)).toFixed(2)} ms per relationship`,
  );
  line(
    '2 re-plan',
    `meanwhile ${count(posts)} prompts sent (${count(supply)} due at the start), dispatching started ` +
      `${seconds(Math.min(...dispatchDelays))} to ${seconds(Math.max(...dispatchDelays))} after each tick began; ` +
      `${count(emulator.callsTo('users.info').length - zoneReadsBefore)} users.info calls (the zone refresher)`,
  );
  // What each tick's dispatching did with the prompts it claimed: sends are only part of it.
  const outcomes = new Map<string, number>();
  const perTick: number[] = [];
  for (const run of runs.filter((r) => r.job === 'prompts: dispatch')) {
    let claimed = 0;
    for (const [outcome, n] of Object.entries(run.result as Record<string, unknown>)) {
      if (typeof n !== 'number') continue;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + n);
      claimed += n;
    }
    perTick.push(claimed);
  }
  line(
    '2 re-plan',
    `dispatching claimed ${perTick.join(', ')} prompts in its ticks: ` +
      [...outcomes].map(([outcome, n]) => `${outcome} ${count(n)}`).join(', '),
  );
  await scheduler.stop();
}

function lastPlanningEnd(runs: { job: string; end: number; result: unknown }[]): number | undefined {
  return runs
    .filter((run) => run.job === 'prompts: plan' && (run.result as { relationships?: number }).relationships)
    .at(-1)?.end;
}

function printPlannerExplain(label: string, cost: QueryCost): void {
  line(
    '2 query',
    `planner query (${label}) via ${cost.index ?? 'COLLSCAN'}: returned ${count(cost.returned)}, ` +
      `keys examined ${count(cost.keysExamined)} (${ratio(cost.keysExamined, cost.returned)} per returned), ` +
      `docs examined ${count(cost.docsExamined)} (${ratio(cost.docsExamined, cost.returned)} per returned)`,
  );
}

// ---- figure 3: dispatch throughput against a rate limit -----------------------------------------------------

async function measureDispatchThroughput(
  mongo: BenchMongo,
  emulator: SlackEmulator,
  options: BenchOptions,
  cleanup: CleanupStack,
): Promise<void> {
  const { models } = await openDatabase(mongo, 'bench_dispatch', cleanup);
  const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl });
  const dispatcher = createBenchDispatcher(models, {
    clock: systemClock,
    slackApiUrl: emulator.apiUrl,
    botToken: emulator.botToken,
    owner: 'bench-dispatcher',
    leaseMs: PROMPT_LEASE_MS,
  });

  // The dispatcher's own pace first, with no limit: it says whether the limit below is reachable at all.
  await seedStage1Pairs(models, emulator, client, {
    count: options.capacityPrompts,
    label: 'C',
    now: new Date(),
  });
  const paceStart = performance.now();
  const paced = await drainOutbox(dispatcher);
  const paceMs = performance.now() - paceStart;
  const pacePerMinute = (paced / paceMs) * 60_000;
  line(
    '3 dispatch',
    `no rate limit: ${count(paced)} prompts in ${seconds(paceMs)} = ${count(pacePerMinute)} sends/min (one process)`,
  );

  // Then a backlog larger than the limit lets through in the run, so the dispatcher never runs dry.
  const limit = options.ratePerMinute;
  const runMs = options.rateLimitedSeconds * 1000;
  const backlog = Math.ceil(((limit * options.rateLimitedSeconds) / 60) * 1.25);
  await seedStage1Pairs(models, emulator, client, { count: backlog, label: 'R', now: new Date() });
  emulator.setRateLimit('chat.postMessage', limit);
  const { start, ticks, rateLimitedTicks } = await dispatchFor(dispatcher, runMs);
  const calls = emulator
    .callsTo('chat.postMessage')
    .filter((call) => call.at >= start && call.at < start + runMs);
  const sent = calls.filter((call) => call.response.ok === true).length;
  const refused = calls.filter((call) => call.response.http_status === 429).length;
  const perMinute = sent / (runMs / 60_000);
  line(
    '3 dispatch',
    `rate limit ${count(limit)}/min, ${count(backlog)} due, ${seconds(runMs)}: ` +
      `${count(sent)} sent = ${perMinute.toFixed(1)}/min → ${ratio(perMinute, limit)} of the limit; ` +
      `429 answers ${count(refused)} (${count(rateLimitedTicks)} of ${count(ticks)} ticks stopped by one)`,
  );
}

/**
 * Dispatch ticks back to back for `runMs` (the bot ticks once a minute; back to back shows what the
 * dispatcher itself can do), pausing a second after a tick Slack stopped with a 429, since dispatchDue
 * reports only that it was stopped, not the Retry-After.
 */
async function dispatchFor(
  dispatcher: BenchDispatcher,
  runMs: number,
): Promise<{ start: number; ticks: number; rateLimitedTicks: number }> {
  const start = Date.now();
  let ticks = 0;
  let rateLimitedTicks = 0;
  while (Date.now() - start < runMs) {
    const result = await dispatcher.dispatchDue();
    ticks++;
    if (result.rateLimited) {
      rateLimitedTicks++;
      await sleep(1000);
    } else if (result.sent === 0) {
      await sleep(250);
    }
  }
  return { start, ticks, rateLimitedTicks };
}

// ---- figure 4: duplicates and losses across kills and restarts -------------------------------------------

async function measureKillAndRestart(
  mongo: BenchMongo,
  emulator: SlackEmulator,
  options: BenchOptions,
  random: ReturnType<typeof seededRandom>,
  cleanup: CleanupStack,
): Promise<void> {
  const { models } = await openDatabase(mongo, 'bench_restart', cleanup);
  // Only this figure's messages from here on, and no rate limit: the kills are the point.
  emulator.reset();
  const client = new WebClient(emulator.botToken, { slackApiUrl: emulator.apiUrl });
  const leaseMs = options.trialLeaseMs;
  const pool = createWorkerPool({
    mongoUri: mongo.uriFor('bench_restart'),
    slackApiUrl: emulator.apiUrl,
    botToken: emulator.botToken,
    leaseMs,
  });
  cleanup.push('stop dispatcher processes', () => pool.stopAll(1_000));
  const workerNames = ['a', 'b'];
  for (const name of workerNames) await pool.start(name);

  const results: TrialResult[] = [];
  for (let trial = 1; trial <= options.trials; trial++) {
    const result = await runTrial(trial, {
      models,
      emulator,
      client,
      pool,
      workerNames,
      prompts: options.promptsPerTrial,
      leaseMs,
      random,
    });
    results.push(result);
    line(
      '4 restart',
      `trial ${trial}: killed ${result.killed} ${result.moment}, ${result.sentBeforeKill}/${result.prompts} sent, ` +
        `holding ${result.leasedAtKill} lease(s), ${result.postedUnrecorded} posted but not recorded; ` +
        `all settled ${seconds(result.settledMs)} after the restart; ` +
        `duplicates ${result.duplicates}, losses ${result.losses}`,
    );
  }

  // Stop both copies, let every lease run out, and dispatch whatever is left from one clean process.
  await pool.stopAll();
  await sleep(leaseMs + 1000);
  const finalDispatcher = createBenchDispatcher(models, {
    clock: systemClock,
    slackApiUrl: emulator.apiUrl,
    botToken: emulator.botToken,
    owner: 'bench-final',
    leaseMs,
  });
  const leftOver = await drainOutbox(finalDispatcher);
  const keys = (await models.prompts.find({}, { key: 1 }).lean()).map((doc) => doc.key);
  const totals = await tally(models, emulator, keys);
  const killsHoldingLeases = results.filter((r) => r.leasedAtKill > 0).length;
  const postedUnrecorded = results.reduce((n, r) => n + r.postedUnrecorded, 0);
  line(
    '4 restart',
    `totals over ${results.length} trials: ${count(keys.length)} prompts, ` +
      `${leftOver} left for the final clean dispatch; kills holding leases ${killsHoldingLeases}, ` +
      `posted-but-unrecorded ${postedUnrecorded}; duplicates ${totals.duplicates}, losses ${totals.losses}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
