import type { KnownBlock, ModalView } from '@slack/types';
import { checkMessageBlocks, checkView } from '../support/block-kit-rules';
import { FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { evaluationModal, reflectionModal, reflectionSummary } from '../../blocks/reflection';
import { evaluationWording, reflectionWording } from '../../src/content/prompts';
import {
  CONTINUE_CHOICES,
  EVALUATION_FIELDS,
  EVALUATION_LIMITS,
  RECOMMEND_CHOICES,
  REFLECTION_FIELDS,
  REFLECTION_LIMITS,
  validateEvaluation,
  validateReflection,
  type ReflectionAnswers,
} from '../../src/domain/reflection';

const reflectionMessages = reflectionWording.errors;
const evaluationMessages = evaluationWording.errors;

function reflection(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accomplishments: '  Two informational interviews and a summer internship offer. ',
    challenges: 'Finding time during finals.',
    remember: 'The mock interview before my first real one.',
    ahead: 'Starting the internship and choosing electives.',
    supportNeeded: '',
    continueInformally: 'yes',
    continueHow: 'A call each semester',
    thanks: 'Thank you for every hour!',
    ...over,
  };
}

function evaluation(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rating: '4',
    recommend: 'yes',
    worked: 'The goal check-ins kept us on track.',
    improve: '',
    ...over,
  };
}

describe('the close-out reflection', () => {
  it('accepts complete answers, trimmed, with optional ones left empty', () => {
    expect(validateReflection(reflection(), reflectionMessages)).toEqual({
      ok: true,
      answers: {
        accomplishments: 'Two informational interviews and a summer internship offer.',
        challenges: 'Finding time during finals.',
        remember: 'The mock interview before my first real one.',
        ahead: 'Starting the internship and choosing electives.',
        supportNeeded: '',
        continueInformally: 'yes',
        continueHow: 'A call each semester',
        thanks: 'Thank you for every hour!',
      },
    });
  });

  it('reads answers missing from the form as not given: support, how (unless yes) and thanks are optional', () => {
    const result = validateReflection(
      reflection({
        supportNeeded: undefined,
        continueHow: undefined,
        thanks: null,
        continueInformally: 'no',
      }),
      reflectionMessages,
    );
    expect(result).toMatchObject({
      ok: true,
      answers: { supportNeeded: '', continueHow: '', thanks: '', continueInformally: 'no' },
    });
  });

  it.each(CONTINUE_CHOICES.map((choice) => [choice]))('accepts "%s" for continuing informally', (choice) => {
    expect(validateReflection(reflection({ continueInformally: choice }), reflectionMessages).ok).toBe(true);
  });

  it.each([
    ['accomplishments', '   ', reflectionMessages.required.accomplishments],
    ['challenges', undefined, reflectionMessages.required.challenges],
    ['remember', '', reflectionMessages.required.remember],
    ['ahead', 42, reflectionMessages.required.ahead],
    ['continueInformally', undefined, reflectionMessages.continueRequired],
    ['continueInformally', 'perhaps', reflectionMessages.continueRequired],
    [
      'accomplishments',
      'x'.repeat(REFLECTION_LIMITS.accomplishments + 1),
      'Keep this to 2000 characters or fewer.',
    ],
    [
      'supportNeeded',
      'x'.repeat(REFLECTION_LIMITS.supportNeeded + 1),
      'Keep this to 1000 characters or fewer.',
    ],
    ['continueHow', 'x'.repeat(REFLECTION_LIMITS.continueHow + 1), 'Keep this to 500 characters or fewer.'],
    ['thanks', 'x'.repeat(REFLECTION_LIMITS.thanks + 1), 'Keep this to 1000 characters or fewer.'],
  ])('rejects %s = %p with its message, and only that field', (field, value, message) => {
    expect(validateReflection(reflection({ [field]: value }), reflectionMessages)).toEqual({
      ok: false,
      errors: { [field]: message },
    });
  });

  it('asks how to stay in touch when the answer is yes', () => {
    expect(validateReflection(reflection({ continueHow: '  ' }), reflectionMessages)).toEqual({
      ok: false,
      errors: { continueHow: reflectionMessages.howRequired },
    });
    expect(
      validateReflection(reflection({ continueInformally: 'maybe', continueHow: '' }), reflectionMessages).ok,
    ).toBe(true);
  });

  it('reports every bad field at once', () => {
    const result = validateReflection({ continueInformally: 'yes' }, reflectionMessages);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors).sort()).toEqual(
        ['accomplishments', 'ahead', 'challenges', 'continueHow', 'remember'].sort(),
      );
  });

  it('accepts answers exactly at their limits, counting emoji as one character', () => {
    const result = validateReflection(
      reflection({ accomplishments: '🎉'.repeat(REFLECTION_LIMITS.accomplishments) }),
      reflectionMessages,
    );
    expect(result.ok).toBe(true);
  });
});

