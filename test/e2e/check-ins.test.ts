import { ACTIONS, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { DateTime } from 'luxon';
import {
  agreementsState,
  buttonValue,
  enrol,
  lastOpenedModal,
  matched,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  responseTexts,
  shownView,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, dan } = PEOPLE;
type Values = Record<string, Record<string, Record<string, unknown>>>;

const field = (name: string, state: Record<string, unknown>): Values => ({
  [`field_${name}`]: { [`input_${name}`]: state },
});
const text = (name: string, value: string) => field(name, { type: 'plain_text_input', value });
const select = (name: string, value: string | undefined) =>
  field(name, { type: 'static_select', selected_option: value ? { value } : null });

/** One goal, due 14 August, with check-ins on 15 April, 15 May and 15 June 2026. */
function goalValues(): Values {
  const values: Values = {};
  for (const name of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
    values[`g0_${name}_r0`] = { [name]: { type: 'plain_text_input', value: `${name} of the goal` } };
  values.g0_completeBy_r0 = { completeBy: { type: 'datepicker', selected_date: '2026-08-14' } };
  ['2026-04-15', '2026-05-15', '2026-06-15'].forEach((date, n) => {
    values[`g0_checkIn${n}_r0`] = { [`checkIn${n}`]: { type: 'datepicker', selected_date: date } };
  });
  return values;
}

const pairMessages = (t: TestBot, channel: string) => t.emulator.messages(channel).map((m) => m.text ?? '');
const homeText = (t: TestBot, userId: string) => JSON.stringify(t.emulator.homeOf(userId)?.view ?? {});

describe('from introduction to the first check-in', () => {
  let t: TestBot;
  let relationshipId: string;
  let channel: string;

  beforeAll(async () => {
    t = await startTestBot(); // Monday 2 March 2026
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    ({ relationshipId, channel } = await matched(t, alice.id, bob.id));
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const stored = () => t.bot.database.models.relationships.findById(relationshipId).lean();
  const advance = (userId = alice.id) =>
    t.slack.blockAction(
      { userId },
      { actionId: ACTIONS.advanceStage, value: relationshipId },
      { message: { channel, ts: '1.1' } },
    );

  it('the mentor’s fit decision “proceed” starts stage 1 with a button to record the agreements', async () => {
    await t.slack.command('/mentor', 'fit', { userId: alice.id });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.fitAssessment);
    await t.slack.viewSubmission({ userId: alice.id }, lastOpenedModal(t), {
      ...field('academicAlignment', { type: 'radio_buttons', selected_option: { value: '4' } }),
      ...field('careerAlignment', { type: 'radio_buttons', selected_option: { value: '5' } }),
      ...field('decision', { type: 'radio_buttons', selected_option: { value: 'proceed' } }),
    });
    await waitFor(async () => (await stored())?.status === 'stage1');
    const welcome = t.emulator.messages(channel).find((m) => m.text?.includes('Stage 1'));
    expect(buttonValue(welcome!, ACTIONS.recordAgreements)).toBe(relationshipId);
  });

  describe('stage 1 agreements', () => {
    it('someone outside the pair can’t open them, even with the pair’s button', async () => {
      await t.slack.blockAction(
        { userId: dan.id },
        { actionId: ACTIONS.recordAgreements, value: relationshipId },
        { message: { channel, ts: '1.1' } },
      );
      await waitFor(() => responseTexts(t).some((r) => r.includes('Only the two people')));
    });

    it('a form missing the frequency, the channels or the confidentiality tick comes back with each error', async () => {
      await t.slack.blockAction(
        { userId: bob.id },
        { actionId: ACTIONS.recordAgreements, value: relationshipId },
        { message: { channel, ts: '1.1' } },
      );
      await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.agreements);
      const answer = await t.slack.viewSubmission(
        { userId: bob.id },
        lastOpenedModal(t),
        agreementsState({}),
      );
      expect(answer.json).toMatchObject({
        response_action: 'errors',
        errors: {
          [FIELD_BLOCK('contactFrequency')]: expect.stringContaining('how often'),
          [FIELD_BLOCK('channels')]: expect.stringContaining('at least one'),
          [FIELD_BLOCK('confidentiality')]: expect.stringContaining('confidentiality'),
        },
      });
    });

    it('tampered private_metadata can’t record agreements for someone else’s relationship', async () => {
      const answer = await t.slack.viewSubmission(
        { userId: dan.id },
        lastOpenedModal(t),
        agreementsState({ frequency: 'weekly', channels: ['email'], confidentiality: true }),
      );
      expect(answer.json).toMatchObject({ response_action: 'errors' });
      expect((await stored())?.agreements?.contactFrequency).toBeUndefined();
    });

    it('the mentee records them; the pair sees who has acknowledged confidentiality; stage 2 waits for the mentor’s', async () => {
      const answer = await t.slack.viewSubmission(
        { userId: bob.id },
        lastOpenedModal(t),
        agreementsState({
          frequency: 'every_two_weeks',
          channels: ['slack', 'video'],
          confidentiality: true,
        }),
      );
      expect(answer.status).toBe(200);
      await waitFor(() => pairMessages(t, channel).some((m) => m.includes('recorded your agreements')));
      const summary = pairMessages(t, channel).find((m) => m.includes('recorded your agreements'))!;
      expect(summary).toContain('every two weeks');
      expect(summary).toMatch(new RegExp(`<@${alice.id}> _not yet_`));
      expect(summary).toMatch(new RegExp(`<@${bob.id}> :white_check_mark:`));

      await advance();
      await waitFor(() => responseTexts(t).some((r) => r.includes('recorded your stage 1 agreements')));
      expect((await stored())?.status).toBe('stage1');
    });

    it('the mentor’s form opens with what is agreed; once they acknowledge, the agreements are complete', async () => {
      await t.slack.command('/mentoring', 'agreements', { userId: alice.id });
      await waitFor(
        () =>
          lastOpenedModal(t).callback_id === VIEWS.agreements &&
          JSON.stringify(lastOpenedModal(t)).includes(`<@${bob.id}>`),
      );
      const view = JSON.stringify(lastOpenedModal(t));
      expect(view).toContain('"initial_option":{"text":{"type":"plain_text","text":"Every two weeks"}');
      await t.slack.viewSubmission(
        { userId: alice.id },
        lastOpenedModal(t),
        agreementsState({
          frequency: 'every_two_weeks',
          channels: ['slack', 'video'],
          confidentiality: true,
        }),
      );
      await waitFor(() => pairMessages(t, channel).some((m) => m.includes(`<@${alice.id}> recorded`)));
      const agreements = (await stored())?.agreements;
      expect(agreements).toMatchObject({ contactFrequency: 'every_two_weeks', channels: ['slack', 'video'] });
      expect(agreements?.confidentialityAckMentor).toBeInstanceOf(Date);
      expect(agreements?.confidentialityAckMentee).toBeInstanceOf(Date);
    });
  });

  it('stage 2 → goal form → stage 3, each recorded in the history', async () => {
    await advance();
    await waitFor(async () => (await stored())?.status === 'stage2');
    await t.slack.command('/goals', '', { userId: bob.id });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.goalForm);
    const saved = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), goalValues());
    expect(JSON.stringify(shownView(saved))).toContain('Your goals are saved');
    await waitFor(
      async () => (await t.bot.database.models.goalForms.countDocuments({ relationshipId })) === 1,
    );
    await advance();
    await waitFor(async () => (await stored())?.status === 'stage3');
    expect((await stored())?.history.map((h) => h.to)).toEqual([
      'requested',
      'introduced',
      'stage1',
      'stage2',
      'stage3',
    ]);
  });

  describe('check-ins', () => {
    it('are the mentee’s to write: the mentor gets their mentees’ dates, anyone else a short answer', async () => {
      const mentor = await t.slack.command('/checkin', '', { userId: alice.id });
      expect(JSON.stringify(mentor.json)).toContain(`<@${bob.id}>: next 2026-04-15`);
      const stranger = await t.slack.command('/checkin', '', { userId: dan.id });
      expect(stranger.json?.text).toContain('Check-ins are for mentees');
      await t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.openCheckIn, value: relationshipId },
        { message: { channel, ts: '1.1' } },
      );
      await waitFor(() => responseTexts(t).some((r) => r.includes('Check-ins are written by')));
    });

    it('a check-in date gone by with no check-in shows as late to both, on App Home and in /checkin', async () => {
      t.clock.set(DateTime.fromISO('2026-04-20T15:00:00Z'));
      await t.slack.event({ type: 'app_home_opened', user: alice.id, tab: 'home' });
      await waitFor(() => homeText(t, alice.id).includes('late check-in: Wed, Apr 15'));
      await t.slack.event({ type: 'app_home_opened', user: bob.id, tab: 'home' });
      await waitFor(() => homeText(t, bob.id).includes('late check-in: Wed, Apr 15'));
      const mentor = await t.slack.command('/checkin', '', { userId: alice.id });
      expect(JSON.stringify(mentor.json)).toContain('late: 2026-04-15');
    });

    it('the form names the late date and each goal’s measure; a missing status or evidence comes back under its field', async () => {
      await t.slack.command('/checkin', '', { userId: bob.id });
      await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.checkIn);
      const view = JSON.stringify(lastOpenedModal(t));
      expect(view).toContain('*2026-04-15* (late');
      expect(view).toContain('measurable of the goal');
      const missing = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
        ...select('g0_status', undefined),
        ...text('g0_evidence', ''),
      });
      expect(missing.json).toMatchObject({
        errors: { [FIELD_BLOCK('g0_status')]: 'Please choose a status.' },
      });
      const noEvidence = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
        ...select('g0_status', 'on_track'),
        ...text('g0_evidence', '  '),
        ...text('g0_support', 'An intro to a recruiter'),
      });
      expect(noEvidence.json).toMatchObject({
        errors: { [FIELD_BLOCK('g0_evidence')]: expect.stringContaining('evidence') },
      });
    });

    it('tampered metadata or a form older than the goals is refused, and nothing is stored', async () => {
      const values = { ...select('g0_status', 'on_track'), ...text('g0_evidence', 'Drafted my CV') };
      const stranger = await t.slack.viewSubmission({ userId: dan.id }, lastOpenedModal(t), values);
      expect(stranger.json).toMatchObject({ response_action: 'errors' });
      const stale = await t.slack.viewSubmission(
        { userId: bob.id },
        { ...lastOpenedModal(t), private_metadata: JSON.stringify({ relationshipId, goalFormVersion: 0 }) },
        values,
      );
      expect(JSON.stringify(stale.json)).toContain('Your goals changed');
      expect(await t.bot.database.models.checkIns.countDocuments({})).toBe(0);
    });

    it('a check-in is stored against the late date and summarised for the pair, escaped', async () => {
      const answer = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
        ...select('g0_status', 'at_risk'),
        ...text('g0_evidence', 'Two applications sent <!channel>'),
        ...text('g0_support', 'Practice interview'),
        ...text('note', 'Busy month'),
      });
      expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "sending…"
      expect(JSON.stringify(shownView(answer))).toContain('check-in for 2026-04-15 (late) is sent');
      await waitFor(() => pairMessages(t, channel).some((m) => m.includes('Check-in from')));
      const summary = t.emulator.messages(channel).find((m) => m.text?.includes('Check-in from'))!;
      const blocks = JSON.stringify(summary.blocks);
      expect(summary.text).toContain('for 2026-04-15 (late)');
      expect(blocks).toContain('At risk');
      expect(blocks).toContain('&lt;!channel&gt;');
      expect(blocks).toContain('Practice interview');
      const checkIn = await t.bot.database.models.checkIns.findOne({ relationshipId }).lean();
      expect(checkIn).toMatchObject({ dueDate: '2026-04-15', submittedBy: bob.id, note: 'Busy month' });
    });

    it('after the check-in, App Home shows the next date and nothing late', async () => {
      await waitFor(() => homeText(t, alice.id).includes('next check-in Fri, May 15'));
      expect(homeText(t, alice.id)).not.toContain('late check-in');
      expect(homeText(t, bob.id)).toContain('next check-in Fri, May 15');
    });

    it('an early check-in (within a week of the date) answers that date', async () => {
      t.clock.set(DateTime.fromISO('2026-05-11T15:00:00Z'));
      await t.slack.blockAction(
        { userId: bob.id },
        { actionId: ACTIONS.openCheckIn, value: relationshipId },
        { message: { channel, ts: '1.1' } },
      );
      await waitFor(() => JSON.stringify(lastOpenedModal(t)).includes('*2026-05-15*'));
      expect(JSON.stringify(lastOpenedModal(t))).not.toContain('(late');
      await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
        ...select('g0_status', 'on_track'),
        ...text('g0_evidence', 'First interview booked'),
      });
      await waitFor(
        async () =>
          (await t.bot.database.models.checkIns.exists({ relationshipId, dueDate: '2026-05-15' })) !== null,
      );
    });
  });
});
