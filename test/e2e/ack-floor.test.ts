import {
  COMMAND_TABLE,
  usageOf,
  type Audience,
  type CommandSpec,
} from '../../src/slack/commands/command-table';
import {
  agreementsState,
  enrol,
  lastOpenedModal,
  matched,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
} from '../support/flows';
import { MongoHold } from '../support/mongo-hold';
import { seedPair } from '../support/prompt-seeds';
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
    const calls = t.emulator.calls.length;
    for (const method of SLACK_METHODS) t.emulator.delay(method, SLACK_DELAY_MS, 20);
    mongo.hold(allow);
    const sent = send();
    await new Promise((resolve) => setTimeout(resolve, DB_HOLD_MS));
    const heldMongo = mongo.held;
    mongo.release();
    const answer = await sent;
    await t.bot.acknowledgedWorkDone(10_000);
    t.emulator.reset();
    return { answer, heldMongo, slackCalls: t.emulator.calls.length - calls };
  }

  it.each(usages)('%s (sent by the people it is for)', async (usage, who) => {
    const [command, text] = typed(usage);
    const { answer, heldMongo } = await whileHeld(() =>
      t.slack.command(command, text, { userId: SENDER[who] }),
    );
    expect(answer.status).toBe(200);
    expect(answer.ack.ms).toBeLessThan(ACK_WITHIN_MS);
    expect(answer.ack.text).toBe(''); // the answer follows through the response_url or a modal
    expect(heldMongo).toBeGreaterThan(0); // the handler did read, after the acknowledgement
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
        { actionId: 'relationship_advance', value: relationshipId },
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
});
