import { FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { lastOpenedModal, noticesDelivered, shownView } from '../support/flows';
import type { ViewState } from '../support/signed-slack-client';
import { person, seedPair } from '../support/prompt-seeds';
import { startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * The goal form and the check-in are answered before anything is read ("saving…" in place of the form);
 * saving then checks again who is acting, the relationship's stage and the goals in force. When that no
 * longer holds, the person is told in place of the form (or by DM if they closed it), and what they typed
 * is never lost: the goal form comes back filled in, or their words are given back to copy.
 */
describe('goal forms and check-ins whose facts changed before saving', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot(); // the clock reads Monday 2 March 2026
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const goalValues = (revision: number, specific: string): ViewState => {
    const values: ViewState = {};
    for (const field of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
      values[`g0_${field}_r${revision}`] = {
        [field]: { type: 'plain_text_input', value: field === 'specific' ? specific : `${field} 1` },
      };
    values[`g0_completeBy_r${revision}`] = {
      completeBy: { type: 'datepicker', selected_date: '2026-08-14' },
    };
    ['2026-04-15', '2026-05-15', '2026-06-15'].forEach((date, n) => {
      values[`g0_checkIn${n}_r${revision}`] = {
        [`checkIn${n}`]: { type: 'datepicker', selected_date: date },
      };
    });
    return values;
  };
  const checkInValues = (evidence: string): ViewState => ({
    [FIELD_BLOCK('g0_status')]: {
      [FIELD_ACTION('g0_status')]: { type: 'static_select', selected_option: { value: 'on_track' } },
    },
    [FIELD_BLOCK('g0_evidence')]: {
      [FIELD_ACTION('g0_evidence')]: { type: 'plain_text_input', value: evidence },
    },
  });

  async function openedModal(command: string, userId: string, callbackId: string) {
    const before = t.emulator.callsTo('views.open').length;
    await t.slack.command(command, '', { userId });
    await waitFor(
      () => t.emulator.callsTo('views.open').length > before && lastOpenedModal(t).callback_id === callbackId,
    );
    return lastOpenedModal(t);
  }

  const goalsOf = (relationshipId: string) =>
    t.bot.database.models.goalForms.find({ relationshipId }).sort({ version: 1 }).lean();

  it('the confirmation replaces "sending…" once the check-in is committed, before the Home tabs are refreshed', async () => {
    const pair = await seedPair(t, {
      status: 'stage3',
      stageStarts: { stage2: '2026-02-02T15:00:00Z', stage3: '2026-02-23T15:00:00Z' },
      goal: { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'], completeBy: '2026-08-14' },
    });
    const form = await openedModal('/checkin', pair.menteeId, VIEWS.checkIn);
    const before = t.emulator.calls.length;
    const answer = await t.slack.viewSubmission({ userId: pair.menteeId }, form, checkInValues('Two offers'));
    expect(JSON.stringify(shownView(answer))).toContain('is sent to your conversation');
    await waitFor(() =>
      t.emulator.calls
        .slice(before)
        .some((c) => c.method === 'views.publish' && c.args.user_id === pair.mentorId),
    );
    const calls = t.emulator.calls.slice(before);
    const confirmation = calls.findIndex((c) => c.method === 'views.update' && c.args.view_id === form.id);
    const homes = calls.flatMap((c, i) => (c.method === 'views.publish' ? [i] : []));
    expect(confirmation).toBeGreaterThanOrEqual(0);
    expect(homes.length).toBeGreaterThan(0);
    expect(Math.min(...homes)).toBeGreaterThan(confirmation);
  });

  it('goals saved from another window meanwhile: the form comes back as typed, and saving it again builds on them', async () => {
    const pair = await seedPair(t, { status: 'stage2', stageStarts: { stage2: '2026-02-23T15:00:00Z' } });
    const first = await openedModal('/goals', pair.menteeId, VIEWS.goalForm);
    const second = await openedModal('/goals', pair.menteeId, VIEWS.goalForm);
    const saved = await t.slack.viewSubmission(
      { userId: pair.menteeId },
      first,
      goalValues(0, 'From the first window'),
    );
    expect(JSON.stringify(shownView(saved))).toContain('Your goals are saved (version 1)');

    const late = await t.slack.viewSubmission(
      { userId: pair.menteeId },
      second,
      goalValues(0, 'From the second window'),
    );
    expect(late.ack.json).toMatchObject({ response_action: 'update' }); // "saving…", with no read
    const back = shownView(late)!;
    expect(back.callback_id).toBe(VIEWS.goalForm);
    expect(JSON.stringify(back)).toContain('saved from another window');
    expect(JSON.stringify(back)).toContain('"initial_value":"From the second window"');
    expect((await goalsOf(pair.relationshipId)).map((g) => g.version)).toEqual([1]);

    // The form given back carries no version: saving it replaces the goals now in force.
    const again = await t.slack.viewSubmission(
      { userId: pair.menteeId },
      back,
      goalValues(1, 'From the second window'),
    );
    expect(JSON.stringify(shownView(again))).toContain('Your goals are saved (version 2)');
    const versions = await goalsOf(pair.relationshipId);
    expect(versions.map((g) => [g.version, g.goals[0]?.specific])).toEqual([
      [1, 'From the first window'],
      [2, 'From the second window'],
    ]);
  });

  it('the relationship ended while the goal form was open: nothing saved, and the words typed given back, escaped', async () => {
    const pair = await seedPair(t, { status: 'stage2', stageStarts: { stage2: '2026-02-23T15:00:00Z' } });
    const form = await openedModal('/goals', pair.menteeId, VIEWS.goalForm);
    await t.bot.database.models.relationships.updateOne(
      { _id: pair.relationshipId },
      { $set: { status: 'ended_early' } },
    );
    const answer = await t.slack.viewSubmission(
      { userId: pair.menteeId },
      form,
      goalValues(0, 'My own words <!channel>'),
    );
    expect(answer.ack.json).toMatchObject({ response_action: 'update' });
    const shown = JSON.stringify(shownView(answer));
    expect(shown).toContain('Not saved');
    expect(shown).toContain('My own words &lt;!channel&gt;');
    expect(shown).not.toContain('<!channel>');
    expect(await goalsOf(pair.relationshipId)).toEqual([]);
  });

  it('the mentee’s time zone changed while the goal form was open: saving checks the dates in the stored zone', async () => {
    // 15:00 UTC on 2 March: still the 2nd in Chicago, already the 3rd on Kiritimati (UTC+14).
    const pair = await seedPair(t, { status: 'stage2', stageStarts: { stage2: '2026-02-23T15:00:00Z' } });
    const form = await openedModal('/goals', pair.menteeId, VIEWS.goalForm);
    await t.bot.database.models.profiles.updateOne(
      { userId: pair.menteeId, role: 'mentee' },
      { $set: { timezone: 'Pacific/Kiritimati' } },
    );
    const values = goalValues(0, 'Land an internship');
    values.g0_checkIn0_r0 = { checkIn0: { type: 'datepicker', selected_date: '2026-03-03' } };
    const answer = await t.slack.viewSubmission({ userId: pair.menteeId }, form, values);
    // The form's own zone (Chicago) found nothing to fix, so it was answered at once.
    expect(answer.ack.json).toMatchObject({ response_action: 'update' });
    const back = shownView(answer)!;
    expect(back.callback_id).toBe(VIEWS.goalForm);
    expect(JSON.stringify(back)).toContain('Please check the dates');
    expect(JSON.stringify(back)).toContain('Pick a date after today.');
    expect(JSON.stringify(back)).toContain('"initial_value":"Land an internship"');
    expect(await goalsOf(pair.relationshipId)).toEqual([]);
  });

  it('someone else submitting a form that names them as its mentee is refused when saving', async () => {
    const pair = await seedPair(t, {
      status: 'stage3',
      stageStarts: { stage2: '2026-02-02T15:00:00Z', stage3: '2026-02-23T15:00:00Z' },
      goal: { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'], completeBy: '2026-08-14' },
    });
    const form = await openedModal('/checkin', pair.menteeId, VIEWS.checkIn);
    const stranger = person(t, 'America/Chicago');
    const forged = {
      ...form,
      private_metadata: JSON.stringify({
        relationshipId: pair.relationshipId,
        goalFormVersion: 1,
        goalCount: 1,
        menteeId: stranger,
      }),
    };
    const answer = await t.slack.viewSubmission({ userId: stranger }, forged, checkInValues('Not mine'));
    expect(answer.ack.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(shownView(answer))).toContain('Check-ins are for mentees');
    expect(await t.bot.database.models.checkIns.countDocuments({ relationshipId: pair.relationshipId })).toBe(
      0,
    );
  });

  it('goals changed while the check-in was open: not saved, the answers given back; a closed form gets them by DM', async () => {
    const pair = await seedPair(t, {
      status: 'stage3',
      stageStarts: { stage2: '2026-02-02T15:00:00Z', stage3: '2026-02-23T15:00:00Z' },
      goal: { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'], completeBy: '2026-08-14' },
    });
    const form = await openedModal('/checkin', pair.menteeId, VIEWS.checkIn);
    const [current] = await goalsOf(pair.relationshipId);
    await t.bot.database.models.goalForms.create({
      relationshipId: pair.relationshipId,
      version: 2,
      goals: current!.goals,
      submittedBy: pair.menteeId,
    });
    const answer = await t.slack.viewSubmission(
      { userId: pair.menteeId },
      form,
      checkInValues('Sent three applications'),
    );
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "sending…", with no read
    const shown = JSON.stringify(shownView(answer));
    expect(shown).toContain('Your goals changed');
    expect(shown).toContain('Sent three applications');

    // Closed before saving ended (Slack no longer has the view): the same by DM.
    await noticesDelivered(t);
    const closed = await t.slack.viewSubmission(
      { userId: pair.menteeId },
      { ...form, id: 'VCLOSED0001' },
      checkInValues('Booked two interviews'),
    );
    expect(closed.status).toBe(200);
    await waitFor(() =>
      t.emulator
        .messages(t.emulator.conversationOf([pair.menteeId]) ?? '')
        .some((m) => JSON.stringify(m.blocks).includes('Booked two interviews')),
    );
    const dm = t.emulator
      .messages(t.emulator.conversationOf([pair.menteeId]) ?? '')
      .find((m) => JSON.stringify(m.blocks).includes('Booked two interviews'))!;
    expect(dm.text).toContain('Your goals changed');
    expect(await t.bot.database.models.checkIns.countDocuments({ relationshipId: pair.relationshipId })).toBe(
      0,
    );
  });
});
