import type { WebClient } from '@slack/web-api';
import { missingScopes } from './bot-scopes';
import { callSlack, slackErrorCode } from './slack-gateway';

/** Problems found at start that a person must fix in Slack; each line says what and how. */
export class StartupProblems extends Error {
  constructor(
    readonly lines: string[],
    options?: { cause?: unknown },
  ) {
    super(lines.join('\n'), options);
    this.name = 'StartupProblems';
  }
}

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * Checks once at start what would otherwise fail later, one click at a time: the token is valid, it was
 * granted every scope the manifest asks for (Slack sends the granted ones in `x-oauth-scopes`, which the
 * WebClient puts in `response_metadata.scopes`), and the bot is a member of the staff channel (it posts
 * there and reads who is in it to know who is staff). Bolt is given the identity, so it doesn't call
 * auth.test again.
 */
export async function checkSlackSetup(client: WebClient, adminChannelId: string): Promise<BotIdentity> {
  const identity = await authenticate(client);
  const missing = missingScopes(identity.scopes);
  if (missing.length > 0) {
    throw new StartupProblems(
      missing.map(
        ({ scope, reason }) =>
          `The bot token lacks the scope ${scope} (needed for ${reason}): add it under "OAuth & Permissions" → Bot Token Scopes (or update the app from manifest.yml) and reinstall the app.`,
      ),
    );
  }
  await checkStaffChannel(client, adminChannelId);
  return { botId: identity.botId, botUserId: identity.botUserId };
}

async function authenticate(client: WebClient): Promise<BotIdentity & { scopes: string[] }> {
  try {
    const answer = await callSlack('idempotent', () => client.auth.test());
    return {
      botId: answer.bot_id ?? '',
      botUserId: answer.user_id ?? '',
      scopes: answer.response_metadata?.scopes ?? [],
    };
  } catch (error) {
    const code = slackErrorCode(error);
    throw new StartupProblems(
      [
        code
          ? `Slack refused SLACK_BOT_TOKEN (${code}): check the bot token on the app's "OAuth & Permissions" page.`
          : `Slack could not be reached at SLACK_API_URL to check the bot token (${(error as Error).message}).`,
      ],
      { cause: error },
    );
  }
}

async function checkStaffChannel(client: WebClient, channelId: string): Promise<void> {
  const invite = `invite the bot to the staff channel (in the channel: /invite @ the bot's name) and start it again`;
  let isMember: boolean | undefined;
  try {
    const answer = await callSlack('idempotent', () => client.conversations.info({ channel: channelId }));
    isMember = answer.channel?.is_member;
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found') {
      // A private channel the bot is not in looks exactly like one that doesn't exist.
      throw new StartupProblems(
        [
          `Slack does not show the bot the staff channel ADMIN_CHANNEL_ID=${channelId}: check the id, and ${invite}.`,
        ],
        { cause: error },
      );
    }
    throw new StartupProblems(
      [
        `Could not check the staff channel ADMIN_CHANNEL_ID=${channelId} (${code ?? (error as Error).message}).`,
      ],
      { cause: error },
    );
  }
  if (isMember !== true) {
    throw new StartupProblems([
      `The bot is not a member of the staff channel ADMIN_CHANNEL_ID=${channelId}: ${invite}.`,
    ]);
  }
}
