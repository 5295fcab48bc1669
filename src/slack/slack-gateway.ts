import type { WebClient } from '@slack/web-api';
import type { ChannelMembersPort } from '../services/staff';

/** The Slack Web API calls services need, behind plain methods (services never see a WebClient). */
export function createSlackGateway(client: WebClient): ChannelMembersPort {
  return {
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
}
