import { DateTime } from 'luxon';
import type { RelationshipStatus } from './relationship-stages';
import type { PromptAudience, PromptKind } from './prompt-kinds';
import { DEFAULT_WINDOW, nextDeliveryTime, type DeliveryWindowRule } from './time-window';
import { rememberedZone } from './zone-memo';

/**
 * The program's prompt schedule (the spec's table) as a pure function: given what is true of one
 * relationship, every prompt that applies to it, each with its occurrence (part of the idempotency key),
 * the earliest moment it may go out, whether it waits for the recipients' local delivery hour, who
 * receives it and when it will reach them. Whatever is not in the plan any more (the stage moved on, a
 * check-in was made, the goals changed, the pair paused) is cancelled by the scheduler; whatever is new is
 * added.
 *
 * A pause is the pair's agreement to hear nothing for a while: it holds exactly the prompts that would
 * reach them inside it (judged by the delivery time, not the earliest moment, so a check-in day's 10:00
 * nudge after a pause that ended at 08:00 still comes), and the quiet-relationship clock starts again when
 * it ends.
 */

export interface ScheduleSettings {
  /** Days without a check-in or other activity before the mentor gets the quiet-relationship nudge. */
  quietDays: number;
  /** Where in stage 3 the "how am I helping you?" questions come (0.5: half-way to the formal end). */
  stage3ReflectionAt: number;
  /** Tips come every `tipEveryDays[0]` to `tipEveryDays[1]` days, varied per relationship. */
  tipEveryDays: readonly [number, number];
}

export const DEFAULT_SCHEDULE: ScheduleSettings = {
  quietDays: 21,
  stage3ReflectionAt: 0.5,
  tipEveryDays: [21, 35],
};

/** Stage 3 with no formal end date yet: the reflection questions come this long after it starts. */
const STAGE3_REFLECTION_FALLBACK_DAYS = 42;
const SECOND_MEETING_DAYS = 7;
const GOAL_FORM_REMINDER_DAYS = [10, 14] as const;
const OVERDUE_AFTER_DAYS = 3;
const CLOSE_OUT_DAYS_BEFORE_END = 7;

export interface ScheduleFacts {
  relationshipId: string;
  status: RelationshipStatus;
  /** When each stage last started (from the relationship's history). */
  stageStarts: Partial<Record<RelationshipStatus, Date>>;
  /** The latest complete-by date (YYYY-MM-DD), once goals are written. */
  formalEndDate?: string | undefined;
  hasGoalForm: boolean;
  /** Every check-in date of the goals in force, and those already answered by a check-in. */
  checkInDates: readonly string[];
  answeredCheckIns: readonly string[];
  lastActivityAt?: Date | undefined;
  /** A pause the pair asked for: prompts delivered in [pausedAt, pausedUntil) are dropped. */
  pausedAt?: Date | undefined;
  pausedUntil?: Date | undefined;
  /** After a `talk_again` fit decision: the day to remind the mentor. */
  talkAgainOn?: string | undefined;
  /** The mentee's zone: calendar dates (check-ins, end date) start at midnight there. */
  menteeZone: string;
  /** The mentor's zone: with the mentee's, where a prompt's delivery hour is found. */
  mentorZone: string;
}

export interface PlannedPrompt {
  kind: PromptKind;
  occurrence: string;
  /** The earliest moment it may go out. */
  notBefore: DateTime;
  /** `now`: right away (it follows something a person just did); `local`: at the recipients' hour. */
  window: 'now' | 'local';
  audience: PromptAudience;
  /** For check-in prompts: which check-in date. */
  checkInDate?: string;
  /** The recipients' time zones (the mentee's first), for finding the next window after downtime. */
  zones: string[];
  /** When it reaches its recipients: `notBefore` itself, or their next local delivery hour from then. */
  deliverAt: DateTime;
}

/** What a prompt is before its delivery time is worked out. */
type Unscheduled = Omit<PlannedPrompt, 'zones' | 'deliverAt'>;

