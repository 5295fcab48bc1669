import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { agreementWording as w, channelLabels } from '../src/content/wording';
import { COMMUNICATION_CHANNELS } from '../src/domain/application-form';
import { agreementsComplete, CONTACT_FREQUENCIES } from '../src/domain/agreements';
import type { RelationshipRecord } from '../src/domain/records';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { option, section, type BotMessage } from './message';
import { mention } from './mrkdwn';

/** The button that opens the agreements form, for a message in the pair's conversation. */
export function agreementsButton(relationshipId: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: 'agreements',
    elements: [
      {
        type: 'button',
        action_id: ACTIONS.recordAgreements,
        text: { type: 'plain_text', text: w.button },
        value: relationshipId,
      },
    ],
  };
}

/** Stage 1's agreements, prefilled with what the pair has recorded so far. */
export function agreementsModal(relationship: RelationshipRecord, side: 'mentor' | 'mentee'): ModalView {
  const { agreements } = relationship;
  const partner = side === 'mentor' ? relationship.menteeId : relationship.mentorId;
  const frequencies = CONTACT_FREQUENCIES.map((f) => option(w.frequencies[f], f));
  const channels = COMMUNICATION_CHANNELS.map((c) => option(channelLabels[c], c));
  const acknowledged =
    side === 'mentor' ? agreements.confidentialityAckMentor : agreements.confidentialityAckMentee;
  const initialFrequency = frequencies.find((o) => o.value === agreements.contactFrequency);
  const initialChannels = channels.filter((o) => (agreements.channels as string[]).includes(o.value ?? ''));
  const confidentiality = option(w.confidentialityOption, 'yes');
  return {
    type: 'modal',
    callback_id: VIEWS.agreements,
    private_metadata: JSON.stringify({ relationshipId: relationship.id }),
    title: { type: 'plain_text', text: w.modalTitle },
    submit: { type: 'plain_text', text: w.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(w.intro(mention(partner))),
      {
        type: 'input',
        block_id: FIELD_BLOCK('contactFrequency'),
        label: { type: 'plain_text', text: w.frequencyLabel },
        element: {
          type: 'static_select',
          action_id: FIELD_ACTION('contactFrequency'),
          options: frequencies,
          ...(initialFrequency ? { initial_option: initialFrequency } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK('channels'),
        label: { type: 'plain_text', text: w.channelsLabel },
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION('channels'),
          options: channels,
          ...(initialChannels.length ? { initial_options: initialChannels } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK('confidentiality'),
        label: { type: 'plain_text', text: w.confidentialityLabel },
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION('confidentiality'),
          options: [confidentiality],
          ...(acknowledged ? { initial_options: [confidentiality] } : {}),
        },
      },
    ],
  };
}

/** What the pair reads after either of them saves the agreements. */
export function agreementsSaved(relationship: RelationshipRecord, actorId: string): BotMessage {
  const { agreements } = relationship;
  const frequency = agreements.contactFrequency ? w.frequencies[agreements.contactFrequency] : '';
  const channels = agreements.channels.map((c) => channelLabels[c]).join(', ');
  const acks = w.ackLine(
    mention(relationship.mentorId),
    Boolean(agreements.confidentialityAckMentor),
    mention(relationship.menteeId),
    Boolean(agreements.confidentialityAckMentee),
  );
  const text = w.saved(mention(actorId), frequency, channels, acks);
  const blocks: KnownBlock[] = [section(text)];
  if (agreementsComplete(agreements)) blocks.push(section(w.complete));
  else blocks.push(agreementsButton(relationship.id));
  return { text, blocks };
}
