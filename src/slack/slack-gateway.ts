import type { WebClient } from '@slack/web-api';
import type { BotMessage } from '../../blocks/message';
import type { OpenConversationResult, PromptSender, SlackPort } from '../services/ports';

/** Slack's answer codes when a conversation can't be opened with someone (deactivated, unknown, hidden). */
const CONVERSATION_REFUSALS = new Set([
  'user_disabled',
  'user_not_found',
  'user_not_visible',
  'invalid_user_combination',
  'cannot_dm_bot',
]);

/** The Web API behind `SlackPort`. */
export function createSlackGateway(client: WebClient): SlackPort {
  const gateway: SlackPort = {
    async person(userId) {
      try {
        const { user } = await client.users.info({ user: userId });
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
        const opened = await client.conversations.open({ users: userIds.join(',') });
        const channelId = opened.channel?.id;
        return channelId ? { ok: true, channelId } : { ok: false, error: 'no_channel' };
      } catch (error) {
        const code = slackErrorCode(error);
        if (code && CONVERSATION_REFUSALS.has(code)) return { ok: false, error: code };
        throw error;
      }
    },

    async post(channel, message: BotMessage) {
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    },

    async postToPerson(userId, message) {
      const opened = await gateway.openConversation([userId]);
      if (!opened.ok) throw new Error(`could not open a DM with ${userId}: ${opened.error}`);
      return gateway.post(opened.channelId, message);
    },

    async update(channel, ts, message) {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },

    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view });
    },

    async channelMembers(channelId) {
      const members: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.members({ channel: channelId, cursor, limit: 200 });
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
