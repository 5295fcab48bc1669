import { DateTime } from 'luxon';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { readCsvObjects } from '../support/csv-read';
import {
  agreementsState,
  apply,
  buttonValue,
  dmTextsOf,
  enrol,
  everythingStored,
  lastOpenedModal,
  MENTEE_ANSWERS,
  noticesDelivered,
  responseTexts,
  reviewCardFor,
  shownTexts,
  shownModal,
  shownView,
} from '../support/flows';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * One mentoring relationship from the two applications to the mentor listed again, as the people in it and
 * the program office would live it: every step through signed requests to the real bot and the Slack
 * emulator, the clock moved day by day and the scheduler ticked. At the end the term's report, the export
 * and the next Monday's digest are read against what happened, and none of the words the two people typed
 * (each field has its own distinctive word) may appear on any staff surface.
 *
 * Chicago is on CST (UTC-6) until 8 March 2026 and on CDT (UTC-5) after, so 15:00 UTC is 09:00 or 10:00
 * there, within working hours for both people.
 */

const { alice, bob, dan, staff1 } = PEOPLE;

type Writer = 'alice' | 'bob';
const planted: { word: string; by: Writer; in: 'application' | 'relationship' }[] = [];
/**
 * A distinctive word for a field a person types into, remembered (with who wrote it, and whether in their
 * application or in the relationship) for the scans at the end.
 */
const plant = (field: string, by: Writer, where: 'application' | 'relationship' = 'relationship') => {
  const word = `storyword${field.replace(/[^a-z0-9]/gi, '').toLowerCase()}${planted.length}`;
  planted.push({ word, by, in: where });
  return word;
};
const words = (filter: (p: (typeof planted)[number]) => boolean = () => true) =>
  planted.filter(filter).map((p) => p.word);
const writerOf = (userId: string): Writer => (userId === PEOPLE.alice.id ? 'alice' : 'bob');

type Values = Record<string, Record<string, Record<string, unknown>>>;
const input = (name: string, value: Record<string, unknown>): Values => ({
  [FIELD_BLOCK(name)]: { [FIELD_ACTION(name)]: value },
});
const typed = (name: string, value: string) => input(name, { type: 'plain_text_input', value });
const radio = (name: string, value: string) =>
  input(name, { type: 'radio_buttons', selected_option: { value } });
const chosen = (name: string, value: string) =>
  input(name, { type: 'static_select', selected_option: { value } });

