import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { AppLogger } from '../logger';
import { checkInSchedule } from '../domain/check-ins';
import type { Goal } from '../domain/goal-form';
import { planPrompts, type PlannedPrompt, type ScheduleSettings } from '../domain/prompt-schedule';
import type { RelationshipRecord } from '../domain/records';
import type { RelationshipStatus } from '../domain/relationship-stages';
import { nextDeliveryTime, type DeliveryWindowRule } from '../domain/time-window';
import { isDatabaseUnavailable } from '../store/availability';
import type { CheckInRepository } from '../store/check-in-repository';
import type { GoalFormRepository, GoalFormVersion } from '../store/goal-form-repository';
import type { ProfileRepository } from '../store/profile-repository';
import { promptKey, type NewOutboxItem, type PromptRepository } from '../store/prompt-repository';
import type { PlanningClaim, RelationshipRepository } from '../store/relationship-repository';

/** Prompts further overdue than this are recorded as skipped, never sent in a burst after downtime. */
export const STALE_AFTER_MS = 48 * 60 * 60 * 1000;
/** Relationships claimed and planned together: one query per collection for all of them. */
export const PLAN_SLICE = 200;
/**
 * How long one `planDue()` call keeps starting new slices. The tick's jobs run one after another, so this
 * is the most planning ever holds up a tick's dispatching; the scheduler works the rest of a backlog after
 * the tick's other jobs (see `scheduler.ts`).
 */
export const PLAN_BUDGET_MS = 2_000;
/** A claim outlives any slice many times over; a copy that dies leaves its slice due again after this. */
export const PLAN_LEASE_MS = 2 * 60_000;
/**
 * Slices planned side by side: planning a slice is half MongoDB round trips and half CPU, so two keep
 * both the bot's core and MongoDB busy.
 */
export const PLAN_CONCURRENCY = 2;
const NO_LONGER_APPLIES = 'no longer applies';
/** Delivery times remembered per planner; past this many the memory starts over. */
const DELIVERY_MEMO_LIMIT = 100_000;

/** A planned prompt with its idempotency key and its delivery time as the outbox stores it. */
export interface ScheduledPrompt extends PlannedPrompt {
  key: string;
  dueAt: Date;
}

export interface CurrentPlan {
  relationship: RelationshipRecord;
  goals: Goal[];
  prompts: Map<string, ScheduledPrompt>;
}

/** What the plan of one relationship is made from besides the relationship itself. */
interface PlanFacts {
  form: GoalFormVersion | undefined;
  answeredCheckIns: string[];
  menteeZone: string | undefined;
  mentorZone: string | undefined;
}

export interface PlanDueResult {
  relationships: number;
  added: number;
  /** True when it stopped with relationships still marked (its time budget ran out): call it again. */
  more: boolean;
}

/**
 * The planner: turns what is true of a relationship into outbox items. It looks only at relationships
 * marked for planning (any change to stage, goals, check-ins, agreements, pauses, a person's time zone
 * marks one), claims them a slice at a time, reads what the slice needs with one query per collection,
 * writes new prompts insert-only by idempotency key, and cancels pending ones that no longer apply. It
 * never calls Slack: time zones are the stored ones, kept fresh by the time-zone service.
 */
