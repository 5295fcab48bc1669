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
}

/**
 * How the dispatcher posts scheduled prompts: through its own Web API client (so it never queues behind,
 * or slows, interactive answers), tagging each message with its idempotency key in Slack's message
 * metadata so a copy that died between posting and recording can find the message instead of repeating it.
 */
export interface PromptSender {
  /** The DM channel with one person (opened if need be). */
  dmChannel(userId: string): Promise<string>;
  post(channel: string, message: BotMessage, key: string): Promise<{ ts: string }>;
  /** Replaces a message the bot posted (a card after its decision); harmless to repeat. */
  update(channel: string, ts: string, message: BotMessage): Promise<void>;
  /** The ts of a message carrying `key` posted to `channel` since `since`, if there is one. */
  findPosted(channel: string, key: string, since: Date): Promise<string | undefined>;
}

/**
 * Runs `work` as one MongoDB transaction: every write its repositories make (the state change, its audit
 * entry, the notices for other people) is committed together or not at all. `work` may run more than once
 * (a transient conflict is retried), so it does nothing but reads and writes through `tx`. Throwing
 * `Rollback` undoes the writes and makes `run` return its result instead of failing.
 */
export interface UnitOfWork<Tx> {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Ends a unit of work without committing anything; `run` returns `result`. */
export class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('rolled back');
  }
}
