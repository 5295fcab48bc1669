import type { KnownBlock, ModalView } from '@slack/types';
import { COMMUNICATION_CHANNELS } from '../src/domain/application-form';
import {
  lifecycleWording as lw,
  channelLabels,
  introductionWording as iw,
  requestWording as w,
  type ProgramSettings,
} from '../src/content/wording';
import type { ProfileRecord, RelationshipRecord } from '../src/domain/records';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { context, section, type BotMessage } from './message';
import { weMetButton, weMetHint } from './meetings';
import { escapeMrkdwn, escapeWithin, mention } from './mrkdwn';

/** The DM a mentor gets for a request: the mentee's summary, and Accept / Decline while it is open. */
export function mentorRequestCard(
  relationship: Pick<RelationshipRecord, 'id' | 'menteeId' | 'requestedBy' | 'mentorId'>,
  mentee: ProfileRecord,
  answeredLine?: string,
): BotMessage {
  const byStaff = relationship.requestedBy !== relationship.menteeId;
  const summary = [
    `*${escapeMrkdwn(mentee.displayName)}*`,
    mentee.academicInterests.length
      ? `*Academic interests:* ${escapeMrkdwn(mentee.academicInterests.join(', '))}`
      : undefined,
    mentee.careerInterests.length
      ? `*Career interests:* ${escapeMrkdwn(mentee.careerInterests.join(', '))}`
      : undefined,
    mentee.otherInterests ? `*Also:* ${escapeMrkdwn(mentee.otherInterests)}` : undefined,
    `*About:* ${escapeWithin(mentee.bio, 1500)}`,
  ].filter(Boolean);
  const blocks: KnownBlock[] = [
    section(w.mentorCard.intro(mention(relationship.menteeId), byStaff)),
    section(summary.join('\n')),
  ];
  if (answeredLine) blocks.push(context(answeredLine));
  else
    blocks.push({
      type: 'actions',
      block_id: 'request_answer',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.acceptRequest,
          style: 'primary',
          text: { type: 'plain_text', text: w.mentorCard.accept },
          value: relationship.id,
        },
        {
          type: 'button',
          action_id: ACTIONS.declineRequest,
          text: { type: 'plain_text', text: w.mentorCard.decline },
          value: relationship.id,
        },
      ],
    });
  return { text: w.mentorCard.text(mention(relationship.menteeId)), blocks };
}

/** The first message in the pair's group DM: who is who, what they share, what happens next. */
export function introductionMessage(
  program: ProgramSettings,
  relationship: Pick<RelationshipRecord, 'id' | 'mentorId' | 'menteeId'>,
  mentor: ProfileRecord,
  mentee: ProfileRecord,
  shared: string[],
): BotMessage {
  const mentorLine = [mentor.occupation, mentor.industry].filter(Boolean).join(', ');
  const menteeLine = [...mentee.academicInterests, ...mentee.careerInterests].slice(0, 3).join(', ');
  return {
    text: iw.text(mention(relationship.mentorId), mention(relationship.menteeId)),
    blocks: [
      section(iw.welcome(program)),
      section(
        iw.whoIsWho(
          mention(relationship.mentorId),
          escapeMrkdwn(mentorLine),
          mention(relationship.menteeId),
          escapeMrkdwn(menteeLine),
        ),
      ),
      section(escapeMrkdwn(iw.shared(shared))),
      section(iw.nextSteps(mention(relationship.mentorId))),
      {
        type: 'actions',
        block_id: 'pair_preferences',
        elements: [
          {
            type: 'button',
            action_id: ACTIONS.shareMentorPreferences,
            text: { type: 'plain_text', text: iw.shareMentor },
            value: relationship.id,
          },
          {
            type: 'button',
            action_id: ACTIONS.openFit,
            text: { type: 'plain_text', text: lw.fit.fitButton },
            value: relationship.id,
          },
          {
            type: 'button',
            action_id: ACTIONS.shareMenteePreferences,
            text: { type: 'plain_text', text: iw.shareMentee },
            value: relationship.id,
          },
          // The first meeting is what the pair does next; logging it is one click from here.
          weMetButton(relationship.id),
        ],
      },
      weMetHint(),
      context(iw.confidentiality),
    ],
  };
}

export function preferencesShared(userId: string, channels: (keyof typeof channelLabels)[]): BotMessage {
  const text = iw.prefsShared(
    mention(userId),
    channels.map((c) => channelLabels[c]),
  );
  return { text, blocks: [section(text)] };
}

/** Asks one person of the pair how they like to stay in touch. */
export function preferencesModal(relationshipId: string, side: 'mentor' | 'mentee'): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.communicationPreferences,
    private_metadata: JSON.stringify({ relationshipId, side }),
    title: { type: 'plain_text', text: iw.prefsModalTitle },
    submit: { type: 'plain_text', text: iw.prefsSubmit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: FIELD_BLOCK('channels'),
        label: { type: 'plain_text', text: iw.prefsLabel },
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION('channels'),
          options: COMMUNICATION_CHANNELS.map((channel) => ({
            text: { type: 'plain_text', text: channelLabels[channel] },
            value: channel,
          })),
        },
      },
    ],
  };
}
