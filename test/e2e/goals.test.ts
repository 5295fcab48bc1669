import { ACTIONS, VIEWS } from '../../blocks/ids';
import { DateTime } from 'luxon';
import { isWorkingDay } from '../../src/domain/check-in-dates';
import {
  matched,
  enrol,
  lastOpenedModal,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  responseTexts,
  shownView,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, dan } = PEOPLE;

type Values = Record<string, Record<string, Record<string, unknown>>>;

/** The values Slack would send for goal drafts typed into a form of this revision. */
function goalValues(
  revision: number,
  goals: { text?: string; completeBy?: string; checkIns?: string[] }[],
): Values {
  const values: Values = {};
  goals.forEach((goal, i) => {
    for (const field of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
      values[`g${i}_${field}_r${revision}`] = {
        [field]: {
          type: 'plain_text_input',
          value: goal.text === undefined ? `${field} ${i + 1}` : goal.text,
        },
      };
    values[`g${i}_completeBy_r${revision}`] = {
      completeBy: { type: 'datepicker', selected_date: goal.completeBy ?? '2026-08-14' },
    };
    (goal.checkIns ?? ['2026-04-15', '2026-05-15', '2026-06-15']).forEach((date, n) => {
      values[`g${i}_checkIn${n}_r${revision}`] = {
        [`checkIn${n}`]: { type: 'datepicker', selected_date: date },
      };
    });
  });
  return values;
}

function currentGoalModal(t: TestBot) {
  const modals = t.emulator
    .views()
    .filter((v) => v.kind === 'modal' && (v.view as { callback_id?: string }).callback_id === VIEWS.goalForm);
  return modals[modals.length - 1]!;
}

describe('the SMART goal form', () => {
  let t: TestBot;
  let relationshipId: string;
  let pairChannel: string;

  beforeAll(async () => {
    t = await startTestBot(); // the clock reads Monday 2 March 2026
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    ({ relationshipId, channel: pairChannel } = await matched(t, alice.id, bob.id));
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('doesn’t open before stage 2', async () => {
    expect((await t.slack.command('/goals', '', { userId: bob.id })).json?.text).toContain(
      'opens once you and your mentor reach stage 2',
    );
    const { relationships } = t.bot.database.models;
    await relationships.updateOne({ _id: relationshipId }, { $set: { status: 'stage2' } });
  });

  it('opens for the mentee with one goal, complete-by proposed and three evenly spaced working-day check-ins', async () => {
    await t.slack.command('/goals', '', { userId: bob.id });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.goalForm);
    const view = JSON.stringify(lastOpenedModal(t));
    expect(view).toContain('"initial_date":"2026-07-02"');
    const checkIns = [...view.matchAll(/"action_id":"checkIn\d","initial_date":"(\d{4}-\d{2}-\d{2})"/g)].map(
      (m) => m[1]!,
    );
    expect(checkIns).toHaveLength(3);
    expect([...checkIns].sort()).toEqual(checkIns);
    for (const date of checkIns) {
      expect(isWorkingDay(date)).toBe(true);
      expect(date > '2026-03-02' && date < '2026-07-02').toBe(true);
    }
  });

  it('adding a goal keeps what was typed in the first', async () => {
    const opened = currentGoalModal(t);
    const view = {
      ...opened.view,
      id: opened.id,
      hash: opened.hash,
      state: { values: goalValues(0, [{ text: 'Land a summer internship' }]) },
    };
    await t.slack.blockAction({ userId: bob.id }, { actionId: ACTIONS.addGoal }, { view });
    await waitFor(() => JSON.stringify(currentGoalModal(t).view).includes('Goal 2'));
    const updated = JSON.stringify(currentGoalModal(t).view);
    expect(updated).toContain('"initial_value":"Land a summer internship"');
    expect(updated).toContain('g1_specific_r1');
    expect(updated).toContain(ACTIONS.removeGoal);
  });

  it('removing a goal keeps the others, renumbered', async () => {
    const opened = currentGoalModal(t);
    const values = goalValues(1, [{ text: 'First goal' }, { text: 'Second goal' }]);
    const view = { ...opened.view, id: opened.id, hash: opened.hash, state: { values } };
    await t.slack.blockAction({ userId: bob.id }, { actionId: ACTIONS.removeGoal, value: '0' }, { view });
    await waitFor(() => !JSON.stringify(currentGoalModal(t).view).includes('Goal 2'));
    const updated = JSON.stringify(currentGoalModal(t).view);
    expect(updated).toContain('"initial_value":"Second goal"');
    expect(updated).not.toContain('First goal');
  });

  it('someone else can’t rebuild the mentee’s form', async () => {
    const opened = currentGoalModal(t);
    const view = { ...opened.view, id: opened.id, hash: opened.hash, state: { values: goalValues(2, [{}]) } };
    await t.slack.blockAction({ userId: dan.id, channelId: 'D1' }, { actionId: ACTIONS.addGoal }, { view });
    await waitFor(
      () => t.emulator.callsTo('chat.postEphemeral').length > 0 || responseTexts(t).length > 0 || true,
    );
    expect(JSON.stringify(currentGoalModal(t).view)).not.toContain('Goal 2');
  });

  it('bad answers come back under the right fields, all at once', async () => {
    const opened = currentGoalModal(t);
    const answer = await t.slack.viewSubmission(
      { userId: bob.id },
      { ...opened.view, id: opened.id },
      goalValues(2, [{ text: '', checkIns: ['2026-04-15', '2026-03-20', '2026-09-01'] }]),
    );
    expect(answer.json?.response_action).toBe('errors');
    const errors = answer.json?.errors as Record<string, string>;
    expect(errors.g0_specific_r2).toContain('exactly what you want');
    expect(errors.g0_checkIn1_r2).toContain('after check-in 1');
    expect(Object.keys(errors)).toContain('g0_actions_r2');
  });

  it('a good form is saved as version 1, sets the formal end date and is shared with the pair', async () => {
    const opened = currentGoalModal(t);
    const answer = await t.slack.viewSubmission(
      { userId: bob.id },
      { ...opened.view, id: opened.id },
      goalValues(2, [{ text: 'Land a summer internship' }]),
    );
    // "Saving…" at once, then the confirmation in its place
    expect(answer.ack.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(shownView(answer))).toContain('Your goals are saved (version 1)');
    expect(await t.bot.database.models.goalForms.countDocuments({ relationshipId })).toBe(1);
    expect(await t.bot.database.models.relationships.findById(relationshipId).lean()).toMatchObject({
      formalEndDate: '2026-08-14',
    });
    await waitFor(() => t.emulator.messages(pairChannel).some((m) => m.text?.includes('Goals of <@UBOB>')));
    expect(t.emulator.messages(pairChannel).some((m) => m.text?.includes('runs until 2026-08-14'))).toBe(
      true,
    );
  });

  it('editing keeps the earlier version and tells the mentor what changed', async () => {
    t.clock.set(DateTime.fromISO('2026-03-09T15:00:00Z', { zone: 'utc' }));
    await t.slack.command('/goals', '', { userId: bob.id });
    await waitFor(() => JSON.stringify(lastOpenedModal(t)).includes('Land a summer internship'));
    const view = lastOpenedModal(t);
    await t.slack.viewSubmission(
      { userId: bob.id },
      view,
      goalValues(0, [{ text: 'Land a summer internship', completeBy: '2026-09-30' }]),
    );
    expect(await t.bot.database.models.goalForms.countDocuments({ relationshipId })).toBe(2);
    await waitFor(() =>
      t.emulator.messages(pairChannel).some((m) => m.text?.includes('updated their goals')),
    );
    const change = t.emulator
      .messages(pairChannel)
      .find((m) => m.text?.includes('updated their goals'))!.text!;
    expect(change).toContain('2026-08-14');
    expect(change).toContain('2026-09-30');
  });

  it('the mentor reads the goals with /goals @mentee; nobody else can', async () => {
    const mentor = await t.slack.command('/goals', `<@${bob.id}|bob>`, { userId: alice.id });
    expect(JSON.stringify(mentor.json)).toContain('Land a summer internship');
    const outsider = await t.slack.command('/goals', `<@${bob.id}|bob>`, { userId: dan.id });
    expect(outsider.json?.text).toContain('only for your own mentees');
    expect(JSON.stringify(outsider.json)).not.toContain('Land a summer internship');
  });

  it('a forged submission by someone outside the pair saves nothing', async () => {
    const answer = await t.slack.viewSubmission(
      { userId: dan.id },
      lastOpenedModal(t),
      goalValues(0, [{ text: 'hijack' }]),
    );
    expect(answer.json?.response_action).toBe('errors');
    expect(await t.bot.database.models.goalForms.countDocuments({ relationshipId })).toBe(2);
  });

  it('with the goal form written, the mentor can move on to stage 3', async () => {
    await t.slack.blockAction(
      { userId: alice.id },
      { actionId: ACTIONS.advanceStage, value: relationshipId },
      { message: { channel: pairChannel, ts: '1.1' } },
    );
    await waitFor(
      async () =>
        (await t.bot.database.models.relationships.findById(relationshipId).lean())?.status === 'stage3',
    );
  });
});
