import { ACTIONS } from '../../blocks/ids';
import { MongoMemoryReplSet } from 'mongodb-memory-server';
import { wording } from '../../src/content/wording';
import {
  applicationState,
  lastOpenedModal,
  MENTEE_ANSWERS,
  responseTexts,
  shownTexts,
  shownView,
} from '../support/flows';
import { promptKeysIn, seedPair, type SeededPair } from '../support/prompt-seeds';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';
import { operator } from '../../src/store/mapping';

/**
 * MongoDB stopped and started again while the bot runs. The file has a MongoDB of its own (a one-member
 * replica set, as in production), stopped with its files kept and started again on the same port and data
 * directory, so the bot's connection finds it again by itself.
 */

const UNAVAILABLE = wording.errors.unavailable;
/** Slack shows the person an error when a command or a modal submission is not answered within 3 s. */
const SLACK_ANSWER_LIMIT_MS = 3000;
const SCHEDULER_WAITS = 'MongoDB is unavailable; scheduled jobs wait for the next tick';

const health = async (t: TestBot) => (await fetch(`${t.baseUrl}/healthz`)).status;
const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
};

describe('MongoDB stopped and restarted mid-run', () => {
  let mongo: MongoMemoryReplSet;
  let t: TestBot;
  let pair: SeededPair;
  let openModal: Record<string, unknown>;

  beforeAll(async () => {
    mongo = await MongoMemoryReplSet.create({
      replSet: { count: 1, storageEngine: 'wiredTiger' },
      instanceOpts: [{ launchTimeout: 60_000, storageEngine: 'wiredTiger' }],
    });
    t = await startTestBot({ env: { MONGODB_URI: mongo.getUri('outage') } });
  }, 90_000);
  afterAll(async () => {
    await t?.stop();
    await mongo?.stop();
  }, 60_000);

  it('a prompt the scheduler claimed just before MongoDB stopped is posted, and the tick ends with one warning', async () => {
    expect(await health(t)).toBe(200);
    pair = await seedPair(t, { status: 'stage1', stageStarts: { stage1: '2026-03-02T15:00:00Z' } });
    // A modal opened while MongoDB is up, to be submitted while it is down.
    await t.slack.command('/mentee', 'apply', { userId: PEOPLE.dan.id });
    await waitFor(() => t.emulator.callsTo('views.open').length === 1);
    openModal = lastOpenedModal(t);

    // Slack is slow to take the post: MongoDB stops after the claim, before the send can be recorded.
    t.emulator.delay('chat.postMessage', 8000); // under the prompts' 10 s timeout
    const logsBefore = t.logLines.length;
    const tick = t.bot.scheduler.tick();
    await waitFor(
      async () =>
        (await t.bot.database.models.prompts.exists({ claimedAt: operator({ $ne: null }) })) !== null,
    );
    await mongo.stop({ doCleanup: false, force: false });
    await tick;

    expect(promptKeysIn(t, pair.channel)).toEqual([`${pair.relationshipId}:first_meeting_agenda:once`]);
    const tickLines = t.logLines.slice(logsBefore);
    expect(tickLines.filter((line) => line.msg === SCHEDULER_WAITS)).toHaveLength(1);
    expect(tickLines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  }, 60_000);

  it('while MongoDB is down: /healthz answers 503 and people are told to try again in a moment, in time', async () => {
    expect(await health(t)).toBe(503);

    const command = await timed(() =>
      t.slack.command('/mentee', 'find marketing', { userId: PEOPLE.bob.id }),
    );
    expect(command.result.json?.text).toBe(UNAVAILABLE);
    expect(command.ms).toBeLessThan(SLACK_ANSWER_LIMIT_MS);

    const submission = await timed(() =>
      t.slack.viewSubmission({ userId: PEOPLE.dan.id }, openModal, applicationState(MENTEE_ANSWERS)),
    );
    // The form comes back with what was typed, saying why it was not saved.
    expect(shownView(submission.result)?.callback_id).toBe(openModal.callback_id);
    expect(JSON.stringify(shownView(submission.result))).toContain(MENTEE_ANSWERS.bio);
    expect(shownTexts(submission.result).filter((text) => text.includes(UNAVAILABLE))).toHaveLength(1);
    expect(submission.result.ack.ms).toBeLessThan(SLACK_ANSWER_LIMIT_MS);
    expect(submission.ms).toBeLessThan(SLACK_ANSWER_LIMIT_MS);

    await t.slack.blockAction(
      { userId: PEOPLE.bob.id },
      { actionId: ACTIONS.requestMentor, value: PEOPLE.alice.id },
      { message: { channel: 'DBOB', ts: '1700000000.000100' } },
    );
    await waitFor(() => responseTexts(t).includes(UNAVAILABLE));

    // Each minute's tick while MongoDB is down: one warning, no stack traces.
    const logsBefore = t.logLines.length;
    await t.bot.scheduler.tick();
    const tickLines = t.logLines.slice(logsBefore);
    expect(tickLines.filter((line) => line.msg === SCHEDULER_WAITS)).toHaveLength(1);
    expect(tickLines.filter((line) => Number(line.level) >= 50)).toEqual([]);
    expect(t.logLines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  }, 60_000);

  it('once MongoDB is back: /healthz answers 200, the same requests work, and the claimed prompt is not posted twice', async () => {
    await mongo.start();
    await waitFor(async () => (await health(t)) === 200, 30_000);

    const command = await t.slack.command('/mentee', 'find marketing', { userId: PEOPLE.bob.id });
    expect(command.json?.text).not.toBe(UNAVAILABLE);
    const submission = await t.slack.viewSubmission(
      { userId: PEOPLE.dan.id },
      openModal,
      applicationState(MENTEE_ANSWERS),
    );
    expect(submission.json?.response_action).toBe('update');

    // The next tick after the claim's lease ran out finds the prompt already in the conversation.
    t.clock.set(t.clock.now().plus({ minutes: 2 }));
    const logsBefore = t.logLines.length;
    await t.bot.scheduler.tick();
    expect(t.logLines.slice(logsBefore).map((line) => line.msg)).toContain(
      'MongoDB is reachable again; scheduled jobs resumed',
    );
    const item = await t.bot.database.models.prompts
      .findOne({ relationshipId: pair.relationshipId, kind: 'first_meeting_agenda' })
      .lean();
    expect(item?.state).toBe('sent');
    expect(t.emulator.callsTo('conversations.history')).not.toHaveLength(0); // found, not posted again
    expect(promptKeysIn(t, pair.channel)).toEqual([`${pair.relationshipId}:first_meeting_agenda:once`]);
    expect(t.emulator.violations).toEqual([]);
  }, 90_000);
});
