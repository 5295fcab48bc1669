import { ACTIONS } from '../../blocks/ids';
import {
  apply,
  buttonValue,
  enrol,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  noticesDelivered,
} from '../support/flows';
import { applicationState, lastOpenedModal } from '../support/flows';
import type { InjectedFailure } from '../support/slack-emulator';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';
import type { Notice } from '../../src/domain/notices';
import { createNoticeRepository } from '../../src/store/notice-repository';
import { operator } from '../../src/store/mapping';

/**
 * Notices (the staff card, the applicant's DM, the pair's introduction, card updates) are outbox items
 * written with the change: when Slack fails chat.postMessage for a minute, the person acting is still
 * answered at once, nothing is lost, and each notice arrives exactly once after Slack is back.
 */
const SLACK_DOWN: InjectedFailure = { status: 500 };
const REFERENCE = /quote reference/;

describe('notices through the outbox while Slack fails', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  /** chat.postMessage fails for a minute of the bot's time, the scheduler ticking every 15 s meanwhile. */
  async function slackDownForAMinute() {
    for (let s = 0; s < 60; s += 15) {
      t.clock.advance({ seconds: 15 });
      await t.bot.scheduler.tick();
    }
  }
  /** Slack is back: within two minutes of the bot's time (one retry interval and one tick) all is out. */
  async function slackBack() {
    t.emulator.stopFailing('chat.postMessage');
    t.clock.advance({ seconds: 60 });
    await t.bot.scheduler.tick();
    t.clock.advance({ seconds: 60 });
    await t.bot.scheduler.tick();
    await noticesDelivered(t);
    expect(await t.bot.database.models.notices.countDocuments({ state: 'pending' })).toBe(0);
  }
  const cardsFor = (userId: string) =>
    t.emulator
      .messages(ADMIN_CHANNEL)
      .filter(
        (m) => JSON.stringify(m.blocks ?? []).includes(`<@${userId}>`) && /application/.test(m.text ?? ''),
      );
  const dmOf = (userId: string) => t.emulator.messages(t.emulator.conversationOf([userId]) ?? '-');

  it('an application: the applicant is answered at once; the staff card arrives once after Slack is back', async () => {
    const dan = PEOPLE.dan.id;
    const opened = t.emulator.callsTo('views.open').length;
    await t.slack.command('/mentee', 'apply', { userId: dan });
    await waitFor(() => t.emulator.callsTo('views.open').length > opened);
    t.emulator.injectFailure('chat.postMessage', SLACK_DOWN, 1000);
    const answer = await t.slack.viewSubmission(
      { userId: dan },
      lastOpenedModal(t),
      applicationState(MENTEE_ANSWERS),
    );
    expect(answer.json?.response_action).toBe('update'); // "Application received", not an apology
    expect(await t.bot.database.models.applications.countDocuments({ userId: dan })).toBe(1);
    expect(await t.bot.database.models.auditEvents.countDocuments({ action: 'application.submitted' })).toBe(
      1,
    );

    await slackDownForAMinute();
    expect(cardsFor(dan)).toHaveLength(0);
    expect(t.emulator.callsTo('chat.postMessage').length).toBeGreaterThan(1); // it was tried, and retried
    await slackBack();
    expect(cardsFor(dan)).toHaveLength(1);
    // The card's ts was recorded for later updates.
    const stored = await t.bot.database.models.applications.findOne({ userId: dan }).lean();
    expect(stored?.reviewCard?.ts).toBe(cardsFor(dan)[0]?.ts);
  });

  it('an approval: staff are answered at once; the applicant’s DM arrives once and the card shows who decided', async () => {
    const dan = PEOPLE.dan.id;
    const card = cardsFor(dan)[0]!;
    t.emulator.injectFailure('chat.postMessage', SLACK_DOWN, 1000);
    const responses = t.emulator.responses().length;
    const click = await t.slack.blockAction(
      { userId: PEOPLE.staff1.id },
      { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
      { message: { channel: card.channel, ts: card.ts } },
    );
    expect(click.status).toBe(200);
    // The decision, the profile and the audit entry are saved together, at once.
    await waitFor(
      async () =>
        (await t.bot.database.models.auditEvents.exists({ action: 'application.approved' })) !== null,
    );
    expect(await t.bot.database.models.profiles.exists({ userId: dan, approved: true })).not.toBeNull();
    // The card's update is chat.update (not failing): it goes out at once.
    await waitFor(() => JSON.stringify(cardsFor(dan)[0]?.blocks).includes('Approved by <@USTAFF1>'));

    await slackDownForAMinute();
    expect(dmOf(dan)).toHaveLength(0);
    await slackBack();
    expect(dmOf(dan).map((m) => m.text)).toEqual([expect.stringContaining('Your application was approved')]);
    expect(
      t.emulator
        .responses()
        .slice(responses)
        .some((r) => REFERENCE.test(String(r.body.text))),
    ).toBe(false);
    expect(cardsFor(dan)).toHaveLength(1);
  });

  it('an accepted request: the mentor is answered at once; the introduction arrives once and the card is updated', async () => {
    const carol = PEOPLE.carol.id;
    const dan = PEOPLE.dan.id;
    await enrol(t, carol, 'mentor', MENTOR_ANSWERS);
    await t.slack.command('/mentee', `request <@${carol}>`, { userId: dan });
    await waitFor(() => dmOf(carol).some((m) => m.text?.includes(`<@${dan}>`)));
    const card = dmOf(carol).find((m) => m.text?.includes(`<@${dan}>`))!;
    const relationshipId = buttonValue(card, ACTIONS.acceptRequest);

    t.emulator.injectFailure('chat.postMessage', SLACK_DOWN, 1000);
    const responses = t.emulator.responses().length;
    const click = await t.slack.blockAction(
      { userId: carol },
      { actionId: ACTIONS.acceptRequest, value: relationshipId },
      { message: { channel: card.channel, ts: card.ts } },
    );
    expect(click.status).toBe(200);
    await waitFor(
      async () =>
        (await t.bot.database.models.relationships.exists({ _id: relationshipId, status: 'introduced' })) !==
        null,
    );
    await waitFor(() =>
      JSON.stringify(dmOf(carol).find((m) => m.ts === card.ts)?.blocks).includes('You accepted'),
    );
    const pair = t.emulator.conversationOf([carol, dan])!;
    await slackDownForAMinute();
    expect(t.emulator.messages(pair)).toHaveLength(0);
    await slackBack();
    const intro = t.emulator.messages(pair);
    expect(intro).toHaveLength(1);
    expect(JSON.stringify(intro[0]?.blocks)).toContain('*Mentor:* <@UCAROL>');
    expect(
      t.emulator
        .responses()
        .slice(responses)
        .some((r) => REFERENCE.test(String(r.body.text))),
    ).toBe(false);
    expect(t.emulator.violations).toEqual([]);
  });

  it.each([['an HTTP 503 after Slack posted', { status: 503, handled: true } as InjectedFailure]])(
    'a notice Slack took but whose answer was lost (%s) is found in the conversation, not posted twice',
    async (_name, failure) => {
      const erin = PEOPLE.erin.id;
      await t.bot.database.models.applications.deleteMany({ userId: erin });
      await t.bot.database.models.notices.deleteMany({});
      t.emulator.stopFailing('chat.postMessage');
      const { answer } = await apply(t, erin, 'mentee', MENTEE_ANSWERS);
      expect(answer.json?.response_action).toBe('update');
      // The staff card goes out first, so the failure below falls on the applicant's DM, not on the card.
      await noticesDelivered(t, 15_000);
      const card = cardsFor(erin).at(-1)!;
      const dmBefore = dmOf(erin).length;
      const history = t.emulator.callsTo('conversations.history').length;
      const posts = t.emulator.callsTo('chat.postMessage').length;
      t.emulator.injectFailure('chat.postMessage', failure);
      await t.slack.blockAction(
        { userId: PEOPLE.staff1.id },
        { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
        { message: { channel: card.channel, ts: card.ts } },
      );
      // The first try posted the DM but its answer was lost: wait until the dispatcher has recorded that try
      // as failed (lease released, retry time set). A claim alone already leaves the notice pending with one
      // attempt, and the DM is in the emulator before Slack's answer reaches the bot; moving the clock
      // before the failure is recorded would set the retry after the tick below, and nothing would be due.
      await waitFor(
        async () =>
          (await t.bot.database.models.notices.exists({
            type: 'applicant_decision_dm',
            attempts: 1,
            state: 'pending',
            leaseOwner: operator({ $exists: false }),
            nextAttemptAt: operator({ $exists: true }),
          })) !== null,
        15_000,
      );
      // The failure fell on the DM (posted, answer lost), and only on it.
      const failedPosts = t.emulator
        .callsTo('chat.postMessage')
        .slice(posts)
        .filter((call) => call.response.handled === true);
      expect(failedPosts.map((call) => call.args.channel)).toEqual([t.emulator.conversationOf([erin])]);
      expect(dmOf(erin).length - dmBefore).toBe(1);
      // Past the first retry interval: the retry looks in the DM first, finds the message and records it.
      t.clock.advance({ seconds: 10 });
      await t.bot.scheduler.tick();
      await noticesDelivered(t);
      expect(dmOf(erin).length - dmBefore).toBe(1);
      expect(t.emulator.callsTo('conversations.history').length).toBeGreaterThan(history);
      expect(
        await t.bot.database.models.notices.findOne({ type: 'applicant_decision_dm' }).lean(),
      ).toMatchObject({
        state: 'sent',
        messageTs: dmOf(erin).at(-1)?.ts,
      });
    },
    30_000,
  );

  it('a notice of a kind this version no longer sends, held over an upgrade, is skipped: no post, no staff alert', async () => {
    const notices = createNoticeRepository(t.bot.database.models);
    const retired = { type: 'evaluation_received' } as unknown as Notice;
    const staffBefore = t.emulator.messages(ADMIN_CHANNEL).length;
    const posts = t.emulator.callsTo('chat.postMessage').length;
    await notices.enqueue(
      [{ key: 'retired:1', notice: retired, destination: { to: 'person', userId: PEOPLE.dan.id } }],
      t.clock.now().toJSDate(),
    );
    await t.bot.scheduler.tick();
    expect(await t.bot.database.models.notices.findOne({ key: 'retired:1' }).lean()).toMatchObject({
      state: 'skipped',
    });
    expect(t.emulator.callsTo('chat.postMessage').length).toBe(posts);
    expect(t.emulator.messages(ADMIN_CHANNEL).length).toBe(staffBefore);
  });
});
