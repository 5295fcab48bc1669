/**
 * A local stand-in for Slack's Web API, for tests. Point a WebClient (or Bolt's `clientOptions.slackApiUrl`)
 * at `emulator.apiUrl`; the emulator answers the methods this app uses with Slack's response shapes and error
 * codes, checks arguments and Block Kit limits the way Slack does, and records every call and what was posted.
 *
 * Every call needs a scope the token was granted (`scopes`, by default what `manifest.yml` asks for), checked
 * against Slack's per-method table in `web-api-method-scopes.json`; a missing one answers `missing_scope` as Slack
 * does and is recorded in `violations`. Every authenticated answer carries `x-oauth-scopes`.
 *
 * Only Node's `http` module: no framework, no network beyond 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { checkMessageBlocks, checkView } from './block-kit-rules';
import { acceptedScopes, isKnownMethod, manifestBotScopes } from './slack-scopes';

export interface SlackUser {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  deleted?: boolean;
  is_bot?: boolean;
  email?: string;
  title?: string;
}

export interface EmulatorCall {
  method: string;
  /** Parsed arguments (JSON-valued form fields such as `blocks` and `view` decoded); never the token. */
  args: Record<string, unknown>;
  /** Date.now() when the emulator handled the call (after any `delay()`). */
  at: number;
  /** The JSON body answered. HTTP failures also carry `http_status` (and `retry_after` for 429). */
  response: Record<string, unknown>;
}

/** Message metadata as chat.postMessage takes it and conversations.history returns it. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  /** chat.postMessage / chat.update `metadata`: never shown to people, returned by conversations.history. */
  metadata?: MessageMetadata;
  /** For ephemeral messages: the recipient. */
  user?: string;
  thread_ts?: string;
  ephemeral: boolean;
}

export interface OpenedView {
  id: string;
  hash: string;
  /** The view as Slack would return it (with id, hash, state, ...). */
  view: Record<string, unknown>;
  /** The Home tab's owner; undefined for modals (views.open does not say who the modal is for). */
  user?: string;
  kind: 'modal' | 'home';
  external_id?: string;
}

/** A conversation's kind, which decides the scope its conversations.* methods need. */
export type ChannelType = 'public' | 'private' | 'im' | 'mpim';

export interface EmulatorOptions {
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** The scopes the bot token was granted; by default the bot scopes `manifest.yml` requests. */
  scopes?: string[];
}

/**
 * A failure `injectFailure()` makes Slack answer with. By default Slack fails before doing anything; with
 * `handled: true` it does the work (the message is posted, the view published) and then the answer fails,
 * as when Slack's edge times out or errs after the backend acted ("it's possible some aspect of the
 * operation succeeded"). `hang` never answers: the client's timeout is all that ends the call.
 */
export type InjectedFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 | 504; handled?: boolean }
  | { error: string; handled?: boolean }
  | { hang: true; handled?: boolean };

/** A message an app sent to an interaction's `response_url` (Bolt's `respond()`). */
export interface RespondedMessage {
  /** The path after `/response/`, i.e. which response_url was used. */
  urlId: string;
  body: Record<string, unknown>;
  /** Only the person who acted sees it: Slack's default, unless the body says `response_type: 'in_channel'`. */
  ephemeral: boolean;
  at: number;
}

/** What `onActivity` listeners hear: a Web API call as answered, or a message accepted at a response_url. */
export type EmulatorActivity =
  { kind: 'call'; call: EmulatorCall } | { kind: 'response'; response: RespondedMessage };

export interface EmulatedUpload {
  fileId: string;
  filename: string;
  title?: string;
  channel?: string;
  content: Buffer;
  completed: boolean;
  initialComment?: string;
}

type Args = Record<string, unknown>;
type Reply = Record<string, unknown>;
type Handler = (args: Args, method: string) => Reply;

/** Thrown by a handler to answer `{ok: false, error, response_metadata?}`. */
class SlackFailure extends Error {
  constructor(
    readonly error: string,
    readonly messages: string[] = [],
  ) {
    super(error);
  }
}

/** Form fields that carry JSON (the WebClient JSON-encodes every non-scalar argument). */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

const TRIGGER_LIFETIME_MS = 3000;
const MAX_TEXT = 40_000;
const APP_ID = 'A0EMULATED';
/** conversations.history: `limit` defaults to 100 and Slack returns at most 999 messages a page. */
const HISTORY_DEFAULT_LIMIT = 100;
const HISTORY_MAX_LIMIT = 999;
/** Slack: an event_type has letters, digits, underscores and hyphens only. */
const EVENT_TYPE_PATTERN = /^[A-Za-z0-9_-]+$/;
const MAX_MPIM_USERS = 8;
const MAX_VIEW_STACK = 3;
/** Slack: a response_url takes at most 5 posts, within 30 minutes of the interaction. */
const MAX_RESPONSE_URL_USES = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
/**
 * files.getUploadURLExternal's upload_url takes one upload, soon after it was issued. Slack does not publish
 * the lifetime; the emulator holds it to 10 minutes so a bot that asks for URLs long before uploading fails.
 */
const UPLOAD_URL_LIFETIME_MS = 10 * 60 * 1000;
const DEFAULT_TZ = 'America/Los_Angeles'; // what Slack shows for a member who never set a time zone

/**
 * Methods whose scope depends on the conversation: a public channel needs the `channels:` scope, a private one
 * `groups:`, a DM `im:` and a group DM `mpim:` (conversations.open: `im:write` for one person, `mpim:write` for
 * several).
 */
const CONVERSATION_SCOPED = new Set([
  'conversations.members',
  'conversations.info',
  'conversations.history',
  'conversations.open',
]);
const SCOPE_PREFIX: Record<ChannelType, string> = {
  public: 'channels',
  private: 'groups',
  im: 'im',
  mpim: 'mpim',
};

const TRIGGER_PATTERN = /^(\d+)\.(\d+)\.([0-9a-f]+)$/;
let triggerCounter = 0;

/**
 * A trigger_id as Slack puts in interaction payloads, which the emulator accepts in views.open/views.push.
 * Slack honours a trigger for 3 s after it was issued, and once. Use `makeTriggerId()` in signed test requests;
 * pass an older `issuedAtMs` to get an expired one.
 */
export function makeTriggerId(issuedAtMs: number = Date.now()): string {
  triggerCounter += 1;
  return `${Math.floor(issuedAtMs)}.${triggerCounter}.${randomBytes(8).toString('hex')}`;
}

const RESPONSE_URL_PATTERN = /^(\d+)\.(\d+)\.([0-9a-f]+)$/;
let responseUrlCounter = 0;

/**
 * The id of a response_url as Slack puts one in a command or interaction payload (`${emulator base}/response/`
 * + this). Slack honours it for 30 minutes after the interaction and for 5 posts; the emulator refuses an id
 * it could not have issued. Pass an older `issuedAtMs` to get an expired one.
 */
export function makeResponseUrlId(issuedAtMs: number = Date.now()): string {
  responseUrlCounter += 1;
  return `${Math.floor(issuedAtMs)}.${responseUrlCounter}.${randomBytes(6).toString('hex')}`;
}

export class SlackEmulator {
  readonly apiUrl: string;
  readonly botToken: string;
  /** The app-level token (xapp-) apps.connections.open accepts. */
  readonly appToken = 'xapp-1-A0TEST-1-emulated';
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: EmulatorCall[] = [];
  readonly violations: string[] = [];
  /** The scopes the bot token holds, in the order given (also sent as `x-oauth-scopes`). */
  readonly grantedScopes: readonly string[];

