import { DateTime } from 'luxon';
import { plainMessage } from '../../blocks/message';
import { promptMessage, type PromptContext } from '../../blocks/prompts';
import type { Clock } from '../clock';
import { schedulerWording, type ProgramSettings } from '../content/wording';
import { tipIndex } from '../domain/prompt-schedule';
import { nextDeliveryTime, type DeliveryWindowRule } from '../domain/time-window';
import type { AppLogger } from '../logger';
import type { PromptSender } from '../services/ports';
import type { OutboxItem, PromptRepository } from '../store/prompt-repository';
import { STALE_AFTER_MS, type CurrentPlan, type PromptPlanner, type ScheduledPrompt } from './prompt-planner';

/** A prompt found more than this late (the bot was down) waits for its recipients' next local window. */
const LATE_AFTER_MS = 2 * 60 * 60 * 1000;
/** A post starts only with at least this much of the lease left (the client's timeout is 10 s). */
const LEASE_MARGIN_MS = 20_000;
/** Attempts before an item is parked and staff are told. */
export const MAX_ATTEMPTS = 5;

export interface DispatchResult {
  sent: number;
  recovered: number;
  skipped: number;
  cancelled: number;
  rescheduled: number;
  retried: number;
  parked: number;
  rateLimited: boolean;
}

/**
 * The dispatcher: claims due prompts one at a time with an expiring lease (so several copies of the bot
 * never send the same one), checks each still applies, posts it through its own rate-limited client, and
 * records the message ts. A lease that expired without a record means a copy died mid-send: the next
 * claimant looks in the conversation for the message (tagged with the prompt's key) before posting.
 */