describe('the built-in evaluation survey', () => {
  it('accepts good answers, the rating as a number', () => {
    expect(validateEvaluation(evaluation(), evaluationMessages)).toEqual({
      ok: true,
      answers: { rating: 4, recommend: 'yes', worked: 'The goal check-ins kept us on track.', improve: '' },
    });
    expect(
      validateEvaluation(evaluation({ rating: 5, improve: undefined }), evaluationMessages),
    ).toMatchObject({
      ok: true,
      answers: { rating: 5, improve: '' },
    });
  });

  it.each([
    ['rating', undefined, evaluationMessages.ratingRequired],
    ['rating', '0', evaluationMessages.ratingRequired],
    ['rating', '6', evaluationMessages.ratingRequired],
    ['rating', '3.5', evaluationMessages.ratingRequired],
    ['rating', 'great', evaluationMessages.ratingRequired],
    ['rating', '', evaluationMessages.ratingRequired],
    ['recommend', undefined, evaluationMessages.recommendRequired],
    ['recommend', 'maybe', evaluationMessages.recommendRequired],
    ['worked', '  ', evaluationMessages.workedRequired],
    ['worked', 'x'.repeat(EVALUATION_LIMITS.worked + 1), 'Keep this to 1500 characters or fewer.'],
    ['improve', 'x'.repeat(EVALUATION_LIMITS.improve + 1), 'Keep this to 1500 characters or fewer.'],
  ])('rejects %s = %p with its message, and only that field', (field, value, message) => {
    expect(validateEvaluation(evaluation({ [field]: value }), evaluationMessages)).toEqual({
      ok: false,
      errors: { [field]: message },
    });
  });
});

type Input = {
  type: 'input';
  block_id: string;
  optional?: boolean;
  element: { type: string; action_id: string; max_length?: number; options?: { value: string }[] };
};
const inputs = (view: ModalView) => (view.blocks as unknown as Input[]).filter((b) => b.type === 'input');

/** Slack's view state for a submission, shaped as the generic reader in src/slack/views reads it. */
function submitted(view: ModalView, answers: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const block of inputs(view)) {
    const field = block.block_id.replace(/^field_/, '');
    expect(block.element.action_id).toBe(FIELD_ACTION(field));
    const answer = answers[field];
    if (answer === undefined) continue;
    if (block.element.type === 'plain_text_input') raw[field] = answer;
    else {
      const option = block.element.options?.find((o) => o.value === answer);
      raw[field] = option?.value; // a radio button can only send one of its own option values
    }
  }
  return raw;
}

