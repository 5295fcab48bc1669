import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { AppLogger } from '../logger';
import { checkInSchedule } from '../domain/check-ins';
import type { Goal } from '../domain/goal-form';
import { planPrompts, type PlannedPrompt, type ScheduleSettings } from '../domain/prompt-schedule';
import type { RelationshipRecord } from '../domain/records';
import type { RelationshipStatus } from '../domain/relationship-stages';
import type { DeliveryWindowRule } from '../domain/time-window';
import { isDatabaseUnavailable } from '../store/availability';
import type { CheckInRepository } from '../store/check-in-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { ProfileRepository } from '../store/profile-repository';
import { promptKey, type PromptRepository } from '../store/prompt-repository';
import type { RelationshipRepository } from '../store/relationship-repository';

/** Prompts further overdue than this are recorded as skipped, never sent in a burst after downtime. */
export const STALE_AFTER_MS = 48 * 60 * 60 * 1000;
const BATCH = 200;
/** Relationships planned per tick at most, so a large backlog never holds up sending for long. */
const PLANNED_PER_TICK = 400;
const NO_LONGER_APPLIES = 'no longer applies';
/** Stored time zones are re-read from Slack when older than this. */
const TIMEZONE_REFRESH_DAYS = 7;

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

/**
 * The planner: turns what is true of a relationship into outbox items. It looks only at relationships
 * marked for planning (any change to stage, goals, check-ins, agreements, pauses marks one), writes new
 * prompts insert-only by idempotency key, and cancels pending ones that no longer apply.
 */
export function createPromptPlanner(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'dueForPlanning' | 'markPlanned'>;
  goalForms: Pick<GoalFormRepository, 'latest'>;
  checkIns: Pick<CheckInRepository, 'answeredDates'>;
  profiles: Pick<ProfileRepository, 'get' | 'timezoneCheckedAt' | 'setTimezone'>;
  /** Reads a person's current time zone from Slack (people move; Slack's `tz` follows them). */
  slackTimezone: (userId: string) => Promise<string | undefined>;
  prompts: Pick<PromptRepository, 'enqueue' | 'cancelPending' | 'revive'>;
  clock: Clock;
  programTimezone: string;
  window: DeliveryWindowRule;
  schedule: ScheduleSettings;
  logger: AppLogger;
}) {
  const { clock } = deps;

  /** Refreshes a stored time zone from Slack when it is older than a week; a failure keeps the old one. */
  async function refreshZone(userId: string): Promise<void> {
    const checked = await deps.profiles.timezoneCheckedAt(userId);
    const now = clock.now();
    if (checked && now.diff(DateTime.fromJSDate(checked), 'days').days < TIMEZONE_REFRESH_DAYS) return;
    try {
      await deps.profiles.setTimezone(userId, await deps.slackTimezone(userId), now.toJSDate());
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not refresh a time zone from Slack');
    }
  }

  async function zoneOf(userId: string, role: 'mentor' | 'mentee', refresh: boolean): Promise<string> {
    if (refresh) await refreshZone(userId);
    const zone = (await deps.profiles.get(userId, role))?.timezone;
    return zone && DateTime.now().setZone(zone).isValid ? zone : deps.programTimezone;
  }

  /** The plan as it stands now for one relationship, with delivery times. */
  async function planFor(relationship: RelationshipRecord, refreshZones = false): Promise<CurrentPlan> {
    const form = await deps.goalForms.latest(relationship.id);
    const goals = form?.goals ?? [];
    const [menteeZone, mentorZone] = await Promise.all([
      zoneOf(relationship.menteeId, 'mentee', refreshZones),
      zoneOf(relationship.mentorId, 'mentor', refreshZones),
    ]);
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
        answeredCheckIns: form ? await deps.checkIns.answeredDates(relationship.id) : [],
        lastActivityAt: relationship.lastActivityAt,
        pausedAt: relationship.pausedAt,
        pausedUntil: relationship.pausedUntil,
        talkAgainOn: relationship.talkAgainOn,
        menteeZone,
        mentorZone,
      },
      deps.schedule,
      deps.window,
    );
    const prompts = new Map<string, ScheduledPrompt>();
    for (const prompt of planned) {
      const key = promptKey(relationship.id, prompt.kind, prompt.occurrence);
      prompts.set(key, { ...prompt, key, dueAt: prompt.deliverAt.toJSDate() });
    }
    return { relationship, goals, prompts };
  }

  /** Writes one relationship's plan to the outbox: new prompts added, ones that no longer apply cancelled. */
  async function write(plan: CurrentPlan): Promise<number> {
    const now = clock.now().toJSDate();
    const items = [...plan.prompts.values()].map((p) => {
      const stale = now.getTime() - p.dueAt.getTime() > STALE_AFTER_MS;
      return {
        relationshipId: plan.relationship.id,
        kind: p.kind,
        occurrence: p.occurrence,
        dueAt: p.dueAt,
        ...(stale ? { state: 'skipped' as const, reason: 'stale when planned' } : {}),
      };
    });
    const added = items.length ? await deps.prompts.enqueue(items) : 0;
    const keys = [...plan.prompts.keys()];
    await deps.prompts.cancelPending(plan.relationship.id, keys, now, NO_LONGER_APPLIES);
    await deps.prompts.revive(plan.relationship.id, keys, NO_LONGER_APPLIES);
    return added;
  }

  return {
    /** Plans every relationship marked for planning; returns how many were planned and prompts added. */
    async planDue(): Promise<{ relationships: number; added: number }> {
      let planned = 0;
      let added = 0;
      for (;;) {
        const due = await deps.relationships.dueForPlanning(clock.now().toJSDate(), BATCH);
        if (due.length === 0) break;
        for (const relationship of due) {
          // Marked planned only if nothing changed meanwhile; a failed plan is tried again a little later.
          let planAgainAt: Date | undefined;
          try {
            added += await write(await planFor(relationship, true));
          } catch (error) {
            if (isDatabaseUnavailable(error)) throw error; // the whole tick waits (see the scheduler)
            deps.logger.error({ err: error, relationshipId: relationship.id }, 'could not plan prompts');
            planAgainAt = clock.now().plus({ minutes: 5 }).toJSDate();
          }
          if (relationship.nextPlanAt)
            await deps.relationships.markPlanned(relationship.id, relationship.nextPlanAt, planAgainAt);
          planned++;
        }
        if (due.length < BATCH || planned >= PLANNED_PER_TICK) break;
      }
      return { relationships: planned, added };
    },

    /**
     * The plan for one relationship as it stands now (the dispatcher checks a prompt still applies). It
     * asks Slack nothing, so it never eats into a dispatcher's lease.
     */
    async currentPlan(relationshipId: string): Promise<CurrentPlan | undefined> {
      const relationship = await deps.relationships.get(relationshipId);
      return relationship ? planFor(relationship) : undefined;
    },
  };
}
export type PromptPlanner = ReturnType<typeof createPromptPlanner>;
