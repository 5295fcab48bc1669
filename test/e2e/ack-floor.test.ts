import {
  COMMAND_TABLE,
  usageOf,
  type Audience,
  type CommandSpec,
} from '../../src/slack/commands/command-table';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import {
  agreementsState,
  applicationState,
  buttonValue,
  enrol,
  lastOpenedModal,
  matched,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  noticesDelivered,
  reviewCardFor,
  apply,
  shownView,
} from '../support/flows';
import type { ViewState } from '../support/signed-slack-client';
import { MongoHold } from '../support/mongo-hold';
import { person, seedPair, type SeededPair } from '../support/prompt-seeds';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, dan, staff1 } = PEOPLE;

/**
 * Slack waits 3 s for an acknowledgement; the bot gives it before any MongoDB read or Slack call. Each
 * request below is sent while MongoDB holds every operation and Slack answers every call (and response_url
 * post) late: an acknowledgement that waited on either would arrive after the hold.
 */
const DB_HOLD_MS = 700;
const SLACK_DELAY_MS = 700;
/** Far under either hold; on loopback an acknowledgement takes a few milliseconds. */
const ACK_WITHIN_MS = 400;
const SLACK_METHODS = [
  'users.info',
  'conversations.members',
  'conversations.open',
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'views.open',
  'views.push',
  'views.update',
  'views.publish',
  'response_url',
];

const SENDER: Record<Audience, string> = {
  anyone: dan.id,
  mentor: alice.id,
  mentee: bob.id,
  pair: bob.id,
  staff: staff1.id,
};
const SAMPLES: Record<string, string> = {
  '<1-5>': '2',
  '<weeks>': '2',
  '[@partner]': '',
  '[words]': 'marketing',
  '[date]': 'today',
  '@mentor': `<@${alice.id}|alice>`,
  '@mentee': `<@${bob.id}|bob>`,
  '[term]': '2026',
  '@person': `<@${bob.id}|bob>`,
};

