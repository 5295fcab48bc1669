import { DateTime } from 'luxon';
import { Types } from 'mongoose';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import { createRepositories, type Repositories } from '../../src/composition/store';
import { DEFAULT_SCHEDULE } from '../../src/domain/prompt-schedule';
import { createPromptPlanner, STALE_AFTER_MS } from '../../src/scheduler/prompt-planner';
import { createScheduler } from '../../src/scheduler/scheduler';
import { connectDatabase, type Database } from '../../src/store/database';
import { operator } from '../../src/store/mapping';
import { freshDatabaseUri } from '../support/test-database';

/**
 * Planning in slices, against a real mongod: a slice of marked relationships is read with one query per
 * collection and written in bulk, and must come out exactly as planning them one at a time did; a backlog
 * is worked a slice at a time with the tick's other jobs in between; copies of the bot planning at once
 * each plan a relationship once.
 */

const silent = pino({ level: 'silent' });
const NOW = DateTime.fromISO('2026-05-04T15:00:00Z', { zone: 'utc' });
const WINDOW = { localHour: 10, workStartHour: 9, workEndHour: 17, wakingStartHour: 8, wakingEndHour: 21 };
const ZONES = ['America/Chicago', 'America/New_York', 'Europe/London', 'Asia/Tokyo'];
const NO_LONGER_APPLIES = 'no longer applies';

interface Store {
  db: Database;
  repositories: Repositories;
}

async function openStore(label: string): Promise<Store> {
  const db = await connectDatabase(freshDatabaseUri(label), silent);
  return { db, repositories: createRepositories(db.models) };
}

function plannerOver(
  store: Store,
  clock: ManualClock,
  options: { sliceSize?: number; budgetMs?: number; concurrency?: number } = {},
) {
  const { repositories } = store;
  return createPromptPlanner({
    relationships: repositories.relationships,
    goalForms: repositories.goalForms,
    checkIns: repositories.checkIns,
    profiles: repositories.profiles,
    prompts: repositories.prompts,
    clock,
    programTimezone: 'America/Chicago',
    window: WINDOW,
    schedule: DEFAULT_SCHEDULE,
    logger: silent,
    ...options,
  });
}

const days = (n: number) => NOW.plus({ days: n }).toJSDate();
const isoDay = (n: number) => NOW.plus({ days: n }).toISODate() ?? '';

/**
 * A varied program: every stage, pairs across zones (some with no shared working hour), goal forms with
 * answered and unanswered check-ins, pauses, talk-again reminders, one person with no profile and one with
 * a zone Slack doesn't know; and an outbox left by earlier planning (a prompt that no longer applies, one
 * cancelled that applies again, one under a dispatcher's lease).
 */
function programDocuments(count: number) {
  const relationships: Record<string, unknown>[] = [];
  const profiles: Record<string, unknown>[] = [];
  const goalForms: Record<string, unknown>[] = [];
  const checkIns: Record<string, unknown>[] = [];
  const prompts: Record<string, unknown>[] = [];
  const statuses = [
    'introduced',
    'stage1',
    'stage2',
    'stage3',
    'stage4',
    'completed',
    'ended_early',
  ] as const;
  for (let n = 0; n < count; n++) {
    const _id = new Types.ObjectId();
    const id = _id.toString();
    const status = statuses[n % statuses.length] ?? 'stage1';
    const mentorId = `UM${n}`;
    const menteeId = `UE${n}`;
    const menteeZone = n === 3 ? 'Mars/Olympus_Mons' : (ZONES[n % ZONES.length] ?? 'UTC');
    const mentorZone = ZONES[(n * 3 + 1) % ZONES.length] ?? 'UTC';
    if (n !== 5) profiles.push({ userId: menteeId, role: 'mentee', timezone: menteeZone, approved: true });
    profiles.push({ userId: mentorId, role: 'mentor', timezone: mentorZone, approved: true, capacity: 3 });
    const ladder = ['requested', 'introduced', 'stage1', 'stage2', 'stage3', 'stage4'];
    const reached =
      status === 'completed' || status === 'ended_early' ? ladder.length : ladder.indexOf(status) + 1;
    const history = ladder.slice(0, reached).map((to, i) => ({
      to,
      actor: 'mentor',
      actorId: mentorId,
      at: days(-140 + i * 20 + (n % 5)),
    }));
    if (status === 'completed' || status === 'ended_early')
      history.push({ to: status, actor: 'mentor', actorId: mentorId, at: days(-(n % 3)) });
    const goals = reached >= 4 && n % 4 !== 0;
    const checkInDays = [-30, -3, 10, 40, 70].map((d) => isoDay(d + (n % 7)));
    relationships.push({
      _id,
      mentorId,
      menteeId,
      status,
      requestedBy: menteeId,
      requestedAt: days(-150),
      channelId: `G${n}`,
      history,
      ...(goals ? { formalEndDate: isoDay(120 + n) } : {}),
      ...(n % 6 === 1 ? { lastActivityAt: days(-(n % 30)) } : {}),
      ...(n % 9 === 2 ? { pausedAt: days(-2), pausedUntil: days(12) } : {}),
      ...(status === 'introduced' ? { talkAgainOn: isoDay(5) } : {}),
      nextPlanAt: days(-1),
    });
    if (goals) {
      for (const version of [1, 2])
        goalForms.push({
          relationshipId: _id,
          version,
          submittedBy: menteeId,
          goals: [
            {
              specific: `Goal ${n}.${version}`,
              measurable: 'm',
              achievable: 'a',
              relevant: 'r',
              actions: ['act'],
              completeBy: isoDay(120 + n),
              // The older version had other dates: only the newest counts.
              checkIns: version === 2 ? checkInDays : [isoDay(3), isoDay(33)],
            },
          ],
        });
      checkIns.push({
        relationshipId: _id,
        dueDate: checkInDays[1],
        goalFormVersion: 2,
        submittedBy: menteeId,
        goals: [],
        note: '',
      });
    }
    const item = (kind: string, occurrence: string, extra: Record<string, unknown> = {}) => ({
      key: `${id}:${kind}:${occurrence}`,
      relationshipId: _id,
      kind,
      occurrence,
      dueAt: days(3),
      state: 'pending',
      attempts: 0,
      ...extra,
    });
    if (n % 3 === 0) prompts.push(item('second_meeting_questions', 'once')); // applies only in stage 1
    if (n % 4 === 1)
      prompts.push(item('mentor_tip', 'tip3', { state: 'cancelled', reason: NO_LONGER_APPLIES }));
    if (n % 5 === 2)
      prompts.push(item('goal_form_reminder', 'day14', { leaseOwner: 'copy-b', leaseUntil: days(1) }));
    if (n % 7 === 3) prompts.push(item('mentor_tip', 'tip1', { state: 'sent', sentAt: days(-1) }));
  }
  return { relationships, profiles, goalForms, checkIns, prompts };
}

