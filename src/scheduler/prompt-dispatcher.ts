import { DateTime } from 'luxon';
import { plainMessage } from '../../blocks/message';
import { promptMessage, type PromptContext } from '../../blocks/prompts';
import type { Clock } from '../clock';
import { schedulerWording, type ProgramSettings } from '../content/wording';
import { inPause, tipIndex } from '../domain/prompt-schedule';
import { nextDeliveryTime, type DeliveryWindowRule } from '../domain/time-window';
import type { AppLogger } from '../logger';
import { RETIRED_NOTICE_TYPES, type Notice } from '../domain/notices';
import type { BotMessage } from '../../blocks/message';
import type { NoticeItem, NoticeRepository } from '../store/notice-repository';
import type { OutboxItem, PromptRepository } from '../store/prompt-repository';
import type { PromptSender } from './prompt-sender';
import { STALE_AFTER_MS, type CurrentPlan, type PromptPlanner, type ScheduledPrompt } from './prompt-planner';

/** A prompt found more than this late (the bot was down) waits for its recipients' next local window. */
const LATE_AFTER_MS = 2 * 60 * 60 * 1000;
/** A post starts only with at least this much of the lease left (the client's timeout is 10 s). */
const LEASE_MARGIN_MS = 20_000;
/** Attempts before an item is parked and staff are told. */
export const MAX_ATTEMPTS = 5;
/**
 * Notices are retried soon and often (people are waiting on them): after 5, 15 and 30 seconds, then every
 * minute, so a notice held while Slack was down goes out within a minute or so of its return.
 */
