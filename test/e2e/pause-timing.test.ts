import { DateTime } from 'luxon';
import { outboxOf, promptKeysIn, seedPair, tickAt, type SeededPair } from '../support/prompt-seeds';
import { startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * Where a pause begins and ends, end to end: the real bot and its outbox, `/mentoring pause` sent through
 * Slack at a time the test sets, and the scheduler ticked by hand. A pause holds exactly the prompts that
 * would reach the pair inside it, and when it ends the quiet-relationship clock starts again.
 */

const keysOf = (t: TestBot, pair: SeededPair, channel = pair.channel) =>
  promptKeysIn(t, channel).map((key) => key.slice(pair.relationshipId.length + 1));
const dmOf = (t: TestBot, userId: string) => t.emulator.conversationOf([userId]) ?? '-';
const itemOf = async (t: TestBot, pair: SeededPair, kind: string, occurrence: string) =>
  (await outboxOf(t, pair.relationshipId)).find((i) => i.kind === kind && i.occurrence === occurrence);

describe('a pause’s boundaries', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  // A Chicago pair in stage 3 with check-in days on Tuesdays 10 and 24 March (10:00 CDT is 15:00 UTC).
  // The mentee pauses for two weeks at 08:00 on the 10th, so the pause ends at 08:00 on the 24th.
  let pair: SeededPair;
  beforeAll(async () => {
    t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
    pair = await seedPair(t, {
      status: 'stage3',
      stageStarts: { stage3: '2026-03-02T15:00:00Z' },
      goal: { checkIns: ['2026-03-10', '2026-03-24', '2026-04-28'], completeBy: '2026-08-14' },
      // Without the pause, the quiet nudge would be due on Friday 27 March, three days after it ends.
      lastActivityAt: '2026-03-06T15:00:00Z',
    });
    await tickAt(t, '2026-03-02T15:00:00Z');
    expect(await itemOf(t, pair, 'check_in_nudge', '2026-03-10')).toMatchObject({
      state: 'pending',
      dueAt: '2026-03-10T15:00:00Z',
    });
  });

  it('a pause from 08:00 on a check-in day holds that day’s 10:00 nudge', async () => {
    t.clock.set(DateTime.fromISO('2026-03-10T13:00:00Z')); // 08:00 CDT
    const paused = await t.slack.command('/mentoring', 'pause 2', { userId: pair.menteeId });
    expect(paused.json?.text).toContain('paused until 2026-03-24');
    await waitFor(() =>
      t.emulator.messages(pair.channel).some((m) => m.text?.includes('paused the program')),
    );
    await tickAt(t, '2026-03-10T13:01:00Z');
    await tickAt(t, '2026-03-10T15:00:00Z');
    expect(keysOf(t, pair)).toEqual([]);
    expect((await itemOf(t, pair, 'check_in_nudge', '2026-03-10'))?.state).toBe('cancelled');
  });

  it('nothing falling due inside it reaches the pair: the missed check-in is not chased', async () => {
    await tickAt(t, '2026-03-13T15:00:00Z'); // the 10th's overdue reminder, Friday 10:00
    await tickAt(t, '2026-03-23T15:00:00Z');
    expect(keysOf(t, pair)).toEqual([]);
    expect((await itemOf(t, pair, 'check_in_overdue', '2026-03-10'))?.state).toBe('cancelled');
  });

  it('the nudge for the day it ends at 08:00 still comes at 10:00 that day', async () => {
    await tickAt(t, '2026-03-24T13:00:00Z'); // 08:00 CDT: the pause is over, the nudge not yet due
    expect(keysOf(t, pair)).toEqual([]);
    await tickAt(t, '2026-03-24T15:00:00Z');
    expect(keysOf(t, pair)).toEqual(['check_in_nudge:2026-03-24']);
  });

  it('the quiet-relationship clock starts again when it ends: the mentor hears 21 days later, not 3', async () => {
    await tickAt(t, '2026-03-27T15:00:00Z');
    expect(keysOf(t, pair, dmOf(t, pair.mentorId))).toEqual([]);
    expect(await itemOf(t, pair, 'quiet_relationship', '2026-03-24')).toMatchObject({
      state: 'pending',
      dueAt: '2026-04-14T15:00:00Z', // 08:00 CDT on Tuesday 14 April, delivered at 10:00
    });
    await tickAt(t, '2026-04-14T15:00:00Z');
    expect(keysOf(t, pair, dmOf(t, pair.mentorId))).toEqual(['quiet_relationship:2026-03-24']);
  });

  it('a prompt held up past the start of a pause (the bot was down) is dropped, not sent inside it', async () => {
    t.clock.set(DateTime.fromISO('2026-03-02T15:00:00Z'));
    const late = await seedPair(t, {
      status: 'stage3',
      stageStarts: { stage3: '2026-03-02T15:00:00Z' },
      goal: { checkIns: ['2026-03-10', '2026-04-28'], completeBy: '2026-08-14' },
    });
    await tickAt(t, '2026-03-02T15:00:00Z');
    // Down from before 10:00 until 13:00 on the 10th: the nudge waits for the next 10:00, on the 11th.
    await tickAt(t, '2026-03-10T18:00:00Z');
    expect(await itemOf(t, late, 'check_in_nudge', '2026-03-10')).toMatchObject({
      state: 'pending',
      dueAt: '2026-03-11T15:00:00Z',
    });
    t.clock.set(DateTime.fromISO('2026-03-10T19:00:00Z'));
    await t.slack.command('/mentoring', 'pause 1', { userId: late.mentorId });
    await tickAt(t, '2026-03-11T15:00:00Z');
    expect(keysOf(t, late)).toEqual([]);
    expect((await itemOf(t, late, 'check_in_nudge', '2026-03-10'))?.state).toBe('cancelled');
  });
});
