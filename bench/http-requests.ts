import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signSlackRequest } from '../test/support/signed-slack-client';
import { makeResponseUrlId, makeTriggerId } from '../test/support/slack-emulator';

/**
 * Signed requests as Slack sends them (the bodies of test/support/signed-slack-client.ts), each with the
 * handles its answer can be recognised by at the emulator: the response_url it carries, its trigger_id, and
 * who sent it.
 */

export const TEAM_ID = 'T0BENCH';
const APP_ID = 'A0BENCH';

export interface BenchRequest {
  body: string;
  contentType: string;
  /** The emulator events that count as the person seeing the answer (see bench/http.ts). */
  signals: string[];
}

export interface SentAnswer {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
  /** performance.now() when the whole answer had arrived. */
  at: number;
}

export function commandRequest(
  responseUrlBase: string,
  command: string,
  text: string,
  userId: string,
): BenchRequest {
  // Shaped as Slack issues them: the emulator refuses a response_url Slack could not have issued.
  const urlId = makeResponseUrlId();
  const triggerId = makeTriggerId();
  const body = new URLSearchParams({
    token: 'verification-token-unused',
    team_id: TEAM_ID,
    team_domain: 'alumni',
    channel_id: 'CGENERAL',
    channel_name: 'general',
    user_id: userId,
    user_name: userId.toLowerCase(),
    command,
    text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: `${responseUrlBase}${urlId}`,
    trigger_id: triggerId,
  }).toString();
  return {
    body,
    contentType: 'application/x-www-form-urlencoded',
    signals: [`response:${urlId}`, `trigger:${triggerId}`, `ephemeral:${userId}`],
  };
}

export function viewSubmissionRequest(
  userId: string,
  view: Record<string, unknown>,
  values: Record<string, unknown>,
): BenchRequest {
  const payload = {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'alumni' },
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'verification-token-unused',
    trigger_id: makeTriggerId(),
    view: { team_id: TEAM_ID, app_id: APP_ID, ...view, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    // A submission is answered in its HTTP answer (the modal closes or shows its errors), or, when that
    // answer is a "saving…" view, by the views.update that replaces it.
    signals: typeof view.id === 'string' ? [`view:${view.id}`] : [],
  };
}

export function homeOpenedRequest(userId: string): BenchRequest {
  const body = JSON.stringify({
    token: 'verification-token-unused',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event: {
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId.slice(1)}`,
      tab: 'home',
      event_ts: `${Date.now() / 1000}`,
    },
    type: 'event_callback',
    event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  return { body, contentType: 'application/json', signals: [`home:${userId}`] };
}

/** Sends one signed request to `/slack/events` at `baseUrl`. */
export async function send(baseUrl: string, secret: string, request: BenchRequest): Promise<SentAnswer> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': request.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(secret, timestamp, request.body),
    },
    body: request.body,
  });
  const text = await response.text();
  const at = performance.now();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, at };
}
