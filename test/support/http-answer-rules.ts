/**
 * What Slack accepts as the app's HTTP answer to each kind of request it sends, checked the way Slack checks
 * it. Each problem is one string; the signed client records them as emulator violations.
 *
 * - Slash commands: an empty body, plain text, or JSON with `text` and/or `blocks` (Slack's message fields
 *   only, `response_type` `ephemeral` or `in_channel`).
 * - view_submission: an empty body (close the modal) or JSON with `response_action` `errors` (a non-empty
 *   `errors` object keyed by block_ids of the submitted view's input blocks), `update` or `push` (with a valid
 *   modal `view`), or `clear`.
 * - block_actions, shortcuts, view_closed and Events API deliveries: Slack ignores the body; only the status
 *   matters.
 * Anything but a 2xx status is an error the person sees (or, for events, a retry).
 */
import { checkMessageBlocks, checkView } from './block-kit-rules';

export type SlackRequestKind =
  'command' | 'view_submission' | 'block_actions' | 'shortcut' | 'view_closed' | 'event';

export interface HttpAnswer {
  status: number;
  text: string;
  /** The answer's Content-Type header, if any. */
  contentType?: string | null;
}

const MAX_TEXT = 40_000;
/** The message fields Slack takes in a slash command's immediate answer. */
const COMMAND_REPLY_KEYS = new Set([
  'text',
  'blocks',
  'attachments',
  'response_type',
  'replace_original',
  'delete_original',
  'thread_ts',
  'mrkdwn',
  'unfurl_links',
  'unfurl_media',
]);
const RESPONSE_ACTIONS = new Set(['errors', 'update', 'push', 'clear']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The problems Slack would have with this answer. `submittedView` is the view a view_submission carried (its
 * input blocks are the only valid `errors` keys).
 */
export function checkHttpAnswer(kind: SlackRequestKind, answer: HttpAnswer, submittedView?: Json): string[] {
  if (answer.status < 200 || answer.status > 299) {
    return [`status ${answer.status} (Slack takes only 2xx; anything else is an error the person sees)`];
  }
  if (kind === 'command') return checkCommandReply(answer);
  if (kind === 'view_submission') return checkViewSubmissionAnswer(answer, submittedView);
  return []; // Slack ignores the body of the other answers
}

function isJson(answer: HttpAnswer): boolean {
  return /^application\/json\b/i.test(answer.contentType ?? '');
}

/** The JSON body, or a problem when it doesn't parse as an object. */
function parseObject(text: string): { value: Json } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'the JSON body does not parse' };
  }
  if (!isObject(value)) return { problem: `the JSON body must be an object (got ${JSON.stringify(value)})` };
  return { value };
}

function checkCommandReply(answer: HttpAnswer): string[] {
  if (answer.text === '') return [];
  if (!isJson(answer)) {
    // Without a JSON content type Slack shows the body as the message text.
    return answer.text.length > MAX_TEXT ? [`text: ${answer.text.length} characters (max ${MAX_TEXT})`] : [];
  }
  const parsed = parseObject(answer.text);
  if ('problem' in parsed) return [parsed.problem];
  const reply = parsed.value;
  const problems: string[] = [];
  for (const key of Object.keys(reply)) {
    if (!COMMAND_REPLY_KEYS.has(key)) problems.push(`${key}: not a field Slack takes in a command reply`);
  }
  const { text, blocks, attachments } = reply;
  if (text !== undefined) {
    if (typeof text !== 'string') problems.push('text: must be a string');
    else if (text.length > MAX_TEXT) problems.push(`text: ${text.length} characters (max ${MAX_TEXT})`);
  }
  if (blocks !== undefined) problems.push(...checkMessageBlocks(blocks));
  if (attachments !== undefined && !Array.isArray(attachments))
    problems.push('attachments: must be an array');
  const hasText = typeof text === 'string' && text !== '';
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
  if (!hasText && !hasBlocks && !hasAttachments) problems.push('needs text or blocks');
  // As for chat.* messages: Slack takes it, but notifications and screen readers get nothing.
  if (hasBlocks && !hasText) problems.push('blocks without a text fallback');
  if (
    reply.response_type !== undefined &&
    reply.response_type !== 'ephemeral' &&
    reply.response_type !== 'in_channel'
  ) {
    problems.push(
      `response_type: must be ephemeral or in_channel (got ${JSON.stringify(reply.response_type)})`,
    );
  }
  return problems;
}

function checkViewSubmissionAnswer(answer: HttpAnswer, submittedView: Json | undefined): string[] {
  if (answer.text === '') return []; // closes the modal
  if (!isJson(answer)) return ['a view_submission answer must be empty or JSON'];
  const parsed = parseObject(answer.text);
  if ('problem' in parsed) return [parsed.problem];
  const body = parsed.value;
  const action = body.response_action;
  if (typeof action !== 'string' || !RESPONSE_ACTIONS.has(action)) {
    return [
      `response_action: must be one of ${[...RESPONSE_ACTIONS].join(', ')} (got ${JSON.stringify(action)})`,
    ];
  }
  if (action === 'errors') return checkErrors(body.errors, submittedView);
  if (action === 'update' || action === 'push') {
    if (body.view === undefined) return [`view: required with response_action "${action}"`];
    return checkView(body.view, 'modal');
  }
  return [];
}

/** `errors`: block_id of an input block in the submitted view -> the message shown under it. */
function checkErrors(errors: unknown, submittedView: Json | undefined): string[] {
  if (!isObject(errors) || Object.keys(errors).length === 0) {
    return ['errors: must be a non-empty object of block_id -> message'];
  }
  const blocks = Array.isArray(submittedView?.blocks) ? submittedView.blocks : [];
  const inputIds = new Set(
    blocks
      .filter((block): block is Json => isObject(block) && block.type === 'input')
      .map((block) => block.block_id)
      .filter((id): id is string => typeof id === 'string'),
  );
  const problems: string[] = [];
  for (const [blockId, message] of Object.entries(errors)) {
    if (!inputIds.has(blockId)) {
      problems.push(`errors.${blockId}: not the block_id of an input block in the submitted view`);
    }
    if (typeof message !== 'string' || message === '') {
      problems.push(`errors.${blockId}: the message must be a non-empty string`);
    }
  }
  return problems;
}