export function createPromptDispatcher(deps: {
  prompts: Pick<PromptRepository, 'claimNext' | 'markSent' | 'retryLater' | 'finish' | 'reschedule'>;
  planner: Pick<PromptPlanner, 'currentPlan'>;
  sender: PromptSender;
  clock: Clock;
  program: ProgramSettings;
  adminChannelId: string;
  window: DeliveryWindowRule;
  quietDays: number;
  /** Who this copy of the bot is, in leases. */
  owner: string;
  /** Longer than a Slack call can take (the client's timeout), so a live sender never loses its lease. */
  leaseMs: number;
  /** At most this many prompts per tick, so one tick never runs into the next. */
  maxPerTick: number;
  logger: AppLogger;
}) {
  const { prompts, clock, owner } = deps;

  function contextFor(item: OutboxItem, prompt: ScheduledPrompt, plan: CurrentPlan): PromptContext {
    const { relationship } = plan;
    const quietSince = relationship.lastActivityAt ?? relationship.history.at(-1)?.at;
    return {
      relationshipId: relationship.id,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      occurrence: item.occurrence,
      checkInDate: prompt.checkInDate,
      goals: plan.goals.map((g) => g.specific),
      formalEndDate: relationship.formalEndDate,
      tipNumber:
        prompt.kind === 'mentor_tip'
          ? tipIndex(relationship.id, Number(item.occurrence.slice(3)))
          : undefined,
      quietDays: quietSince
        ? Math.floor(clock.now().diff(DateTime.fromJSDate(quietSince), 'days').days)
        : deps.quietDays,
    };
  }

  async function channelFor(prompt: ScheduledPrompt, plan: CurrentPlan): Promise<string | undefined> {
    const { relationship } = plan;
    switch (prompt.audience) {
      case 'pair':
        return relationship.channelId;
      case 'mentor':
        return deps.sender.dmChannel(relationship.mentorId);
      case 'mentee':
        return deps.sender.dmChannel(relationship.menteeId);
      case 'staff':
        return deps.adminChannelId;
    }
  }

  type Outcome = keyof Omit<DispatchResult, 'rateLimited'> | 'rateLimited';

  async function deliver(item: OutboxItem): Promise<Outcome> {
    const now = clock.now();
    const lateBy = now.toMillis() - item.dueAt.getTime();
    if (lateBy > STALE_AFTER_MS) {
      await prompts.finish(item.id, owner, 'skipped', 'stale: overdue by more than 48 hours', now.toJSDate());
      return 'skipped';
    }
    const plan = await deps.planner.currentPlan(item.relationshipId);
    const prompt = plan?.prompts.get(item.key);
    if (!plan || !prompt) {
      await prompts.finish(item.id, owner, 'cancelled', 'no longer applies', now.toJSDate());
      return 'cancelled';
    }
    if (prompt.window === 'local' && lateBy > LATE_AFTER_MS) {
      const next = nextDeliveryTime(now, prompt.zones, deps.window).toJSDate();
      await prompts.reschedule(item.id, owner, next);
      return 'rescheduled';
    }
    const channel = await channelFor(prompt, plan);
    if (!channel) {
      await prompts.finish(item.id, owner, 'cancelled', 'no conversation', now.toJSDate());
      return 'cancelled';
    }
    if (item.attempts > 1) {
      // An earlier claim may have posted and died before recording: look before posting again.
      const since = new Date(Math.min(item.dueAt.getTime(), item.claimedAt?.getTime() ?? Infinity) - 60_000);
      const ts = await deps.sender.findPosted(channel, item.key, since);
      if (ts) {
        await prompts.markSent(item.id, owner, { channelId: channel, messageTs: ts, at: now.toJSDate() });
        return 'recovered';
      }
    }
    const margin = Math.min(LEASE_MARGIN_MS, deps.leaseMs / 3);
    if (item.leaseUntil && clock.now().toMillis() > item.leaseUntil.getTime() - margin) {
      // Too little of the lease is left to post safely: another copy may claim it. Hand it back.
      await prompts.retryLater(item.id, owner, 'lease nearly over', clock.now().toJSDate());
      return 'retried';
    }
    const message = promptMessage(prompt.kind, contextFor(item, prompt, plan), deps.program);
    const { ts } = await deps.sender.post(channel, message, item.key);
    const recorded = await prompts.markSent(item.id, owner, {
      channelId: channel,
      messageTs: ts,
      at: clock.now().toJSDate(),
    });
    if (!recorded)
      deps.logger.warn({ key: item.key }, 'a prompt was posted after its lease passed to another copy');
    return 'sent';
  }

  async function failed(item: OutboxItem, error: unknown): Promise<Outcome> {
    const now = clock.now();
    const retryAfter = (error as { retryAfter?: number }).retryAfter;
    const code = errorCode(error);
    if (retryAfter !== undefined) {
      // Slack's Retry-After is honoured for this item and the rest of the tick: nothing else is sent now.
      await prompts.retryLater(
        item.id,
        owner,
        code,
        now.plus({ seconds: Math.max(1, retryAfter) }).toJSDate(),
      );
      return 'rateLimited';
    }
    if (item.attempts >= MAX_ATTEMPTS) {
      await prompts.finish(item.id, owner, 'parked', code, now.toJSDate());
      deps.logger.error(
        { key: item.key, kind: item.kind, error: code },
        'prompt parked after repeated failures',
      );
      await deps.sender
        .post(
          deps.adminChannelId,
          plainMessage(schedulerWording.parked(item.kind, item.relationshipId, code)),
          `${item.key}:parked`,
        )
        .catch((alertError: unknown) =>
          deps.logger.error({ err: alertError }, 'could not tell staff about a parked prompt'),
        );
      return 'parked';
    }
    const backoffMinutes = 2 ** item.attempts; // 2, 4, 8, 16 minutes
    await prompts.retryLater(item.id, owner, code, now.plus({ minutes: backoffMinutes }).toJSDate());
    deps.logger.warn(
      { key: item.key, attempts: item.attempts, error: code },
      'prompt send failed; will retry',
    );
    return 'retried';
  }

  return {
    /** Sends what is due now, up to `maxPerTick`; stops early when Slack asks it to slow down. */
    async dispatchDue(): Promise<DispatchResult> {
      const result: DispatchResult = {
        sent: 0,
        recovered: 0,
        skipped: 0,
        cancelled: 0,
        rescheduled: 0,
        retried: 0,
        parked: 0,
        rateLimited: false,
      };
      for (let n = 0; n < deps.maxPerTick; n++) {
        const item = await prompts.claimNext(owner, clock.now().toJSDate(), deps.leaseMs);
        if (!item) break;
        let outcome: Outcome;
        try {
          outcome = await deliver(item);
        } catch (error) {
          outcome = await failed(item, error);
        }
        if (outcome === 'rateLimited') {
          result.rateLimited = true;
          break;
        }
        result[outcome]++;
      }
      return result;
    },
  };
}
export type PromptDispatcher = ReturnType<typeof createPromptDispatcher>;

/** A short, data-free description of a failure: Slack's error code or the error's class. */
function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: string } }).data;
  if (data?.error) return data.error;
  const code = (error as { code?: string }).code;
  return code ?? (error instanceof Error ? error.name : 'unknown_error');
}
