import type { InputBlockElement, KnownBlock, ModalView } from '@slack/types';
import {
  APPLICATION_FIELDS,
  APPLICATION_LIMITS,
  COMMUNICATION_CHANNELS,
  MAX_CAPACITY,
  MIN_CAPACITY,
  type ApplicationAnswers,
  type ApplicationField,
  type ApplicationRole,
} from '../src/domain/application-form';
import type { ApplicationRecord } from '../src/domain/records';
import { applicationWording as w, channelLabels, type ProgramSettings } from '../src/content/wording';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { context, option, section, type BotMessage } from './message';
import { escapeMrkdwn, escapeWithin, mention, truncate } from './mrkdwn';

export type ApplicationPrefill = Partial<ApplicationAnswers> & Record<string, unknown>;

/** What the application form carries: whether it edits a waiting application (to word it the same again). */
export interface ApplicationFormMetadata {
  editing: boolean;
}

/**
 * The application modal for a role, prefilled from a waiting application or the Slack profile, or (with
 * `note`, why it was not saved) from what the person had typed.
 */
export function applicationModal(
  role: ApplicationRole,
  program: ProgramSettings,
  taxonomy: readonly string[],
  prefill: ApplicationPrefill,
  editing: boolean,
  note?: string,
): ModalView {
  const text = (
    field: ApplicationField,
    options: { multiline?: boolean; max: number; hint?: string; optional?: boolean },
  ) =>
    input(
      field,
      {
        type: 'plain_text_input',
        action_id: FIELD_ACTION(field),
        multiline: options.multiline ?? false,
        max_length: options.max,
        // A Slack profile name or an old answer can be longer than the field now allows; Slack refuses that.
        ...(typeof prefill[field] === 'string' || typeof prefill[field] === 'number'
          ? { initial_value: truncate(String(prefill[field]), options.max) }
          : {}),
      },
      options,
    );
  const interests = (field: 'academicInterests' | 'careerInterests') => {
    const chosen =
      (prefill[field] as string[] | undefined)?.filter((value) => taxonomy.includes(value)) ?? [];
    return input(
      field,
      {
        type: 'multi_static_select',
        action_id: FIELD_ACTION(field),
        options: taxonomy.slice(0, 100).map((item) => option(item)),
        max_selected_items: APPLICATION_LIMITS.maxInterests,
        ...(chosen.length ? { initial_options: chosen.map((item) => option(item)) } : {}),
      },
      { optional: true },
    );
  };
  const channels = (prefill.communicationPreferences as string[] | undefined) ?? [];
  const fields: Record<ApplicationField, KnownBlock> = {
    displayName: text('displayName', { max: APPLICATION_LIMITS.name }),
    degree: text('degree', { max: APPLICATION_LIMITS.degree }),
    graduationYear: text('graduationYear', { max: 4 }),
    occupation: text('occupation', { max: APPLICATION_LIMITS.occupation }),
    industry: text('industry', { max: APPLICATION_LIMITS.industry }),
    academicInterests: interests('academicInterests'),
    careerInterests: interests('careerInterests'),
    otherInterests: text('otherInterests', {
      max: APPLICATION_LIMITS.otherInterests,
      hint: w.hints.otherInterests,
      optional: true,
    }),
    communicationPreferences: input('communicationPreferences', {
      type: 'checkboxes',
      action_id: FIELD_ACTION('communicationPreferences'),
      options: COMMUNICATION_CHANNELS.map((channel) => option(channelLabels[channel], channel)),
      ...(channels.length
        ? {
            initial_options: channels
              .filter(isChannel)
              .map((channel) => option(channelLabels[channel], channel)),
          }
        : {}),
    }),
    capacity: input(
      'capacity',
      {
        type: 'static_select',
        action_id: FIELD_ACTION('capacity'),
        options: range(MIN_CAPACITY, MAX_CAPACITY).map((n) => option(String(n))),
        initial_option: option(String(prefill.capacity ?? 1)),
      },
      { hint: w.hints.capacity },
    ),
    bio: text('bio', {
      multiline: true,
      max: APPLICATION_LIMITS.bio,
      hint: role === 'mentor' ? w.hints.bioMentor : w.hints.bioMentee,
    }),
    confidentialityAcknowledged: input('confidentialityAcknowledged', {
      type: 'checkboxes',
      action_id: FIELD_ACTION('confidentialityAcknowledged'),
      options: [{ text: { type: 'mrkdwn', text: w.confidentiality }, value: 'yes' }],
      ...(prefill.confidentialityAcknowledged
        ? { initial_options: [{ text: { type: 'mrkdwn', text: w.confidentiality }, value: 'yes' }] }
        : {}),
    }),
  };
  return {
    type: 'modal',
    callback_id: role === 'mentor' ? VIEWS.mentorApplication : VIEWS.menteeApplication,
    private_metadata: JSON.stringify({ editing } satisfies ApplicationFormMetadata),
    title: { type: 'plain_text', text: w.modalTitle(role) },
    submit: { type: 'plain_text', text: w.submit(editing) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      ...(note ? [section(note)] : []),
      section(w.intro(role, program, editing)),
      ...APPLICATION_FIELDS[role].map((field) => fields[field]),
    ],
  };
}

