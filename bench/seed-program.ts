import { Types } from 'mongoose';
import { CONTACT_FREQUENCIES } from '../src/domain/agreements';
import type { PromptKind } from '../src/domain/prompt-kinds';
import type { RelationshipStatus } from '../src/domain/relationship-stages';
import type { Models } from '../src/store/database';
import { promptKey } from '../src/store/prompt-repository';
import { between, pickOne, pickWeighted, seededRandom, type Random } from './random';

/**
 * A whole program written straight into MongoDB, as it would look after months of running: relationships
 * at every point of their life with their stage history, profiles with time zones, goal forms and
 * check-ins, and the prompt outbox the planner would have left behind. A small share of relationships is
 * marked for planning (something changed since they were last planned); the rest are planned already.
 */

export const SEED_BATCH = 5_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Outbox items due this recently are still waiting for the dispatcher (its backlog at this moment). */
const DISPATCH_BACKLOG_MS = 10 * MINUTE_MS;
/**
 * Items due further ahead than this (or this long after a relationship ended) are left out, to keep seeding
 * short: a real outbox holds up to 24 tips per pair, but both scheduler queries are bounded by due time
 * and state, so items that far out are never read by them.
 */
const OUTBOX_HORIZON_MS = 60 * DAY_MS;

const ZONES = [
  ['America/Chicago', 45],
  ['America/New_York', 30],
  ['Europe/London', 15],
  ['Asia/Tokyo', 10],
] as const;

type SeedStatus = 'introduced' | 'stage1' | 'stage2' | 'stage3' | 'stage4' | 'completed' | 'ended_early';
type Step = 'requested' | 'introduced' | 'stage1' | 'stage2' | 'stage3' | 'stage4';

const STATUS_MIX: readonly (readonly [SeedStatus, number])[] = [
  ['introduced', 5],
  ['stage1', 12],
  ['stage2', 13],
  ['stage3', 17],
  ['stage4', 13],
  ['completed', 28],
  ['ended_early', 12],
];
/** Where relationships that end early stop. */
const EARLY_END_AFTER: readonly (readonly [Step, number])[] = [
  ['introduced', 2],
  ['stage1', 3],
  ['stage2', 3],
  ['stage3', 2],
  ['stage4', 1],
];
const LADDER: readonly Step[] = ['requested', 'introduced', 'stage1', 'stage2', 'stage3', 'stage4'];
/** How long each step typically lasts, in days. */
const STEP_DAYS: Record<Step, readonly [number, number]> = {
  requested: [1, 7],
  introduced: [3, 14],
  stage1: [14, 35],
  stage2: [21, 42],
  stage3: [42, 90],
  stage4: [21, 42],
};
const OPEN_STEPS: readonly RelationshipStatus[] = ['stage1', 'stage2', 'stage3', 'stage4'];
const MENTEES_PER_MENTOR = 3;
/** Profiles' time zones were last read from Slack up to this many days ago (a third within a week). */
const TIMEZONE_CHECKED_WITHIN_DAYS = 21;

export interface SeedSummary {
  relationships: number;
  byStatus: Record<string, number>;
  profiles: number;
  goalForms: number;
  checkIns: number;
  outbox: number;
  markedForPlanning: number;
  /** Every relationship id, in insertion order (for marking some for planning later). */
  ids: Types.ObjectId[];
}

type Doc = Record<string, unknown>;

/** One relationship's life: when each status began, in order, and when it finished (if it did). */
interface Life {
  status: SeedStatus;
  starts: [RelationshipStatus, number][];
  endedAt?: number;
}

/** A goal form and the scheduled check-in dates it set. */
interface GoalPlan {
  submittedAt: number;
  formalEndDate: string;
  goals: Doc[];
  checkInDates: string[];
}

/**
 * Seeds `count` relationships in batches of `SEED_BATCH` (with their people, forms, check-ins and outbox),
 * marking about `markedFraction` of them for planning.
 */