async function seed(store: Store, docs: ReturnType<typeof programDocuments>) {
  const { models } = store.db;
  await models.relationships.insertMany(docs.relationships);
  await models.profiles.insertMany(docs.profiles);
  await models.goalForms.insertMany(docs.goalForms);
  await models.checkIns.insertMany(docs.checkIns);
  if (docs.prompts.length) await models.prompts.insertMany(docs.prompts);
}

async function outboxOf(store: Store) {
  const items = await store.db.models.prompts.find({}).sort({ key: 1 }).lean();
  return items.map((i) => ({ key: i.key, state: i.state, dueAt: i.dueAt.toISOString(), reason: i.reason }));
}

const stillMarked = (store: Store) =>
  store.db.models.relationships.countDocuments({ nextPlanAt: operator({ $exists: true }) });

describe('planning in slices', () => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const store of stores) {
      await store.db.connection.dropDatabase();
      await store.db.close();
    }
  });
  const open = async (label: string) => {
    const store = await openStore(label);
    stores.push(store);
    return store;
  };

  it('a slice plans exactly what planning each relationship on its own did: the same prompts, keys, times and cancellations', async () => {
    const docs = programDocuments(42);
    const batched = await open('batch');
    const single = await open('single');
    await seed(batched, docs);
    await seed(single, docs);
    const clock = new ManualClock(NOW);

    const result = await plannerOver(batched, clock).planDue();
    expect(result).toMatchObject({ relationships: 42, more: false });

    // One at a time, as planning worked before slices: each relationship's own reads, then its prompts
    // added insert-only by key, those no longer planned cancelled, those planned again revived.
    const planner = plannerOver(single, clock);
    const { prompts } = single.repositories;
    let added = 0;
    for (const doc of docs.relationships) {
      const id = String(doc._id);
      const plan = await planner.currentPlan(id);
      if (!plan) throw new Error(`no plan for ${id}`);
      const at = clock.now().toJSDate();
      added += await prompts.enqueue(
        [...plan.prompts.values()].map((p) => ({
          relationshipId: id,
          kind: p.kind,
          occurrence: p.occurrence,
          dueAt: p.dueAt,
          ...(at.getTime() - p.dueAt.getTime() > STALE_AFTER_MS
            ? { state: 'skipped' as const, reason: 'stale when planned' }
            : {}),
        })),
      );
      await prompts.cancelPending(id, [...plan.prompts.keys()], at, NO_LONGER_APPLIES);
      await prompts.revive(id, [...plan.prompts.keys()], NO_LONGER_APPLIES);
    }

    const expected = await outboxOf(single);
    expect(expected.length).toBeGreaterThan(400); // the comparison is about something
    expect(new Set(expected.map((i) => i.state))).toEqual(
      new Set(['pending', 'skipped', 'cancelled', 'sent']),
    );
    expect(await outboxOf(batched)).toEqual(expected);
    expect(result.added).toBe(added);
    expect(await stillMarked(batched)).toBe(0);
  });

  it('a backlog is worked a slice per call, and the tick’s other jobs run between slices', async () => {
    const store = await open('slices');
    await seed(store, programDocuments(23));
    const clock = new ManualClock(NOW);
    const planner = plannerOver(store, clock, { sliceSize: 5, budgetMs: 0, concurrency: 1 });
    const seen: string[] = [];
    // Stands for dispatching: what it finds in the outbox each time it runs.
    const dispatch = async () => {
      const pending = await store.db.models.prompts.countDocuments({ state: 'pending' });
      seen.push(`dispatch: ${await stillMarked(store)} marked, ${pending} pending`);
    };
    const scheduler = createScheduler(
      [
        {
          name: 'plan',
          run: async () => {
            const result = await planner.planDue();
            seen.push(`plan: ${result.relationships}${result.more ? ' and more' : ''}`);
            return result;
          },
        },
        { name: 'dispatch', run: dispatch },
      ],
      silent,
      { catchUpMs: 0 },
    );

    await scheduler.tick();
    await scheduler.tick();
    expect(seen.slice(0, 4)).toEqual([
      'plan: 5 and more',
      expect.stringMatching(/^dispatch: 18 marked, [1-9]\d* pending$/),
      'plan: 5 and more',
      expect.stringMatching(/^dispatch: 13 marked, /),
    ]);
    for (let tick = 0; tick < 4; tick++) await scheduler.tick();
    expect(seen.filter((line) => line.startsWith('plan'))).toEqual([
      'plan: 5 and more',
      'plan: 5 and more',
      'plan: 5 and more',
      'plan: 5 and more',
      'plan: 3',
      'plan: 0',
    ]);
    expect(await stillMarked(store)).toBe(0);
  });

  it('one call plans the whole backlog when its budget allows, even when its two lines claim from it at the same moment', async () => {
    const store = await open('lines');
    await seed(store, programDocuments(61));
    const planner = plannerOver(store, new ManualClock(NOW), { sliceSize: 6, budgetMs: 60_000 });
    expect(await planner.planDue()).toMatchObject({ relationships: 61, more: false });
    expect(await stillMarked(store)).toBe(0);
  });

  it('within a tick the scheduler goes on with a backlog after the other jobs, until it is done', async () => {
    const store = await open('catchup');
    await seed(store, programDocuments(23));
    const planner = plannerOver(store, new ManualClock(NOW), { sliceSize: 5, budgetMs: 0, concurrency: 1 });
    const order: string[] = [];
    const scheduler = createScheduler(
      [
        {
          name: 'plan',
          run: async () => {
            const result = await planner.planDue();
            order.push(`plan ${result.relationships}`);
            return result;
          },
        },
        { name: 'dispatch', run: async () => void order.push('dispatch') },
      ],
      silent,
    );
    await scheduler.tick();
    expect(order).toEqual(['plan 5', 'dispatch', 'plan 5', 'plan 5', 'plan 5', 'plan 3']);
    expect(await stillMarked(store)).toBe(0);
  });

  it('two copies planning at once each take their own slices: every relationship planned once, no key twice', async () => {
    const docs = programDocuments(60);
    const shared = await open('copies');
    const alone = await open('alone');
    await seed(shared, docs);
    await seed(alone, docs);
    const clock = new ManualClock(NOW);
    const copies = [
      plannerOver(shared, clock, { sliceSize: 7 }),
      plannerOver(shared, clock, { sliceSize: 7 }),
    ];
    const planned = [0, 0];
    let added = 0;
    for (let round = 0; round < 20; round++) {
      const results = await Promise.all(copies.map((copy) => copy.planDue()));
      results.forEach((r, i) => {
        planned[i] = (planned[i] ?? 0) + r.relationships;
        added += r.added;
      });
      if (results.every((r) => r.relationships === 0)) break;
    }
    expect((planned[0] ?? 0) + (planned[1] ?? 0)).toBe(60);
    const reference = await plannerOver(alone, clock).planDue();
    expect(added).toBe(reference.added);
    expect(await outboxOf(shared)).toEqual(await outboxOf(alone));
  });

  it('a relationship that changes while its slice is planned stays marked; a claim never finished comes back after its lease', async () => {
    const store = await open('claims');
    await seed(store, programDocuments(3));
    const { relationships } = store.repositories;
    const now = NOW.toJSDate();
    const claims = await relationships.claimForPlanning(now, 10, 60_000);
    expect(claims).toHaveLength(3);
    // While claimed, nobody else gets them.
    expect(await relationships.claimForPlanning(now, 10, 60_000)).toEqual([]);
    const [changed, planned, abandoned] = claims;
    if (!changed || !planned || !abandoned) throw new Error('three claims expected');
    await relationships.recordActivity(changed.relationship.id, now); // a change mid-plan marks it again
    await relationships.finishPlanning(
      [changed, planned].map((c) => ({ id: c.relationship.id, claim: c.claim })),
    );

    const again = await relationships.claimForPlanning(now, 10, 60_000);
    expect(again.map((c) => c.relationship.id)).toEqual([changed.relationship.id]);
    const later = new Date(now.getTime() + 61_000);
    const afterLease = await relationships.claimForPlanning(later, 10, 60_000);
    expect(afterLease.map((c) => c.relationship.id).sort()).toEqual(
      [changed.relationship.id, abandoned.relationship.id].sort(),
    );
  });
});