export function createPromptPlanner(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'claimForPlanning' | 'finishPlanning'>;
  goalForms: Pick<GoalFormRepository, 'latest' | 'latestFor'>;
  checkIns: Pick<CheckInRepository, 'answeredDates' | 'answeredDatesFor'>;
  profiles: Pick<ProfileRepository, 'get' | 'timezonesOf'>;
  prompts: Pick<PromptRepository, 'plannedOf' | 'applyPlans'>;
  clock: Clock;
  programTimezone: string;
  window: DeliveryWindowRule;
  schedule: ScheduleSettings;
  logger: AppLogger;
  /** Default PLAN_SLICE. */
  sliceSize?: number;
  /** Default PLAN_BUDGET_MS. */
  budgetMs?: number;
  /** Default PLAN_LEASE_MS. */
  leaseMs?: number;
  /** Slices planned side by side; default PLAN_CONCURRENCY. */
  concurrency?: number;
}) {
  const { clock } = deps;
  const sliceSize = deps.sliceSize ?? PLAN_SLICE;
  const budgetMs = deps.budgetMs ?? PLAN_BUDGET_MS;
  const leaseMs = deps.leaseMs ?? PLAN_LEASE_MS;
  const concurrency = deps.concurrency ?? PLAN_CONCURRENCY;

  const validZones = new Map<string, boolean>();
  function zoneOr(zone: string | undefined): string {
    if (!zone) return deps.programTimezone;
    let valid = validZones.get(zone);
    if (valid === undefined) {
      valid = DateTime.now().setZone(zone).isValid;
      validZones.set(zone, valid);
    }
    return valid ? zone : deps.programTimezone;
  }

  // nextDeliveryTime is a pure function of its arguments and the window is fixed per planner, so equal
  // questions (the same check-in date for pairs in the same zones) are answered once.
  const deliveries = new Map<string, number>();
  function deliveryTime(notBefore: DateTime, zones: string[]): DateTime {
    const memo = `${notBefore.toMillis()}|${zones.join('|')}`;
    let at = deliveries.get(memo);
    if (at === undefined) {
      at = nextDeliveryTime(notBefore, zones, deps.window).toMillis();
      if (deliveries.size >= DELIVERY_MEMO_LIMIT) deliveries.clear();
      deliveries.set(memo, at);
    }
    return DateTime.fromMillis(at, { zone: 'utc' });
  }

  /** The plan as it stands now for one relationship, with delivery times, from facts already read. */
  function planFrom(relationship: RelationshipRecord, facts: PlanFacts): CurrentPlan {
    const { form } = facts;
    const goals = form?.goals ?? [];
    const menteeZone = zoneOr(facts.menteeZone);
    const mentorZone = zoneOr(facts.mentorZone);
    const stageStarts: Partial<Record<RelationshipStatus, Date>> = {};
    for (const step of relationship.history) stageStarts[step.to] = step.at;
    const planned = planPrompts(
      {
        relationshipId: relationship.id,
        status: relationship.status,
        stageStarts,
        formalEndDate: relationship.formalEndDate,
        hasGoalForm: form !== undefined,
        checkInDates: checkInSchedule(goals),
        answeredCheckIns: form ? facts.answeredCheckIns : [],
        lastActivityAt: relationship.lastActivityAt,
        pausedAt: relationship.pausedAt,
        pausedUntil: relationship.pausedUntil,
        talkAgainOn: relationship.talkAgainOn,
        menteeZone,
        mentorZone,
      },
      deps.schedule,
      deps.window,
      deliveryTime,
    );
    const prompts = new Map<string, ScheduledPrompt>();
    for (const prompt of planned) {
      const key = promptKey(relationship.id, prompt.kind, prompt.occurrence);
      prompts.set(key, { ...prompt, key, dueAt: prompt.deliverAt.toJSDate() });
    }
    return { relationship, goals, prompts };
  }

  /** What a slice's plans need, one query per collection for the whole slice (run side by side). */
  async function readFacts(relationships: RelationshipRecord[]) {
    const ids = relationships.map((r) => r.id);
    const people = [...new Set(relationships.flatMap((r) => [r.menteeId, r.mentorId]))];
    const [forms, answered, zones, outbox] = await Promise.all([
      deps.goalForms.latestFor(ids),
      deps.checkIns.answeredDatesFor(ids),
      deps.profiles.timezonesOf(people),
      deps.prompts.plannedOf(ids),
    ]);
    const factsOf = (r: RelationshipRecord): PlanFacts => ({
      form: forms.get(r.id),
      answeredCheckIns: answered.get(r.id) ?? [],
      menteeZone: zones.get(r.menteeId)?.mentee,
      mentorZone: zones.get(r.mentorId)?.mentor,
    });
    return { factsOf, outbox };
  }

  /** Plans one claimed slice and writes it in bulk; marks each relationship planned unless it changed. */
  async function planSlice(claims: PlanningClaim[]): Promise<number> {
    const now = clock.now().toJSDate();
    const { factsOf, outbox } = await readFacts(claims.map((c) => c.relationship));
    const insert: NewOutboxItem[] = [];
    const cancel: string[] = [];
    const revive: string[] = [];
    const finished: Parameters<RelationshipRepository['finishPlanning']>[0] = [];
    for (const { relationship, claim } of claims) {
      let planAgainAt: Date | undefined;
      try {
        const plan = planFrom(relationship, factsOf(relationship));
        const existing = new Map((outbox.get(relationship.id) ?? []).map((item) => [item.key, item]));
        for (const [key, p] of plan.prompts) {
          const item = existing.get(key);
          if (!item) {
            const stale = now.getTime() - p.dueAt.getTime() > STALE_AFTER_MS;
            insert.push({
              relationshipId: relationship.id,
              kind: p.kind,
              occurrence: p.occurrence,
              dueAt: p.dueAt,
              ...(stale ? { state: 'skipped' as const, reason: 'stale when planned' } : {}),
            });
          } else if (item.state === 'cancelled' && item.reason === NO_LONGER_APPLIES) {
            revive.push(item.id);
          }
        }
        for (const item of existing.values()) {
          const leased = item.leaseUntil !== undefined && item.leaseUntil.getTime() > now.getTime();
          if (item.state === 'pending' && !plan.prompts.has(item.key) && !leased) cancel.push(item.id);
        }
      } catch (error) {
        // A relationship whose facts break the schedule is tried again a little later; the rest go on.
        deps.logger.error({ err: error, relationshipId: relationship.id }, 'could not plan prompts');
        planAgainAt = clock.now().plus({ minutes: 5 }).toJSDate();
      }
      finished.push({ id: relationship.id, claim, planAgainAt });
    }
    // A failed write leaves the claims in place: the slice comes due again when they run out.
    const added = await deps.prompts.applyPlans({ insert, cancel, revive }, now, NO_LONGER_APPLIES);
    await deps.relationships.finishPlanning(finished);
    return added;
  }

  return {
    /**
     * Plans relationships marked for planning, a slice at a time, until none is left or the time budget
     * is spent (then `more` says so and the rest waits for the next call). Several copies of the bot can
     * run it at once: each claims its own slices.
     */
    async planDue(): Promise<PlanDueResult> {
      const started = performance.now();
      let planned = 0;
      let added = 0;
      let more = false;
      // One line of slices, one after another, until none is left or the budget is spent.
      const work = async () => {
        for (;;) {
          const now = clock.now().toJSDate();
          const claims = await deps.relationships.claimForPlanning(now, sliceSize, leaseMs);
          if (claims.length === 0) return;
          try {
            // Not `added += await …`: that reads `added` before the other line's slices add to it.
            const slice = await planSlice(claims);
            added += slice;
          } catch (error) {
            if (isDatabaseUnavailable(error)) throw error; // the whole tick waits (see the scheduler)
            deps.logger.error(
              { err: error, relationships: claims.length },
              'could not write a slice of plans',
            );
            return; // its claims run out and the slice comes due again
          }
          planned += claims.length;
          // A short slice may only mean the other line (or another copy) claimed part of it at the same
          // moment: only a claim that finds nothing ends the line, so that is checked before stopping.
          if (claims.length === sliceSize && performance.now() - started >= budgetMs) {
            more = true;
            return;
          }
        }
      };
      // Several lines at once: while one works out its plans (CPU), MongoDB reads and writes for another.
      await Promise.all(Array.from({ length: concurrency }, work));
      return { relationships: planned, added, more };
    },

    /**
     * The plan for one relationship as it stands now (the dispatcher checks a prompt still applies),
     * read with one query per collection for this relationship. It asks Slack nothing, so it never eats
     * into a dispatcher's lease.
     */
    async currentPlan(relationshipId: string): Promise<CurrentPlan | undefined> {
      const relationship = await deps.relationships.get(relationshipId);
      if (!relationship) return undefined;
      const [form, answeredCheckIns, mentee, mentor] = await Promise.all([
        deps.goalForms.latest(relationship.id),
        deps.checkIns.answeredDates(relationship.id),
        deps.profiles.get(relationship.menteeId, 'mentee'),
        deps.profiles.get(relationship.mentorId, 'mentor'),
      ]);
      return planFrom(relationship, {
        form,
        answeredCheckIns,
        menteeZone: mentee?.timezone,
        mentorZone: mentor?.timezone,
      });
    },
  };
}
export type PromptPlanner = ReturnType<typeof createPromptPlanner>;