function typed(usage: string): [command: string, text: string] {
  const [command = '', ...words] = usage.split(' ');
  const filled = words.map((word) => (/^[[<@]/.test(word) ? (SAMPLES[word] ?? word) : word));
  return [command, filled.filter(Boolean).join(' ')];
}

const usages = (COMMAND_TABLE as readonly CommandSpec[])
  .filter((spec) => spec.subcommands.some((entry) => typeof entry.run === 'function'))
  .flatMap((spec) =>
    spec.subcommands
      .filter((entry) => typeof entry.run === 'function')
      .map((entry) => [usageOf(spec.command, entry), entry.who] as const),
  );

describe('every command, click and submission is acknowledged before MongoDB or Slack is asked', () => {
  let t: TestBot;
  const mongo = new MongoHold();
  let relationshipId = '';
  let pairChannel = '';

  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    ({ relationshipId, channel: pairChannel } = await matched(t, alice.id, bob.id));
    mongo.install();
  }, 60_000);
  afterAll(async () => {
    mongo.uninstall();
    await t.stop();
  });
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  /** Holds MongoDB (after `allow` operations) and slows Slack, sends, then lets both go once the ack is in. */
  async function whileHeld<T extends { ms: number }>(send: () => Promise<T>, allow = 0) {
    const modalsBefore = t.emulator.callsTo('views.open').length;
    for (const method of SLACK_METHODS) t.emulator.delay(method, SLACK_DELAY_MS, 20);
    mongo.hold(allow);
    const sent = send();
    await new Promise((resolve) => setTimeout(resolve, DB_HOLD_MS));
    const heldMongo = mongo.held;
    mongo.release();
    const answer = await sent;
    await t.bot.acknowledgedWorkDone(10_000);
    const modalsOpened = t.emulator.callsTo('views.open').length - modalsBefore;
    t.emulator.reset();
    return { answer, heldMongo, modalsOpened };
  }

  it.each(usages)('%s (sent by the people it is for)', async (usage, who) => {
    const [command, text] = typed(usage);
    const { answer, heldMongo, modalsOpened } = await whileHeld(() =>
      t.slack.command(command, text, { userId: SENDER[who] }),
    );
    expect(answer.status).toBe(200);
    expect(answer.ack.ms).toBeLessThan(ACK_WITHIN_MS);
    expect(answer.ack.text).toBe(''); // the answer follows through the response_url or a modal
    // The handler did its work after the acknowledgement: a read, or (forget, whose counts may take a while)
    // first opening its modal with the command's trigger, then reading.
    if (usage.startsWith('/mentoring admin forget')) expect(modalsOpened).toBe(1);
    else expect(heldMongo).toBeGreaterThan(0);
  });

  it('help is answered in the acknowledgement itself', async () => {
    const { answer, heldMongo } = await whileHeld(() =>
      t.slack.command('/mentoring', 'help', { userId: dan.id }),
    );
    expect(answer.answeredBy).toBe('ack');
    expect(answer.ms).toBeLessThan(ACK_WITHIN_MS);
    expect(heldMongo).toBe(0);
  });

  it('a button', async () => {
    const { answer, heldMongo } = await whileHeld(() =>
      t.slack.blockAction(
        { userId: alice.id },
        { actionId: ACTIONS.advanceStage, value: relationshipId },
        { message: { channel: pairChannel, ts: '1.1' } },
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(ACK_WITHIN_MS);
    expect(heldMongo).toBeGreaterThan(0);
  });

  it('a submission: after one read (whose relationship, which stage), before saving and telling anyone', async () => {
    mongo.uninstall(); // seeding goes straight to MongoDB
    const pair = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-03-02T15:00:00Z' } });
    mongo.install();
    await t.slack.command('/mentoring', 'agreements', { userId: pair.menteeId });
    await waitFor(() => lastOpenedModal(t).callback_id === 'pair_agreements');
    const modal = lastOpenedModal(t);
    const { answer, heldMongo } = await whileHeld(
      () =>
        t.slack.viewSubmission(
          { userId: pair.menteeId },
          modal,
          agreementsState({ frequency: 'weekly', channels: ['slack'], confidentiality: true }),
        ),
      1,
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined(); // closes
    expect(answer.ms).toBeLessThan(ACK_WITHIN_MS);
    expect(heldMongo).toBeGreaterThan(0); // the save waited, the acknowledgement did not
    await waitFor(async () => {
      const stored = await t.bot.database.models.relationships.findById(pair.relationshipId).lean();
      return stored?.agreements?.confidentialityAckMentee != null;
    });
  });

  /** A pair seeded straight into MongoDB (the hold is lifted meanwhile). */
  async function seeded(status: 'stage2' | 'stage3' | 'stage4', goal = false): Promise<SeededPair> {
    mongo.uninstall();
    const pair = await seedPair(t, {
      status,
      stageStarts: { stage1: '2026-02-02T15:00:00Z', [status]: '2026-03-02T15:00:00Z' },
      ...(goal
        ? { goal: { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'], completeBy: '2026-08-14' } }
        : {}),
    });
    mongo.install();
    return pair;
  }

  const input = (field: string, value: Record<string, unknown>): ViewState => ({
    [FIELD_BLOCK(field)]: { [FIELD_ACTION(field)]: value },
  });
  const typedText = (value: string) => ({ type: 'plain_text_input', value });
  const picked = (value: string) => ({ type: 'radio_buttons', selected_option: { value } });
  /** A form as the bot built it, submitted with these values. */
  const form = (callbackId: string, metadata: Record<string, unknown>) => ({
    id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    type: 'modal',
    hash: '1700000000.abcdef12',
    callback_id: callbackId,
    private_metadata: JSON.stringify(metadata),
    blocks: [],
  });

  /** Submits while held, allowing `allow` operations before the hold: the acknowledgement comes first. */
  async function submittedWhileHeld(
    userId: string,
    view: Record<string, unknown>,
    values: ViewState,
    allow: number,
    savingWaitsOnMongo = true,
  ) {
    // The allowance is for this submission alone: what earlier saves told others is sent out first, and the
    // dispatcher's last look at the outbox is let finish.
    await noticesDelivered(t);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { answer, heldMongo } = await whileHeld(
      () => t.slack.viewSubmission({ userId }, view, values),
      allow,
    );
    expect(answer.status).toBe(200);
    expect(answer.ack.ms).toBeLessThan(ACK_WITHIN_MS);
    // saving waited on the hold; the acknowledgement did not
    if (savingWaitsOnMongo) expect(heldMongo).toBeGreaterThan(0);
    return answer;
  }

  it('the goal form: at once, with no read (the form carries its mentee’s zone and the goals’ version); "saving…" then becomes the confirmation', async () => {
    const pair = await seeded('stage2');
    const values: ViewState = {};
    for (const field of ['specific', 'measurable', 'achievable', 'relevant', 'actions'])
      values[`g0_${field}_r0`] = { [field]: typedText(`${field} of the goal`) };
    values.g0_completeBy_r0 = { completeBy: { type: 'datepicker', selected_date: '2026-08-14' } };
    ['2026-04-15', '2026-05-15', '2026-06-15'].forEach((date, n) => {
      values[`g0_checkIn${n}_r0`] = { [`checkIn${n}`]: { type: 'datepicker', selected_date: date } };
    });
    const view = form(VIEWS.goalForm, {
      relationshipId: pair.relationshipId,
      revision: 0,
      mentorId: pair.mentorId,
      menteeId: pair.menteeId,
      zone: 'America/Chicago',
      version: 0,
    });
    const answer = await submittedWhileHeld(pair.menteeId, view, values, 0);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "saving…"
    expect(
      await t.bot.database.models.goalForms.countDocuments({ relationshipId: pair.relationshipId }),
    ).toBe(1);
  });

  it('the check-in: at once, with no read (the form carries the goals’ version and count)', async () => {
    const pair = await seeded('stage2', true);
    const view = form(VIEWS.checkIn, {
      relationshipId: pair.relationshipId,
      goalFormVersion: 1,
      goalCount: 1,
      menteeId: pair.menteeId,
    });
    const values = {
      ...input('g0_status', picked('on_track')),
      ...input('g0_evidence', typedText('Two applications sent')),
    };
    const answer = await submittedWhileHeld(pair.menteeId, view, values, 0);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "sending…"
    expect(await t.bot.database.models.checkIns.countDocuments({ relationshipId: pair.relationshipId })).toBe(
      1,
    );
  });

  it('the fit form, answered in place by talk again: after one read', async () => {
    const view = form(VIEWS.fitAssessment, { relationshipId });
    const values = {
      ...input('academicAlignment', picked('3')),
      ...input('careerAlignment', picked('3')),
      ...input('decision', picked('talk_again')),
    };
    const answer = await submittedWhileHeld(alice.id, view, values, 1);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // the reminder's day, in place
    const stored = await t.bot.database.models.relationships.findById(relationshipId).lean();
    expect(stored?.talkAgainOn).toBeDefined();
  });

  it('ending early: after one read', async () => {
    const pair = await seeded('stage2');
    const view = form(VIEWS.endRelationship, {});
    const values = {
      ...input('relationship', { type: 'static_select', selected_option: { value: pair.relationshipId } }),
      ...input('reason', typedText('We both moved on')),
      ...input('confirm', { type: 'checkboxes', selected_options: [{ value: 'yes' }] }),
    };
    const answer = await submittedWhileHeld(pair.menteeId, view, values, 1);
    expect(answer.ack.json).toBeUndefined();
    const stored = await t.bot.database.models.relationships.findById(pair.relationshipId).lean();
    expect(stored?.status).toBe('ended_early');
  });

  it('the reflection: after one read', async () => {
    const pair = await seeded('stage3');
    const view = form(VIEWS.reflection, { relationshipId: pair.relationshipId });
    const values = {
      ...input('accomplishments', typedText('A CV that works')),
      ...input('challenges', typedText('Time')),
      ...input('remember', typedText('Ask early')),
      ...input('ahead', typedText('Applications')),
      ...input('continueInformally', picked('no')),
    };
    const answer = await submittedWhileHeld(pair.menteeId, view, values, 1);
    expect(answer.ack.json).toBeUndefined();
    expect(await t.bot.database.models.feedback.countDocuments({ relationshipId: pair.relationshipId })).toBe(
      1,
    );
  });

  it('the evaluation, answered in place by its thanks: after one read', async () => {
    const pair = await seeded('stage4');
    const view = form(VIEWS.evaluation, { relationshipId: pair.relationshipId });
    const values = {
      ...input('rating', picked('5')),
      ...input('recommend', picked('yes')),
      ...input('worked', typedText('Regular meetings')),
    };
    const answer = await submittedWhileHeld(pair.mentorId, view, values, 1);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' });
    expect(await t.bot.database.models.feedback.countDocuments({ relationshipId: pair.relationshipId })).toBe(
      1,
    );
  });

  it('the decline reason: after one read (is the application still waiting)', async () => {
    mongo.uninstall();
    const applicant = person(t, 'America/Chicago');
    await apply(t, applicant, 'mentee', MENTEE_ANSWERS);
    const card = reviewCardFor(t, applicant);
    const applicationId = buttonValue(card, ACTIONS.declineApplication);
    mongo.install();
    const view = form(VIEWS.declineApplication, { applicationId });
    const answer = await submittedWhileHeld(
      staff1.id,
      view,
      input('reason', typedText('The cohort is full')),
      1,
    );
    expect(answer.ack.json).toBeUndefined();
    expect(await t.bot.database.models.applications.findById(applicationId).lean()).toMatchObject({
      status: 'declined',
    });
  });

  it('the forget confirmation: at once, with no read; staff and the person are checked after', async () => {
    const view = form(VIEWS.forgetPerson, { userId: dan.id });
    const answer = await submittedWhileHeld(staff1.id, view, {}, 0);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "erasing…"
  });

  it('the unlist form: at once, with no read; staff and the mentor are checked after', async () => {
    const view = form(VIEWS.unlistMentor, { mentorId: alice.id });
    const reason = input('reason', typedText('Taking a break this term'));
    const answer = await submittedWhileHeld(staff1.id, view, reason, 0);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "unlisting…"
  });

  it('the application: at once, with no read; the form then becomes the confirmation', async () => {
    mongo.uninstall();
    const applicant = person(t, 'America/Chicago');
    const opened = t.emulator.callsTo('views.open').length;
    await t.slack.command('/mentee', 'apply', { userId: applicant });
    await waitFor(() => t.emulator.callsTo('views.open').length > opened);
    mongo.install();
    const view = lastOpenedModal(t);
    // Saving first asks Slack for the applicant's time zone (held longer than MongoDB is): the acknowledgement
    // came before both.
    const answer = await submittedWhileHeld(applicant, view, applicationState(MENTEE_ANSWERS), 0, false);
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "sending…"
    expect(shownView(answer)?.callback_id).not.toBe(view.callback_id); // then the confirmation
    expect(await t.bot.database.models.applications.countDocuments({ userId: applicant })).toBe(1);
  });
});
