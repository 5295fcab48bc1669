import type { HomeView } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { BotMessage } from '../../blocks/message';
import type { PromptSender } from '../scheduler/prompt-sender';
import type { FileUploadPort } from '../services/exports';
import type { OpenConversationResult, SlackPort } from '../services/ports';

/** Slack's answer codes when a conversation can't be opened with someone (deactivated, unknown, hidden). */
const CONVERSATION_REFUSALS = new Set([
  'user_disabled',
  'user_not_found',
  'user_not_visible',
  'invalid_user_combination',
  'cannot_dm_bot',
]);

/**
 * How a Web API call may be repeated when Slack fails. The clients themselves never retry (see the client
 * options in `composition/slack-clients.ts`): WebClient's retries are per client, and it would repeat a post.
 * - `idempotent` (reads, `conversations.open`, `chat.update`, `views.publish`): doing it twice is harmless,
 *   so it is tried again after an HTTP 5xx, a network error or timeout, `internal_error`, `fatal_error`, or a
 *   rate limit.
 * - `post` (`chat.postMessage`): after a 5xx, a timeout or `internal_error`/`fatal_error` the message may
 *   have been posted, and a double post is worse than a reported failure; only a rate limit (Slack did not
 *   take the call) is waited out and tried again.
 */
export type CallSafety = 'idempotent' | 'post';

/** The longest one file's bytes may take to reach Slack's upload URL. */
const UPLOAD_TIMEOUT_MS = 30_000;

/** Tries after the first: with these pauses (ms) unless Slack's Retry-After says otherwise. */
const RETRY_PAUSES_MS = [200, 800];
/** A rate limit asking for a longer wait than this is reported instead (people are waiting). */
const MAX_RATE_LIMIT_WAIT_S = 5;
/** Slack's answer codes for its own transient faults ("it's possible some of the operation succeeded"). */
const TRANSIENT_SLACK_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export interface CallOptions {
  /** Longest Retry-After waited out (seconds); 0 hands every rate limit straight back to the caller. */
  maxRateLimitWaitS?: number;
}

export async function callSlack<T>(
  safety: CallSafety,
  call: () => Promise<T>,
  options: CallOptions = {},
): Promise<T> {
  const maxWaitS = options.maxRateLimitWaitS ?? MAX_RATE_LIMIT_WAIT_S;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const pause = RETRY_PAUSES_MS[attempt];
      const wait = pause === undefined ? undefined : retryWaitMs(safety, error, pause, maxWaitS);
      if (wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** How long to wait before trying `error`'s call again, or undefined when it must not be repeated. */
function retryWaitMs(
  safety: CallSafety,
  error: unknown,
  pause: number,
  maxRateLimitWaitS: number,
): number | undefined {
  const { code, retryAfter, statusCode } = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
  };
  if (code === ErrorCode.RateLimitedError && typeof retryAfter === 'number')
    return retryAfter <= maxRateLimitWaitS ? Math.max(pause, retryAfter * 1000) : undefined;
  if (slackErrorCode(error) === 'ratelimited') return pause;
  if (safety === 'post') return undefined;
  if (code === ErrorCode.HTTPError && typeof statusCode === 'number' && statusCode >= 500) return pause;
  if (code === ErrorCode.RequestError) return pause; // network error or timeout
  const slackCode = slackErrorCode(error);
  return slackCode && TRANSIENT_SLACK_ERRORS.has(slackCode) ? pause : undefined;
}

/** What the Slack layer itself says and shows through the gateway (services never do). */
export interface SlackMessaging {
  post(channel: string, message: BotMessage): Promise<{ channel: string; ts: string }>;
  /** Posts to one person's DM with the bot. */
  postToPerson(userId: string, message: BotMessage): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, message: BotMessage): Promise<void>;
  publishHome(userId: string, view: HomeView): Promise<void>;
}