export async function seedProgram(
  models: Models,
  options: {
    count: number;
    now: number;
    markedFraction: number;
    /**
     * Each relationship draws from a generator seeded from this and its number, so what one relationship
     * looks like never depends on how many draws another made.
     */
    seed: number;
    /** Called for every person seeded, so the Slack emulator can know them too (users.info). */
    registerPerson: (userId: string, timezone: string) => void;
  },
): Promise<SeedSummary> {
  const summary: SeedSummary = {
    relationships: 0,
    byStatus: {},
    profiles: 0,
    goalForms: 0,
    checkIns: 0,
    outbox: 0,
    markedForPlanning: 0,
    ids: [],
  };
  const writer = createBatchWriter(models);
  for (let first = 0; first < options.count; first += SEED_BATCH) {
    const last = Math.min(options.count, first + SEED_BATCH);
    for (let n = first; n < last; n++) {
      const seeded = seedRelationship(n, options);
      writer.add('relationships', seeded.relationship);
      for (const profile of seeded.profiles) {
        writer.add('profiles', profile);
        options.registerPerson(profile.userId as string, profile.timezone as string);
      }
      if (seeded.goalForm) writer.add('goalForms', seeded.goalForm);
      for (const checkIn of seeded.checkIns) writer.add('checkIns', checkIn);
      for (const item of seeded.outbox) writer.add('prompts', item);
      summary.ids.push(seeded.relationship._id as Types.ObjectId);
      const status = seeded.relationship.status as string;
      summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
      if (seeded.relationship.nextPlanAt) summary.markedForPlanning++;
    }
    await writer.flush(SEED_BATCH);
  }
  await writer.finish();
  Object.assign(summary, writer.counts());
  return summary;
}

/**
 * insertMany in batches of at most SEED_BATCH per collection. `lean` skips mongoose's casting and
 * validation (three times faster on 100,000s of documents); the first document of every batch is checked
 * against the schema instead, so a shape mistake in the seed still fails the run.
 */
function createBatchWriter(models: Models) {
  type Name = 'relationships' | 'profiles' | 'goalForms' | 'checkIns' | 'prompts';
  const pending: Record<Name, Doc[]> = {
    relationships: [],
    profiles: [],
    goalForms: [],
    checkIns: [],
    prompts: [],
  };
  const written: Record<Name, number> = {
    relationships: 0,
    profiles: 0,
    goalForms: 0,
    checkIns: 0,
    prompts: 0,
  };
  // One insert in flight while the next documents are built: node builds while mongod writes (two cores).
  let inFlight: Promise<void> = Promise.resolve();
  const writer = {
    add(name: Name, doc: Doc) {
      pending[name].push(doc);
    },
    /** Writes every collection holding more than `keep` documents (0: everything). */
    async flush(keep: number) {
      for (const name of Object.keys(pending) as Name[]) {
        const docs = pending[name];
        while (docs.length > keep && docs.length > 0) {
          const batch = docs.splice(0, SEED_BATCH);
          const model = models[name] as unknown as SeedModel;
          await new model(batch[0] ?? {}).validate().catch((problem: Error) => {
            throw new Error(`seed: a ${name} document does not fit the schema: ${problem.message}`);
          });
          await inFlight;
          inFlight = model.insertMany(batch, { lean: true }).then(() => {
            written[name] += batch.length;
          });
          // A failed insert surfaces at the next `await inFlight`, not as an unhandled rejection meanwhile.
          inFlight.catch(() => undefined);
        }
      }
    },
    /** Writes what is left and waits for the last insert. */
    async finish() {
      await writer.flush(0);
      await inFlight;
    },
    counts() {
      return {
        relationships: written.relationships,
        profiles: written.profiles,
        goalForms: written.goalForms,
        checkIns: written.checkIns,
        outbox: written.prompts,
      };
    },
  };
  return writer;
}

/** The slice of a mongoose model the writer needs (the models' own types differ per schema). */
interface SeedModel {
  new (doc: Doc): { validate(): Promise<void> };
  insertMany(docs: Doc[], options: { lean: true }): Promise<unknown>;
}

