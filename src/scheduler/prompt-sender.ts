import type { BotMessage } from '../../blocks/message';

/**
 * How the dispatcher posts scheduled prompts and notices: through its own Web API client (so it never
 * queues behind, or slows, interactive answers), tagging each message with its idempotency key in Slack's
 * message metadata so a copy that died between posting and recording can find the message instead of
 * repeating it.
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
