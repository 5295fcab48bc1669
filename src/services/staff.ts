import type { Clock } from '../clock';

/** The one Slack question staff checks need: who is in the admin channel. */
export interface ChannelMembersPort {
  channelMembers(channelId: string): Promise<string[]>;
}

export interface StaffDirectory {
  /** True for members of the admin channel and the configured staff ids. Checked on every staff action. */
  isStaff(userId: string): Promise<boolean>;
  /**
   * The same answer from what is known without asking Slack (the configured ids, a membership read within
   * the last minute), or undefined when only Slack can tell: for answers that must not wait on Slack.
   */
  knownStaff(userId: string): boolean | undefined;
}

const MEMBER_CACHE_SECONDS = 60;

/**
 * Staff are the admin channel's members plus `STAFF_USER_IDS`. Channel membership is cached for a minute so
 * a busy review session doesn't call Slack for every click; a removed member loses access within that minute.
 */
export function createStaffDirectory(deps: {
  slack: ChannelMembersPort;
  clock: Clock;
  adminChannelId: string;
  staffUserIds: readonly string[];
}): StaffDirectory {
  let cached: { members: Set<string>; until: number } | undefined;
  return {
    async isStaff(userId) {
      if (deps.staffUserIds.includes(userId)) return true;
      const now = deps.clock.now().toMillis();
      if (!cached || cached.until <= now) {
        const members = await deps.slack.channelMembers(deps.adminChannelId);
        cached = { members: new Set(members), until: now + MEMBER_CACHE_SECONDS * 1000 };
      }
      return cached.members.has(userId);
    },
    knownStaff(userId) {
      if (deps.staffUserIds.includes(userId)) return true;
      const fresh = cached && cached.until > deps.clock.now().toMillis();
      return fresh ? cached!.members.has(userId) : undefined;
    },
  };
}
