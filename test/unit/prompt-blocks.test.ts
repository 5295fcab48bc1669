import type { KnownBlock } from '@slack/types';
import { checkMessageBlocks } from '../support/block-kit-rules';
import { ACTIONS } from '../../blocks/ids';
import {
  EVALUATION_LINK_ACTION,
  escapeWithin,
  evaluationLink,
  MENTOR_TIP_COUNT,
  promptMessage,
  readableDay,
  type PromptContext,
} from '../../blocks/prompts';
import { mentorTips } from '../../src/content/prompts';
import type { ProgramSettings } from '../../src/content/wording';
import { PROMPT_KINDS, type PromptKind } from '../../src/domain/prompt-kinds';

const survey: ProgramSettings = { name: 'Riverside Mentoring Program', contact: 'mentoring@riverside.test' };
const withForm: ProgramSettings = { ...survey, evaluationFormUrl: 'https://forms.example.test/eval?x=1' };

const ctx: PromptContext = {
  relationshipId: 'rel-42',
  mentorId: 'UMENTOR',
  menteeId: 'UMENTEE',
  occurrence: '1',
  checkInDate: '2026-10-14',
  goals: ['Land a UX research internship', 'Build a portfolio of three case studies'],
  formalEndDate: '2027-03-31',
  tipNumber: 3,
  quietDays: 21,
};

type ButtonLike = { type: string; action_id?: string; value?: string; url?: string; text: { text: string } };

function buttons(blocks: KnownBlock[]): ButtonLike[] {
  return blocks.flatMap((block) =>
    block.type === 'actions' ? (block.elements as unknown as ButtonLike[]) : [],
  );
}

const allText = (message: { text: string; blocks: KnownBlock[] }) => JSON.stringify(message);

