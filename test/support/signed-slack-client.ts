import { createHmac, randomBytes } from 'node:crypto';
import { checkHttpAnswer, type SlackRequestKind } from './http-answer-rules';
import { makeResponseUrlId, makeTriggerId, type RespondedMessage } from './slack-emulator';
import { EVENT_SCOPES, manifestBotEvents, manifestBotScopes } from './slack-scopes';

/** What the app answered over HTTP. `json` is the parsed body when it was JSON (command and modal answers). */
export interface SlackHttpAnswer {
  status: number;
  text: string;
  json: Record<string, unknown> | undefined;
  /** The Content-Type header of the answer (null when none). */
  contentType: string | null;
  /** Milliseconds from sending the request to the end of its HTTP answer. */
  ms: number;
}

/**
 * A slash command's answer as the person sees it. The app may answer in the acknowledgement itself or, after
 * an empty acknowledgement, through the command's response_url: `json` is that answer either way (the
 * acknowledgement's JSON, else the first message posted to this command's response_url), `ack` the HTTP
 * answer exactly as Slack received it.
 */
export interface CommandAnswer extends SlackHttpAnswer {
  readonly ack: SlackHttpAnswer;
  /** Where `json` came from; `none` when the app answered with nothing but a modal, or not (yet) at all. */
  readonly answeredBy: 'ack' | 'response_url' | 'none';
}

/** Where the client learns what the app posted to response_urls, and when the app's acknowledged work is done. */
export interface AnswerSource {
  responses(): RespondedMessage[];
  /** Resolves once the work the app acknowledged so far has finished; without it the client waits up to 3 s. */
  settled?: () => Promise<unknown>;
  /** Hands Slack (the emulator) the app's answer to a submission, which Slack applies to the view. */
  /** Returns the hash Slack gave the view, or undefined when the view had already changed. */
  submissionAnswered?: (
    viewId: string,
    hash: unknown,
    answer: Record<string, unknown> | undefined,
  ) => string | undefined;
  /** The view with this id as Slack shows it now. */
  viewNow?: (viewId: string) => { hash: string; view: Record<string, unknown> } | undefined;
}

/**
 * A modal submission's answer as the person sees it once the app's acknowledged work is done: the
 * acknowledgement's JSON, or, when the acknowledgement replaced the modal and the app then updated that view
 * (views.update), `{ response_action: 'update', view }` with the view as it stands. `ack` is the HTTP answer
 * exactly as Slack received it.
 */
export interface SubmissionAnswer extends SlackHttpAnswer {
  readonly ack: SlackHttpAnswer;
}

/** How long Slack keeps showing "working" before a command's late answer is of no use to the person. */
const ANSWER_WAIT_MS = 3000;
const SETTLE_WAIT_MS = 15_000;

export interface Actor {
  userId: string;
  channelId?: string;
}

export interface ViewState {
  [blockId: string]: { [actionId: string]: Record<string, unknown> };
}

/**
 * Sends requests to the running app exactly as Slack does: the same body formats, headers, and the
 * `v0` HMAC-SHA256 signature over `v0:{timestamp}:{raw body}`.
 *
 * Every answer to a command, interaction or event is checked as Slack checks it (see http-answer-rules.ts);
 * problems go to `violations` (give it the emulator's, as startTestBot does) as `http answer: ...` lines.
 * `post()` sends raw bodies and checks nothing (for requests Slack would never send).
 */
export class SignedSlackClient {
  constructor(
    private readonly baseUrl: string,
    private readonly signingSecret: string,
    private readonly slack: { teamId: string; appId: string; responseUrlBase: string },
    private readonly violations: string[] = [],
    private readonly answers?: AnswerSource,
  ) {}

