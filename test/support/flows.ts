import type { ApplicationRole } from '../../src/domain/application-form';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { operator } from '../../src/store/mapping';
import type { ViewState } from './signed-slack-client';
import type { TestBot } from './test-bot';
import { waitFor } from './wait';

/** Answers a person gives on an application form; field names as in the domain. */
export interface FormAnswers {
  displayName?: string;
  degree?: string;
  graduationYear?: string;
  occupation?: string;
  industry?: string;
  academicInterests?: string[];
  careerInterests?: string[];
  otherInterests?: string;
  communicationPreferences?: string[];
  capacity?: string;
  bio?: string;
  confidentialityAcknowledged?: boolean;
}

export const MENTOR_ANSWERS: FormAnswers = {
  displayName: 'Alice Alumna',
  degree: 'BA Marketing',
  graduationYear: '2009',
  occupation: 'Brand director',
  industry: 'Consumer goods',
  academicInterests: ['Marketing', 'Psychology'],
  careerInterests: ['Sales', 'Entrepreneurship'],
  otherInterests: 'Public speaking',
  communicationPreferences: ['video', 'slack'],
  capacity: '2',
  bio: 'Fifteen years in brand marketing; happy to help with networking and first jobs.',
  confidentialityAcknowledged: true,
};

export const MENTEE_ANSWERS: FormAnswers = {
  displayName: 'Bob Student',
  academicInterests: ['Marketing'],
  careerInterests: ['Sales'],
  otherInterests: '',
  communicationPreferences: ['slack'],
  bio: 'Junior studying marketing; I want to learn how to break into brand management.',
  confidentialityAcknowledged: true,
};

/** Turns answers into the `state.values` Slack sends with a submitted application modal. */
export function applicationState(answers: FormAnswers): ViewState {
  const state: ViewState = {};
  const put = (field: string, value: Record<string, unknown>) => {
    state[FIELD_BLOCK(field)] = { [FIELD_ACTION(field)]: value };
  };
  for (const [field, value] of Object.entries(answers)) {
    if (field === 'academicInterests' || field === 'careerInterests')
      put(field, {
        type: 'multi_static_select',
        selected_options: (value as string[]).map((v) => ({ value: v })),
      });
    else if (field === 'communicationPreferences')
      put(field, { type: 'checkboxes', selected_options: (value as string[]).map((v) => ({ value: v })) });
    else if (field === 'confidentialityAcknowledged')
      put(field, { type: 'checkboxes', selected_options: value ? [{ value: 'yes' }] : [] });
    else if (field === 'capacity') put(field, { type: 'static_select', selected_option: { value } });
    else put(field, { type: 'plain_text_input', value });
  }
  return state;
}

/** The modal the bot opened most recently (as the emulator holds it). */
export function lastOpenedModal(t: TestBot): Record<string, unknown> {
  const opened = t.emulator.callsTo('views.open').filter((call) => (call.response as { ok?: boolean }).ok);
  const last = opened[opened.length - 1];
  if (!last) throw new Error('no modal was opened');
  return (last.response as { view: Record<string, unknown> }).view;
}

/** The modal opened last, as Slack holds it now: after any `views.update` the bot made to it. */
export function shownModal(t: TestBot): Record<string, unknown> {
  const opened = lastOpenedModal(t);
  return t.emulator.viewById(String(opened.id))?.view ?? opened;
}

/** `/mentor apply` or `/mentee apply`, then submits the modal with these answers. */
export async function apply(t: TestBot, userId: string, role: ApplicationRole, answers: FormAnswers) {
  const before = t.emulator.callsTo('views.open').length;
  const command = await t.slack.command(`/${role}`, 'apply', { userId });
  if (command.status !== 200) throw new Error(`/${role} apply answered ${command.status}`);
  await waitFor(() => t.emulator.callsTo('views.open').length > before);
  const view = lastOpenedModal(t);
  const answer = await t.slack.viewSubmission({ userId }, view, applicationState(answers));
  // The staff card is a notice: it follows the answer within moments, through the outbox.
  if (answer.json?.response_action === 'update') await noticesDelivered(t);
  return { view, answer };
}

/**
 * Waits until the outbox holds no notice that is due now: everything the last actions told other people
 * has reached the emulator (or is waiting out a retry, which only a moved clock and a tick bring on).
 */
export async function noticesDelivered(t: TestBot, timeoutMs = 5000): Promise<void> {
  await waitFor(
    async () =>
      (await t.bot.database.models.notices.countDocuments({
        state: 'pending',
        nextAttemptAt: operator({ $not: { $gt: t.clock.now().toJSDate() } }),
      })) === 0,
    timeoutMs,
  );
}

/** The staff card the bot posted for a person's application. */
export function reviewCardFor(t: TestBot, userId: string) {
  const cards = t.emulator
    .messages(t.config.staff.adminChannelId)
    .filter(
      (m) => JSON.stringify(m.blocks ?? []).includes(`<@${userId}>`) && /application/.test(m.text ?? ''),
    );
  const card = cards[cards.length - 1];
  if (!card) throw new Error(`no review card for ${userId}`);
  return card;
}

/** The value of the button with this action id anywhere in a message's blocks. */
export function buttonValue(message: { blocks?: unknown[] }, actionId: string): string {
  const found = findElement(message.blocks ?? [], actionId);
  if (typeof found?.value !== 'string') throw new Error(`no ${actionId} button`);
  return found.value;
}

