import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { AppConfig } from '../config';
import { slackLoggerFrom, type AppLogger } from '../logger';

/**
 * Slack answers in well under a second; a call still unanswered after this is abandoned (or retried). Short
 * enough that a person waiting on a modal submission still gets an answer within Slack's 3 s.
 */
const SLACK_CALL_TIMEOUT_MS = 2000;
/** A scheduled prompt has no one waiting on it: it may take longer (the dispatcher's lease allows for it). */
const PROMPT_CALL_TIMEOUT_MS = 10_000;

/**
 * Every Web API client the bot uses, each with its own rate-limit queue. None retries by itself: WebClient
 * would repeat a chat.postMessage after a 5xx or a timeout, when the message may have been posted; the
 * gateway retries only what is safe to repeat (`callSlack` in slack/slack-gateway.ts).
 */
export interface SlackClients {
  /** Bolt's client (the `client` listeners are given): its options, since Bolt builds it. */
  readonly interactive: Readonly<WebClientOptions>;
  /** The services' client (notices, staff cards, App Home), also the one the start-up checks use. */
  readonly services: WebClient;
  /** The scheduled prompts' client. */
  readonly prompts: WebClient;
}

/** Where the clients reach Slack: the bot token and the Web API's URL (the emulator's in tests). */
export type SlackClientConfig = { readonly slack: Pick<AppConfig['slack'], 'botToken' | 'apiUrl'> };

export function createSlackClients(config: SlackClientConfig, logger: AppLogger): SlackClients {
  const { botToken, apiUrl } = config.slack;
  return {
    interactive: {
      slackApiUrl: apiUrl,
      logger: slackLoggerFrom(logger, 'web-api'),
      // Interactive calls (opening a modal, an ephemeral answer) are worth little after a few seconds, and a
      // trigger expires after 3 s: fail fast and tell the person rather than wait out a rate limit. No
      // automatic retries: WebClient would repeat a chat.postEphemeral after a 5xx or a timeout, when it may
      // have been shown already.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: SLACK_CALL_TIMEOUT_MS,
    },
    // Services call Slack through their own client, so they never share a rate-limit queue with Bolt's.
    // It never retries by itself (WebClient would repeat a chat.postMessage after a 5xx or a timeout, when
    // the message may have been posted): the gateway retries only what is safe to repeat (`callSlack`).
    services: new WebClient(botToken, {
      slackApiUrl: apiUrl,
      logger: slackLoggerFrom(logger, 'web-api'),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: SLACK_CALL_TIMEOUT_MS,
    }),
    // Scheduled prompts go through a third client: its rate limits are its own, and on a 429 it hands
    // Retry-After back to the dispatcher instead of waiting, so a busy schedule never holds up anything.
    prompts: new WebClient(botToken, {
      slackApiUrl: apiUrl,
      logger: slackLoggerFrom(logger, 'prompts'),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: PROMPT_CALL_TIMEOUT_MS,
    }),
  };
}