  private readonly baseUrl: string;
  private readonly users = new Map<string, SlackUser>();
  /** Members of every conversation we know of (setChannelMembers and conversations.open). */
  private readonly members = new Map<string, string[]>();
  /** Each known conversation's kind (setChannelMembers: public or private; conversations.open: im or mpim). */
  private readonly channelTypes = new Map<string, ChannelType>();
  /** conversations.open: sorted user ids -> channel id, so the same people always get the same DM. */
  private readonly dmByUsers = new Map<string, string>();
  private readonly posted: PostedMessage[] = [];
  private readonly openedViews = new Map<string, OpenedView>();
  /** Modal stacks by root view id; `views.push` goes onto the stack of the most recently opened modal. */
  private readonly stacks = new Map<string, string[]>();
  private currentRoot: string | undefined;
  private readonly usedTriggers = new Set<string>();
  private readonly responseUses = new Map<string, number>();
  private readonly files = new Map<
    string,
    EmulatedUpload & {
      length: number;
      uploaded: boolean;
      urlSecret: string;
      issuedAt: number;
      urlUsed: boolean;
    }
  >();
  private readonly injections = new Map<string, { value: InjectedFailure; remaining: number }[]>();
  private readonly delays = new Map<string, { value: number; remaining: number }[]>();
  private readonly responded: RespondedMessage[] = [];
  private readonly rateLimits = new Map<string, { perMinute: number; hits: number[] }>();
  private readonly activityListeners = new Set<(activity: EmulatorActivity) => void>();
  private lastTsMicros = 0;
  private sequence = 0;
  private readonly handlers: Record<string, Handler>;
  /** The websocket apps.connections.open hands out (Socket Mode); unset, the emulator's own 404. */
  private socketModeUrl: string | undefined;