/** What the person entered, read back from a submitted application modal's state. */
export function readApplicationState(
  role: ApplicationRole,
  values: Record<string, Record<string, ViewStateValue>>,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const field of APPLICATION_FIELDS[role]) {
    const state = values[FIELD_BLOCK(field)]?.[FIELD_ACTION(field)];
    if (!state) continue;
    if (state.type === 'plain_text_input') raw[field] = state.value ?? '';
    else if (state.type === 'static_select') raw[field] = state.selected_option?.value;
    else if (field === 'confidentialityAcknowledged') raw[field] = (state.selected_options ?? []).length > 0;
    else raw[field] = (state.selected_options ?? []).map((selected) => selected.value);
  }
  return raw;
}

export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
}

/** Field errors keyed by the block id Slack shows them under. */
export function applicationErrors(errors: Partial<Record<ApplicationField, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [FIELD_BLOCK(field), message]));
}

/** What the form shows between its acknowledgement and the answer: the application is on its way. */
export function applicationSendingModal(role: ApplicationRole): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: w.modalTitle(role) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(w.sending)],
  };
}

/** The modal that replaces the form once it is saved: what happens next. */
export function applicationReceivedModal(
  role: ApplicationRole,
  program: ProgramSettings,
  edited: boolean,
): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: w.receivedTitle },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [section(w.received(role, program, edited))],
  };
}

/** The staff channel's card for an application: the answers, and Approve / Decline while it waits. */
export function applicationReviewCard(application: ApplicationRecord, decidedLine?: string): BotMessage {
  const a = application.answers;
  const lines = [
    `*${w.card.heading(application.role)}* from ${mention(application.userId)}`,
    `*Name:* ${escapeMrkdwn(a.displayName)}`,
    'degree' in a
      ? `*Degree:* ${escapeMrkdwn(a.degree)} (${a.graduationYear})\n*Occupation:* ${escapeMrkdwn(a.occupation)}, ${escapeMrkdwn(a.industry)}\n*Capacity:* ${a.capacity}`
      : undefined,
    `*Academic interests:* ${escapeMrkdwn(a.academicInterests.join(', ') || '—')}`,
    `*Career interests:* ${escapeMrkdwn(a.careerInterests.join(', ') || '—')}`,
    a.otherInterests ? `*Other interests:* ${escapeMrkdwn(a.otherInterests)}` : undefined,
    `*Stays in touch by:* ${a.communicationPreferences.map((c) => channelLabels[c]).join(', ')}`,
  ].filter(Boolean);
  const blocks: KnownBlock[] = [section(lines.join('\n')), section(`*About:*\n${escapeWithin(a.bio, 2900)}`)];
  if (decidedLine) blocks.push(context(decidedLine));
  else
    blocks.push({
      type: 'actions',
      block_id: 'application_review',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.approveApplication,
          text: { type: 'plain_text', text: w.card.approve },
          style: 'primary',
          value: application.id,
        },
        {
          type: 'button',
          action_id: ACTIONS.declineApplication,
          text: { type: 'plain_text', text: w.card.decline },
          style: 'danger',
          value: application.id,
        },
      ],
    });
  return { text: `${w.card.heading(application.role)} from ${mention(application.userId)}`, blocks };
}

/** Asks staff for the reason a declined applicant will read. */
export function declineReasonModal(applicationId: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.declineApplication,
    private_metadata: JSON.stringify({ applicationId }),
    title: { type: 'plain_text', text: w.declineModal.title },
    submit: { type: 'plain_text', text: w.declineModal.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: FIELD_BLOCK('reason'),
        label: { type: 'plain_text', text: w.declineModal.label },
        element: {
          type: 'plain_text_input',
          action_id: FIELD_ACTION('reason'),
          multiline: true,
          max_length: 1000,
          placeholder: { type: 'plain_text', text: w.declineModal.placeholder },
        },
      },
    ],
  };
}

function input(
  field: ApplicationField,
  element: InputBlockElement,
  options: { hint?: string; optional?: boolean } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: FIELD_BLOCK(field),
    label: { type: 'plain_text', text: w.labels[field] },
    optional: options.optional ?? false,
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function isChannel(value: string): value is (typeof COMMUNICATION_CHANNELS)[number] {
  return (COMMUNICATION_CHANNELS as readonly string[]).includes(value);
}
