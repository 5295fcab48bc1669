import type { HomeView } from '@slack/types';
import type { BotMessage } from '../../blocks/message';

/** What services need to know about a Slack user. */
export interface SlackPerson {
  id: string;
  realName: string;
  timezone: string | undefined;
  deleted: boolean;
  isBot: boolean;
}

export type OpenConversationResult = { ok: true; channelId: string } | { ok: false; error: string };

/** The Slack Web API calls services make, behind plain methods (services never see a WebClient). */
export interface SlackPort {
  person(userId: string): Promise<SlackPerson | undefined>;
  /** A DM with one person, or a group DM of several people and the bot. */
  openConversation(userIds: string[]): Promise<OpenConversationResult>;
  post(channel: string, message: BotMessage): Promise<{ channel: string; ts: string }>;
  /** Posts to one person's DM with the bot. */
  postToPerson(userId: string, message: BotMessage): Promise<{ channel: string; ts: string }>;
  update(channel: string, ts: string, message: BotMessage): Promise<void>;
  channelMembers(channelId: string): Promise<string[]>;
  publishHome(userId: string, view: HomeView): Promise<void>;
}