const OPEN_STAGES: readonly RelationshipStatus[] = ['stage1', 'stage2', 'stage3', 'stage4'];
const CHECK_IN_STAGES: readonly RelationshipStatus[] = ['stage2', 'stage3', 'stage4'];

/** Every prompt that applies to the relationship now (past ones included: the scheduler skips stale ones). */
export function planPrompts(
  facts: ScheduleFacts,
  settings: ScheduleSettings = DEFAULT_SCHEDULE,
  window: DeliveryWindowRule = DEFAULT_WINDOW,
  /**
   * Works out a delivery time; by default `nextDeliveryTime` with `window`. The planner passes a memoised
   * one: the answer depends only on its arguments, and pairs in the same zones ask the same questions.
   */
  deliver: (notBefore: DateTime, zones: string[]) => DateTime = (notBefore, zones) =>
    nextDeliveryTime(notBefore, zones, window),
): PlannedPrompt[] {
  const plan: Unscheduled[] = [];
  const at = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' });
  const menteeZone = rememberedZone(facts.menteeZone);
  const dayStart = (isoDate: string) => DateTime.fromISO(isoDate, { zone: menteeZone }).startOf('day');
  const started = (status: RelationshipStatus) => {
    const date = facts.stageStarts[status];
    return date ? at(date) : undefined;
  };
  const add = (prompt: Unscheduled) => {
    if (prompt.notBefore.isValid) plan.push(prompt);
  };
  const { status } = facts;

  if (status === 'introduced' && facts.talkAgainOn)
    add({
      kind: 'talk_again_reminder',
      occurrence: facts.talkAgainOn,
      notBefore: dayStart(facts.talkAgainOn),
      window: 'local',
      audience: 'mentor',
    });

  const stage1 = started('stage1');
  if (status === 'stage1' && stage1) {
    add({
      kind: 'first_meeting_agenda',
      occurrence: 'once',
      notBefore: stage1,
      window: 'now',
      audience: 'pair',
    });
    add({
      kind: 'second_meeting_questions',
      occurrence: 'once',
      notBefore: stage1.plus({ days: SECOND_MEETING_DAYS }),
      window: 'local',
      audience: 'mentor',
    });
  }

  const stage2 = started('stage2');
  if (status === 'stage2' && stage2 && !facts.hasGoalForm) {
    add({
      kind: 'goal_form_invitation',
      occurrence: 'once',
      notBefore: stage2,
      window: 'now',
      audience: 'pair',
    });
    for (const day of GOAL_FORM_REMINDER_DAYS)
      add({
        kind: 'goal_form_reminder',
        occurrence: `day${day}`,
        notBefore: stage2.plus({ days: day }),
        window: 'local',
        audience: 'pair',
      });
  }

  if (CHECK_IN_STAGES.includes(status)) {
    const answered = new Set(facts.answeredCheckIns);
    for (const date of new Set(facts.checkInDates)) {
      if (answered.has(date)) continue;
      add({
        kind: 'check_in_nudge',
        occurrence: date,
        notBefore: dayStart(date),
        window: 'local',
        audience: 'pair',
        checkInDate: date,
      });
      add({
        kind: 'check_in_overdue',
        occurrence: date,
        notBefore: dayStart(date).plus({ days: OVERDUE_AFTER_DAYS }),
        window: 'local',
        audience: 'pair',
        checkInDate: date,
      });
    }
  }

  const stage3 = started('stage3');
  if (status === 'stage3' && stage3) {
    const end = facts.formalEndDate ? dayStart(facts.formalEndDate) : undefined;
    const notBefore =
      end && end > stage3
        ? stage3.plus({ milliseconds: end.diff(stage3).toMillis() * settings.stage3ReflectionAt })
        : stage3.plus({ days: STAGE3_REFLECTION_FALLBACK_DAYS });
    add({ kind: 'stage3_reflection', occurrence: 'once', notBefore, window: 'local', audience: 'pair' });
  }

  if ((status === 'stage3' || status === 'stage4') && facts.formalEndDate)
    add({
      kind: 'close_out_reflection',
      occurrence: facts.formalEndDate,
      notBefore: dayStart(facts.formalEndDate).minus({ days: CLOSE_OUT_DAYS_BEFORE_END }),
      window: 'local',
      audience: 'pair',
    });

  if (OPEN_STAGES.includes(status)) {
    const stageStart = started(status);
    const activity: DateTime[] = [];
    if (facts.lastActivityAt) activity.push(at(facts.lastActivityAt));
    if (stageStart) activity.push(stageStart);
    // A pause was agreed, not silence: the quiet clock counts from its end.
    if (facts.pausedAt && facts.pausedUntil) activity.push(at(facts.pausedUntil));
    const last = activity.reduce<DateTime | undefined>((a, b) => (!a || b > a ? b : a), undefined);
    if (last)
      add({
        kind: 'quiet_relationship',
        occurrence: last.toISODate() ?? '',
        notBefore: last.plus({ days: settings.quietDays }),
        window: 'local',
        audience: 'mentor',
      });
    if (stage1) {
      for (const tip of tipTimes(facts.relationshipId, stage1, settings.tipEveryDays))
        add({
          kind: 'mentor_tip',
          occurrence: `tip${tip.number}`,
          notBefore: tip.at,
          window: 'local',
          audience: 'mentor',
        });
    }
  }

  const completed = started('completed');
  if (status === 'completed' && completed) {
    add({
      kind: 'evaluation',
      occurrence: 'mentor',
      notBefore: completed,
      window: 'now',
      audience: 'mentor',
    });
    add({
      kind: 'evaluation',
      occurrence: 'mentee',
      notBefore: completed,
      window: 'now',
      audience: 'mentee',
    });
    add({ kind: 'relist_card', occurrence: 'once', notBefore: completed, window: 'now', audience: 'staff' });
  }

  return plan
    .map((prompt) => {
      const zones = recipientZones(prompt.audience, facts);
      const deliverAt = prompt.window === 'now' ? prompt.notBefore : deliver(prompt.notBefore, zones);
      return { ...prompt, zones, deliverAt };
    })
    .filter((prompt) => !inPause(prompt.deliverAt, facts));
}