  /**
   * A slash command, form-encoded like Slack's. Resolves with the answer the person sees (see CommandAnswer):
   * after an empty acknowledgement, once the app has posted to the command's response_url or finished the
   * work it acknowledged.
   */
  async command(command: string, text: string, actor: Actor): Promise<CommandAnswer> {
    const responseUrl = this.responseUrl();
    const body = new URLSearchParams({
      token: 'verification-token-unused',
      team_id: this.slack.teamId,
      team_domain: 'alumni',
      channel_id: actor.channelId ?? 'CGENERAL',
      channel_name: 'general',
      user_id: actor.userId,
      user_name: actor.userId.toLowerCase(),
      command,
      text,
      api_app_id: this.slack.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: makeTriggerId(),
    }).toString();
    const ack = await this.checked(
      'command',
      `${command} ${text}`.trim(),
      this.post(body, 'application/x-www-form-urlencoded'),
    );
    if (ack.status !== 200 || ack.text !== '') {
      return { ...ack, ack, answeredBy: ack.status === 200 ? 'ack' : 'none' };
    }
    const responded = await this.firstResponseTo(responseUrl.slice(this.slack.responseUrlBase.length));
    return responded
      ? { ...ack, json: responded.body, ack, answeredBy: 'response_url' }
      : { ...ack, ack, answeredBy: 'none' };
  }

