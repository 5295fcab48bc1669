import { DateTime } from 'luxon';
import { ACTIONS } from '../../blocks/ids';
import { buttonValue, enrol, matched, MENTEE_ANSWERS, MENTOR_ANSWERS, responseTexts } from '../support/flows';
import { outboxOf, seedPair, tickAt } from '../support/prompt-seeds';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { alice, bob, dan } = PEOPLE;

/** Clicks a button in a message and resolves with what only the clicker was told. */
async function click(t: TestBot, userId: string, actionId: string, value: string, channel: string) {
  const before = responseTexts(t).length;
  await t.slack.blockAction({ userId }, { actionId, value }, { message: { channel, ts: '1.1' } });
  await waitFor(() => responseTexts(t).length > before);
  return responseTexts(t).slice(before).join('\n');
}

const homeText = (t: TestBot, userId: string) => JSON.stringify(t.emulator.homeOf(userId)?.view ?? {});

describe('meetings, logged in one click', () => {
  let t: TestBot;
  let relationshipId: string;
  let channel: string;

  beforeAll(async () => {
    t = await startTestBot(); // Monday 2 March 2026, 09:00 in Chicago
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    ({ relationshipId, channel } = await matched(t, alice.id, bob.id));
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const meetings = () => t.bot.database.models.meetings.find({ relationshipId }).sort({ date: 1 }).lean();
  const pairTexts = () => t.emulator.messages(channel).map((m) => m.text ?? '');

  it('the introduction carries a “We met” button for the pair’s first meeting', () => {
    const intro = t.emulator.messages(channel)[0]!;
    expect(buttonValue(intro, ACTIONS.logMeeting)).toBe(relationshipId);
  });

  it('“We met” logs today’s meeting: the person told privately, the pair’s conversation told who logged it', async () => {
    const answer = await click(t, bob.id, ACTIONS.logMeeting, relationshipId, channel);
    expect(answer).toContain('Noted: you met on Monday, March 2, 2026');
    expect(await meetings()).toEqual([expect.objectContaining({ date: '2026-03-02', loggedBy: bob.id })]);
    await waitFor(() => pairTexts().some((text) => text.includes(`<@${bob.id}> noted that you met`)));
    const notice = t.emulator.messages(channel).find((m) => m.text?.includes('noted that you met'))!;
    expect(buttonValue(notice, ACTIONS.logMeeting)).toBe(relationshipId);
    const audit = await t.bot.database.models.auditEvents
      .findOne({ action: 'relationship.meeting_logged', subjectId: relationshipId })
      .lean();
    expect(audit).toMatchObject({ actorId: bob.id, details: { date: '2026-03-02' } });
  });

  it('a second click (here the partner’s) the same day is the same meeting: nothing doubles', async () => {
    const answer = await click(t, alice.id, ACTIONS.logMeeting, relationshipId, channel);
    expect(answer).toContain('already logged as a meeting');
    expect(answer).toContain(`<@${bob.id}>`);
    expect(await meetings()).toHaveLength(1);
    expect(pairTexts().filter((text) => text.includes('noted that you met'))).toHaveLength(1);
  });

  it('someone outside the pair can’t log a meeting, even with the pair’s button', async () => {
    const answer = await click(t, dan.id, ACTIONS.logMeeting, relationshipId, channel);
    expect(answer).toContain('Only the two people in this mentoring relationship');
    expect(await meetings()).toHaveLength(1);
  });

  it.each([
    ['a day still to come', '2026-03-03', 'hasn’t come yet'],
    ['a day before the relationship started', '2026-02-27', 'started on'],
    ['words that are no date', 'someday', 'YYYY-MM-DD'],
  ])('/mentoring met refuses %s with a private answer', async (_, given, expected) => {
    const answer = await t.slack.command('/mentoring', `met ${given}`, { userId: alice.id });
    expect(String(answer.json?.text)).toContain(expected);
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(await meetings()).toHaveLength(1);
  });

  it('/mentoring met yesterday logs that day, and App Home shows the last meeting to both people', async () => {
    t.clock.set(DateTime.fromISO('2026-03-05T15:00:00Z', { zone: 'utc' }));
    const answer = await t.slack.command('/mentoring', 'met yesterday', { userId: alice.id });
    expect(String(answer.json?.text)).toContain('Wednesday, March 4, 2026');
    expect((await meetings()).map((m) => m.date)).toEqual(['2026-03-02', '2026-03-04']);
    await waitFor(() => homeText(t, alice.id).includes('last met Wed, Mar 4'));
    await waitFor(() => homeText(t, bob.id).includes('last met Wed, Mar 4'));
  });
});

describe('a meeting counts as activity for the quiet-relationship nudge', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ now: DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' }) });
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('the nudge planned from the last activity moves to count from the meeting', async () => {
    const pair = await seedPair(t, {
      status: 'stage1',
      stageStarts: { introduced: '2026-02-02T15:00:00Z', stage1: '2026-02-09T15:00:00Z' },
      lastActivityAt: '2026-02-20T15:00:00Z',
    });
    await tickAt(t, '2026-03-02T15:00:00Z');
    const quiet = async () =>
      (await outboxOf(t, pair.relationshipId)).filter((item) => item.kind === 'quiet_relationship');
    expect(await quiet()).toEqual([expect.objectContaining({ occurrence: '2026-02-20', state: 'pending' })]);

    const answer = await t.slack.command('/mentoring', 'met', { userId: pair.mentorId });
    expect(String(answer.json?.text)).toContain('Noted: you met on Monday, March 2, 2026');
    await tickAt(t, '2026-03-02T15:01:00Z');
    expect(await quiet()).toEqual([
      expect.objectContaining({ occurrence: '2026-02-20', state: 'cancelled' }),
      expect.objectContaining({
        occurrence: '2026-03-02',
        state: 'pending',
        dueAt: expect.stringMatching(/^2026-03-23/),
      }),
    ]);
  });
});
