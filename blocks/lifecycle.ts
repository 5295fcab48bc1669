import type { KnownBlock, ModalView } from '@slack/types';
import { agreementWording, lifecycleWording as w, stageWording } from '../src/content/wording';
import { agreementsComplete } from '../src/domain/agreements';
import { FIT_NOTE_LIMIT } from '../src/domain/fit-assessment';
import type { RelationshipRecord } from '../src/domain/records';
import { nextStage } from '../src/domain/relationship-stages';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { ephemeral, option, section, type EphemeralAnswer } from './message';
import { mention } from './mrkdwn';

/** The mentor's private fit assessment: listen for understanding, assess your value, determine fit. */
export function fitModal(relationship: Pick<RelationshipRecord, 'id' | 'menteeId'>): ModalView {
  const text = (field: string, label: string, placeholder?: string): KnownBlock => ({
    type: 'input',
    block_id: FIELD_BLOCK(field),
    optional: true,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION(field),
      multiline: true,
      max_length: FIT_NOTE_LIMIT,
      ...(placeholder ? { placeholder: { type: 'plain_text', text: placeholder } } : {}),
    },
  });
  const rating = (field: string, label: string): KnownBlock => ({
    type: 'input',
    block_id: FIELD_BLOCK(field),
    label: { type: 'plain_text', text: label },
    element: {
      type: 'radio_buttons',
      action_id: FIELD_ACTION(field),
      options: ['1', '2', '3', '4', '5'].map((n) => option(n, n)),
    },
  });
  return {
    type: 'modal',
    callback_id: VIEWS.fitAssessment,
    private_metadata: JSON.stringify({ relationshipId: relationship.id }),
    title: { type: 'plain_text', text: w.fit.modalTitle },
    submit: { type: 'plain_text', text: w.fit.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(w.fit.intro(mention(relationship.menteeId))),
      section(w.fit.listenHeading),
      text('understandingNotes', w.fit.understandingLabel, w.fit.understandingPlaceholder),
      section(w.fit.valueHeading),
      text('valueNotes', w.fit.valueLabel),
      rating('academicAlignment', w.fit.academicAlignment),
      rating('careerAlignment', w.fit.careerAlignment),
      text('valueOverTime', w.fit.valueOverTime),
      section(w.fit.decideHeading),
      {
        type: 'input',
        block_id: FIELD_BLOCK('decision'),
        label: { type: 'plain_text', text: w.fit.decisionLabel },
        element: {
          type: 'radio_buttons',
          action_id: FIELD_ACTION('decision'),
          options: (['proceed', 'talk_again', 'not_a_fit'] as const).map((d) =>
            option(w.fit.decisions[d], d),
          ),
        },
      },
    ],
  };
}

/** `/mentoring stage`: where each relationship stands, what the stage is for, and what comes next. */
export function stageOverview(
  entries: { relationship: RelationshipRecord; side: 'mentor' | 'mentee' }[],
): EphemeralAnswer {
  if (entries.length === 0) return ephemeral({ text: w.noRelationship, blocks: [section(w.noRelationship)] });
  const blocks: KnownBlock[] = [];
  for (const { relationship, side } of entries.slice(0, 12)) {
    const stage = stageWording[relationship.status as keyof typeof stageWording];
    if (!stage) continue;
    const partner = side === 'mentor' ? relationship.menteeId : relationship.mentorId;
    blocks.push(
      section(
        `${w.stageHeading(mention(partner), side)}\n*${stage.name}*\n${stage.purpose}\n_${stage.next}_` +
          (relationship.status === 'stage1'
            ? `\n${agreementWording.status(agreementsComplete(relationship.agreements))}`
            : ''),
      ),
    );
    const next = nextStage(relationship.status);
    const nextName = next ? stageWording[next as keyof typeof stageWording]?.name : undefined;
    if (side === 'mentor' && nextName && relationship.status !== 'introduced')
      blocks.push({
        type: 'actions',
        block_id: `stage_${relationship.id}`,
        elements: [
          {
            type: 'button',
            action_id: ACTIONS.advanceStage,
            text: { type: 'plain_text', text: w.advanceButton(nextName) },
            value: relationship.id,
            confirm: {
              title: { type: 'plain_text', text: w.advanceConfirmTitle },
              text: { type: 'mrkdwn', text: w.advanceConfirmText(nextName) },
              confirm: { type: 'plain_text', text: 'Move on' },
              deny: { type: 'plain_text', text: 'Not yet' },
            },
          },
        ],
      });
  }
  return ephemeral({ text: blocks.length ? 'Where your mentoring stands' : w.noRelationship, blocks });
}

/** Ending early: which relationship (when there are several), why, and an explicit confirmation. */
export function endModal(
  entries: { relationship: RelationshipRecord; side: 'mentor' | 'mentee' }[],
): ModalView {
  const choices = entries
    .slice(0, 100)
    .map(({ relationship, side }) =>
      option(
        `${side === 'mentor' ? 'Mentee' : 'Mentor'}: ${side === 'mentor' ? relationship.menteeId : relationship.mentorId}`,
        relationship.id,
      ),
    );
  return {
    type: 'modal',
    callback_id: VIEWS.endRelationship,
    title: { type: 'plain_text', text: w.end.modalTitle },
    submit: { type: 'plain_text', text: w.end.submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: FIELD_BLOCK('relationship'),
        label: { type: 'plain_text', text: w.end.relationshipLabel },
        element: {
          type: 'static_select',
          action_id: FIELD_ACTION('relationship'),
          options: choices,
          ...(choices.length === 1 && choices[0] ? { initial_option: choices[0] } : {}),
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK('reason'),
        label: { type: 'plain_text', text: w.end.reasonLabel },
        element: {
          type: 'plain_text_input',
          action_id: FIELD_ACTION('reason'),
          multiline: true,
          max_length: 1000,
        },
      },
      {
        type: 'input',
        block_id: FIELD_BLOCK('confirm'),
        label: { type: 'plain_text', text: 'Confirm' },
        element: {
          type: 'checkboxes',
          action_id: FIELD_ACTION('confirm'),
          options: [option(w.end.confirm, 'yes')],
        },
      },
    ],
  };
}