  /** The first message the app posted to this response_url, waiting for it until the app's work is done. */
  private async firstResponseTo(urlId: string): Promise<RespondedMessage | undefined> {
    const answers = this.answers;
    if (!answers) return undefined;
    const find = () => answers.responses().find((response) => response.urlId === urlId);
    let done = false;
    const finished = (
      answers.settled?.() ?? new Promise((resolve) => setTimeout(resolve, ANSWER_WAIT_MS))
    ).then(() => {
      done = true;
    });
    // settled() may itself wait on a hung Slack call (a client timeout and its retries); never forever.
    const deadline = Date.now() + (answers.settled ? SETTLE_WAIT_MS : ANSWER_WAIT_MS);
    while (!done && Date.now() < deadline) {
      const found = find();
      if (found) return found;
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 5))]);
    }
    return find();
  }

  /** A button click (or other block action) in a message or a view. */
  blockAction(
    actor: Actor,
    action: { actionId: string; blockId?: string; value?: string; selectedOption?: string },
    where: { message?: { channel: string; ts: string }; view?: Record<string, unknown> } = {},
  ): Promise<SlackHttpAnswer> {
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      user: { id: actor.userId, username: actor.userId.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: this.slack.appId,
      token: 'verification-token-unused',
      trigger_id: makeTriggerId(),
      team: { id: this.slack.teamId, domain: 'alumni' },
      is_enterprise_install: false,
      actions: [
        {
          type: action.selectedOption ? 'static_select' : 'button',
          action_id: action.actionId,
          block_id: action.blockId ?? 'block',
          ...(action.value !== undefined ? { value: action.value } : {}),
          ...(action.selectedOption
            ? { selected_option: { value: action.selectedOption, text: { type: 'plain_text', text: 'x' } } }
            : {}),
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    if (where.message) {
      payload.container = {
        type: 'message',
        message_ts: where.message.ts,
        channel_id: where.message.channel,
      };
      payload.channel = { id: where.message.channel, name: 'dm' };
      payload.message = { ts: where.message.ts, type: 'message' };
      payload.response_url = this.responseUrl();
    }
    if (where.view) {
      payload.container = { type: 'view', view_id: where.view.id };
      payload.view = where.view;
    }
    return this.checked('block_actions', action.actionId, this.postPayload(payload));
  }

  /**
   * Submitting a modal: the view as Slack holds it, with what the person entered in `state.values`. Resolves
   * with the acknowledgement (how the modal answers) once the work the app did after it (saving, telling the
   * person) is done, as a person who submits and then acts again would find it.
   */
  async viewSubmission(
    actor: Actor,
    view: Record<string, unknown>,
    values: ViewState,
  ): Promise<SubmissionAnswer> {
    const sent = this.postPayload({
      type: 'view_submission',
      team: { id: this.slack.teamId, domain: 'alumni' },
      user: { id: actor.userId, username: actor.userId.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: this.slack.appId,
      token: 'verification-token-unused',
      trigger_id: makeTriggerId(),
      view: { team_id: this.slack.teamId, app_id: this.slack.appId, ...view, state: { values } },
      response_urls: [],
      is_enterprise_install: false,
    });
    const ack = await this.checked('view_submission', String(view.callback_id ?? ''), sent, view);
    const viewId = typeof view.id === 'string' ? view.id : '';
    const replaced = ack.status === 200 && ack.json?.response_action === 'update';
    const applied = replaced ? this.answers?.submissionAnswered?.(viewId, view.hash, ack.json) : undefined;
    await this.answers?.settled?.();
    const now = replaced ? this.answers?.viewNow?.(viewId) : undefined;
    // The app updated the view after its acknowledgement (before it, if Slack applied nothing): that is shown.
    const updatedSince = now && now.hash !== (applied ?? view.hash);
    if (now && updatedSince) return { ...ack, json: { response_action: 'update', view: now.view }, ack };
    return { ...ack, ack };
  }

  /** Closing a modal whose view asked for `notify_on_close`. */
  viewClosed(actor: Actor, view: Record<string, unknown>): Promise<SlackHttpAnswer> {
    const sent = this.postPayload({
      type: 'view_closed',
      team: { id: this.slack.teamId, domain: 'alumni' },
      user: { id: actor.userId, username: actor.userId.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: this.slack.appId,
      token: 'verification-token-unused',
      view: { team_id: this.slack.teamId, app_id: this.slack.appId, ...view },
      is_cleared: false,
      is_enterprise_install: false,
    });
    return this.checked('view_closed', String(view.callback_id ?? ''), sent);
  }

  /** A global shortcut (`type: 'shortcut'`) or, with `message`, a message shortcut. */
  shortcut(
    actor: Actor,
    callbackId: string,
    message?: { channel: string; ts: string },
  ): Promise<SlackHttpAnswer> {
    const payload: Record<string, unknown> = {
      type: message ? 'message_action' : 'shortcut',
      callback_id: callbackId,
      trigger_id: makeTriggerId(),
      action_ts: `${Date.now() / 1000}`,
      team: { id: this.slack.teamId, domain: 'alumni' },
      user: { id: actor.userId, username: actor.userId.toLowerCase(), team_id: this.slack.teamId },
      api_app_id: this.slack.appId,
      token: 'verification-token-unused',
      is_enterprise_install: false,
    };
    if (message) {
      payload.channel = { id: message.channel, name: 'dm' };
      payload.message = { ts: message.ts, type: 'message' };
      payload.message_ts = message.ts;
      payload.response_url = this.responseUrl();
    }
    return this.checked('shortcut', callbackId, this.postPayload(payload));
  }

  /** An Events API delivery (JSON), as Slack wraps it in an `event_callback`. */
  event(
    event: Record<string, unknown>,
    options: { eventId?: string; retryNum?: number } = {},
  ): Promise<SlackHttpAnswer> {
    const body = JSON.stringify({
      token: 'verification-token-unused',
      team_id: this.slack.teamId,
      api_app_id: this.slack.appId,
      event,
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
    });
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const type = String(event.type ?? '');
    // Slack delivers only the events the app subscribes to, and only with the scope each one needs.
    if (!manifestBotEvents().includes(type))
      this.violations.push(`event ${type}: not in manifest.yml's bot_events, so Slack would never send it`);
    const scope = EVENT_SCOPES[type];
    if (scope !== undefined && !manifestBotScopes().includes(scope))
      this.violations.push(`event ${type}: needs the ${scope} scope, which manifest.yml does not ask for`);
    return this.checked('event', type, this.post(body, 'application/json', { headers }));
  }

  /** Posts a raw body; `timestamp` and `signature` override the honest ones (for signature tests). */
  async post(
    body: string,
    contentType: string,
    overrides: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
  ): Promise<SlackHttpAnswer> {
    const timestamp = overrides.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = overrides.signature ?? signSlackRequest(this.signingSecret, timestamp, body);
    const sentAt = Date.now();
    const response = await fetch(`${this.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...overrides.headers,
      },
      body,
    });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    const ms = Date.now() - sentAt;
    return { status: response.status, text, json, contentType: response.headers.get('content-type'), ms };
  }

  /** Records what Slack would object to in the app's answer; returns the answer unchanged. */
  private async checked(
    kind: SlackRequestKind,
    what: string,
    sent: Promise<SlackHttpAnswer>,
    submittedView?: Record<string, unknown>,
  ): Promise<SlackHttpAnswer> {
    const answer = await sent;
    for (const problem of checkHttpAnswer(kind, answer, submittedView)) {
      this.violations.push(`http answer: ${kind}${what === '' ? '' : ` ${what}`}: ${problem}`);
    }
    return answer;
  }

  private postPayload(payload: Record<string, unknown>): Promise<SlackHttpAnswer> {
    return this.post(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  private responseUrl(): string {
    return `${this.slack.responseUrlBase}${makeResponseUrlId()}`;
  }
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function signSlackRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}