function findElement(node: unknown, actionId: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findElement(child, actionId);
      if (found) return found;
    }
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.action_id === actionId) return record;
    for (const child of Object.values(record)) {
      const found = findElement(child, actionId);
      if (found) return found;
    }
  }
  return undefined;
}

/** Applies and has staff approve, so the person is an approved mentor or mentee. */
export async function enrol(t: TestBot, userId: string, role: ApplicationRole, answers: FormAnswers) {
  await apply(t, userId, role, answers);
  const card = reviewCardFor(t, userId);
  await t.slack.blockAction(
    { userId: 'USTAFF1' },
    { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
    { message: { channel: card.channel, ts: card.ts } },
  );
  await waitFor(
    async () => (await t.bot.database.models.profiles.exists({ userId, role, approved: true })) !== null,
  );
  await noticesDelivered(t);
}

/** Everything the person was told in their DM with the bot. */
export function dmTextsOf(t: TestBot, userId: string): string[] {
  const channel = t.emulator.conversationOf([userId]);
  return channel ? t.emulator.messages(channel).map((m) => m.text ?? '') : [];
}

/** The ephemeral answers that went back through response URLs, newest last. */
export function responseTexts(t: TestBot): string[] {
  return t.emulator.responses().map((r) => String(r.body.text ?? ''));
}

/**
 * Has `menteeId` request `mentorId` and the mentor accept. Resolves once the introduction is posted
 * (the relationship is then stored as introduced), with the relationship id and the pair's channel.
 */
export async function matched(t: TestBot, mentorId: string, menteeId: string) {
  await t.slack.command('/mentee', `request <@${mentorId}>`, { userId: menteeId });
  const cardOf = () =>
    t.emulator
      .messages(t.emulator.conversationOf([mentorId]) ?? '-')
      .find((m) => m.text?.includes(`<@${menteeId}>`));
  await waitFor(() => cardOf() !== undefined);
  const card = cardOf()!;
  const relationshipId = buttonValue(card, ACTIONS.acceptRequest);
  await t.slack.blockAction(
    { userId: mentorId },
    { actionId: ACTIONS.acceptRequest, value: relationshipId },
    { message: { channel: card.channel, ts: card.ts } },
  );
  const channel = () => t.emulator.conversationOf([mentorId, menteeId]);
  await waitFor(() => t.emulator.messages(channel() ?? '-').length > 0);
  return { relationshipId, channel: channel()! };
}

/** Slack's view state for the stage 1 agreements form. */
export function agreementsState(answers: {
  frequency?: string;
  channels?: string[];
  confidentiality?: boolean;
}): ViewState {
  return {
    [FIELD_BLOCK('contactFrequency')]: {
      [FIELD_ACTION('contactFrequency')]: {
        type: 'static_select',
        selected_option: answers.frequency ? { value: answers.frequency } : null,
      },
    },
    [FIELD_BLOCK('channels')]: {
      [FIELD_ACTION('channels')]: {
        type: 'checkboxes',
        selected_options: (answers.channels ?? []).map((value) => ({ value })),
      },
    },
    [FIELD_BLOCK('confidentiality')]: {
      [FIELD_ACTION('confidentiality')]: {
        type: 'checkboxes',
        selected_options: answers.confidentiality ? [{ value: 'yes' }] : [],
      },
    },
  } as ViewState;
}

/** Both people of a pair in stage 1 record their agreements with `/mentoring agreements`. */
export async function agreeStage1(t: TestBot, mentorId: string, menteeId: string) {
  for (const userId of [mentorId, menteeId]) {
    await t.slack.command('/mentoring', 'agreements', { userId });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.agreements);
    const answer = await t.slack.viewSubmission(
      { userId },
      lastOpenedModal(t),
      agreementsState({ frequency: 'every_two_weeks', channels: ['slack', 'video'], confidentiality: true }),
    );
    if (answer.json) throw new Error(`agreements refused: ${JSON.stringify(answer.json)}`);
  }
}

/**
 * What the person reads in a modal submission's answer: the field errors' messages, or the text of the
 * view that replaced the modal (its sections and context lines).
 */
export function shownTexts(answer: { json?: Record<string, unknown> | undefined }): string[] {
  const json = answer.json;
  if (json?.response_action === 'errors') return Object.values(json.errors as Record<string, string>);
  if (json?.response_action !== 'update') return [];
  const blocks = ((json.view as { blocks?: unknown[] } | undefined)?.blocks ?? []) as {
    text?: { text?: string };
    elements?: { text?: string }[];
  }[];
  return blocks.flatMap((block) => [
    ...(block.text?.text ? [block.text.text] : []),
    ...(block.elements ?? []).flatMap((element) => (element.text ? [element.text] : [])),
  ]);
}

/** The view that replaced a submitted modal, if one did. */
export function shownView(answer: { json?: Record<string, unknown> | undefined }) {
  return answer.json?.response_action === 'update'
    ? (answer.json.view as Record<string, unknown>)
    : undefined;
}

/** Every document of every collection, as stored (to scan for what must not be left). */
export async function everythingStored(t: TestBot): Promise<string> {
  const db = t.bot.database.connection.db!;
  const dumps: string[] = [];
  for (const { name } of await db.listCollections().toArray())
    dumps.push(`${name}: ${JSON.stringify(await db.collection(name).find({}).toArray())}`);
  return dumps.join('\n');
}