describe('the reflection modal', () => {
  it.each([['mentor'], ['mentee']] as const)('for the %s is valid Block Kit with its ids', (role) => {
    const view = reflectionModal('rel-7', role, 'UPARTNER');
    expect(checkView(view, 'modal')).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.reflection);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ relationshipId: 'rel-7' });
    expect(JSON.stringify(view.blocks)).toContain('<@UPARTNER>');
    expect(inputs(view).map((b) => b.block_id)).toEqual(REFLECTION_FIELDS.map((f) => FIELD_BLOCK(f)));
  });

  it('has one input per validation field, optional exactly where validation allows nothing', () => {
    const view = reflectionModal('rel-7', 'mentee', 'UPARTNER');
    const empty = validateReflection({}, reflectionMessages);
    const requiredFields = empty.ok ? [] : Object.keys(empty.errors);
    for (const block of inputs(view)) {
      const field = block.block_id.replace(/^field_/, '');
      expect(block.optional ?? false).toBe(!requiredFields.includes(field));
      if (block.element.type === 'plain_text_input')
        expect(block.element.max_length).toBe(REFLECTION_LIMITS[field as keyof typeof REFLECTION_LIMITS]);
      else expect(block.element.options?.map((o) => o.value)).toEqual(['yes', 'maybe', 'no']);
    }
  });

  it('what a person submits reads straight into the validation', () => {
    const view = reflectionModal('rel-7', 'mentor', 'UPARTNER');
    const answers = reflection() as Record<string, string>;
    expect(validateReflection(submitted(view, answers), reflectionMessages).ok).toBe(true);
  });
});

describe('the evaluation modal', () => {
  const view = evaluationModal('rel-9');

  it('is valid Block Kit with its ids', () => {
    expect(checkView(view, 'modal')).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.evaluation);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ relationshipId: 'rel-9' });
    expect(inputs(view).map((b) => b.block_id)).toEqual(EVALUATION_FIELDS.map((f) => FIELD_BLOCK(f)));
  });

  it('offers ratings 1-5 and yes/no with the domain’s values; only "improve" is optional', () => {
    const [rating, recommend, worked, improve] = inputs(view);
    expect(rating?.element.options?.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(recommend?.element.options?.map((o) => o.value)).toEqual([...RECOMMEND_CHOICES]);
    expect(worked?.element.max_length).toBe(EVALUATION_LIMITS.worked);
    expect([rating, recommend, worked].map((b) => b?.optional ?? false)).toEqual([false, false, false]);
    expect(improve?.optional).toBe(true);
  });

  it('what a person submits reads straight into the validation', () => {
    const raw = submitted(view, { rating: '5', recommend: 'no', worked: 'Monthly calls' });
    expect(validateEvaluation(raw, evaluationMessages)).toEqual({
      ok: true,
      answers: { rating: 5, recommend: 'no', worked: 'Monthly calls', improve: '' },
    });
  });
});

describe('the reflection summary posted to the pair', () => {
  const answers: ReflectionAnswers = {
    accomplishments: 'Shipped <!channel> & more',
    challenges: 'Time',
    remember: 'The <https://evil.test|link> talk',
    ahead: 'Graduation',
    supportNeeded: '',
    continueInformally: 'maybe',
    continueHow: '',
    thanks: '',
  };

  it('is valid Block Kit, names who wrote it, and escapes what they typed', () => {
    const message = reflectionSummary('UMENTEE', 'mentee', answers);
    expect(checkMessageBlocks(message.blocks)).toEqual([]);
    expect(message.text).toContain('<@UMENTEE>');
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('Shipped &lt;!channel&gt; &amp; more');
    expect(text).toContain('&lt;https://evil.test|link&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain(reflectionWording.continueChoices.maybe);
  });

  it('leaves out optional answers not given', () => {
    const text = JSON.stringify(reflectionSummary('UMENTEE', 'mentee', answers).blocks);
    expect(text).not.toContain(reflectionWording.summary.labels.supportNeeded);
    expect(text).not.toContain(`*${reflectionWording.summary.labels.thanks}*`);
  });

  it('cuts the longest answers, even full of characters that escaping lengthens, to fit', () => {
    const long: ReflectionAnswers = {
      ...answers,
      accomplishments: '&'.repeat(REFLECTION_LIMITS.accomplishments),
      challenges: '<'.repeat(REFLECTION_LIMITS.challenges),
      supportNeeded: '>'.repeat(REFLECTION_LIMITS.supportNeeded),
      continueInformally: 'yes',
      continueHow: '&'.repeat(REFLECTION_LIMITS.continueHow),
      thanks: '🎉'.repeat(REFLECTION_LIMITS.thanks),
    };
    const message = reflectionSummary('UMENTOR', 'mentor', long);
    expect(checkMessageBlocks(message.blocks as KnownBlock[])).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toMatch(/&am…|&a…|&…|&l…/);
  });
});