/** The goal form's values (one goal, revision 0 of the form), every text field planted. */
function goalFormValues(completeBy: string, checkIns: string[]): Values {
  const values: Values = {};
  for (const name of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
    values[`g0_${name}_r0`] = { [name]: { type: 'plain_text_input', value: plant(`goal ${name}`, 'bob') } };
  values.g0_completeBy_r0 = { completeBy: { type: 'datepicker', selected_date: completeBy } };
  checkIns.forEach((date, n) => {
    values[`g0_checkIn${n}_r0`] = { [`checkIn${n}`]: { type: 'datepicker', selected_date: date } };
  });
  return values;
}

describe('one relationship, from the applications to the mentor listed again', () => {
  let t: TestBot;
  let relationshipId = '';
  let pairChannel = '';
  /** Everything staff were shown after the application cards: answers, the staff channel, uploads. */
  const staffSaw: string[] = [];
  let staffChannelFrom = 0;

  beforeAll(async () => {
    // The digest at its default, Monday 09:00 in the program's time zone; free text kept a year.
    t = await startTestBot({
      env: { DIGEST_SCHEDULE: '', RETENTION_MONTHS: '12' },
      now: DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' }),
    });
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const stored = () => t.bot.database.models.relationships.findById(relationshipId).lean();
  /** Moves the clock to this instant and lets the scheduler plan and send what is due. */
  const dayAt = async (iso: string) => {
    t.clock.set(DateTime.fromISO(iso, { zone: 'utc' }));
    await t.bot.scheduler.tick();
    await noticesDelivered(t);
  };
  /** A staff command; what staff read is kept for the scans at the end. */
  const asStaff = async (text: string) => {
    const before = t.emulator.responses().length;
    const answer = await t.slack.command('/mentoring', text, { userId: staff1.id });
    await t.bot.acknowledgedWorkDone(15_000);
    staffSaw.push(JSON.stringify(answer.json), JSON.stringify(t.emulator.responses().slice(before)));
    return answer;
  };
  const advance = async (to: string) => {
    await t.slack.blockAction(
      { userId: alice.id },
      { actionId: ACTIONS.advanceStage, value: relationshipId },
      { message: { channel: pairChannel, ts: '1.1' } },
    );
    await waitFor(async () => (await stored())?.status === to);
    await noticesDelivered(t);
  };
  const openModal = async (userId: string, actionId: string, callbackId: string) => {
    await t.slack.blockAction(
      { userId },
      { actionId, value: relationshipId },
      { message: { channel: pairChannel, ts: '1.1' } },
    );
    await waitFor(() => lastOpenedModal(t).callback_id === callbackId);
    return lastOpenedModal(t);
  };
  const checkIn = async (status: string) => {
    await openModal(bob.id, ACTIONS.openCheckIn, VIEWS.checkIn);
    const answer = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), {
      ...chosen('g0_status', status),
      ...typed('g0_evidence', plant('check-in evidence', 'bob')),
      ...typed('g0_support', plant('check-in support', 'bob')),
      ...typed('note', plant('check-in note', 'bob')),
    });
    // "Sending…" at once, then the confirmation in its place
    expect(answer.ack.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(shownView(answer))).toContain('Thanks, your check-in for');
    await noticesDelivered(t);
  };

  it('Mon 2 March: Alice and Bob apply with the forms, and staff approve each from the card', async () => {
    const application = (role: 'mentor' | 'mentee') => {
      const by = role === 'mentor' ? 'alice' : 'bob';
      return {
        displayName: plant(`${role} display name`, by, 'application'),
        ...(role === 'mentor'
          ? {
              degree: plant('degree', by, 'application'),
              graduationYear: '2009',
              occupation: plant('occupation', by, 'application'),
              industry: plant('industry', by, 'application'),
              capacity: '2',
            }
          : {}),
        academicInterests: ['Marketing'],
        careerInterests: ['Sales'],
        otherInterests: plant(`${role} other interests`, by, 'application'),
        communicationPreferences: ['slack', 'video'],
        bio: plant(`${role} bio`, by, 'application'),
        confidentialityAcknowledged: true,
      };
    };
    for (const [person, role] of [
      [alice, 'mentor'],
      [bob, 'mentee'],
    ] as const) {
      const { view, answer } = await apply(t, person.id, role, application(role));
      expect(view.callback_id).toBe(`application_${role}`);
      expect(answer.json?.response_action).toBe('update');
      const card = reviewCardFor(t, person.id);
      await t.slack.blockAction(
        { userId: staff1.id },
        { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(
        async () =>
          (await t.bot.database.models.profiles.exists({ userId: person.id, role, approved: true })) !== null,
      );
      await noticesDelivered(t);
    }
    expect(dmTextsOf(t, alice.id).join('\n')).toContain('you are now listed in the mentoring directory');
    // The cards staff decide applications from show the answers; everything staff see from here on may not.
    staffChannelFrom = t.emulator.messages(ADMIN_CHANNEL).length;
  });

  it('Bob finds Alice with /mentee find, active this week, and asks her', async () => {
    const found = JSON.stringify((await t.slack.command('/mentee', 'find', { userId: bob.id })).json);
    expect(found).toContain(`<@${alice.id}>`);
    expect(found).toContain('active this week');
    const directory = await asStaff('admin directory');
    expect(JSON.stringify(directory.json)).toContain(
      `<@${alice.id}> · 0 of 2 seats used · last active this week`,
    );
    await t.slack.command('/mentee', `request <@${alice.id}|alice>`, { userId: bob.id });
    await noticesDelivered(t);
    const card = t.emulator
      .messages(t.emulator.conversationOf([alice.id]) ?? '-')
      .find((m) => m.text?.includes(`<@${bob.id}>`));
    relationshipId = buttonValue(card!, ACTIONS.acceptRequest);
    expect((await stored())?.status).toBe('requested');
  });

  it('Tue 3 March: Alice accepts, and the pair is introduced in a group DM', async () => {
    await dayAt('2026-03-03T15:00:00Z');
    const card = t.emulator
      .messages(t.emulator.conversationOf([alice.id]) ?? '-')
      .find((m) => m.text?.includes(`<@${bob.id}>`))!;
    await t.slack.blockAction(
      { userId: alice.id },
      { actionId: ACTIONS.acceptRequest, value: relationshipId },
      { message: { channel: card.channel, ts: card.ts } },
    );
    await waitFor(async () => (await stored())?.status === 'introduced');
    await noticesDelivered(t);
    pairChannel = t.emulator.conversationOf([alice.id, bob.id])!;
    const intro = t.emulator.messages(pairChannel)[0]!;
    expect(buttonValue(intro, ACTIONS.logMeeting)).toBe(relationshipId);
  });

  it('Wed 4 March: they meet, and Bob clicks “We met”', async () => {
    await dayAt('2026-03-04T15:00:00Z');
    const before = responseTexts(t).length;
    await t.slack.blockAction(
      { userId: bob.id },
      { actionId: ACTIONS.logMeeting, value: relationshipId },
      { message: { channel: pairChannel, ts: '1.1' } },
    );
    await waitFor(() => responseTexts(t).length > before);
    expect(responseTexts(t).at(-1)).toContain('Noted: you met on Wednesday, March 4, 2026');
  });

  it('Thu 5 March: Alice assesses the fit (proceed), both record the agreements, and Alice steps out of the directory', async () => {
    await dayAt('2026-03-05T15:00:00Z');
    await t.slack.command('/mentor', 'fit', { userId: alice.id });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.fitAssessment);
    const fit = await t.slack.viewSubmission({ userId: alice.id }, lastOpenedModal(t), {
      ...typed('understandingNotes', plant('fit understanding', 'alice')),
      ...typed('valueNotes', plant('fit value', 'alice')),
      ...typed('valueOverTime', plant('fit over time', 'alice')),
      ...radio('academicAlignment', '4'),
      ...radio('careerAlignment', '5'),
      ...radio('decision', 'proceed'),
    });
    expect(fit.json?.response_action).toBeUndefined();
    await waitFor(async () => (await stored())?.status === 'stage1');
    await noticesDelivered(t);
    for (const userId of [bob.id, alice.id]) {
      await openModal(userId, ACTIONS.recordAgreements, VIEWS.agreements);
      const answer = await t.slack.viewSubmission(
        { userId },
        lastOpenedModal(t),
        agreementsState({
          frequency: 'every_two_weeks',
          channels: ['slack', 'video'],
          confidentiality: true,
        }),
      );
      expect(answer.json).toBeUndefined();
    }
    expect((await stored())?.agreements?.confidentialityAckMentor).toBeInstanceOf(Date);
    const unlisted = await t.slack.command('/mentor', 'unlist', { userId: alice.id });
    expect(unlisted.status).toBe(200);
    expect(
      (await t.bot.database.models.profiles.findOne({ userId: alice.id, role: 'mentor' }).lean())?.listed,
    ).toBe(false);
  });

  it('Mon 9 March: stage 2; Bob writes one SMART goal with three check-ins; Tue 10 March: stage 3', async () => {
    await dayAt('2026-03-09T15:00:00Z');
    await advance('stage2');
    await openModal(bob.id, ACTIONS.openGoalForm, VIEWS.goalForm);
    const saved = await t.slack.viewSubmission(
      { userId: bob.id },
      lastOpenedModal(t),
      goalFormValues('2026-04-24', ['2026-03-20', '2026-04-01', '2026-04-15']),
    );
    expect(saved.ack.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(shownView(saved))).toContain('Your goals are saved (version 1)');
    await dayAt('2026-03-10T15:00:00Z');
    await advance('stage3');
    expect((await stored())?.formalEndDate).toBe('2026-04-24');
  });

  it('Wed 11 March: Bob pauses the reminders for a week, and resumes them the next day', async () => {
    await dayAt('2026-03-11T15:00:00Z');
    expect((await t.slack.command('/mentoring', 'pause 1', { userId: bob.id })).json?.text).toContain(
      'paused',
    );
    await dayAt('2026-03-12T15:00:00Z');
    expect((await t.slack.command('/mentoring', 'resume', { userId: bob.id })).json?.text).toContain(
      'back on',
    );
  });

  it('check-ins: 20 March on the day, 1 April late (on 3 April, a goal at risk), 15 April on the day, done', async () => {
    await dayAt('2026-03-20T15:00:00Z');
    const nudge = t.emulator
      .messages(pairChannel)
      .find((m) => m.metadata?.event_payload.key === `${relationshipId}:check_in_nudge:2026-03-20`);
    expect(buttonValue(nudge!, ACTIONS.openCheckIn)).toBe(relationshipId);
    await checkIn('on_track');
    await dayAt('2026-04-01T15:00:00Z');
    await dayAt('2026-04-03T15:00:00Z');
    await checkIn('at_risk');
    // A goal at risk puts the pair on the office's list, with reasons only.
    const atRisk = await asStaff('admin at-risk');
    expect(JSON.stringify(atRisk.json)).toContain(`<@${bob.id}>`);
    await dayAt('2026-04-15T15:00:00Z');
    await checkIn('done');
    const checkIns = await t.bot.database.models.checkIns
      .find({ relationshipId })
      .sort({ dueDate: 1 })
      .lean();
    expect(checkIns.map((c) => [c.dueDate, c.goals[0]?.status])).toEqual([
      ['2026-03-20', 'on_track'],
      ['2026-04-01', 'at_risk'],
      ['2026-04-15', 'done'],
    ]);
  });

  it('Mon 20 April: stage 4, and each of them writes the close-out reflection, shared with the other', async () => {
    await dayAt('2026-04-20T15:00:00Z');
    await advance('stage4');
    for (const userId of [bob.id, alice.id]) {
      await openModal(userId, ACTIONS.openReflection, VIEWS.reflection);
      const answer = await t.slack.viewSubmission({ userId }, lastOpenedModal(t), {
        ...typed('accomplishments', plant('reflection accomplishments', writerOf(userId))),
        ...typed('challenges', plant('reflection challenges', writerOf(userId))),
        ...typed('remember', plant('reflection remember', writerOf(userId))),
        ...typed('ahead', plant('reflection ahead', writerOf(userId))),
        ...typed('supportNeeded', plant('reflection support', writerOf(userId))),
        ...radio('continueInformally', 'yes'),
        ...typed('continueHow', plant('reflection how', writerOf(userId))),
        ...typed('thanks', plant('reflection thanks', writerOf(userId))),
      });
      expect(answer.json).toBeUndefined();
    }
    await noticesDelivered(t);
    expect(await t.bot.database.models.feedback.countDocuments({ relationshipId, kind: 'reflection' })).toBe(
      2,
    );
  });

  it('Wed 22 April: Alice completes the relationship; each is asked for the evaluation, and staff re-list Alice from the card', async () => {
    await dayAt('2026-04-22T15:00:00Z');
    await advance('completed');
    await dayAt('2026-04-22T15:01:00Z');
    for (const [userId, rating] of [
      [bob.id, '4'],
      [alice.id, '5'],
    ] as const) {
      const dm = t.emulator.conversationOf([userId])!;
      const prompt = t.emulator
        .messages(dm)
        .find((m) => JSON.stringify(m.blocks ?? []).includes(ACTIONS.openEvaluation))!;
      await t.slack.blockAction(
        { userId },
        { actionId: ACTIONS.openEvaluation, value: buttonValue(prompt, ACTIONS.openEvaluation) },
        { message: { channel: dm, ts: prompt.ts } },
      );
      await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.evaluation);
      const answer = await t.slack.viewSubmission({ userId }, lastOpenedModal(t), {
        ...chosen('rating', rating),
        ...radio('recommend', 'yes'),
        ...typed('worked', plant('evaluation worked', writerOf(userId))),
        ...typed('improve', plant('evaluation improve', writerOf(userId))),
      });
      expect(JSON.stringify(answer.json)).toContain('Your evaluation is with the program office');
    }
    const card = t.emulator
      .messages(ADMIN_CHANNEL)
      .find((m) => m.metadata?.event_payload.key === `${relationshipId}:relist_card:once`)!;
    expect(buttonValue(card, ACTIONS.relistMentor)).toBe(alice.id);
    await t.slack.blockAction(
      { userId: staff1.id },
      { actionId: ACTIONS.relistMentor, value: alice.id },
      { message: { channel: ADMIN_CHANNEL, ts: card.ts } },
    );
    await waitFor(
      async () =>
        (await t.bot.database.models.profiles.findOne({ userId: alice.id, role: 'mentor' }).lean())
          ?.listed === true,
    );
    await noticesDelivered(t);
    const found = JSON.stringify((await t.slack.command('/mentee', 'find', { userId: bob.id })).json);
    expect(found).toContain(`<@${alice.id}>`);
    const directory = await asStaff('admin directory');
    expect(JSON.stringify(directory.json)).toContain(`<@${alice.id}> · 0 of 2 seats used`);
  });

  it('the term’s report counts exactly what happened', async () => {
    const text = String((await asStaff('admin report 2026-spring')).json?.text);
    expect(text).toContain('2026-01-01 to 2026-05-31, as of 2026-04-22');
    expect(text).toContain('• Mentors: 1 approved, 0 waiting, 0 declined');
    expect(text).toContain('• Mentees: 1 approved, 0 waiting, 0 declined');
    expect(text).toContain('*Relationships* live in the term: 1\ncompleted 1');
    expect(text).toContain(
      '*Time to match* (a mentee’s approval to their first introduction): median 1 day, 90th percentile 1 day (1)',
    );
    // A meeting is logged by its day, counted at noon UTC: 3 March 15:00 to 4 March 12:00.
    expect(text).toContain(
      '*Time to first meeting* (introduction to the first meeting logged): median 0.9 days, 90th percentile 0.9 days (1)',
    );
    expect(text).toContain('*Check-ins* (scheduled dates so far): 2 on time, 1 late, 0 missed');
    expect(text).toContain('1 done, 0 on track, 0 at risk, 0 not started, 0 without a check-in yet');
    expect(text).toContain(
      '*Endings*: 1 completed; 0 ended early (by the mentor 0, the mentee 0, staff 0); 0 not a fit; requests 0 declined, 0 lapsed, 0 withdrawn, 0 released',
    );
    expect(text).toContain(
      '2 of 2 answered (100%); average rating 4.5 / 5 (mentors 5 / 5 from 1, mentees 4 / 5 from 1); 2 would recommend',
    );
    expect(text).toContain('*Mentor seats* (today): 0 used of 2 offered by 1 approved mentor (1 listed)');
  });

  it('the export’s CSV files hold the two people, the applications, the relationship, its goal, check-ins, meeting and evaluations', async () => {
    const uploadsBefore = t.emulator.uploads().length;
    await asStaff('admin export');
    const uploads = t.emulator.uploads().slice(uploadsBefore);
    const file = (name: string) =>
      readCsvObjects(uploads.find((u) => u.filename === `mentoring-${name}-2026-04-22.csv`)!.content);
    expect(
      file('people')
        .map((p) => [p.user_id, p.role, p.approved, p.listed, p.capacity, p.seats_used])
        .sort(),
    ).toEqual([
      [alice.id, 'mentor', 'yes', 'yes', '2', '0'],
      [bob.id, 'mentee', 'yes', '', '', ''],
    ]);
    expect(
      file('applications')
        .map((a) => [a.user_id, a.role, a.status, a.submitted_at, a.decided_at, a.reviewer_id])
        .sort(),
    ).toEqual([
      [alice.id, 'mentor', 'approved', '2026-03-02T15:00:00.000Z', '2026-03-02T15:00:00.000Z', staff1.id],
      [bob.id, 'mentee', 'approved', '2026-03-02T15:00:00.000Z', '2026-03-02T15:00:00.000Z', staff1.id],
    ]);
    expect(file('relationships')).toEqual([
      expect.objectContaining({
        relationship_id: relationshipId,
        mentor_id: alice.id,
        mentee_id: bob.id,
        status: 'completed',
        introduced_at: '2026-03-03T15:00:00.000Z',
        stage1_at: '2026-03-05T15:00:00.000Z',
        stage2_at: '2026-03-09T15:00:00.000Z',
        stage3_at: '2026-03-10T15:00:00.000Z',
        stage4_at: '2026-04-20T15:00:00.000Z',
        completed_at: '2026-04-22T15:00:00.000Z',
        ended_at: '',
      }),
    ]);
    expect(file('goals')).toEqual([
      expect.objectContaining({
        relationship_id: relationshipId,
        goal_number: '1',
        complete_by: '2026-04-24',
        check_in_dates: '2026-03-20 2026-04-01 2026-04-15',
        latest_status: 'done',
      }),
    ]);
    expect(file('check-ins').map((c) => [c.due_date, c.goal_number, c.status])).toEqual([
      ['2026-03-20', '1', 'on_track'],
      ['2026-04-01', '1', 'at_risk'],
      ['2026-04-15', '1', 'done'],
    ]);
    expect(file('meetings')).toEqual([
      {
        relationship_id: relationshipId,
        date: '2026-03-04',
        logged_by: bob.id,
        logged_at: '2026-03-04T15:00:00.000Z',
      },
    ]);
    expect(
      file('evaluations')
        .map((e) => [e.user_id, e.role, e.rating, e.would_recommend])
        .sort(),
    ).toEqual([
      [alice.id, 'mentor', '5', 'yes'],
      [bob.id, 'mentee', '4', 'yes'],
    ]);
  });

  it('Mon 27 April, 09:00 in Chicago: the weekly digest has the week, and nothing open any more', async () => {
    await dayAt('2026-04-27T13:59:00Z');
    const digests = () =>
      t.emulator.messages(ADMIN_CHANNEL).filter((m) => String(m.text).startsWith('Weekly digest'));
    expect(digests().map((m) => String(m.text).split('\n')[0])).not.toContain('Weekly digest · 2026-W18');
    await dayAt('2026-04-27T14:00:00Z');
    const text = String(digests().at(-1)?.text);
    expect(text).toContain('Weekly digest · 2026-W18');
    expect(text).toContain('The week from 2026-04-20 to 2026-04-27.');
    expect(text).toContain('*New applications* this week: 0 mentors, 0 mentees');
    expect(text).toContain('*Relationships at risk*: 0');
    expect(text).toContain(
      '*Open relationships by stage*: introduced 0 · stage 1 0 · stage 2 0 · stage 3 0 · stage 4 0',
    );
  });

  it('the staff App Home shows figures only', async () => {
    await t.slack.event({ type: 'app_home_opened', user: staff1.id, tab: 'home', channel: 'D0' });
    await waitFor(() =>
      JSON.stringify(t.emulator.homeOf(staff1.id)?.view ?? {}).includes('Program dashboard'),
    );
  });

  it('none of the words either person typed reached a staff surface: answers, the staff channel, exports, the digest, App Home', () => {
    const planted = words();
    expect(planted.length).toBeGreaterThan(30);
    const seen = [
      ...staffSaw,
      JSON.stringify(t.emulator.messages(ADMIN_CHANNEL).slice(staffChannelFrom)),
      ...t.emulator.uploads().map((u) => u.content.toString('utf8')),
      JSON.stringify(t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === staff1.id)),
    ]
      .join('\n')
      .toLowerCase();
    expect(planted.filter((word) => seen.includes(word))).toEqual([]);
    // The words were kept where they belong: the pair's conversation shows what each shared.
    const pair = JSON.stringify(t.emulator.messages(pairChannel)).toLowerCase();
    expect(planted.filter((word) => pair.includes(word)).length).toBeGreaterThan(10);
  });

  const UNLIST_REASON = `Alice Alumna (${alice.email}) is on leave until the autumn`;

  it('Mon 4 May: Dan asks Alice; staff take her out of the directory with a reason, and his request is released', async () => {
    await dayAt('2026-05-04T15:00:00Z');
    await enrol(t, dan.id, 'mentee', { ...MENTEE_ANSWERS, displayName: 'Dan Student' });
    await t.slack.command('/mentee', `request <@${alice.id}|alice>`, { userId: dan.id });
    await noticesDelivered(t);
    await t.slack.command('/mentoring', `admin unlist <@${alice.id}|alice>`, { userId: staff1.id });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.unlistMentor);
    const answer = await t.slack.viewSubmission(
      { userId: staff1.id },
      lastOpenedModal(t),
      typed('reason', UNLIST_REASON),
    );
    expect(shownTexts(answer).join(' ')).toContain('is no longer listed in the directory');
    await noticesDelivered(t);
    expect(dmTextsOf(t, alice.id).join('\n')).toContain(UNLIST_REASON);
    expect(dmTextsOf(t, dan.id).join('\n')).toContain('your request was released');
    // Staff see the directory with seats and Alice's last visit, and no reason; nor does the next digest
    // or the staff App Home carry it.
    expect(JSON.stringify((await asStaff('admin directory')).json)).not.toContain('on leave');
    await dayAt('2026-05-11T14:00:00Z');
    expect(
      t.emulator.messages(ADMIN_CHANNEL).some((m) => String(m.text).startsWith('Weekly digest · 2026-W20')),
    ).toBe(true);
    await t.slack.event({ type: 'app_home_opened', user: staff1.id, tab: 'home', channel: 'D0' });
    await t.bot.acknowledgedWorkDone(5000);
    const staffSurfaces = [
      ...staffSaw,
      JSON.stringify(t.emulator.messages(ADMIN_CHANNEL).slice(staffChannelFrom)),
      JSON.stringify(t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === staff1.id)),
    ].join('\n');
    for (const trace of ['on leave', alice.email, ...words()]) expect(staffSurfaces).not.toContain(trace);
  });

  it('thirteen months after the end, the retention rule leaves nothing either of them wrote in the relationship', async () => {
    await dayAt('2027-05-24T15:00:00Z');
    await t.bot.scheduler.tick();
    const erased = await t.bot.database.models.auditEvents.find({ action: 'retention_erased' }).lean();
    expect(erased.map((e) => e.subjectId)).toContain(relationshipId);
    const stored = (await everythingStored(t)).toLowerCase();
    expect(words((p) => p.in === 'relationship').filter((word) => stored.includes(word))).toEqual([]);
    // What they wrote in their applications stays while they are in the program.
    expect(words((p) => p.in === 'application').filter((word) => stored.includes(word)).length).toBe(
      words((p) => p.in === 'application').length,
    );
  });

  it('Alice, then Bob, ask to be forgotten: nothing of their ids, names, emails or words is left, and the report reads the same', async () => {
    const reports = async () =>
      Promise.all(
        ['2026-spring', 'all'].map(async (term) =>
          String(
            (await t.slack.command('/mentoring', `admin report ${term}`, { userId: staff1.id })).json?.text,
          ),
        ),
      );
    const before = await reports();
    expect(before[0]).toContain('*Relationships* live in the term: 2');
    for (const person of [alice, bob]) {
      await t.slack.command('/mentoring', `admin forget <@${person.id}|${person.name}>`, {
        userId: staff1.id,
      });
      await waitFor(() => shownModal(t).callback_id === VIEWS.forgetPerson);
      const answer = await t.slack.viewSubmission({ userId: staff1.id }, shownModal(t), {});
      expect(JSON.stringify(shownView(answer))).toContain(`The personal data of <@${person.id}> is erased`);
      const stored = (await everythingStored(t)).toLowerCase();
      const traces = [person.id, person.real_name, person.email, ...words((p) => p.by === person.name)];
      expect(traces.filter((trace) => stored.includes(trace.toLowerCase()))).toEqual([]);
    }
    expect(await reports()).toEqual(before);
  });
});