describe('scheduled prompt messages', () => {
  describe.each([
    ['the built-in survey', survey],
    ['a configured evaluation form', withForm],
  ])('with %s', (_, program) => {
    it.each(PROMPT_KINDS.map((kind) => [kind]))(
      '%s is valid Block Kit with a meaningful fallback',
      (kind) => {
        const message = promptMessage(kind, ctx, program);
        expect(checkMessageBlocks(message.blocks)).toEqual([]);
        expect(message.text.length).toBeGreaterThan(20);
        expect(message.text).not.toMatch(/undefined|\[object/);
        expect(allText(message)).not.toMatch(/undefined|NaN|\[object/);
      },
    );

    it.each(PROMPT_KINDS.map((kind) => [kind]))('%s is valid with only the ids it must have', (kind) => {
      const bare: PromptContext = { relationshipId: 'r', mentorId: 'U1', menteeId: 'U2', occurrence: '' };
      const message = promptMessage(kind, bare, program);
      expect(checkMessageBlocks(message.blocks)).toEqual([]);
      expect(allText(message)).not.toMatch(/undefined|NaN|\[object/);
    });
  });

  describe('buttons: where someone acts next', () => {
    it.each<[PromptKind, string, string]>([
      ['first_meeting_agenda', ACTIONS.recordAgreements, 'rel-42'],
      ['goal_form_invitation', ACTIONS.openGoalForm, 'rel-42'],
      ['goal_form_reminder', ACTIONS.openGoalForm, 'rel-42'],
      ['check_in_nudge', ACTIONS.openCheckIn, 'rel-42'],
      ['check_in_overdue', ACTIONS.openCheckIn, 'rel-42'],
      ['close_out_reflection', ACTIONS.openReflection, 'rel-42'],
      ['evaluation', ACTIONS.openEvaluation, 'rel-42'],
      ['relist_card', ACTIONS.relistMentor, 'UMENTOR'],
      ['talk_again_reminder', ACTIONS.openFit, 'rel-42'],
    ])('%s has one button, %s, carrying %s', (kind, actionId, value) => {
      const found = buttons(promptMessage(kind, ctx, survey).blocks);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ type: 'button', action_id: actionId, value });
    });

    it.each<PromptKind>([
      'second_meeting_questions',
      'stage3_reflection',
      'quiet_relationship',
      'mentor_tip',
    ])('%s is words only, with no button', (kind) => {
      expect(buttons(promptMessage(kind, ctx, survey).blocks)).toEqual([]);
    });

    it('offers a link to the configured evaluation form instead of the survey', () => {
      const found = buttons(promptMessage('evaluation', ctx, withForm).blocks);
      expect(found).toEqual([
        expect.objectContaining({
          action_id: EVALUATION_LINK_ACTION,
          url: 'https://forms.example.test/eval?x=1',
          value: 'rel-42',
        }),
      ]);
      expect(allText(promptMessage('evaluation', ctx, withForm))).not.toContain(
        `"${ACTIONS.openEvaluation}"`,
      );
    });

    it.each([
      ['an empty link', ''],
      ['a link that is not http(s)', 'javascript:alert(1)'],
      ['a link with spaces', 'https://forms.example.test/a b'],
      ['a link past Slack’s 3000 characters', `https://forms.example.test/${'a'.repeat(3000)}`],
    ])('falls back to the built-in survey for %s', (_, url) => {
      const program = { ...survey, evaluationFormUrl: url };
      expect(evaluationLink(program)).toBeUndefined();
      const found = buttons(promptMessage('evaluation', ctx, program).blocks);
      expect(found).toEqual([
        expect.objectContaining({ action_id: ACTIONS.openEvaluation, value: 'rel-42' }),
      ]);
      expect(found[0]?.url).toBeUndefined();
    });
  });

  describe('who is addressed', () => {
    it.each<PromptKind>([
      'first_meeting_agenda',
      'check_in_nudge',
      'check_in_overdue',
      'stage3_reflection',
      'close_out_reflection',
      'goal_form_invitation',
      'goal_form_reminder',
    ])('%s, sent to the pair, mentions both people', (kind) => {
      const text = allText(promptMessage(kind, ctx, survey));
      expect(text).toContain('<@UMENTOR>');
      expect(text).toContain('<@UMENTEE>');
    });

    it.each<PromptKind>(['second_meeting_questions', 'quiet_relationship', 'talk_again_reminder'])(
      '%s, sent to the mentor, names the mentee in the notification',
      (kind) => {
        expect(promptMessage(kind, ctx, survey).text).toContain('<@UMENTEE>');
      },
    );

    it('the re-list card names the mentor to staff', () => {
      expect(promptMessage('relist_card', ctx, survey).text).toContain('<@UMENTOR>');
    });

    it('program name and contact come from configuration', () => {
      const text = allText(promptMessage('evaluation', ctx, survey));
      expect(text).toContain('Riverside Mentoring Program');
      expect(text).toContain('mentoring@riverside.test');
    });
  });

  describe('what the prompts say', () => {
    it('the first-meeting agenda covers backgrounds, expectations, confidentiality, frequency and schedule', () => {
      const text = allText(promptMessage('first_meeting_agenda', ctx, survey)).toLowerCase();
      for (const topic of ['background', 'expectation', 'confidential', 'how often', 'schedule'])
        expect(text).toContain(topic);
    });

    it('the goal form invitation says it is due within the first two weeks of stage 2', () => {
      const text = allText(promptMessage('goal_form_invitation', ctx, survey));
      expect(text).toContain('first two weeks');
      expect(text).toMatch(/1 to 3 goals/);
    });

    it('check-in prompts name the date as people read it, and list the goals', () => {
      const nudge = promptMessage('check_in_nudge', ctx, survey);
      expect(nudge.text).toContain('Wednesday, October 14, 2026');
      expect(allText(nudge)).toContain('Land a UX research internship');
      expect(allText(nudge)).toContain('measure');
      expect(allText(promptMessage('check_in_overdue', ctx, survey))).toContain(
        'Wednesday, October 14, 2026',
      );
    });

    it('the close-out reflection names the formal end date', () => {
      expect(promptMessage('close_out_reflection', ctx, survey).text).toContain('Wednesday, March 31, 2027');
    });

    it('the quiet-relationship nudge says how many days it has been', () => {
      expect(allText(promptMessage('quiet_relationship', ctx, survey))).toContain('21 days');
    });

    it('the stage 3 prompt asks how the mentor is helping, what changed and what to adjust', () => {
      const text = allText(promptMessage('stage3_reflection', ctx, survey));
      expect(text).toContain('How am I helping you');
      expect(text).toMatch(/How have you changed/);
      expect(text).toMatch(/adjust/);
    });

    it('never names the program or people of the guide the wording was drawn from', () => {
      const everything = PROMPT_KINDS.map((kind) => allText(promptMessage(kind, ctx, survey))).join('');
      expect(everything).not.toMatch(/Webster|Ratz|SPARK/i);
    });
  });

  describe('text people typed', () => {
    it('escapes goal texts so nobody can inject a mention or a link', () => {
      const goals = ['Ping <!channel> & visit <https://evil.test|here>'];
      const text = allText(promptMessage('check_in_nudge', { ...ctx, goals }, survey));
      expect(text).toContain('Ping &lt;!channel&gt; &amp; visit &lt;https://evil.test|here&gt;');
      expect(text).not.toContain('<!channel>');
    });

    it('cuts long and many goals to fit Block Kit, saying how many more there are', () => {
      const goals = Array.from({ length: 14 }, (_, i) => `${i}${'&'.repeat(3000)}`);
      for (const kind of ['check_in_nudge', 'check_in_overdue'] as const) {
        const message = promptMessage(kind, { ...ctx, goals }, survey);
        expect(checkMessageBlocks(message.blocks)).toEqual([]);
        expect(allText(message)).toContain('…and 4 more');
      }
    });

    it('ignores blank goals', () => {
      const message = promptMessage('check_in_nudge', { ...ctx, goals: ['  ', ''] }, survey);
      expect(allText(message)).not.toContain('Goals to review');
    });

    it('shows a check-in date that is not a date as given, escaped', () => {
      const message = promptMessage('check_in_nudge', { ...ctx, checkInDate: '<soon>' }, survey);
      expect(message.text).toContain('&lt;soon&gt;');
      expect(checkMessageBlocks(message.blocks)).toEqual([]);
    });
  });

  describe('mentor tips', () => {
    it('there are at least 8, each a challenge with one to three remedies', () => {
      expect(MENTOR_TIP_COUNT).toBeGreaterThanOrEqual(8);
      expect(MENTOR_TIP_COUNT).toBe(mentorTips.length);
      for (const tip of mentorTips) {
        expect(tip.title).not.toBe('');
        expect(tip.challenge).not.toBe('');
        expect(tip.remedies.length).toBeGreaterThanOrEqual(1);
        expect(tip.remedies.length).toBeLessThanOrEqual(3);
      }
    });

    it('each tip number shows a different tip', () => {
      const texts = Array.from(
        { length: MENTOR_TIP_COUNT },
        (_, n) => promptMessage('mentor_tip', { ...ctx, tipNumber: n }, survey).text,
      );
      expect(new Set(texts).size).toBe(MENTOR_TIP_COUNT);
    });

    it.each([
      [MENTOR_TIP_COUNT, 0],
      [MENTOR_TIP_COUNT + 2, 2],
      [MENTOR_TIP_COUNT * 1000 + 5, 5],
    ])('tip number %i wraps around to tip %i', (tipNumber, same) => {
      expect(promptMessage('mentor_tip', { ...ctx, tipNumber }, survey)).toEqual(
        promptMessage('mentor_tip', { ...ctx, tipNumber: same }, survey),
      );
    });

    it('a missing or odd tip number still shows a tip', () => {
      for (const tipNumber of [undefined, Number.NaN, 2.7, Number.MAX_SAFE_INTEGER]) {
        const message = promptMessage('mentor_tip', { ...ctx, tipNumber }, survey);
        expect(checkMessageBlocks(message.blocks)).toEqual([]);
        expect(message.text).toMatch(/^Mentoring tip: /);
      }
    });
  });

  describe('helpers', () => {
    it('escapeWithin escapes, then cuts without splitting an escape', () => {
      expect(escapeWithin('a & b', 20)).toBe('a &amp; b');
      const cut = escapeWithin('&'.repeat(100), 12);
      expect(cut).toBe('&amp;&amp;…');
      expect(cut.length).toBeLessThanOrEqual(12);
    });

    it('readableDay writes an ISO date out in words, and leaves anything else as given', () => {
      expect(readableDay('2026-12-01')).toBe('Tuesday, December 1, 2026');
      expect(readableDay('2026-02-30')).toBe('2026-02-30');
    });
  });
});