/** Relationship number `n`: its documents in every collection. */
function seedRelationship(
  n: number,
  options: { now: number; markedFraction: number; seed: number },
): { relationship: Doc; profiles: Doc[]; goalForm?: Doc; checkIns: Doc[]; outbox: Doc[] } {
  const { now } = options;
  const random = seededRandom(options.seed + n * 7919);
  const _id = new Types.ObjectId();
  const id = _id.toString();
  const menteeId = `UE${n.toString(36).toUpperCase()}`;
  const mentorId = `UM${Math.floor(n / MENTEES_PER_MENTOR)
    .toString(36)
    .toUpperCase()}`;
  const life = lifeOf(pickWeighted(random, STATUS_MIX), now, random);
  const started = new Map(life.starts);
  const stage2 = started.get('stage2');
  const hasForm = stage2 !== undefined && (life.status !== 'stage2' || random() < 0.7);
  const goalPlan = hasForm ? goalPlanFor(stage2, Math.min(now, life.endedAt ?? now), random) : undefined;
  const answered = goalPlan ? answeredCheckIns(goalPlan, life, now, random) : new Map<string, number>();
  const channelId = started.has('introduced') ? `G${id.slice(-10).toUpperCase()}` : undefined;

  const relationship: Doc = {
    _id,
    mentorId,
    menteeId,
    status: life.status,
    requestedBy: menteeId,
    requestedAt: new Date(life.starts[0]?.[1] ?? now),
    ...(channelId ? { channelId } : {}),
    history: historyOf(life, mentorId, menteeId),
    agreements: started.has('stage2')
      ? {
          contactFrequency: pickOne(random, CONTACT_FREQUENCIES),
          channels: ['slack', 'video'],
          confidentialityAckMentor: new Date(stage2 ?? now),
          confidentialityAckMentee: new Date(stage2 ?? now),
        }
      : {},
    communicationPreferences: { mentor: ['slack'], mentee: ['slack', 'video'] },
    stageStartedAt: new Date(life.starts.at(-1)?.[1] ?? now),
    ...(goalPlan ? { formalEndDate: goalPlan.formalEndDate } : {}),
    lastActivityAt: new Date(
      Math.max(life.starts[0]?.[1] ?? now, (life.endedAt ?? now) - between(random, 0, 30) * DAY_MS),
    ),
    ...(life.endedAt ? { endedAt: new Date(life.endedAt) } : {}),
    // Changed since it was last planned: the planner's next tick picks it up.
    ...(random() < options.markedFraction
      ? { nextPlanAt: new Date(now - between(random, 0, 60) * MINUTE_MS) }
      : {}),
    createdAt: new Date(life.starts[0]?.[1] ?? now),
    updatedAt: new Date(now),
  };
  const profiles = [profileDoc(menteeId, 'mentee', random, now)];
  // Each mentor is written once, with their first mentee.
  if (n % MENTEES_PER_MENTOR === 0) profiles.push(profileDoc(mentorId, 'mentor', random, now));
  return {
    relationship,
    profiles,
    ...(goalPlan ? { goalForm: goalFormDoc(_id, menteeId, goalPlan) } : {}),
    checkIns: [...answered].map(([dueDate, at]) => checkInDoc(_id, menteeId, dueDate, at, goalPlan)),
    outbox: outboxOf(
      id,
      channelId,
      life,
      goalPlan,
      answered,
      relationship.lastActivityAt as Date,
      now,
      random,
    ),
  };
}

/** When each status began, walking back from now (or from the end) with typical step lengths. */
function lifeOf(status: SeedStatus, now: number, random: Random): Life {
  const finished = status === 'completed' || status === 'ended_early';
  const lastStep: Step =
    status === 'completed'
      ? 'stage4'
      : status === 'ended_early'
        ? pickWeighted(random, EARLY_END_AFTER)
        : status;
  const endedAt = finished ? now - between(random, 1, 150) * DAY_MS : undefined;
  const [min, max] = STEP_DAYS[lastStep];
  // Completed pairs spent the whole of stage 4; others are part-way into their last step.
  const inLastStep =
    status === 'completed' ? between(random, min, max) : between(random, finished ? 1 : 0, max);
  const steps = LADDER.slice(0, LADDER.indexOf(lastStep) + 1);
  const starts: [RelationshipStatus, number][] = [];
  let at = (endedAt ?? now) - inLastStep * DAY_MS;
  for (let i = steps.length - 1; i >= 0; i--) {
    starts.unshift([steps[i] as Step, at]);
    const previous = steps[i - 1];
    if (previous) at -= between(random, ...STEP_DAYS[previous]) * DAY_MS;
  }
  if (endedAt !== undefined) starts.push([status, endedAt]);
  return { status, starts, ...(endedAt === undefined ? {} : { endedAt }) };
}

function historyOf(life: Life, mentorId: string, menteeId: string): Doc[] {
  return life.starts.map(([to, at], i) => {
    const actor =
      to === 'requested' || to === 'ended_early' ? 'mentee' : to === 'completed' ? 'staff' : 'mentor';
    return {
      ...(i > 0 ? { from: life.starts[i - 1]?.[0] } : {}),
      to,
      actor,
      actorId: actor === 'mentee' ? menteeId : actor === 'mentor' ? mentorId : 'USTAFF',
      at: new Date(at),
      ...(to === 'ended_early' ? { reason: 'schedule' } : {}),
    };
  });
}