  private constructor(
    private readonly server: http.Server,
    port: number,
    options: EmulatorOptions,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.teamId = options.teamId ?? 'T0EMULATED';
    this.botUserId = options.botUserId ?? 'UBOT';
    this.botId = options.botId ?? 'BBOT';
    this.grantedScopes = Object.freeze([...(options.scopes ?? manifestBotScopes())]);
    this.users.set(this.botUserId, { id: this.botUserId, name: 'mentoring-bot', is_bot: true });
    this.handlers = {
      'auth.test': () => this.authTest(),
      'chat.postMessage': (args, method) => this.postMessage(args, method),
      'chat.postEphemeral': (args, method) => this.postEphemeral(args, method),
      'chat.update': (args, method) => this.updateMessage(args, method),
      'conversations.open': (args, method) => this.openConversation(args, method),
      'conversations.members': (args) => this.conversationMembers(args),
      'conversations.info': (args) => this.conversationInfo(args),
      'conversations.history': (args, method) => this.conversationHistory(args, method),
      'users.info': (args) => this.userInfo(args),
      'users.lookupByEmail': (args) => this.lookupByEmail(args),
      'users.list': () => this.listUsers(),
      'views.open': (args, method) => this.openView(args, method, false),
      'views.push': (args, method) => this.openView(args, method, true),
      'views.update': (args, method) => this.updateView(args, method),
      'views.publish': (args, method) => this.publishView(args, method),
      'files.getUploadURLExternal': (args, method) => this.getUploadUrl(args, method),
      'files.completeUploadExternal': (args, method) => this.completeUpload(args, method),
    };
    for (const method of Object.keys(this.handlers)) {
      if (!isKnownMethod(method))
        throw new Error(`emulator: ${method} has no entry in web-api-method-scopes.json`);
    }
    server.on('request', (req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.violations.push(`emulator: internal error on ${req.url}: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('emulator error');
      });
    });
  }

  /** Starts an emulator on 127.0.0.1 at a free port. */
  static async start(options: EmulatorOptions = {}): Promise<SlackEmulator> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new SlackEmulator(server, (server.address() as AddressInfo).port, options);
  }

  async stop(): Promise<void> {
    // The WebClient's fetch keeps connections alive; close them or `close()` waits for their timeout.
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---- inspection and set-up ---------------------------------------------------------------------------

  callsTo(method: string): EmulatorCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** chat.postMessage and chat.postEphemeral, in order (chat.update edits them in place). */
  messages(channel?: string): PostedMessage[] {
    return this.posted.filter((message) => channel === undefined || message.channel === channel);
  }

  views(): OpenedView[] {
    return [...this.openedViews.values()];
  }

  /** The view with this id as Slack holds it now (after any update). */
  viewById(id: string): OpenedView | undefined {
    return this.openedViews.get(id);
  }

  /**
   * What the app answered a view_submission with, as Slack applies it: `response_action: 'update'` replaces
   * the submitted modal in place (same id, a new hash the app is never told). An answer that arrives after
   * the view already changed (the app's own views.update came first) is not applied over it. Returns the
   * hash it gave the view, or undefined when it applied nothing.
   */
  submissionAnswered(
    viewId: string,
    submittedHash: unknown,
    answer: Record<string, unknown> | undefined,
  ): string | undefined {
    const existing = this.openedViews.get(viewId);
    if (!existing || existing.kind !== 'modal' || answer?.response_action !== 'update') return undefined;
    if (typeof submittedHash === 'string' && submittedHash !== existing.hash) return undefined;
    const view = (answer.view ?? {}) as Record<string, unknown>;
    const previous = existing.view;
    existing.hash = this.newHash();
    existing.view = this.viewResponse(view, existing.id, existing.hash, {
      root: typeof previous.root_view_id === 'string' ? previous.root_view_id : existing.id,
      previous: typeof previous.previous_view_id === 'string' ? previous.previous_view_id : null,
    });
    return existing.hash;
  }

  homeOf(userId: string): OpenedView | undefined {
    return this.views().find((view) => view.kind === 'home' && view.user === userId);
  }

  uploads(): EmulatedUpload[] {
    return [...this.files.values()]
      .filter((file) => file.uploaded)
      .map(({ fileId, filename, title, channel, content, completed, initialComment }) => ({
        fileId,
        filename,
        title,
        channel,
        content,
        completed,
        initialComment,
      }));
  }

  addUser(user: SlackUser): void {
    this.users.set(user.id, { ...user });
  }

  /**
   * A member changes their profile (moves to another time zone, say): users.info answers the new profile
   * from now on, and the `user_change` event Slack sends then is returned, carrying the whole user as
   * users.info shows it, for the test to deliver (`SignedSlackClient.event`, which checks the app
   * subscribes to it).
   */
  changeUser(id: string, changes: Partial<Omit<SlackUser, 'id'>>): Record<string, unknown> {
    const user = this.users.get(id);
    if (user === undefined) throw new Error(`changeUser: no user ${id}`);
    const changed = { ...user, ...changes };
    this.users.set(id, changed);
    const now = Date.now() / 1000;
    return {
      type: 'user_change',
      user: formatUser(changed, this.grantedScopes.includes('users:read.email')),
      cache_ts: Math.floor(now),
      event_ts: now.toFixed(6),
    };
  }

  /**
   * A channel and its members (include `botUserId` when the bot has been invited). Public unless `private`;
   * Slack hides a private channel from a bot that is not in it (`channel_not_found`).
   */
  setChannelMembers(channel: string, members: string[], options: { private?: boolean } = {}): void {
    this.members.set(channel, [...members]);
    this.channelTypes.set(channel, options.private === true ? 'private' : 'public');
  }

  /** The next `times` calls to `method` fail this way (before rate limits, auth and argument checks). */
  injectFailure(method: string, failure: InjectedFailure, times = 1): void {
    enqueue(this.injections, method, failure, times);
  }

  /** Slack is back for `method`: the failures still queued for it are dropped. */
  stopFailing(method: string): void {
    this.injections.delete(method);
  }

  /**
   * The next `times` calls to `method` (or `'response_url'`) wait `ms` before the emulator handles them, like a
   * slow Slack. A call whose client hangs up meanwhile is dropped (not handled, not recorded).
   */
  delay(method: string, ms: number, times = 1): void {
    enqueue(this.delays, method, ms, times);
  }

  /** Messages posted to response_urls under `${apiUrl without api/}response/...`, in order. */
  responses(): RespondedMessage[] {
    return [...this.responded];
  }

  /** The websocket URL apps.connections.open answers (a local server, or a port nothing listens on). */
  setSocketModeUrl(url: string): void {
    this.socketModeUrl = url;
  }

  /** More than `perMinute` calls to `method` within any 60 s window answer 429 with Retry-After. */
  setRateLimit(method: string, perMinute: number): void {
    this.rateLimits.set(method, { perMinute, hits: [] });
  }

  /**
   * Tells `listener` of each call as it is answered and each response_url message as it is accepted (what
   * a person would see, the moment Slack has it); returns the function that stops telling it.
   */
  onActivity(listener: (activity: EmulatorActivity) => void): () => void {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  /**
   * Forgets the calls and response_url messages recorded so far, keeping everything Slack itself would
   * keep (messages, views, conversations): for long runs whose history no one reads.
   */
  forgetHistory(): void {
    this.calls.length = 0;
    this.responded.length = 0;
  }

  /**
   * Forgets calls, violations, messages, responses, views, uploads, injections, delays and rate limits;
   * keeps users and conversations with their members.
   */
  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.posted.length = 0;
    this.openedViews.clear();
    this.stacks.clear();
    this.currentRoot = undefined;
    this.usedTriggers.clear();
    this.files.clear();
    this.injections.clear();
    this.delays.clear();
    this.rateLimits.clear();
    this.responded.length = 0;
    this.responseUses.clear();
  }

  // ---- HTTP ---------------------------------------------------------------------------------------------

  private tell(activity: EmulatorActivity): void {
    for (const listener of this.activityListeners) listener(activity);
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    if (url.pathname.startsWith('/upload/')) {
      return this.receiveUpload(url.pathname.slice('/upload/'.length), req, body, res);
    }
    if (url.pathname.startsWith('/response/')) {
      if (!(await this.waitIfDelayed('response_url', res))) return;
      return this.receiveResponse(url.pathname.slice('/response/'.length), body, res);
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    if (!(await this.waitIfDelayed(method, res))) return;
    let parsed: { args: Args; token: string | undefined } | undefined;
    try {
      parsed = parseRequest(req, body, url.searchParams);
    } catch {
      parsed = undefined; // a JSON body that does not parse
    }
    const { args, token } = parsed ?? { args: {}, token: undefined };
    const at = Date.now();
    const answer = (
      response: Reply,
      status = 200,
      headers: Record<string, string> = {},
      record: Reply = response,
    ) => {
      const call = { method, args, at, response: record };
      this.calls.push(call);
      this.tell({ kind: 'call', call });
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(response));
    };

    const injected = take(this.injections, method);
    const fail = (failure: InjectedFailure, handled: boolean) => {
      if ('hang' in failure) {
        // No answer: the call is recorded and the socket left open until the client gives up.
        this.calls.push({ method, args, at, response: { hung: true, handled } });
        return;
      }
      if ('error' in failure)
        return answer(
          { ok: false, error: failure.error },
          200,
          {},
          {
            ok: false,
            error: failure.error,
            handled,
          },
        );
      if (failure.status === 429) return this.answerRateLimited(answer, failure.retryAfter);
      const response = { ok: false, error: `http_${failure.status}` };
      return answer(response, failure.status, {}, { ...response, http_status: failure.status, handled });
    };
    const handledFailure =
      injected !== undefined && 'handled' in injected && injected.handled ? injected : undefined;
    if (injected !== undefined && handledFailure === undefined) return fail(injected, false);

    const retryAfter = this.checkRateLimit(method, at);
    if (retryAfter !== undefined) return this.answerRateLimited(answer, retryAfter);

    if (method === 'apps.connections.open') return answer(this.openSocketConnection(token));
    const handler = this.handlers[method];
    if (handler === undefined) return answer({ ok: false, error: 'unknown_method' });
    if (parsed === undefined) {
      this.violations.push(`${method}: the JSON body does not parse`);
      return answer({ ok: false, error: 'invalid_json' });
    }
    if (token === undefined || token === '') return answer({ ok: false, error: 'not_authed' });
    if (token !== this.botToken) return answer({ ok: false, error: 'invalid_auth' });

    // Slack checks the token's scopes before the arguments, and says which scopes it has in every answer.
    const provided = this.grantedScopes.join(',');
    const scopeHeaders = {
      'x-oauth-scopes': provided,
      'x-accepted-oauth-scopes': acceptedScopes(method).join(','),
    };
    const needed = this.neededScopes(method, args);
    if (needed.length > 0 && !needed.some((scope) => this.grantedScopes.includes(scope))) {
      this.violations.push(
        `${method}: missing_scope (needed ${needed.join(',')}; the token has ${provided || 'no scopes'})`,
      );
      return answer(
        { ok: false, error: 'missing_scope', needed: needed.join(','), provided },
        200,
        scopeHeaders,
      );
    }

    try {
      const reply = { ok: true, ...handler(args, method) };
      if (handledFailure !== undefined) return fail(handledFailure, true);
      answer(reply, 200, scopeHeaders);
    } catch (error) {
      if (!(error instanceof SlackFailure)) throw error;
      if (handledFailure !== undefined) return fail(handledFailure, false);
      const response: Reply = { ok: false, error: error.error };
      if (error.messages.length > 0) response.response_metadata = { messages: error.messages };
      answer(response, 200, scopeHeaders);
    }
  }

  private answerRateLimited(
    answer: (response: Reply, status: number, headers: Record<string, string>, record: Reply) => void,
    retryAfter: number,
  ): void {
    // Slack answers HTTP 429 with Retry-After in whole seconds; the WebClient waits that long and retries.
    const response = { ok: false, error: 'ratelimited' };
    answer(
      response,
      429,
      { 'Retry-After': String(retryAfter) },
      { ...response, http_status: 429, retry_after: retryAfter },
    );
  }

  /** The scopes that would let this call through (any one suffices); empty when the method needs none. */
  private neededScopes(method: string, args: Args): string[] {
    const accepted = acceptedScopes(method);
    const type = this.conversationTypeOf(method, args);
    if (type === undefined) return accepted;
    const forType = accepted.filter((scope) => scope.startsWith(`${SCOPE_PREFIX[type]}:`));
    return forType.length > 0 ? forType : accepted;
  }

  /**
   * The kind of conversation a conversation-scoped call is about; undefined when the call names none the bot
   * can see (then any of the method's scopes lets it through to `channel_not_found`).
   */
  private conversationTypeOf(method: string, args: Args): ChannelType | undefined {
    if (!CONVERSATION_SCOPED.has(method)) return undefined;
    if (method === 'conversations.open' && typeof args.users === 'string') {
      const people = new Set(
        args.users
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== '' && id !== this.botUserId),
      );
      if (people.size === 0) return undefined;
      return people.size === 1 ? 'im' : 'mpim';
    }
    return typeof args.channel === 'string' ? this.visibleType(args.channel) : undefined;
  }

  /** A conversation the emulator knows of: it has members (set or opened) or messages. */
  private isKnownChannel(channel: string): boolean {
    return this.members.has(channel) || this.posted.some((m) => m.channel === channel);
  }

  /** Channels known only from messages: DMs by their `D` prefix, others as public channels. */
  private typeOfChannel(channel: string): ChannelType {
    return this.channelTypes.get(channel) ?? (channel.startsWith('D') ? 'im' : 'public');
  }

  /** Whether the bot is in the conversation (assumed where the emulator doesn't know the members). */
  private botIsMember(channel: string): boolean {
    return this.members.get(channel)?.includes(this.botUserId) ?? true;
  }

  /** The conversation's kind as the bot sees it: undefined when unknown or private without the bot in it. */
  private visibleType(channel: string): ChannelType | undefined {
    if (!this.isKnownChannel(channel)) return undefined;
    const type = this.typeOfChannel(channel);
    if (type === 'private' && !this.botIsMember(channel)) return undefined;
    return type;
  }

  /**
   * chat.postMessage / chat.postEphemeral need the bot in the conversation: a private one it is not in does
   * not exist for it (`channel_not_found`); a public one answers `not_in_channel` unless the token has
   * `chat:write.public` (postMessage only). Checked where the emulator knows the members.
   */
  private assertBotCanPost(method: string, channel: string): void {
    if (this.botIsMember(channel)) return;
    const type = this.typeOfChannel(channel);
    if (
      type === 'public' &&
      method === 'chat.postMessage' &&
      this.grantedScopes.includes('chat:write.public')
    ) {
      return;
    }
    const error = type === 'public' ? 'not_in_channel' : 'channel_not_found';
    this.violations.push(`${method}: the bot is not a member of ${channel} (${error})`);
    throw new SlackFailure(error);
  }

  /** Applies a delay set with `delay()`; false when the client hung up meanwhile. */
  private async waitIfDelayed(method: string, res: http.ServerResponse): Promise<boolean> {
    const ms = take(this.delays, method);
    if (ms === undefined || ms <= 0) return true;
    let hungUp = false;
    const onClose = () => {
      if (!res.writableEnded) hungUp = true;
    };
    res.once('close', onClose);
    await new Promise((resolve) => setTimeout(resolve, ms));
    res.off('close', onClose);
    return !hungUp;
  }

  /** Returns Retry-After seconds when the call is over the limit; otherwise counts it. */
  private checkRateLimit(method: string, now: number): number | undefined {
    const limit = this.rateLimits.get(method);
    if (limit === undefined) return undefined;
    limit.hits = limit.hits.filter((hit) => hit > now - 60_000);
    const oldest = limit.hits[0];
    if (limit.hits.length >= limit.perMinute && oldest !== undefined) {
      return Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000));
    }
    limit.hits.push(now);
    return undefined;
  }

  /**
   * The upload_url files.getUploadURLExternal handed out: one POST of exactly `length` bytes (raw, or a
   * multipart form's file part), within its lifetime. Anything else is refused and listed in `violations`,
   * and the file is not uploaded (so files.completeUploadExternal then answers `file_not_found`).
   */
  private receiveUpload(
    path: string,
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): void {
    const [fileId = '', secret = ''] = path.split('/');
    const file = this.files.get(fileId);
    const refuse = (status: number, why?: string) => {
      if (why) this.violations.push(`upload ${fileId}: ${why}`);
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(why ?? 'unknown upload');
    };
    if (file === undefined || secret !== file.urlSecret) return refuse(404);
    if (req.method !== 'POST')
      return refuse(405, `${req.method ?? 'a request'} to the upload_url (POST only)`);
    if (file.urlUsed) return refuse(404, 'the upload_url was already used (one upload per URL)');
    file.urlUsed = true;
    const age = Date.now() - file.issuedAt;
    if (age > UPLOAD_URL_LIFETIME_MS)
      return refuse(404, `the upload_url was used ${Math.round(age / 1000)} s after it was issued (expired)`);
    // Slack takes raw bytes or a multipart form; the WebClient sends a form with one file field (`body`).
    const contentType = req.headers['content-type'] ?? '';
    let content = body;
    if (contentType.startsWith('multipart/form-data')) {
      const parts = parseMultipart(body, contentType);
      const part = parts.find((p) => p.filename !== undefined) ?? parts[0];
      content = part?.data ?? Buffer.alloc(0);
    }
    if (content.length !== file.length) {
      return refuse(
        400,
        `received ${content.length} bytes, files.getUploadURLExternal said length ${file.length}`,
      );
    }
    file.content = content;
    file.uploaded = true;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`OK - ${file.content.length}`);
  }

  /**
   * A response_url (Bolt's `respond()` posts JSON here). Slack checks the message like chat.postMessage,
   * accepts at most 5 posts per response_url and only within 30 minutes of the interaction, and shows the
   * message only to the person who acted unless it says `response_type: 'in_channel'`; failures are HTTP
   * errors, which make `respond()` throw.
   */
  private receiveResponse(urlId: string, raw: Buffer, res: http.ServerResponse): void {
    const fail = (status: number, error: string, rules: string[]) => {
      for (const rule of rules) this.violations.push(`response_url: ${rule}`);
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(error);
    };
    const injected = take(this.injections, 'response_url');
    if (injected !== undefined) {
      if ('hang' in injected) return; // no answer; the socket stays open until the client gives up
      if ('error' in injected) return fail(400, injected.error, []);
      return fail(injected.status, `http_${injected.status}`, []);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return fail(400, 'invalid_payload', ['body is not JSON']);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(400, 'invalid_payload', ['body is not a JSON object']);
    }
    const message = body as Record<string, unknown>;
    const issued = RESPONSE_URL_PATTERN.exec(urlId);
    if (!issued) return fail(404, 'invalid_url', [`${urlId} is not a response_url Slack issued`]);
    const age = Date.now() - Number(issued[1]);
    if (age > RESPONSE_URL_LIFETIME_MS) {
      return fail(404, 'expired_url', [
        `${urlId} used ${Math.round(age / 60_000)} minutes after the interaction (max 30)`,
      ]);
    }
    const uses = (this.responseUses.get(urlId) ?? 0) + 1;
    this.responseUses.set(urlId, uses);
    if (uses > MAX_RESPONSE_URL_USES) {
      return fail(404, 'used_url', [`${urlId} used ${uses} times (max ${MAX_RESPONSE_URL_USES})`]);
    }
    if (message.blocks !== undefined) {
      const problems = checkMessageBlocks(message.blocks);
      if (problems.length > 0) return fail(400, 'invalid_blocks', problems);
    }
    const text = typeof message.text === 'string' ? message.text : '';
    const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
    if (message.delete_original !== true && text === '' && !hasBlocks) {
      return fail(400, 'no_text', ['needs text or blocks']);
    }
    if (hasBlocks && text.trim() === '') this.violations.push('response_url: blocks without a text fallback');
    const type = message.response_type;
    // Slack shows anything but in_channel privately; another value is a mistake in the app all the same.
    if (type !== undefined && type !== 'ephemeral' && type !== 'in_channel')
      this.violations.push(
        `response_url: response_type must be ephemeral or in_channel (got ${JSON.stringify(type)})`,
      );
    const response = { urlId, body: message, ephemeral: type !== 'in_channel', at: Date.now() };
    this.responded.push(response);
    this.tell({ kind: 'response', response });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  }

  /**
   * apps.connections.open (Socket Mode) takes only the app-level token: Slack answers a bot token with
   * not_allowed_token_type and any other with invalid_auth.
   */
  private openSocketConnection(token: string | undefined): Reply {
    if (token === undefined || token === '') return { ok: false, error: 'not_authed' };
    if (token === this.botToken) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== this.appToken) return { ok: false, error: 'invalid_auth' };
    const ticket = randomBytes(8).toString('hex');
    const url = this.socketModeUrl ?? `${this.baseUrl.replace(/^http/, 'ws')}/link/`;
    return { ok: true, url: `${url}${url.includes('?') ? '&' : '?'}ticket=${ticket}&app_id=A0TEST` };
  }

  // ---- helpers for handlers -----------------------------------------------------------------------------

  /** Records a broken rule and fails the call. */
  private reject(method: string, error: string, rules: string[]): never {
    for (const rule of rules) this.violations.push(`${method}: ${rule}`);
    // Slack explains only schema errors, in response_metadata.messages ("[ERROR] ... [json-pointer:/view/title]").
    const explained = error === 'invalid_arguments' || error === 'invalid_blocks';
    throw new SlackFailure(error, explained ? rules.map(toSlackMessage) : []);
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}${this.sequence.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  /** Message timestamps: "seconds.micros", unique and strictly increasing like Slack's. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    return `${seconds}.${String(this.lastTsMicros % 1_000_000).padStart(6, '0')}`;
  }

  private newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  /** chat.* accept a user id as channel (Slack posts to the app's DM with that person). */
  private resolveChannel(method: string, channel: unknown): string {
    if (typeof channel !== 'string' || channel === '') {
      this.reject(method, 'channel_not_found', ['channel: required']);
    }
    if (/^[UW]/.test(channel)) {
      if (!this.users.has(channel)) throw new SlackFailure('channel_not_found');
      return this.dmFor([channel]);
    }
    return channel;
  }

  /** The text/blocks rules shared by chat.postMessage, chat.postEphemeral and chat.update. */
  private messageContent(method: string, args: Args): { text?: string; blocks?: unknown[] } {
    const text = typeof args.text === 'string' ? args.text : undefined;
    let blocks: unknown[] | undefined;
    if (args.blocks !== undefined) {
      if (!Array.isArray(args.blocks)) {
        this.reject(method, 'invalid_blocks_format', ['blocks: must be a JSON array']);
      }
      const problems = checkMessageBlocks(args.blocks);
      if (problems.length > 0) this.reject(method, 'invalid_blocks', problems);
      blocks = args.blocks;
    }
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if (
      (text === undefined || text === '') &&
      (blocks === undefined || blocks.length === 0) &&
      !hasAttachments
    ) {
      this.reject(method, 'no_text', ['needs text, blocks or attachments']);
    }
    if (text !== undefined && text.length > MAX_TEXT) {
      this.reject(method, 'msg_too_long', [`text: ${text.length} characters (max ${MAX_TEXT})`]);
    }
    // Slack accepts this, but notifications and screen readers then have nothing to show.
    if (blocks !== undefined && blocks.length > 0 && (text === undefined || text.trim() === '')) {
      this.violations.push(`${method}: blocks without a text fallback`);
    }
    return { text, blocks };
  }

  /**
   * chat.postMessage / chat.update `metadata`: `{event_type, event_payload}`, as a JSON string (form bodies)
   * or an object (JSON bodies). A malformed value fails the call with `invalid_metadata_format`; an
   * event_type with other characters than letters, digits, `_` and `-` is dropped with an
   * `invalid_metadata_schema` warning while the message is still posted, as Slack does.
   */
  private messageMetadata(method: string, value: unknown): { metadata?: MessageMetadata; warning?: string } {
    if (value === undefined || value === '') return {};
    if (typeof value === 'string') {
      this.reject(method, 'invalid_metadata_format', ['metadata: not valid JSON']);
    }
    if (!isPlainObject(value)) {
      this.reject(method, 'invalid_metadata_format', ['metadata: must be a JSON object']);
    }
    const { event_type: eventType, event_payload: eventPayload } = value;
    if (typeof eventType !== 'string' || eventType === '') {
      this.reject(method, 'invalid_metadata_format', ['metadata.event_type: required (a string)']);
    }
    if (!isPlainObject(eventPayload)) {
      this.reject(method, 'invalid_metadata_format', ['metadata.event_payload: required (a JSON object)']);
    }
    if (!EVENT_TYPE_PATTERN.test(eventType)) {
      this.violations.push(
        `${method}: metadata.event_type: "${eventType}" (letters, digits, _ and - only); Slack drops the metadata`,
      );
      return { warning: 'invalid_metadata_schema' };
    }
    return { metadata: { event_type: eventType, event_payload: eventPayload } };
  }

  /** The DM or group DM already opened for exactly these people (with the bot), if any. */
  conversationOf(userIds: string[]): string | undefined {
    return this.dmByUsers.get([...userIds].sort().join(','));
  }

  /** The IM (one person) or group DM (several) of these people with the bot, created on first use. */
  private dmFor(userIds: string[]): string {
    const key = [...userIds].sort().join(',');
    const existing = this.dmByUsers.get(key);
    if (existing !== undefined) return existing;
    const id = this.nextId(userIds.length === 1 ? 'D' : 'G');
    this.dmByUsers.set(key, id);
    this.members.set(id, [...userIds, this.botUserId]);
    this.channelTypes.set(id, userIds.length === 1 ? 'im' : 'mpim');
    return id;
  }

  // ---- methods ------------------------------------------------------------------------------------------

  private authTest(): Reply {
    return {
      url: 'https://emulated.slack.com/',
      team: 'Emulated Workspace',
      user: this.users.get(this.botUserId)?.name ?? 'bot',
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    };
  }

  private postMessage(args: Args, method: string): Reply {
    const channel = this.resolveChannel(method, args.channel);
    this.assertBotCanPost(method, channel);
    const { text, blocks } = this.messageContent(method, args);
    const { metadata, warning } = this.messageMetadata(method, args.metadata);
    const ts = this.nextTs();
    const threadTs = nonEmpty(args.thread_ts);
    this.posted.push({ channel, ts, text, blocks, metadata, thread_ts: threadTs, ephemeral: false });
    return {
      channel,
      ts,
      message: {
        type: 'message',
        text: text ?? '',
        blocks,
        user: this.botUserId,
        bot_id: this.botId,
        app_id: APP_ID,
        ts,
        thread_ts: threadTs,
        metadata,
      },
      ...warningFields(warning),
    };
  }

  private postEphemeral(args: Args, method: string): Reply {
    const channel = this.resolveChannel(method, args.channel);
    this.assertBotCanPost(method, channel);
    const user = args.user;
    if (typeof user !== 'string' || user === '') this.reject(method, 'user_not_found', ['user: required']);
    // Only checked where the emulator knows the members (setChannelMembers or conversations.open).
    const members = this.members.get(channel);
    if (members !== undefined && !members.includes(user)) throw new SlackFailure('user_not_in_channel');
    const { text, blocks } = this.messageContent(method, args);
    const ts = this.nextTs();
    const threadTs = nonEmpty(args.thread_ts);
    this.posted.push({ channel, ts, text, blocks, user, thread_ts: threadTs, ephemeral: true });
    return { message_ts: ts };
  }

  private updateMessage(args: Args, method: string): Reply {
    const channel = this.resolveChannel(method, args.channel);
    if (typeof args.ts !== 'string' || args.ts === '') {
      this.reject(method, 'message_not_found', ['ts: required']);
    }
    // Ephemeral messages cannot be edited through chat.update.
    const message = this.posted.find((m) => !m.ephemeral && m.channel === channel && m.ts === args.ts);
    if (message === undefined) throw new SlackFailure('message_not_found');
    const { text, blocks } = this.messageContent(method, args);
    const { metadata, warning } = this.messageMetadata(method, args.metadata);
    if (args.text !== undefined) message.text = text;
    // Slack keeps the previous blocks when `blocks` is left out (send [] to remove them); likewise metadata.
    if (blocks !== undefined) message.blocks = blocks;
    if (metadata !== undefined) message.metadata = metadata;
    return {
      channel,
      ts: message.ts,
      text: message.text ?? '',
      message: {
        type: 'message',
        text: message.text ?? '',
        blocks: message.blocks,
        user: this.botUserId,
        bot_id: this.botId,
        metadata: message.metadata,
      },
      ...warningFields(warning),
    };
  }

  private openConversation(args: Args, method: string): Reply {
    if (args.users === undefined && typeof args.channel === 'string') {
      if (!this.members.has(args.channel) || this.visibleType(args.channel) === undefined) {
        throw new SlackFailure('channel_not_found');
      }
      return { no_op: true, already_open: true, channel: { id: args.channel } };
    }
    const ids =
      typeof args.users === 'string' ? [...new Set(args.users.split(',').map((id) => id.trim()))] : [];
    const people = ids.filter((id) => id !== '' && id !== this.botUserId); // the bot joins by itself
    if (ids.filter((id) => id !== '').length === 0) {
      this.reject(method, 'users_list_not_supplied', ['users: required (comma-separated user ids)']);
    }
    if (people.length > MAX_MPIM_USERS) {
      this.reject(method, 'too_many_users', [`users: ${people.length} users (max ${MAX_MPIM_USERS})`]);
    }
    if (people.length === 0) throw new SlackFailure('cannot_dm_bot');
    for (const id of people) {
      const user = this.users.get(id);
      if (user === undefined) throw new SlackFailure('user_not_found');
      if (user.deleted) throw new SlackFailure('user_disabled');
      if (user.is_bot) throw new SlackFailure('cannot_dm_bot');
    }
    const known = this.dmByUsers.has([...people].sort().join(','));
    const id = this.dmFor(people);
    return { no_op: known, already_open: known, channel: { id } };
  }

  private conversationMembers(args: Args): Reply {
    const channel = nonEmpty(args.channel);
    const members = channel === undefined ? undefined : this.members.get(channel);
    if (channel === undefined || members === undefined || this.visibleType(channel) === undefined) {
      throw new SlackFailure('channel_not_found');
    }
    return { members: [...members], response_metadata: { next_cursor: '' } };
  }

  /** The conversation's kind and whether the bot is in it; private channels without the bot are not found. */
  private conversationInfo(args: Args): Reply {
    const channel = nonEmpty(args.channel);
    const type = channel === undefined ? undefined : this.visibleType(channel);
    if (channel === undefined || type === undefined) throw new SlackFailure('channel_not_found');
    return {
      channel: {
        id: channel,
        is_channel: type === 'public' || type === 'private',
        is_group: false,
        is_im: type === 'im',
        is_mpim: type === 'mpim',
        is_private: type === 'private' || type === 'mpim',
        is_archived: false,
        is_member: this.botIsMember(channel),
      },
    };
  }

  /**
   * A conversation's top-level messages, newest first, between `oldest` and `latest` (exclusive unless
   * `inclusive`), `limit` at a time with cursor pagination. Thread replies are left out (Slack returns them
   * from conversations.replies); metadata only with `include_all_metadata`.
   */
  private conversationHistory(args: Args, method: string): Reply {
    const channel = nonEmpty(args.channel);
    if (channel === undefined) this.reject(method, 'channel_not_found', ['channel: required']);
    // The emulator knows a conversation once it has members or messages; a bot reads only where it is a member.
    if (this.visibleType(channel) === undefined) throw new SlackFailure('channel_not_found');
    if (!this.botIsMember(channel)) throw new SlackFailure('not_in_channel');
    const oldest = parseTs(args.oldest);
    if (oldest === 'invalid') throw new SlackFailure('invalid_ts_oldest');
    const latest = parseTs(args.latest);
    if (latest === 'invalid') throw new SlackFailure('invalid_ts_latest');
    const inclusive = isTrue(args.inclusive);
    const limit = this.historyLimit(method, args.limit);
    let before: number | undefined;
    if (nonEmpty(args.cursor) !== undefined) {
      before = decodeHistoryCursor(String(args.cursor));
      if (before === undefined) throw new SlackFailure('invalid_cursor');
    }

    const inRange = (micros: number) =>
      (oldest === undefined || (inclusive ? micros >= oldest : micros > oldest)) &&
      (latest === undefined || (inclusive ? micros <= latest : micros < latest)) &&
      (before === undefined || micros <= before);
    const replies = (ts: string) =>
      this.posted.filter((m) => !m.ephemeral && m.channel === channel && m.thread_ts === ts && m.ts !== ts);
    const matching = this.posted
      .filter((m) => !m.ephemeral && m.channel === channel && (m.thread_ts ?? m.ts) === m.ts)
      .filter((m) => inRange(tsMicros(m.ts)))
      .sort((a, b) => tsMicros(b.ts) - tsMicros(a.ts));
    const page = matching.slice(0, limit);
    const next = matching[limit];
    const withMetadata = isTrue(args.include_all_metadata);

    return {
      messages: page.map((m) => {
        const thread = replies(m.ts);
        return {
          type: 'message',
          text: m.text ?? '',
          ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
          user: this.botUserId,
          bot_id: this.botId,
          app_id: APP_ID,
          team: this.teamId,
          ts: m.ts,
          ...(thread.length === 0
            ? {}
            : { thread_ts: m.ts, reply_count: thread.length, latest_reply: thread.at(-1)?.ts }),
          ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
        };
      }),
      has_more: next !== undefined,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      // Slack's cursors are opaque; an empty next_cursor ends the pagination.
      response_metadata: { next_cursor: next === undefined ? '' : encodeHistoryCursor(next.ts) },
    };
  }

  /** `limit`: 100 when absent; Slack never returns more than 999, so a larger limit is a broken rule. */
  private historyLimit(method: string, value: unknown): number {
    if (value === undefined || value === '') return HISTORY_DEFAULT_LIMIT;
    const limit = Number(value);
    if (!Number.isInteger(limit) || limit < 1) {
      this.reject(method, 'invalid_arguments', [
        `limit: ${JSON.stringify(value)} (must be a positive integer)`,
      ]);
    }
    if (limit > HISTORY_MAX_LIMIT) {
      this.violations.push(
        `${method}: limit: ${limit} (max ${HISTORY_MAX_LIMIT}; Slack returns at most that)`,
      );
      return HISTORY_MAX_LIMIT;
    }
    return limit;
  }

  private userInfo(args: Args): Reply {
    const user = typeof args.user === 'string' ? this.users.get(args.user) : undefined;
    if (user === undefined) throw new SlackFailure('user_not_found');
    return { user: formatUser(user, this.grantedScopes.includes('users:read.email')) };
  }

  private lookupByEmail(args: Args): Reply {
    const email = typeof args.email === 'string' ? args.email.toLowerCase() : undefined;
    const user = [...this.users.values()].find(
      (u) => email !== undefined && u.email?.toLowerCase() === email,
    );
    if (user === undefined) throw new SlackFailure('users_not_found');
    return { user: formatUser(user, true) };
  }

  private listUsers(): Reply {
    const withEmail = this.grantedScopes.includes('users:read.email');
    return {
      members: [...this.users.values()].map((user) => formatUser(user, withEmail)),
      response_metadata: { next_cursor: '' },
    };
  }

  // Views ------------------------------------------------------------------------------------------------

  /** Checks a trigger_id; returns a function that marks it used once the call succeeds. */
  private checkTrigger(method: string, triggerId: unknown): () => void {
    if (typeof triggerId !== 'string' || triggerId === '') {
      this.reject(method, 'invalid_arguments', ['trigger_id: required']);
    }
    const match = TRIGGER_PATTERN.exec(triggerId);
    if (match === null) {
      this.reject(method, 'invalid_trigger_id', [
        `trigger_id: "${triggerId}" is not a trigger id (use makeTriggerId)`,
      ]);
    }
    if (this.usedTriggers.has(triggerId)) {
      this.reject(method, 'exchanged_trigger_id', ['trigger_id: already used (a trigger opens one view)']);
    }
    const age = Date.now() - Number(match[1]);
    if (age > TRIGGER_LIFETIME_MS) {
      this.reject(method, 'expired_trigger_id', [`trigger_id: ${age} ms old (max ${TRIGGER_LIFETIME_MS})`]);
    }
    return () => this.usedTriggers.add(triggerId);
  }

  private checkedView(method: string, view: unknown, kind: 'modal' | 'home'): Record<string, unknown> {
    if (view === undefined) this.reject(method, 'invalid_arguments', ['view: required']);
    if (typeof view === 'string') this.reject(method, 'invalid_arguments', ['view: not valid JSON']);
    const problems = checkView(view, kind);
    if (problems.length > 0) this.reject(method, 'invalid_arguments', problems);
    return view as Record<string, unknown>;
  }

  private assertExternalIdFree(method: string, externalId: unknown, exceptViewId?: string): void {
    if (typeof externalId !== 'string' || externalId === '') return;
    const owner = this.views().find((v) => v.external_id === externalId && v.id !== exceptViewId);
    if (owner !== undefined) {
      this.reject(method, 'duplicate_external_id', [
        `view.external_id: "${externalId}" is used by ${owner.id}`,
      ]);
    }
  }

  /** The view as Slack echoes it back. */
  private viewResponse(
    view: Record<string, unknown>,
    id: string,
    hash: string,
    stack: { root: string; previous: string | null },
  ): Record<string, unknown> {
    return {
      private_metadata: '',
      callback_id: '',
      external_id: '',
      clear_on_close: false,
      notify_on_close: false,
      ...view,
      id,
      team_id: this.teamId,
      app_id: APP_ID,
      bot_id: this.botId,
      state: { values: {} },
      hash,
      root_view_id: stack.root,
      previous_view_id: stack.previous,
    };
  }

  private openView(args: Args, method: string, push: boolean): Reply {
    const markTriggerUsed = this.checkTrigger(method, args.trigger_id);
    const view = this.checkedView(method, args.view, 'modal');
    this.assertExternalIdFree(method, view.external_id);

    // Slack pushes onto the modal the trigger came from; the emulator cannot see that payload, so it uses the
    // most recently opened modal's stack (enough for one person at a time, as in end-to-end tests).
    let stack: string[];
    if (push) {
      const current = this.currentRoot === undefined ? undefined : this.stacks.get(this.currentRoot);
      if (current === undefined) {
        this.reject(method, 'invalid_arguments', [
          'trigger_id: views.push needs a trigger from an open modal',
        ]);
      }
      if (current.length >= MAX_VIEW_STACK) {
        this.reject(method, 'push_limit_reached', [`view stack already holds ${MAX_VIEW_STACK} views`]);
      }
      stack = current;
    } else {
      stack = [];
    }
    markTriggerUsed();
    const id = this.nextId('V');
    const hash = this.newHash();
    const root = stack[0] ?? id;
    const response = this.viewResponse(view, id, hash, { root, previous: stack.at(-1) ?? null });
    stack.push(id);
    this.stacks.set(root, stack);
    this.currentRoot = root;
    this.openedViews.set(id, {
      id,
      hash,
      view: response,
      kind: 'modal',
      external_id: nonEmpty(view.external_id),
    });
    return { view: response };
  }

  private updateView(args: Args, method: string): Reply {
    const viewId = nonEmpty(args.view_id);
    const externalId = nonEmpty(args.external_id);
    if (viewId === undefined && externalId === undefined) {
      this.reject(method, 'invalid_arguments', ['view_id: view_id or external_id is required']);
    }
    const existing =
      viewId !== undefined
        ? this.openedViews.get(viewId)
        : this.views().find((v) => v.external_id === externalId);
    if (existing === undefined) throw new SlackFailure('not_found');
    // `hash` guards against overwriting a view that changed since the caller last saw it.
    const hash = nonEmpty(args.hash);
    if (hash !== undefined && hash !== existing.hash) throw new SlackFailure('hash_conflict');
    const view = this.checkedView(method, args.view, existing.kind);
    this.assertExternalIdFree(method, view.external_id, existing.id);
    const previous = existing.view;
    existing.hash = this.newHash();
    existing.view = this.viewResponse(view, existing.id, existing.hash, {
      root: typeof previous.root_view_id === 'string' ? previous.root_view_id : existing.id,
      previous: typeof previous.previous_view_id === 'string' ? previous.previous_view_id : null,
    });
    existing.external_id = nonEmpty(view.external_id) ?? existing.external_id;
    return { view: existing.view };
  }

  private publishView(args: Args, method: string): Reply {
    const userId = args.user_id;
    if (typeof userId !== 'string' || userId === '') {
      this.reject(method, 'invalid_arguments', ['user_id: required']);
    }
    const user = this.users.get(userId);
    if (user === undefined || user.is_bot) throw new SlackFailure('user_not_found');
    const existing = this.homeOf(userId);
    const expectedHash = nonEmpty(args.hash);
    if (existing !== undefined && expectedHash !== undefined && expectedHash !== existing.hash) {
      throw new SlackFailure('hash_conflict');
    }
    const view = this.checkedView(method, args.view, 'home');
    // A person's Home tab keeps its view id across publishes; the hash changes each time.
    const id = existing?.id ?? this.nextId('V');
    const hash = this.newHash();
    const response = this.viewResponse(view, id, hash, { root: id, previous: null });
    this.openedViews.set(id, {
      id,
      hash,
      view: response,
      user: userId,
      kind: 'home',
      external_id: nonEmpty(view.external_id),
    });
    return { view: response };
  }

  // Files ------------------------------------------------------------------------------------------------

  private getUploadUrl(args: Args, method: string): Reply {
    const { filename } = args;
    if (typeof filename !== 'string' || filename === '') {
      this.reject(method, 'invalid_arguments', ['filename: required']);
    }
    if (args.length === undefined || args.length === '') {
      this.reject(method, 'invalid_arguments', ['length: required (the file size in bytes)']);
    }
    const length = Number(args.length);
    if (!Number.isInteger(length) || length <= 0) {
      this.reject(method, 'invalid_arguments', [
        `length: ${JSON.stringify(args.length)} (must be a positive integer)`,
      ]);
    }
    const fileId = this.nextId('F');
    const urlSecret = randomBytes(8).toString('hex');
    this.files.set(fileId, {
      fileId,
      filename,
      content: Buffer.alloc(0),
      completed: false,
      length,
      uploaded: false,
      urlSecret,
      issuedAt: Date.now(),
      urlUsed: false,
    });
    return { upload_url: `${this.baseUrl}/upload/${fileId}/${urlSecret}`, file_id: fileId };
  }

  /**
   * Shares uploaded files: each id must be one files.getUploadURLExternal issued, its bytes uploaded, and not
   * completed before (`file_not_found`); a channel must be one the bot is in (`channel_not_found` for one it
   * cannot see, `not_in_channel` for a public one it has not joined). No channel: the file stays private.
   */
  private completeUpload(args: Args, method: string): Reply {
    const entries = args.files;
    if (!Array.isArray(entries) || entries.length === 0) {
      this.reject(method, 'invalid_arguments', ['files: required (a JSON array of {id, title})']);
    }
    const found = entries.map((entry: unknown) => {
      const record = isPlainObject(entry) ? entry : {};
      const { id } = record;
      if (typeof id !== 'string' || id === '') {
        this.reject(method, 'invalid_arguments', ['files[].id: required']);
      }
      const file = this.files.get(id);
      // Slack only knows a file once its bytes reached the upload URL, and shares it once.
      if (file === undefined || !file.uploaded) throw new SlackFailure('file_not_found');
      if (file.completed) {
        this.violations.push(`${method}: ${id} was already completed`);
        throw new SlackFailure('file_not_found');
      }
      return { file, title: nonEmpty(record.title) };
    });
    const channel = nonEmpty(args.channel_id) ?? nonEmpty(args.channels);
    if (channel !== undefined) {
      for (const id of channel.split(',').map((c) => c.trim())) {
        if (this.visibleType(id) === undefined || !this.members.has(id)) {
          this.violations.push(`${method}: channel ${id} is not a conversation the bot can see`);
          throw new SlackFailure('channel_not_found');
        }
        if (!this.botIsMember(id)) {
          this.violations.push(`${method}: the bot is not a member of ${id} (not_in_channel)`);
          throw new SlackFailure('not_in_channel');
        }
      }
    }
    const initialComment = nonEmpty(args.initial_comment);
    return {
      files: found.map(({ file, title }) => {
        file.completed = true;
        file.title = title ?? file.filename;
        file.channel = channel;
        file.initialComment = initialComment;
        return { id: file.fileId, name: file.filename, title: file.title, size: file.content.length };
      }),
    };
  }
}

/** The value when it is a non-empty string (form fields arrive as strings, absent ones as undefined). */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Boolean arguments: `true` in JSON bodies, `"true"` or `"1"` in forms. */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

/** A successful call that Slack answers with a warning (the WebClient logs it). */
function warningFields(warning: string | undefined): Reply {
  return warning === undefined ? {} : { warning, response_metadata: { warnings: [warning] } };
}

// ---- message timestamps ---------------------------------------------------------------------------------

/** "1512085950.000216" -> microseconds since the epoch (whole seconds and up to 6 decimals). */
function tsMicros(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.slice(0, 6).padEnd(6, '0'));
}

/** An optional `oldest`/`latest` argument: undefined when absent, 'invalid' when not a timestamp. */
function parseTs(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === '') return undefined;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+(\.\d+)?$/.test(text)) return 'invalid';
  return tsMicros(text);
}

/** conversations.history cursors look like Slack's: base64 of `next_ts:<ts of the next message>`. */
function encodeHistoryCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts.replace('.', '')}`).toString('base64');
}

function decodeHistoryCursor(cursor: string): number | undefined {
  const match = /^next_ts:(\d{7,})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

// ---- per-method queues (injected failures, delays) ---------------------------------------------------------

function enqueue<T>(
  queues: Map<string, { value: T; remaining: number }[]>,
  method: string,
  value: T,
  times: number,
) {
  const queue = queues.get(method) ?? [];
  queue.push({ value, remaining: times });
  queues.set(method, queue);
}

function take<T>(queues: Map<string, { value: T; remaining: number }[]>, method: string): T | undefined {
  const queue = queues.get(method);
  const next = queue?.[0];
  if (queue === undefined || next === undefined) return undefined;
  next.remaining -= 1;
  if (next.remaining <= 0) queue.shift();
  return next.value;
}

// ---- request parsing ------------------------------------------------------------------------------------

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Arguments from a form, JSON or multipart body plus the query string; the token from the header or body. */
function parseRequest(
  req: http.IncomingMessage,
  body: Buffer,
  query: URLSearchParams,
): { args: Args; token: string | undefined } {
  const args: Args = Object.fromEntries(query.entries());
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    if (typeof parsed === 'object' && parsed !== null) Object.assign(args, parsed);
  } else if (contentType.startsWith('multipart/form-data')) {
    for (const part of parseMultipart(body, contentType)) args[part.name] = part.data.toString('utf8');
  } else if (body.length > 0) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(body.toString('utf8')).entries()));
  }
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value === 'string') {
      try {
        args[field] = JSON.parse(value);
      } catch {
        // left as a string: the handler reports the bad format
      }
    }
  }
  const header = req.headers.authorization;
  const bodyToken = typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : bodyToken;
  return { args, token };
}

