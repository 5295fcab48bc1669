import { DateTime } from 'luxon';
import { VIEWS } from '../../blocks/ids';
import { enrol, lastOpenedModal, matched, MENTEE_ANSWERS, MENTOR_ANSWERS, shownView } from '../support/flows';
import { seedPair, type SeededPair } from '../support/prompt-seeds';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, erin, staff1 } = PEOPLE;

async function openHome(t: TestBot, userId: string): Promise<string> {
  const before = t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await t.slack.event({ type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' });
  await waitFor(
    () => t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length > before,
  );
  return JSON.stringify(t.emulator.homeOf(userId)?.view);
}

describe('App Home', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', { ...MENTOR_ANSWERS, capacity: '5' });
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('with no relationship: a welcome and how to start', async () => {
    const home = await openHome(t, erin.id);
    expect(home).toContain('Getting started');
    expect(home).toContain('/mentee');
  });

  it('a mentor with no mentees yet sees their seats and directory status', async () => {
    const home = await openHome(t, alice.id);
    expect(home).toContain('Your mentees');
    expect(home).toContain('0 of 5 seats taken · listed in the directory');
  });

  it('with one relationship: the mentee sees their mentor, the stage and what it means; both homes refresh on accept', async () => {
    const publishesBefore = t.emulator.callsTo('views.publish').length;
    await matched(t, alice.id, bob.id);
    await waitFor(() => t.emulator.callsTo('views.publish').length >= publishesBefore + 2);
    const home = JSON.stringify(t.emulator.homeOf(bob.id)?.view);
    expect(home).toContain('Your mentor');
    expect(home).toContain('<@UALICE>');
    expect(home).toContain('Introduced');
    expect(home).toContain('no goals written yet');
    expect(home).toContain('no meeting logged yet');
  });

  it('with many relationships: a mentor’s home lists the first ones and summarises the rest, within 100 blocks', async () => {
    const { relationships, profiles } = t.bot.database.models;
    await profiles.updateOne(
      { userId: alice.id, role: 'mentor' },
      { $set: { capacity: 5, openRelationships: 40 } },
    );
    await relationships.insertMany(
      Array.from({ length: 40 }, (_, i) => ({
        mentorId: alice.id,
        menteeId: `UMANY${i}`,
        status: 'stage3',
        requestedBy: `UMANY${i}`,
        requestedAt: new Date(),
        history: [],
      })),
    );
    const home = await openHome(t, alice.id);
    const view = t.emulator.homeOf(alice.id)!.view as { blocks: unknown[] };
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(home).toContain('…and 26 more');
  });

  it('staff see a dashboard of counts, never what people wrote', async () => {
    const home = await openHome(t, staff1.id);
    expect(home).toContain('Program dashboard');
    expect(home).toContain('application');
    expect(home).toContain('relationships at risk');
    expect(home).toContain('stage 3');
    expect(home).not.toContain('Junior studying marketing');
  });
});

type Values = Record<string, Record<string, Record<string, unknown>>>;
const homeText = (t: TestBot, userId: string) => JSON.stringify(t.emulator.homeOf(userId)?.view ?? {});
const publishesTo = (t: TestBot, userId: string) =>
  t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;

describe('App Home follows the goals, check-ins and meetings', () => {
  let t: TestBot;
  let pair: SeededPair;
  beforeAll(async () => {
    t = await startTestBot(); // Monday 2 March 2026, 09:00 in Chicago
    pair = await seedPair(t, {
      status: 'stage3',
      stageStarts: { introduced: '2026-01-05T15:00:00Z', stage1: '2026-01-12T15:00:00Z' },
      goal: { checkIns: ['2026-03-16', '2026-04-15', '2026-05-15'], completeBy: '2026-06-30' },
    });
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('the mentee sees each goal in their own words, not checked in yet, and the next check-in; the mentor the status only', async () => {
    const mentee = await openHome(t, pair.menteeId);
    expect(mentee).toContain('Your goals');
    expect(mentee).toContain(
      '_not checked in yet_ · Land a summer internship in data science · complete by Tue, Jun 30',
    );
    expect(mentee).toContain('next check-in Mon, Mar 16');
    expect(mentee).toContain('no meeting logged yet');
    const mentor = await openHome(t, pair.mentorId);
    expect(mentor).toContain(`<@${pair.menteeId}>`);
    expect(mentor).toContain('1 goal: 1 not checked in yet · formal end Tue, Jun 30');
    expect(mentor).toContain('next check-in Mon, Mar 16');
    expect(mentor).not.toContain('summer internship');
  });

  it('after a check-in, both homes show the goal’s new status', async () => {
    const [menteeBefore, mentorBefore] = [publishesTo(t, pair.menteeId), publishesTo(t, pair.mentorId)];
    await t.slack.command('/checkin', '', { userId: pair.menteeId });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.checkIn);
    await t.slack.viewSubmission({ userId: pair.menteeId }, lastOpenedModal(t), {
      field_g0_status: { input_g0_status: { type: 'static_select', selected_option: { value: 'at_risk' } } },
      field_g0_evidence: {
        input_g0_evidence: { type: 'plain_text_input', value: 'Two applications <!channel>' },
      },
    });
    await waitFor(
      () => publishesTo(t, pair.menteeId) > menteeBefore && publishesTo(t, pair.mentorId) > mentorBefore,
    );
    const mentee = homeText(t, pair.menteeId);
    expect(mentee).toContain(':large_orange_circle: *At risk* · Land a summer internship in data science');
    // The day of the check-in is when it was stored (MongoDB's time, not the test's clock).
    expect(mentee).toMatch(/_checked in \w{3}, \w{3} \d{1,2}(, \d{4})?_/);
    expect(mentee).not.toContain('Two applications');
    const mentor = homeText(t, pair.mentorId);
    expect(mentor).toContain('1 goal: 1 at risk');
    expect(mentor).not.toContain('Two applications');
  });

  it('after a meeting is logged, both homes show the day', async () => {
    t.clock.set(DateTime.fromISO('2026-03-05T15:00:00Z', { zone: 'utc' }));
    await t.slack.command('/mentoring', 'met yesterday', { userId: pair.mentorId });
    await waitFor(() => homeText(t, pair.mentorId).includes('last met Wed, Mar 4'));
    await waitFor(() => homeText(t, pair.menteeId).includes('last met Wed, Mar 4'));
  });

  it('after the goals are saved again, a rewritten goal starts without a status', async () => {
    await t.slack.command('/goals', '', { userId: pair.menteeId });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.goalForm);
    const before = publishesTo(t, pair.menteeId);
    const values: Values = {};
    for (const field of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
      values[`g0_${field}_r0`] = {
        [field]: {
          type: 'plain_text_input',
          value: field === 'specific' ? 'Publish a <b>poster</b> & talk' : field,
        },
      };
    values.g0_completeBy_r0 = { completeBy: { type: 'datepicker', selected_date: '2026-07-31' } };
    ['2026-03-20', '2026-04-20', '2026-05-20'].forEach((date, n) => {
      values[`g0_checkIn${n}_r0`] = { [`checkIn${n}`]: { type: 'datepicker', selected_date: date } };
    });
    const saved = await t.slack.viewSubmission({ userId: pair.menteeId }, lastOpenedModal(t), values);
    expect(JSON.stringify(shownView(saved))).toContain('Your goals are saved (version 2)');
    await waitFor(() => publishesTo(t, pair.menteeId) > before);
    const mentee = homeText(t, pair.menteeId);
    expect(mentee).toContain(
      '_not checked in yet_ · Publish a &lt;b&gt;poster&lt;/b&gt; &amp; talk · complete by Fri, Jul 31',
    );
    expect(mentee).toContain('next check-in Fri, Mar 20');
    expect(mentee).not.toContain('At risk');
  });

  it('a mentee with many goals: the first five listed, the rest counted, within every limit', async () => {
    const { goalForms } = t.bot.database.models;
    const goal = (n: number) => ({
      specific: `${'<&>'.repeat(160)} goal ${n}`,
      measurable: 'm',
      achievable: 'a',
      relevant: 'r',
      actions: ['x'],
      completeBy: '2026-07-31',
      checkIns: ['2026-04-01', '2026-05-01', '2026-06-01'],
    });
    await goalForms.create({
      relationshipId: pair.relationshipId,
      version: 9,
      submittedBy: pair.menteeId,
      goals: Array.from({ length: 12 }, (_, n) => goal(n)),
    });
    const home = await openHome(t, pair.menteeId);
    const view = t.emulator.homeOf(pair.menteeId)!.view as { blocks: unknown[] };
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(home).toContain('…and 7 more goals: `/goals` shows them all.');
    expect(home).not.toContain('<&>');
  });
});
