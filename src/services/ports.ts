/** What services need to know about a Slack user. */
export interface SlackPerson {
  id: string;
  realName: string;
  timezone: string | undefined;
  deleted: boolean;
  isBot: boolean;
}

export type OpenConversationResult = { ok: true; channelId: string } | { ok: false; error: string };

/**
 * The Slack Web API calls services make, behind plain methods (services never see a WebClient). None of
 * them says anything to anyone: what services tell people goes out as outbox notices (src/domain/notices.ts).
 */
export interface SlackPort {
  person(userId: string): Promise<SlackPerson | undefined>;
  /** A DM with one person, or a group DM of several people and the bot. */
  openConversation(userIds: string[]): Promise<OpenConversationResult>;
  channelMembers(channelId: string): Promise<string[]>;
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