function parseMultipart(
  body: Buffer,
  contentType: string,
): { name: string; filename?: string; data: Buffer }[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundaryText = match?.[1] ?? match?.[2];
  if (boundaryText === undefined) return [];
  const boundary = Buffer.from(`--${boundaryText}`);
  const parts: { name: string; filename?: string; data: Buffer }[] = [];
  let start = body.indexOf(boundary);
  while (start !== -1) {
    const next = body.indexOf(boundary, start + boundary.length);
    if (next === -1) break;
    // Each part sits between "--boundary\r\n" and "\r\n--boundary".
    const part = body.subarray(start + boundary.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      parts.push({
        name: /\bname="([^"]*)"/i.exec(headers)?.[1] ?? '',
        filename: /\bfilename="([^"]*)"/i.exec(headers)?.[1],
        data: part.subarray(headerEnd + 4),
      });
    }
    start = next;
  }
  return parts;
}

/** `blocks[2].text: rule` -> Slack's `[ERROR] rule [json-pointer:/blocks/2/text]`. */
function toSlackMessage(problem: string): string {
  const split = problem.indexOf(': ');
  if (split === -1) return `[ERROR] ${problem}`;
  const path = problem.slice(0, split);
  const pointer = `/${path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .join('/')}`;
  return `[ERROR] ${problem.slice(split + 2)} [json-pointer:${pointer}]`;
}