function profileDoc(userId: string, role: 'mentor' | 'mentee', random: Random, now: number): Doc {
  return {
    userId,
    role,
    displayName: `Person ${userId}`,
    timezone: pickWeighted(random, ZONES),
    // Re-read from Slack when older than a week (the planner does it): most were read in the last weeks.
    timezoneCheckedAt: new Date(now - between(random, 0, TIMEZONE_CHECKED_WITHIN_DAYS) * DAY_MS),
    academicInterests: ['economics'],
    careerInterests: ['finance'],
    otherInterests: '',
    communicationPreferences: ['slack'],
    bio: '',
    approved: true,
    listed: role === 'mentor',
    openRelationships: role === 'mentor' ? 1 : 0,
    ...(role === 'mentor' ? { capacity: MENTEES_PER_MENTOR } : {}),
    createdAt: new Date(now),
    updatedAt: new Date(now),
  };
}

/** One to three goals, each with its complete-by date and three check-in dates at quarters of the way. */
function goalPlanFor(stage2Start: number, latest: number, random: Random): GoalPlan {
  const submittedAt = Math.min(latest, stage2Start + between(random, 2, 12) * DAY_MS);
  const goals: Doc[] = [];
  const dates = new Set<string>();
  let formalEnd = 0;
  const count = 1 + Math.floor(random() * 3);
  for (let g = 0; g < count; g++) {
    const completeBy = submittedAt + Math.round(between(random, 120, 180)) * DAY_MS;
    formalEnd = Math.max(formalEnd, completeBy);
    const checkIns = [1, 2, 3].map((q) =>
      isoDay(workingDay(submittedAt + ((completeBy - submittedAt) * q) / 4)),
    );
    checkIns.forEach((date) => dates.add(date));
    goals.push({
      specific: `Goal ${g + 1}: build a portfolio piece`,
      measurable: 'One piece reviewed by the mentor',
      achievable: 'Two hours a week',
      relevant: 'Needed for applications',
      actions: ['Draft', 'Review', 'Publish'],
      completeBy: isoDay(completeBy),
      checkIns,
    });
  }
  return { submittedAt, formalEndDate: isoDay(formalEnd), goals, checkInDates: [...dates].sort() };
}

/** Past check-in dates the mentee answered (three in four), with when they did. */
function answeredCheckIns(plan: GoalPlan, life: Life, now: number, random: Random): Map<string, number> {
  const answered = new Map<string, number>();
  const until = Math.min(now, life.endedAt ?? now);
  for (const date of plan.checkInDates) {
    const at = Date.parse(`${date}T15:00:00Z`) + between(random, 0, 2) * DAY_MS;
    if (at < until && random() < 0.75) answered.set(date, at);
  }
  return answered;
}

function goalFormDoc(relationshipId: Types.ObjectId, menteeId: string, plan: GoalPlan): Doc {
  const at = new Date(plan.submittedAt);
  return {
    relationshipId,
    version: 1,
    goals: plan.goals,
    submittedBy: menteeId,
    createdAt: at,
    updatedAt: at,
  };
}

function checkInDoc(
  relationshipId: Types.ObjectId,
  menteeId: string,
  dueDate: string,
  at: number,
  plan: GoalPlan | undefined,
): Doc {
  return {
    relationshipId,
    dueDate,
    goalFormVersion: 1,
    submittedBy: menteeId,
    goals: (plan?.goals ?? []).map((_, goalIndex) => ({
      goalIndex,
      status: 'on_track',
      evidence: 'Draft done',
      supportNeeded: '',
    })),
    note: '',
    createdAt: new Date(at),
    updatedAt: new Date(at),
  };
}

/**
 * The outbox as the planner and dispatcher would have left it: what came due was sent, what stopped
 * applying before it came due was cancelled, what is due in the last few minutes waits for the dispatcher
 * (a tenth of it put off by a backoff after a Slack error), and what lies ahead is pending.
 */