export const NOTICE_BACKOFF_S = [5, 15, 30, 60];
/** A notice still failing this long after it was written is parked and staff are told. */
export const NOTICE_PARK_AFTER_MS = 6 * 60 * 60 * 1000;
/** Slack answers that no retry will change: the notice is parked at once. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'user_disabled',
  'user_not_found',
  'cannot_dm_bot',
  'invalid_blocks',
  'msg_too_long',
  'message_not_found',
  'cant_update_message',
  'no_text',
]);
/** An update waits this long at a time for the message it edits to be posted. */
const WAIT_FOR_CARD_MS = 2000;

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
  /** The notices' outbox and how a notice becomes a message; without them `dispatchNotices` sends nothing. */
  notices?: {
    repository: Pick<
      NoticeRepository,
      'claimNext' | 'markSent' | 'retryLater' | 'waitUntil' | 'finish' | 'postedBy'
    >;
    present(notice: Notice): BotMessage;
  };
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
    // Planned to go before the pause but held up since (downtime, retries): it would reach them inside it.
    if (inPause(now, plan.relationship)) {
      await prompts.finish(item.id, owner, 'cancelled', 'held by a pause', now.toJSDate());
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

  type NoticeOutcome = 'sent' | 'recovered' | 'cancelled' | 'retried' | 'parked' | 'rateLimited';

  async function deliverNotice(
    notices: NonNullable<typeof deps.notices>,
    item: NoticeItem,
  ): Promise<NoticeOutcome> {
    const { repository } = notices;
    const { destination } = item;
    if (RETIRED_NOTICE_TYPES.has(item.type)) {
      await repository.finish(item.id, owner, 'skipped', 'retired kind', clock.now().toJSDate());
      return 'cancelled';
    }
    if (destination.to === 'update') {
      let target = destination.message;
      if (!target) {
        const posted = await repository.postedBy(destination.noticeKey);
        if (posted === 'pending') {
          // The message it edits has not been posted yet: wait for it, without counting an attempt.
          await repository.waitUntil(
            item.id,
            owner,
            'waiting for the message it updates',
            clock.now().plus({ milliseconds: WAIT_FOR_CARD_MS }).toJSDate(),
          );
          return 'retried';
        }
        if (!posted) {
          await repository.finish(
            item.id,
            owner,
            'cancelled',
            'no message to update',
            clock.now().toJSDate(),
          );
          return 'cancelled';
        }
        target = posted;
      }
      // chat.update is harmless to repeat: no look-up needed after a crash.
      await deps.sender.update(target.channel, target.ts, notices.present(item.notice));
      await repository.markSent(item.id, owner, {
        channelId: target.channel,
        messageTs: target.ts,
        at: clock.now().toJSDate(),
      });
      return 'sent';
    }
    const channel =
      destination.to === 'channel' ? destination.channel : await deps.sender.dmChannel(destination.userId);
    if (item.attempts > 1) {
      // An earlier claim may have posted and died (or lost Slack's answer) before recording: look first.
      const since = new Date(item.dueAt.getTime() - 60_000);
      // The staff channel's history is not readable (that needs groups:history, which the app does not ask
      // for): there a lost answer may mean a second card, rather than none.
      const ts =
        channel === deps.adminChannelId ? undefined : await deps.sender.findPosted(channel, item.key, since);
      if (ts) {
        await repository.markSent(item.id, owner, {
          channelId: channel,
          messageTs: ts,
          at: clock.now().toJSDate(),
        });
        return 'recovered';
      }
    }
    const margin = Math.min(LEASE_MARGIN_MS, deps.leaseMs / 3);
    if (item.leaseUntil && clock.now().toMillis() > item.leaseUntil.getTime() - margin) {
      await repository.retryLater(item.id, owner, 'lease nearly over', clock.now().toJSDate());
      return 'retried';
    }
    const { ts } = await deps.sender.post(channel, notices.present(item.notice), item.key);
    const recorded = await repository.markSent(item.id, owner, {
      channelId: channel,
      messageTs: ts,
      at: clock.now().toJSDate(),
    });
    if (!recorded)
      deps.logger.warn({ key: item.key }, 'a notice was posted after its lease passed to another copy');
    return 'sent';
  }

  async function noticeFailed(
    notices: NonNullable<typeof deps.notices>,
    item: NoticeItem,
    error: unknown,
  ): Promise<NoticeOutcome> {
    const { repository } = notices;
    const now = clock.now();
    const retryAfter = (error as { retryAfter?: number }).retryAfter;
    const code = errorCode(error);
    if (retryAfter !== undefined) {
      await repository.retryLater(
        item.id,
        owner,
        code,
        now.plus({ seconds: Math.max(1, retryAfter) }).toJSDate(),
      );
      return 'rateLimited';
    }
    const tooLong = now.toMillis() - item.dueAt.getTime() > NOTICE_PARK_AFTER_MS;
    if (tooLong || PERMANENT_ERRORS.has(code)) {
      await repository.finish(item.id, owner, 'parked', code, now.toJSDate());
      deps.logger.error({ key: item.key, type: item.type, error: code }, 'notice parked');
      await deps.sender
        .post(
          deps.adminChannelId,
          plainMessage(schedulerWording.noticeParked(item.type, item.key, code)),
          `${item.key}:parked`,
        )
        .catch((alertError: unknown) =>
          deps.logger.error({ err: alertError }, 'could not tell staff about a parked notice'),
        );
      return 'parked';
    }
    const backoff = NOTICE_BACKOFF_S[Math.min(item.attempts, NOTICE_BACKOFF_S.length) - 1] ?? 60;
    await repository.retryLater(item.id, owner, code, now.plus({ seconds: backoff }).toJSDate());
    deps.logger.warn(
      { key: item.key, attempts: item.attempts, error: code },
      'notice send failed; will retry',
    );
    return 'retried';
  }

  return {
    /**
     * Sends the notices that are due now, oldest first, up to `maxPerTick`; stops early on a rate limit.
     * Called by the tick and whenever this process commits a change with notices (the wake-up).
     */
    async dispatchNotices(): Promise<Omit<DispatchResult, 'skipped' | 'rescheduled'>> {
      const result = { sent: 0, recovered: 0, cancelled: 0, retried: 0, parked: 0, rateLimited: false };
      const notices = deps.notices;
      if (!notices) return result;
      for (let n = 0; n < deps.maxPerTick; n++) {
        const item = await notices.repository.claimNext(owner, clock.now().toJSDate(), deps.leaseMs);
        if (!item) break;
        let outcome: NoticeOutcome;
        try {
          outcome = await deliverNotice(notices, item);
        } catch (error) {
          outcome = await noticeFailed(notices, item, error);
        }
        if (outcome === 'rateLimited') {
          result.rateLimited = true;
          break;
        }
        result[outcome]++;
      }
      return result;
    },

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