// ---- users ----------------------------------------------------------------------------------------------

/** A user object as users.info returns it; the email only to a token with `users:read.email`. */
function formatUser(user: SlackUser, withEmail: boolean): Reply {
  const tz = user.tz ?? DEFAULT_TZ;
  const zone = describeZone(tz);
  return {
    id: user.id,
    name: user.name,
    real_name: user.real_name ?? user.name,
    deleted: user.deleted ?? false,
    is_bot: user.is_bot ?? false,
    tz,
    tz_label: zone.label,
    tz_offset: zone.offset,
    profile: {
      real_name: user.real_name ?? user.name,
      display_name: user.name,
      ...(user.email === undefined || !withEmail ? {} : { email: user.email }),
      title: user.title ?? '',
    },
  };
}

/** Slack's `tz_label` and `tz_offset` (seconds east of UTC, today's offset) for an IANA zone. */
function describeZone(tz: string, at = new Date()): { label: string; offset: number } {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'long',
    }).formatToParts(at);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '0';
    const wall = Date.UTC(
      Number(part('year')),
      Number(part('month')) - 1,
      Number(part('day')),
      Number(part('hour')),
      Number(part('minute')),
      Number(part('second')),
    );
    const offset = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000) * 60;
    return { label: part('timeZoneName'), offset };
  } catch {
    return { label: tz, offset: 0 };
  }
}
