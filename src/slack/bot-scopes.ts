/**
 * The bot token scopes the app needs, each with the reason. `manifest.yml` requests exactly these (a test
 * keeps them in step), the README lists them, and the bot checks at start that its token was granted them.
 * Slack's method pages say which scope each Web API method needs; any one of a method's scopes suffices.
 */
export const REQUIRED_BOT_SCOPES = {
  commands: 'the slash commands /mentoring, /mentor, /mentee, /goals and /checkin',
  'chat:write':
    'posting and updating messages: the pair’s conversation, DMs to applicants, the staff channel, private notes',
  'im:write': 'opening a direct message with one person (application decisions, prompts for one person)',
  'mpim:write': 'opening the group conversation of a mentor, a mentee and the bot',
  'im:history':
    'finding a prompt in a DM that a stopped copy of the bot had already posted, so it is never sent twice',
  'mpim:history': 'the same for prompts in a pair’s group conversation',
  'users:read':
    'people’s names and time zones (prompts arrive on weekdays at waking hours where each person lives)',
  'channels:read': 'who is in the staff channel, if it is a public channel (its members are staff)',
  'groups:read': 'who is in the staff channel, if it is a private channel',
} as const;

export type BotScope = keyof typeof REQUIRED_BOT_SCOPES;

/** The scopes in `REQUIRED_BOT_SCOPES` that `granted` lacks, with the reason each is needed. */
export function missingScopes(granted: readonly string[]): { scope: BotScope; reason: string }[] {
  const have = new Set(granted);
  return (Object.entries(REQUIRED_BOT_SCOPES) as [BotScope, string][])
    .filter(([scope]) => !have.has(scope))
    .map(([scope, reason]) => ({ scope, reason }));
}