/** The Web API behind `SlackPort`, and the Slack layer's own posts and Home tabs. */
export function createSlackGateway(
  client: WebClient,
  options: CallOptions = {},
): SlackPort & SlackMessaging & FileUploadPort {
  const slack = <T>(safety: CallSafety, call: () => Promise<T>) => callSlack(safety, call, options);
  const gateway: SlackPort & SlackMessaging & FileUploadPort = {
    async person(userId) {
      try {
        const { user } = await slack('idempotent', () => client.users.info({ user: userId }));
        if (!user?.id) return undefined;
        return {
          id: user.id,
          realName: user.real_name ?? user.profile?.real_name ?? user.name ?? '',
          timezone: user.tz,
          deleted: user.deleted ?? false,
          isBot: user.is_bot ?? false,
        };
      } catch (error) {
        if (slackErrorCode(error) === 'user_not_found') return undefined;
        throw error;
      }
    },

    async openConversation(userIds): Promise<OpenConversationResult> {
      try {
        const opened = await slack('idempotent', () =>
          client.conversations.open({ users: userIds.join(',') }),
        );
        const channelId = opened.channel?.id;
        return channelId ? { ok: true, channelId } : { ok: false, error: 'no_channel' };
      } catch (error) {
        const code = slackErrorCode(error);
        if (code && CONVERSATION_REFUSALS.has(code)) return { ok: false, error: code };
        throw error;
      }
    },

    async post(channel, message: BotMessage) {
      // Never repeated after a 5xx or a timeout: the message may have been posted (see `callSlack`).
      const posted = await slack('post', () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
      );
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    },

    async postToPerson(userId, message) {
      const opened = await gateway.openConversation([userId]);
      if (!opened.ok) throw new Error(`could not open a DM with ${userId}: ${opened.error}`);
      return gateway.post(opened.channelId, message);
    },

    async update(channel, ts, message) {
      await slack('idempotent', () =>
        client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
      );
    },

    async publishHome(userId, view) {
      try {
        await slack('idempotent', () => client.views.publish({ user_id: userId, view }));
      } catch (error) {
        // Someone who has left the workspace has no Home tab to refresh; nothing is lost.
        if (slackErrorCode(error) !== 'user_not_found') throw error;
      }
    },

    /**
     * Slack's two-step upload: for each file an upload URL (for its name and exact length in bytes), the
     * bytes POSTed there, then one completion sharing them all in the channel. Asking for a URL is safe to
     * repeat (an unused one just lapses); the upload and the completion are not repeated after a failure.
     */
    async uploadFiles(channelId, files) {
      const uploaded: { id: string; title: string }[] = [];
      for (const file of files) {
        const { upload_url: url, file_id: id } = await slack('idempotent', () =>
          client.files.getUploadURLExternal({ filename: file.filename, length: file.bytes.length }),
        );
        if (!url || !id) throw new Error('files.getUploadURLExternal returned no upload URL');
        const sent = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/octet-stream' },
          body: new Uint8Array(file.bytes),
          signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
        });
        if (!sent.ok) throw new Error(`the upload of ${file.filename} answered HTTP ${sent.status}`);
        uploaded.push({ id, title: file.title });
      }
      const [first, ...rest] = uploaded;
      if (!first) return;
      await slack('post', () =>
        client.files.completeUploadExternal({ files: [first, ...rest], channel_id: channelId }),
      );
    },

    async channelMembers(channelId) {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await slack('idempotent', () =>
          client.conversations.members({ channel: channelId, cursor, limit: 200 }),
        );
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return members;
    },
  };
  return gateway;
}

/** Slack message metadata event type for scheduled prompts; the payload carries the prompt's key. */
export const PROMPT_EVENT_TYPE = 'mentoring_prompt';

export function createPromptSender(client: WebClient): PromptSender {
  return {
    async dmChannel(userId) {
      const opened = await client.conversations.open({ users: userId });
      if (!opened.channel?.id) throw new Error('conversations.open returned no channel');
      return opened.channel.id;
    },

    async post(channel, message, key) {
      const posted = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        metadata: { event_type: PROMPT_EVENT_TYPE, event_payload: { key } },
      });
      return { ts: posted.ts ?? '' };
    },

    async update(channel, ts, message) {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },

    async findPosted(channel, key, since) {
      let cursor: string | undefined;
      do {
        const page = await client.conversations.history({
          channel,
          oldest: (since.getTime() / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const found = page.messages?.find(
          (m) =>
            m.metadata?.event_type === PROMPT_EVENT_TYPE &&
            (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
        );
        if (found?.ts) return found.ts;
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return undefined;
    },
  };
}

export function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}
