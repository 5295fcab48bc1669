import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import {
  apply,
  applicationState,
  buttonValue,
  dmTextsOf,
  lastOpenedModal,
  MENTOR_ANSWERS,
  responseTexts,
  reviewCardFor,
  noticesDelivered,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

describe('applying to the program and staff review', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const alice = PEOPLE.alice.id;

  it('/mentor apply opens the mentor form, prefilled with the name from the Slack profile', async () => {
    await t.slack.command('/mentor', 'apply', { userId: alice });
    await waitFor(() => t.emulator.callsTo('views.open').length > 0);
    const view = lastOpenedModal(t);
    expect(view.callback_id).toBe(VIEWS.mentorApplication);
    expect(JSON.stringify(view)).toContain('"initial_value":"Alice Alumna"');
    for (const field of [
      'degree',
      'graduationYear',
      'occupation',
      'industry',
      'capacity',
      'confidentialityAcknowledged',
    ])
      expect(JSON.stringify(view)).toContain(`field_${field}`);
  });

  it('a bad form comes back with a message under each bad field, and nothing reaches staff', async () => {
    const { answer } = await apply(t, alice, 'mentor', {
      ...MENTOR_ANSWERS,
      graduationYear: 'last year',
      communicationPreferences: [],
      confidentialityAcknowledged: false,
      academicInterests: ['Basket weaving'],
    });
    expect(answer.json?.response_action).toBe('errors');
    const errors = answer.json?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(
      [
        FIELD_BLOCK('academicInterests'),
        FIELD_BLOCK('communicationPreferences'),
        FIELD_BLOCK('confidentialityAcknowledged'),
        FIELD_BLOCK('graduationYear'),
      ].sort(),
    );
    expect(errors[FIELD_BLOCK('graduationYear')]).toMatch(/year you graduated/);
    expect(t.emulator.messages(t.config.staff.adminChannelId)).toHaveLength(0);
    expect(await t.bot.database.models.applications.countDocuments()).toBe(0);
  });

  it('a good form is saved, the applicant is told what happens next, and staff get a card', async () => {
    const { answer } = await apply(t, alice, 'mentor', MENTOR_ANSWERS);
    expect(answer.json?.response_action).toBe('update');
    expect(JSON.stringify(answer.json?.view)).toContain('with the Webster Mentoring Program staff');
    const card = reviewCardFor(t, alice);
    expect(card.text).toContain('New mentor application');
    expect(JSON.stringify(card.blocks)).toContain(ACTIONS.approveApplication);
    expect(JSON.stringify(card.blocks)).toContain('Brand director');
  });

  it('applying again edits the waiting application: the form is prefilled and the card updated in place', async () => {
    await t.slack.command('/mentor', 'apply', { userId: alice });
    await waitFor(() => (lastOpenedModal(t).submit as { text: string }).text === 'Save changes');
    const view = lastOpenedModal(t);
    expect(JSON.stringify(view)).toContain('Brand director');
    const answer = await t.slack.viewSubmission(
      { userId: alice },
      view,
      applicationState({ ...MENTOR_ANSWERS, occupation: 'CMO' }),
    );
    expect(answer.json?.response_action).toBe('update');
    expect(await t.bot.database.models.applications.countDocuments({ userId: alice })).toBe(1);
    await noticesDelivered(t); // the card's update follows the answer through the outbox
    expect(t.emulator.messages(t.config.staff.adminChannelId)).toHaveLength(1);
    expect(JSON.stringify(reviewCardFor(t, alice).blocks)).toContain('CMO');
  });

  it('/mentoring admin pending lists the waiting applications for staff', async () => {
    const answer = await t.slack.command('/mentoring', 'admin pending', { userId: PEOPLE.staff2.id });
    expect(answer.json?.text).toContain('Applications waiting for a decision* (1)');
    expect(answer.json?.text).toContain('<@UALICE>, mentor');
  });

  it('someone who is not staff cannot approve: a polite refusal, and nothing changes', async () => {
    const card = reviewCardFor(t, alice);
    await t.slack.blockAction(
      { userId: PEOPLE.bob.id },
      { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
      { message: { channel: card.channel, ts: card.ts } },
    );
    await waitFor(() => responseTexts(t).some((text) => text.includes('program staff only')));
    expect(await t.bot.database.models.applications.findOne({ userId: alice }).lean()).toMatchObject({
      status: 'submitted',
    });
  });

  it('staff approve: the card shows who decided, the mentor is told and listed with their capacity', async () => {
    const card = reviewCardFor(t, alice);
    const value = buttonValue(card, ACTIONS.approveApplication);
    await t.slack.blockAction(
      { userId: PEOPLE.staff1.id },
      { actionId: ACTIONS.approveApplication, value },
      { message: { channel: card.channel, ts: card.ts } },
    );
    await waitFor(() => dmTextsOf(t, alice).some((text) => text.includes('approved')));
    const updated = reviewCardFor(t, alice);
    expect(JSON.stringify(updated.blocks)).toContain('Approved by <@USTAFF1>');
    expect(JSON.stringify(updated.blocks)).not.toContain(ACTIONS.approveApplication);
    expect(
      await t.bot.database.models.profiles.findOne({ userId: alice, role: 'mentor' }).lean(),
    ).toMatchObject({
      approved: true,
      listed: true,
      capacity: 2,
      occupation: 'CMO',
    });

    // A second member of staff clicking the old card can't decide again.
    await t.slack.blockAction(
      { userId: PEOPLE.staff2.id },
      { actionId: ACTIONS.approveApplication, value },
      { message: { channel: card.channel, ts: card.ts } },
    );
    await waitFor(() => responseTexts(t).some((text) => text.includes('already decided')));
    expect(await t.bot.database.models.auditEvents.countDocuments({ action: 'application.approved' })).toBe(
      1,
    );
  });

  describe('declining', () => {
    const dan = PEOPLE.dan.id;
    let applicationId: string;

    beforeAll(async () => {
      await apply(t, dan, 'mentee', {
        displayName: 'Dan',
        academicInterests: ['Law'],
        communicationPreferences: ['email'],
        bio: 'First-year law student.',
        confidentialityAcknowledged: true,
      });
      applicationId = buttonValue(reviewCardFor(t, dan), ACTIONS.declineApplication);
    });

    it('Decline asks staff for a reason; an empty reason is refused in the modal', async () => {
      const card = reviewCardFor(t, dan);
      await t.slack.blockAction(
        { userId: PEOPLE.staff1.id },
        { actionId: ACTIONS.declineApplication, value: applicationId },
        { message: { channel: card.channel, ts: card.ts } },
      );
      await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.declineApplication);
      const answer = await t.slack.viewSubmission({ userId: PEOPLE.staff1.id }, lastOpenedModal(t), {
        [FIELD_BLOCK('reason')]: { [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: '  ' } },
      });
      expect(answer.json).toMatchObject({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: expect.any(String) },
      });
    });

    it('a decline modal submitted by someone who is not staff (a forged view) changes nothing', async () => {
      const answer = await t.slack.viewSubmission({ userId: PEOPLE.bob.id }, lastOpenedModal(t), {
        [FIELD_BLOCK('reason')]: { [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: 'nope' } },
      });
      expect(answer.json).toMatchObject({ response_action: 'errors' });
      expect(await t.bot.database.models.applications.findById(applicationId).lean()).toMatchObject({
        status: 'submitted',
      });
    });

    it('with a reason, the applicant is told kindly, with the reason and whom to contact', async () => {
      const answer = await t.slack.viewSubmission({ userId: PEOPLE.staff1.id }, lastOpenedModal(t), {
        [FIELD_BLOCK('reason')]: {
          [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: 'The spring cohort is full.' },
        },
      });
      expect(answer.status).toBe(200);
      expect(answer.json?.response_action).toBeUndefined();
      await waitFor(() => dmTextsOf(t, dan).some((text) => text.includes('The spring cohort is full.')));
      expect(dmTextsOf(t, dan).join('\n')).toContain('the Office of Student Affairs');
      expect(JSON.stringify(reviewCardFor(t, dan).blocks)).toContain('Declined by <@USTAFF1>');
    });
  });

  it('the logs hold none of what applicants wrote', () => {
    const logs = JSON.stringify(t.logLines);
    expect(logs).not.toContain('Fifteen years in brand marketing');
    expect(logs).not.toContain('alice@example.edu');
  });
});
