import { z } from 'zod';

/**
 * The shapes of what Slack sends, checked before anything else reads a request. Only the fields the app
 * reads are described; the rest passes through untouched for Bolt. Every id and every typed value is a
 * string here, so an object such as `{"$ne": ""}` can never reach a service or a MongoDB filter.
 *
 * Slack documents these payloads at docs.slack.dev (slash commands, interaction payloads, view
 * submissions, the Events API envelope); a body that doesn't fit one of them is not from Slack.
 */

/** Slack ids: users U/W, teams T/E, channels C/G/D; letters and digits only. */
const slackId = z.string().regex(/^[A-Z0-9]{2,40}$/, 'a Slack id');
const shortText = z.string().max(255);

const user = z.looseObject({ id: slackId });
/** Where Bolt reads the workspace from; null in org-wide installs, otherwise an object. */
const workspace = { team: z.looseObject({}).nullish(), enterprise: z.looseObject({}).nullish() };

/** A slash command (form-encoded): every field is a single string. */
const slashCommand = z.looseObject({
  command: z.string().regex(/^\/[^\s]{1,31}$/, 'a slash command'),
  text: z.string(),
  user_id: slackId,
  channel_id: slackId,
  team_id: slackId,
  response_url: z.string().max(2_000),
  trigger_id: z.string().max(255),
});

const option = z.looseObject({ value: z.string().max(2_000) });

/** One element's value in `view.state.values`: what a person entered, by element type. */
const stateValue = z.looseObject({
  type: z.string().max(64),
  value: z.string().nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).max(200).nullish(),
  selected_date: z.string().max(32).nullish(),
  selected_user: slackId.nullish(),
  selected_users: z.array(slackId).max(200).nullish(),
  selected_conversation: slackId.nullish(),
  selected_channel: slackId.nullish(),
});

const viewState = z.looseObject({
  values: z.record(shortText, z.record(shortText, stateValue)),
});

const view = z.looseObject({
  id: z.string().max(64),
  hash: z.string().max(255).optional(),
  type: z.enum(['modal', 'home']),
  callback_id: z.string().max(255).optional(),
  private_metadata: z.string().max(3_000).optional(),
  blocks: z.array(z.looseObject({ type: z.string(), block_id: shortText.optional() })).max(100),
  state: viewState.optional(),
});

const action = z.looseObject({
  action_id: shortText,
  block_id: shortText.optional(),
  type: z.string().max(64),
  value: z.string().max(2_000).optional(),
  selected_option: option.nullish(),
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user,
  ...workspace,
  trigger_id: z.string().max(255).optional(),
  response_url: z.string().max(2_000).optional(),
  channel: z.looseObject({ id: slackId }).optional(),
  actions: z.array(action).min(1).max(25),
  view: view.optional(),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user,
  ...workspace,
  view: view.extend({ type: z.literal('modal'), state: viewState }),
});

const viewClosed = z.looseObject({ type: z.literal('view_closed'), user, ...workspace, view });

const shortcut = z.looseObject({
  type: z.enum(['shortcut', 'message_action']),
  callback_id: shortText,
  trigger_id: z.string().max(255),
  user,
  ...workspace,
});

const blockSuggestion = z.looseObject({
  type: z.literal('block_suggestion'),
  user,
  ...workspace,
  action_id: shortText,
  value: z.string().max(2_000),
});

/** The Events API envelope; the events the app reads are checked further in `eventFields`. */
const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().max(64),
  team_id: slackId.optional(),
  authorizations: z.array(z.looseObject({})).optional(),
  // Bolt reads who and where from these before any listener runs, whatever the event type.
  event: z.looseObject({
    type: z.string().max(128),
    user: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
    channel: z.union([z.string(), z.looseObject({})]).optional(),
    channel_id: z.string().optional(),
    item: z.looseObject({}).optional(),
    subteam: z.looseObject({}).optional(),
  }),
});

/** The fields of the events the app listens to. */
const eventFields = new Map<string, z.ZodType>([
  ['app_home_opened', z.looseObject({ user: slackId, tab: z.string().max(32).optional() })],
]);

export type SlashCommandBody = z.infer<typeof slashCommand>;

export type CheckedBody =
  | { kind: 'command'; body: SlashCommandBody }
  | { kind: 'block_actions'; body: z.infer<typeof blockActions> }
  | { kind: 'view_submission'; body: z.infer<typeof viewSubmission> }
  | { kind: 'view_closed'; body: z.infer<typeof viewClosed> }
  | { kind: 'shortcut'; body: z.infer<typeof shortcut> }
  | { kind: 'block_suggestion'; body: z.infer<typeof blockSuggestion> }
  | { kind: 'event'; body: z.infer<typeof eventCallback> };

export type BodyCheck = { ok: true; request: CheckedBody } | { ok: false; problem: string };

/**
 * Checks a parsed request body against the payload Slack would send for its type. `url_verification`
 * and `ssl_check` are answered by the receiver before this.
 */
export function checkSlackBody(body: unknown): BodyCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, problem: 'the body is not an object' };
  }
  const record = body as Record<string, unknown>;
  if (record.command !== undefined && record.type === undefined) {
    return wrap('command', slashCommand.safeParse(body));
  }
  switch (record.type) {
    case 'block_actions':
      return wrap('block_actions', blockActions.safeParse(body));
    case 'view_submission':
      return wrap('view_submission', viewSubmission.safeParse(body));
    case 'view_closed':
      return wrap('view_closed', viewClosed.safeParse(body));
    case 'shortcut':
    case 'message_action':
      return wrap('shortcut', shortcut.safeParse(body));
    case 'block_suggestion':
      return wrap('block_suggestion', blockSuggestion.safeParse(body));
    case 'event_callback': {
      const envelope = wrap('event', eventCallback.safeParse(body));
      if (!envelope.ok || envelope.request.kind !== 'event') return envelope;
      const fields = eventFields.get(envelope.request.body.event.type); // a Map: `constructor` is not an event
      const checked = fields?.safeParse(envelope.request.body.event);
      return checked === undefined || checked.success ? envelope : failure(checked.error, 'event.');
    }
    default:
      return { ok: false, problem: `not a request type the app takes (${describe(record.type)})` };
  }
}

function wrap<K extends CheckedBody['kind']>(
  kind: K,
  parsed: { success: true; data: unknown } | { success: false; error: z.ZodError },
): BodyCheck {
  if (!parsed.success) return failure(parsed.error);
  return { ok: true, request: { kind, body: parsed.data } as CheckedBody };
}

function failure(error: z.ZodError, prefix = ''): BodyCheck {
  const issue = error.issues[0];
  const where = issue ? `${prefix}${issue.path.join('.')}` : prefix;
  return { ok: false, problem: `${where || 'body'}: ${issue?.message ?? 'invalid'}` };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}
