import { VIEWS } from '../../blocks/ids';
import {
  applicationState,
  apply,
  lastOpenedModal,
  MENTEE_ANSWERS,
  shownTexts,
  shownView,
} from '../support/flows';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

describe('when something breaks on our side', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  it('a modal submission gets a short apology with a reference, the same reference is logged, and no stack trace is shown; the form stays with what was typed', async () => {
    // Posting the staff card can no longer fail a submission (it is a notice, sent through the outbox):
    // looking the applicant up is what fails here. users.info is tried three times; it keeps failing.
    const opened = t.emulator.callsTo('views.open').length;
    await t.slack.command('/mentee', 'apply', { userId: PEOPLE.erin.id });
    await waitFor(() => t.emulator.callsTo('views.open').length > opened);
    t.emulator.injectFailure('users.info', { error: 'fatal_error' }, 3);
    const answer = await t.slack.viewSubmission(
      { userId: PEOPLE.erin.id },
      lastOpenedModal(t),
      applicationState(MENTEE_ANSWERS),
    );
    // Acknowledged at once; the form then comes back, filled in as it was, with the apology on top.
    expect(answer.ack.json?.response_action).toBe('update');
    expect(shownView(answer)?.callback_id).toBe(VIEWS.menteeApplication);
    expect(JSON.stringify(shownView(answer))).toContain(MENTEE_ANSWERS.bio);
    const message = shownTexts(answer).find((text) => /reference/.test(text)) ?? '';
    const reference = /reference ([0-9a-f]{8})/.exec(message)?.[1];
    expect(reference).toBeDefined();
    expect(message).not.toMatch(/\bat \w+ \(/);
    expect(t.logLines.some((line) => line.reference === reference && line.level === 50)).toBe(true);
  });

  it('what the person typed is kept: submitting again once Slack recovers goes through', async () => {
    const { answer } = await apply(t, PEOPLE.erin.id, 'mentee', MENTEE_ANSWERS);
    expect(answer.json?.response_action).toBe('update');
    expect(await t.bot.database.models.applications.countDocuments({ userId: PEOPLE.erin.id })).toBe(1);
  });

  it('a command whose work fails after it was acknowledged gets an apology through its response URL', async () => {
    // users.info is tried three times (it is safe to repeat): it keeps failing here.
    t.emulator.injectFailure('users.info', { error: 'fatal_error' }, 3);
    await t.slack.command('/mentee', 'apply', { userId: PEOPLE.dan.id });
    await waitFor(() => t.emulator.responses().some((r) => String(r.body.text).includes('quote reference')));
  });
});
