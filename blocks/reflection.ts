import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { evaluationWording as ew, reflectionWording as rw } from '../src/content/prompts';
import {
  CONTINUE_CHOICES,
  EVALUATION_LIMITS,
  MAX_RATING,
  MIN_RATING,
  RECOMMEND_CHOICES,
  REFLECTION_FIELDS,
  REFLECTION_LIMITS,
  REFLECTION_REQUIRED,
  type ReflectionAnswers,
  type ReflectionTextField,
} from '../src/domain/reflection';
import { FIELD_ACTION, FIELD_BLOCK, VIEWS } from './ids';
import { option, section, type BotMessage } from './message';
import { escapeWithin, mention } from './mrkdwn';

type Role = 'mentor' | 'mentee';

/** Room left in a 3000-character section after a field's bold label. */
const ANSWER_MAX = 2900;

function textInput(
  field: string,
  label: string,
  maxLength: number,
  {
    optional = false,
    multiline = true,
    hint,
  }: { optional?: boolean; multiline?: boolean; hint?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: FIELD_BLOCK(field),
    optional,
    label: { type: 'plain_text', text: label },
    ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: FIELD_ACTION(field),
      multiline,
      max_length: maxLength,
    },
  };
}

function choiceInput(field: string, label: string, options: PlainTextOption[]): KnownBlock {
  return {
    type: 'input',
    block_id: FIELD_BLOCK(field),
    label: { type: 'plain_text', text: label },
    element: { type: 'radio_buttons', action_id: FIELD_ACTION(field), options },
  };
}

/**
 * The close-out reflection, for the mentor or the mentee of a relationship. Block and action ids are
 * `FIELD_BLOCK(field)` / `FIELD_ACTION(field)` for each of `REFLECTION_FIELDS`, so the generic view reader
 * returns exactly what `validateReflection` expects; choice values are the domain's values.
 */
export function reflectionModal(relationshipId: string, role: Role, partnerId: string): ModalView {
  const labels = rw.labels[role];
  const required = new Set<string>(REFLECTION_REQUIRED);
  const blocks: KnownBlock[] = [section(rw.intro(role, mention(partnerId)))];
  for (const field of REFLECTION_FIELDS) {
    if (field === 'continueInformally') {
      blocks.push(
        choiceInput(
          field,
          labels[field],
          CONTINUE_CHOICES.map((choice) => option(rw.continueChoices[choice], choice)),
        ),
      );
      continue;
    }
    blocks.push(
      textInput(field, labels[field], REFLECTION_LIMITS[field], {
        optional: !required.has(field),
        multiline: field !== 'continueHow',
        ...(field === 'continueHow' ? { hint: rw.continueHowHint } : {}),
      }),
    );
  }
  return {
    type: 'modal',
    callback_id: VIEWS.reflection,
    private_metadata: JSON.stringify({ relationshipId }),
    title: { type: 'plain_text', text: rw.modalTitle },
    submit: { type: 'plain_text', text: rw.submit },
    close: { type: 'plain_text', text: rw.close },
    blocks,
  };
}

/** The built-in program evaluation survey: a 1-5 rating, would you recommend, what worked, what to improve. */
export function evaluationModal(relationshipId: string): ModalView {
  const ratings = Array.from({ length: MAX_RATING - MIN_RATING + 1 }, (_, i) => String(MIN_RATING + i));
  return {
    type: 'modal',
    callback_id: VIEWS.evaluation,
    private_metadata: JSON.stringify({ relationshipId }),
    title: { type: 'plain_text', text: ew.modalTitle },
    submit: { type: 'plain_text', text: ew.submit },
    close: { type: 'plain_text', text: ew.close },
    blocks: [
      section(ew.intro),
      choiceInput(
        'rating',
        ew.labels.rating,
        ratings.map((value, i) => option(ew.ratings[i] ?? value, value)),
      ),
      choiceInput(
        'recommend',
        ew.labels.recommend,
        RECOMMEND_CHOICES.map((choice) => option(ew.recommendChoices[choice], choice)),
      ),
      textInput('worked', ew.labels.worked, EVALUATION_LIMITS.worked),
      textInput('improve', ew.labels.improve, EVALUATION_LIMITS.improve, { optional: true }),
    ],
  };
}

/** What the pair reads after one of them shares a reflection: each answer given, escaped and cut to fit. */
export function reflectionSummary(userId: string, role: Role, answers: ReflectionAnswers): BotMessage {
  const person = mention(userId);
  const labels = rw.summary.labels;
  const answer = (field: ReflectionTextField) =>
    `*${labels[field]}*\n${escapeWithin(answers[field], ANSWER_MAX)}`;
  const blocks: KnownBlock[] = [section(rw.summary.heading(person, role))];
  for (const field of ['accomplishments', 'challenges', 'remember', 'ahead', 'supportNeeded'] as const)
    if (answers[field]) blocks.push(section(answer(field)));
  const staying = `*${labels.continueInformally}:* ${rw.continueChoices[answers.continueInformally]}`;
  blocks.push(
    section(
      answers.continueHow
        ? `${staying}\n*${labels.continueHow}:* ${escapeWithin(answers.continueHow, ANSWER_MAX)}`
        : staying,
    ),
  );
  if (answers.thanks) blocks.push(section(answer('thanks')));
  return { text: rw.summary.text(person), blocks };
}
