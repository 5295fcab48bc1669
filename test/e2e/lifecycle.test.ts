import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import {
  matched,
  dmTextsOf,
  enrol,
  lastOpenedModal,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  responseTexts,
  agreeStage1,
  noticesDelivered,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, carol, dan, erin } = PEOPLE;

function fitState(answers: Record<string, string | undefined>) {
  const state: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [field, value] of Object.entries(answers)) {
    const radio = ['academicAlignment', 'careerAlignment', 'decision'].includes(field);
    state[`field_${field}`] = {
      [`input_${field}`]: radio
        ? { type: 'radio_buttons', selected_option: value ? { value } : null }
        : { type: 'plain_text_input', value: value ?? '' },
    };
  }
  return state;
}

const PRIVATE_NOTE = 'Seems unsure about grad school; revisit in March';

describe('the relationship lifecycle', () => {
  let t: TestBot;
  let pair: { relationshipId: string; channel: string };
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    pair = await matched(t, alice.id, bob.id);
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  describe('fit assessment', () => {
    it('is the mentor’s alone: the mentee can’t open it from the command or the button', async () => {
      expect((await t.slack.command('/mentor', 'fit', { userId: bob.id })).json?.text).toContain(
        'no new mentee waiting',
      );
      const intro = t.emulator.messages(pair.channel)[0]!;
      await t.slack.blockAction(
        { userId: bob.id },
        { actionId: ACTIONS.openFit, value: pair.relationshipId },
        { message: { channel: intro.channel, ts: intro.ts } },
      );
      await waitFor(() => responseTexts(t).some((text) => text.includes('Only the mentor assesses fit')));
    });

    it('the mentor opens it, and a form missing the ratings and decision comes back with field errors', async () => {
      await t.slack.command('/mentor', 'fit', { userId: alice.id });
      await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.fitAssessment);
      const answer = await t.slack.viewSubmission(
        { userId: alice.id },
        lastOpenedModal(t),
        fitState({ understandingNotes: 'x' }),
      );
      expect(answer.json?.response_action).toBe('errors');
      expect(Object.keys(answer.json?.errors as object).sort()).toEqual([
        FIELD_BLOCK('academicAlignment'),
        FIELD_BLOCK('careerAlignment'),
        FIELD_BLOCK('decision'),
      ]);
    });

    it('tampered private_metadata (someone else’s relationship) changes nothing', async () => {
      const view = {
        ...lastOpenedModal(t),
        private_metadata: JSON.stringify({ relationshipId: '0123456789abcdef01234567' }),
      };
      const answer = await t.slack.viewSubmission(
        { userId: alice.id },
        view,
        fitState({ academicAlignment: '4', careerAlignment: '4', decision: 'proceed' }),
      );
      expect(answer.json?.response_action).toBe('errors');
      expect(await t.bot.database.models.relationships.findById(pair.relationshipId).lean()).toMatchObject({
        status: 'introduced',
      });
    });

    it('“proceed” starts stage 1 for both; the notes stay with the mentor only', async () => {
      const answer = await t.slack.viewSubmission(
        { userId: alice.id },
        lastOpenedModal(t),
        fitState({
          understandingNotes: PRIVATE_NOTE,
          academicAlignment: '4',
          careerAlignment: '5',
          decision: 'proceed',
        }),
      );
      expect(answer.status).toBe(200);
      expect(answer.json?.response_action).toBeUndefined();
      const stored = await t.bot.database.models.relationships.findById(pair.relationshipId).lean();
      expect(stored?.status).toBe('stage1');
      expect(stored?.history.at(-1)).toMatchObject({
        from: 'introduced',
        to: 'stage1',
        actor: 'mentor',
        actorId: alice.id,
      });
      expect(JSON.stringify(stored)).not.toContain(PRIVATE_NOTE);
      expect(await t.bot.database.models.fitAssessments.findOne({ mentorId: alice.id }).lean()).toMatchObject(
        { understandingNotes: PRIVATE_NOTE, careerAlignment: 5 },
      );
      await waitFor(() => t.emulator.messages(pair.channel).some((m) => m.text?.includes('Stage 1')));
      expect(JSON.stringify(t.emulator.messages())).not.toContain(PRIVATE_NOTE);
      expect(JSON.stringify(t.logLines)).not.toContain(PRIVATE_NOTE);
    });
  });

  describe('stages', () => {
    it('/mentoring stage tells each person where they stand and what comes next; only the mentor gets the button', async () => {
      const mentee = await t.slack.command('/mentoring', 'stage', { userId: bob.id });
      expect(mentee.json?.text).toBeDefined();
      expect(JSON.stringify(mentee.json?.blocks)).toContain('Stage 1 · Building the relationship');
      expect(JSON.stringify(mentee.json?.blocks)).not.toContain(ACTIONS.advanceStage);
      const mentor = await t.slack.command('/mentoring', 'stage', { userId: alice.id });
      expect(JSON.stringify(mentor.json?.blocks)).toContain(ACTIONS.advanceStage);
      expect(JSON.stringify(mentor.json?.blocks)).toContain('"confirm"');
      expect((await t.slack.command('/mentoring', 'stage', { userId: erin.id })).json?.text).toContain(
        'don’t have a mentoring relationship',
      );
    });

    it('the mentee can’t move the relationship on, even with the mentor’s button value', async () => {
      await t.slack.blockAction(
        { userId: bob.id, channelId: pair.channel },
        { actionId: ACTIONS.advanceStage, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: '1.1' } },
      );
      await waitFor(() => responseTexts(t).some((text) => text.includes('Only the mentor moves')));
      expect(await t.bot.database.models.relationships.findById(pair.relationshipId).lean()).toMatchObject({
        status: 'stage1',
      });
    });

    it('stage 2 waits for the stage 1 agreements, then the mentor moves on and both are told; stage 3 waits for the goal form', async () => {
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.advanceStage, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: '1.1' } },
      );
      await waitFor(() => responseTexts(t).some((text) => text.includes('recorded your stage 1 agreements')));
      await agreeStage1(t, alice.id, bob.id);
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.advanceStage, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: '1.1' } },
      );
      await waitFor(() => t.emulator.messages(pair.channel).some((m) => m.text?.includes('Stage 2')));
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.advanceStage, value: pair.relationshipId },
        { message: { channel: pair.channel, ts: '1.1' } },
      );
      await waitFor(() =>
        responseTexts(t).some((text) => text.includes('once the mentee has written the goal form')),
      );
      const stored = await t.bot.database.models.relationships.findById(pair.relationshipId).lean();
      expect(stored?.status).toBe('stage2');
      expect(stored?.history.map((h) => h.to)).toEqual(['requested', 'introduced', 'stage1', 'stage2']);
    });
  });

  describe('ending early', () => {
    it('asks for a reason and a confirmation', async () => {
      await t.slack.command('/mentoring', 'end', { userId: bob.id });
      await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.endRelationship);
      const answer = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
        [FIELD_BLOCK('relationship')]: {
          [FIELD_ACTION('relationship')]: {
            type: 'static_select',
            selected_option: { value: pair.relationshipId },
          },
        },
        [FIELD_BLOCK('reason')]: { [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: '' } },
        [FIELD_BLOCK('confirm')]: { [FIELD_ACTION('confirm')]: { type: 'checkboxes', selected_options: [] } },
      });
      expect(answer.json).toMatchObject({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: expect.any(String), [FIELD_BLOCK('confirm')]: expect.any(String) },
      });
    });

    it('someone outside the pair can’t end it, whatever the form says', async () => {
      const answer = await t.slack.viewSubmission({ userId: dan.id }, lastOpenedModal(t), {
        [FIELD_BLOCK('relationship')]: {
          [FIELD_ACTION('relationship')]: {
            type: 'static_select',
            selected_option: { value: pair.relationshipId },
          },
        },
        [FIELD_BLOCK('reason')]: {
          [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: 'mischief' },
        },
        [FIELD_BLOCK('confirm')]: {
          [FIELD_ACTION('confirm')]: { type: 'checkboxes', selected_options: [{ value: 'yes' }] },
        },
      });
      expect(answer.json).toMatchObject({ response_action: 'errors' });
    });

    it('either person ends it with a reason: both are told, staff get a card, the seat frees up', async () => {
      const answer = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
        [FIELD_BLOCK('relationship')]: {
          [FIELD_ACTION('relationship')]: {
            type: 'static_select',
            selected_option: { value: pair.relationshipId },
          },
        },
        [FIELD_BLOCK('reason')]: {
          [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: 'My schedule changed <!channel>' },
        },
        [FIELD_BLOCK('confirm')]: {
          [FIELD_ACTION('confirm')]: { type: 'checkboxes', selected_options: [{ value: 'yes' }] },
        },
      });
      expect(answer.json?.response_action).toBeUndefined();
      const stored = await t.bot.database.models.relationships.findById(pair.relationshipId).lean();
      expect(stored?.status).toBe('ended_early');
      expect(stored?.history.at(-1)).toMatchObject({
        to: 'ended_early',
        actor: 'mentee',
        actorId: bob.id,
        reason: 'My schedule changed <!channel>',
      });
      await waitFor(() =>
        t.emulator
          .messages(pair.channel)
          .some((m) => m.text?.includes('ended this mentoring relationship early')),
      );
      await noticesDelivered(t);
      expect(JSON.stringify(t.emulator.messages(pair.channel))).toContain('&lt;!channel&gt;');
      expect(
        t.emulator.messages(t.config.staff.adminChannelId).some((m) => m.text?.includes('ended early')),
      ).toBe(true);
      expect(
        await t.bot.database.models.profiles.findOne({ userId: alice.id, role: 'mentor' }).lean(),
      ).toMatchObject({ openRelationships: 0 });
    });
  });

  describe('not a fit', () => {
    it('closes kindly for both, frees the seat, points the mentee to the directory and tells staff', async () => {
      await enrol(t, carol.id, 'mentor', { ...MENTOR_ANSWERS, displayName: 'Carol' });
      await enrol(t, dan.id, 'mentee', MENTEE_ANSWERS);
      const other = await matched(t, carol.id, dan.id);
      await t.slack.command('/mentor', 'fit', { userId: carol.id });
      await waitFor(() => (lastOpenedModal(t).private_metadata as string).includes(other.relationshipId));
      await t.slack.viewSubmission(
        { userId: carol.id },
        lastOpenedModal(t),
        fitState({ academicAlignment: '1', careerAlignment: '2', decision: 'not_a_fit' }),
      );
      expect(await t.bot.database.models.relationships.findById(other.relationshipId).lean()).toMatchObject({
        status: 'not_a_fit',
      });
      await waitFor(() => dmTextsOf(t, dan.id).some((text) => text.includes('/mentee find')));
      await noticesDelivered(t);
      expect(
        t.emulator
          .messages(t.config.staff.adminChannelId)
          .some((m) => m.text?.includes('decided not to continue')),
      ).toBe(true);
      expect(
        await t.bot.database.models.profiles.findOne({ userId: carol.id, role: 'mentor' }).lean(),
      ).toMatchObject({ openRelationships: 0 });
    });
  });
});