/** Whose local time a prompt is delivered in: the pair's (the mentee's first) or one person's. */
function recipientZones(audience: PromptAudience, facts: ScheduleFacts): string[] {
  switch (audience) {
    case 'pair':
      return [facts.menteeZone, facts.mentorZone];
    case 'mentee':
      return [facts.menteeZone];
    default:
      return [facts.mentorZone]; // the mentor, or staff (whose card goes out at once)
  }
}

/** Whether a prompt delivered at `t` would reach the pair during their pause. */
export function inPause(t: DateTime, pause: Pick<ScheduleFacts, 'pausedAt' | 'pausedUntil'>): boolean {
  if (!pause.pausedAt || !pause.pausedUntil) return false;
  return t.toMillis() >= pause.pausedAt.getTime() && t.toMillis() < pause.pausedUntil.getTime();
}

/** How many tips ahead are planned: enough to cover a long program, few enough to stay cheap. */
const TIPS_PLANNED = 24;

/**
 * Tip times: every few weeks from the start of stage 1, each gap drawn from the relationship id and the
 * tip's number, so the spacing looks random yet every copy of the bot (and every re-plan) agrees.
 */
export function tipTimes(
  relationshipId: string,
  from: DateTime,
  everyDays: readonly [number, number],
): { number: number; at: DateTime }[] {
  const [min, max] = everyDays;
  const tips: { number: number; at: DateTime }[] = [];
  let at = from;
  for (let number = 1; number <= TIPS_PLANNED; number++) {
    at = at.plus({ days: min + (stableHash(`${relationshipId}:${number}`) % (max - min + 1)) });
    tips.push({ number, at });
  }
  return tips;
}

/** Which of the content module's tips the n-th tip of a relationship is (reproducible). */
export function tipIndex(relationshipId: string, number: number): number {
  return stableHash(`${relationshipId}:tip:${number}`);
}

/** FNV-1a: a small, stable, well-spread hash of a string (not for security). */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