function outboxOf(
  id: string,
  channelId: string | undefined,
  life: Life,
  goalPlan: GoalPlan | undefined,
  answered: Map<string, number>,
  lastActivityAt: Date,
  now: number,
  random: Random,
): Doc[] {
  const started = new Map(life.starts);
  const after = (status: RelationshipStatus) => {
    const i = life.starts.findIndex(([s]) => s === status);
    return i === -1 ? undefined : (life.starts[i + 1]?.[1] ?? Infinity);
  };
  const openEnd = life.endedAt ?? Infinity;
  const items: Doc[] = [];
  /** A prompt planned while its stage lasts (`validUntil`), due at `dueAt`. */
  const add = (kind: PromptKind, occurrence: string, dueAt: number, validUntil: number) => {
    const settledAt = Math.min(validUntil, now);
    if (dueAt > settledAt + OUTBOX_HORIZON_MS) return;
    items.push(outboxDoc(id, kind, occurrence, dueAt, validUntil, channelId, now, random));
  };

  const stage1 = started.get('stage1');
  if (stage1 !== undefined) {
    add('first_meeting_agenda', 'once', stage1, after('stage1') ?? openEnd);
    add('second_meeting_questions', 'once', stage1 + 7 * DAY_MS, after('stage1') ?? openEnd);
    for (let tip = 1; tip <= 24; tip++) add('mentor_tip', `tip${tip}`, stage1 + tip * 28 * DAY_MS, openEnd);
  }
  const stage2 = started.get('stage2');
  if (stage2 !== undefined) {
    const formOrEnd = Math.min(goalPlan?.submittedAt ?? Infinity, after('stage2') ?? openEnd);
    add('goal_form_invitation', 'once', stage2, formOrEnd);
    add('goal_form_reminder', 'day10', stage2 + 10 * DAY_MS, formOrEnd);
    add('goal_form_reminder', 'day14', stage2 + 14 * DAY_MS, formOrEnd);
  }
  for (const date of goalPlan?.checkInDates ?? []) {
    const day = Date.parse(`${date}T00:00:00Z`);
    add('check_in_nudge', date, day, Math.min(openEnd, answered.get(date) ?? Infinity));
    add('check_in_overdue', date, day + 3 * DAY_MS, Math.min(openEnd, answered.get(date) ?? Infinity));
  }
  const stage3 = started.get('stage3');
  if (stage3 !== undefined)
    add('stage3_reflection', 'once', stage3 + 42 * DAY_MS, after('stage3') ?? openEnd);
  if (stage3 !== undefined && goalPlan) {
    const end = Date.parse(`${goalPlan.formalEndDate}T00:00:00Z`);
    add('close_out_reflection', goalPlan.formalEndDate, end - 7 * DAY_MS, openEnd);
  }
  if (OPEN_STEPS.includes(life.status)) {
    add(
      'quiet_relationship',
      isoDay(lastActivityAt.getTime()),
      lastActivityAt.getTime() + 21 * DAY_MS,
      Infinity,
    );
  }
  const completed = started.get('completed');
  if (completed !== undefined) {
    add('evaluation', 'mentor', completed, Infinity);
    add('evaluation', 'mentee', completed, Infinity);
    add('relist_card', 'once', completed, Infinity);
  }
  return items;
}

function outboxDoc(
  relationshipId: string,
  kind: PromptKind,
  occurrence: string,
  dueAt: number,
  validUntil: number,
  channelId: string | undefined,
  now: number,
  random: Random,
): Doc {
  const base = {
    key: promptKey(relationshipId, kind, occurrence),
    relationshipId: new Types.ObjectId(relationshipId),
    kind,
    occurrence,
    dueAt: new Date(dueAt),
    attempts: 0,
    createdAt: new Date(Math.min(dueAt, now)),
    updatedAt: new Date(now),
  };
  if (validUntil < dueAt) {
    const at = new Date(Math.min(validUntil, now));
    return { ...base, state: 'cancelled', reason: 'no longer applies', finishedAt: at, updatedAt: at };
  }
  if (dueAt > now) return { ...base, state: 'pending' };
  if (dueAt > now - DISPATCH_BACKLOG_MS) {
    // Due in the last few minutes: the dispatcher has not got to it yet, or a Slack error put it off (the
    // fourth attempt's 16-minute backoff, so it still waits when the claim query is explained).
    const waiting = random() < 0.1;
    return waiting
      ? {
          ...base,
          state: 'pending',
          attempts: 4,
          lastError: 'internal_error',
          nextAttemptAt: new Date(now + 16 * MINUTE_MS),
        }
      : { ...base, state: 'pending' };
  }
  const sentAt = new Date(dueAt + between(random, 0, 5) * MINUTE_MS);
  return {
    ...base,
    state: 'sent',
    attempts: 1,
    sentAt,
    finishedAt: sentAt,
    channelId: channelId ?? 'DMENTOR',
    messageTs: `${Math.floor(sentAt.getTime() / 1000)}.000100`,
    updatedAt: sentAt,
  };
}

/** Weekend dates move to the Monday after (as the goal form's date proposal does). */
function workingDay(at: number): number {
  const weekday = new Date(at).getUTCDay();
  return at + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0) * DAY_MS;
}

function isoDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
