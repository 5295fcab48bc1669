import { ACTIONS } from '../../blocks/ids';
import {
  applicationState,
  apply,
  buttonValue,
  lastOpenedModal,
  MENTEE_ANSWERS,
  noticesDelivered,
  reviewCardFor,
  shownTexts,
  shownView,
} from '../support/flows';
import { person, promptKeysIn, seedPair } from '../support/prompt-seeds';
import type { InjectedFailure } from '../support/slack-emulator';
import {
  ADMIN_CHANNEL,
  PEOPLE,
  startEmulatorWithPeople,
  startTestBot,
  type TestBot,
} from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * Slack failing on each Web API method the bot calls, one real flow per method. Each case injects one
 * failure and checks: the process keeps running with no unhandled rejection, the person is answered (the
 * work done after a safe retry, or a short apology with a reference), and nothing is posted twice.
 *
 * Which calls are repeated: reads and calls that are harmless twice (users.info, conversations.members,
 * conversations.open, chat.update, views.publish, conversations.history, auth.test) after a 5xx, a network
 * error or timeout, internal_error, fatal_error or a rate limit. chat.postMessage only after a rate limit
 * (Slack did not take the call): after a 5xx or a timeout the message may be there already. views.open
 * never (its trigger is gone after 3 s); the person is told instead.
 */

type Outcome = 'done' | 'apology';

/** A flow a person goes through; `run` returns what they ended up with once the bot has finished. */
interface Flow {
  /** Gets the flow ready (with fresh people) up to the step where the failure is injected. */
  prepare(t: TestBot): Promise<() => Promise<Outcome>>;
  /** Messages posted where the flow posts (counted to catch double posts). */
  posted?(t: TestBot): number;
}

const REFERENCE = /quote reference [0-9a-f]{8}/;
const FAILURE_WAIT_MS = 15_000;

/**
 * Notices (the staff card, the applicant's DM, card updates) follow the answer through the outbox: lets
 * them out, moving the clock past the retry backoff and ticking, until none is held.
 */
async function noticesSettled(t: TestBot) {
  for (let round = 0; round < 6; round++) {
    await noticesDelivered(t, 15_000).catch(() => t.bot.scheduler.tick());
    if ((await t.bot.database.models.notices.countDocuments({ state: 'pending' })) === 0) return;
    t.clock.advance({ seconds: 61 });
    await t.bot.scheduler.tick();
  }
}

/** Waits until the flow has an outcome: `done` when `isDone` holds, `apology` when the person got one. */
async function outcomeOf(t: TestBot, responsesBefore: number, isDone: () => Promise<boolean> | boolean) {
  let outcome: Outcome | undefined;
  await waitFor(async () => {
    const apologized = t.emulator
      .responses()
      .slice(responsesBefore)
      .some((r) => REFERENCE.test(String(r.body.text)));
    outcome = apologized ? 'apology' : (await isDone()) ? 'done' : undefined;
    return outcome !== undefined;
  }, FAILURE_WAIT_MS);
  return outcome!;
}

/** `/mentee apply`: the bot looks the person up (users.info) and opens the form (views.open). */
const openApplication: Flow = {
  async prepare(t) {
    const userId = person(t, 'America/Chicago');
    return async () => {
      const responses = t.emulator.responses().length;
      const opened = t.emulator.callsTo('views.open').length;
      await t.slack.command('/mentee', 'apply', { userId });
      return outcomeOf(t, responses, () =>
        t.emulator
          .callsTo('views.open')
          .slice(opened)
          .some((call) => call.response.ok === true),
      );
    };
  },
};

/** Submitting the application form: users.info, then the staff's review card (chat.postMessage). */
let submitter = '';
const submitApplication: Flow = {
  async prepare(t) {
    submitter = person(t, 'America/Chicago');
    const opened = t.emulator.callsTo('views.open').length;
    await t.slack.command('/mentee', 'apply', { userId: submitter });
    await waitFor(() => t.emulator.callsTo('views.open').length > opened);
    const view = lastOpenedModal(t);
    return async () => {
      const answer = await t.slack.viewSubmission(
        { userId: submitter },
        view,
        applicationState(MENTEE_ANSWERS),
      );
      // The form is replaced by the confirmation, or comes back (with what was typed) with the apology.
      const shown = shownView(answer);
      if (shown && shown.callback_id !== view.callback_id) {
        await noticesSettled(t);
        return 'done';
      }
      if (shownTexts(answer).some((text) => REFERENCE.test(text))) return 'apology';
      throw new Error(`unexpected answer ${JSON.stringify(answer.json)}`);
    };
  },
  posted: (t) =>
    t.emulator
      .messages(ADMIN_CHANNEL)
      .filter((m) => JSON.stringify(m.blocks ?? []).includes(`<@${submitter}>`)).length,
};

/**
 * A staff member approves an application: the staff check (conversations.members), the card refreshed
 * (chat.update), and the applicant told in a DM (conversations.open, chat.postMessage).
 */
let applicant = '';
const approveApplication: Flow = {
  async prepare(t) {
    applicant = person(t, 'America/Chicago');
    await apply(t, applicant, 'mentee', MENTEE_ANSWERS);
    const card = reviewCardFor(t, applicant);
    t.clock.advance({ minutes: 2 }); // past the staff list's one-minute cache: the check asks Slack
    return async () => {
      const responses = t.emulator.responses().length;
      await t.slack.blockAction(
        { userId: PEOPLE.staff2.id },
        { actionId: ACTIONS.approveApplication, value: buttonValue(card, ACTIONS.approveApplication) },
        { message: { channel: card.channel, ts: card.ts } },
      );
      // Recorded with the decision (its notices in the same transaction): the whole approval went through.
      const outcome = await outcomeOf(
        t,
        responses,
        async () =>
          (await t.bot.database.models.auditEvents.exists({
            action: 'application.approved',
            'details.applicantId': applicant,
          })) !== null,
      );
      await noticesSettled(t);
      return outcome;
    };
  },
  posted: (t) => dmCount(t, applicant),
};
const dmCount = (t: TestBot, userId: string) =>
  t.emulator.messages(t.emulator.conversationOf([userId]) ?? '-').length;

/** Opening the App Home tab: the bot publishes the person's home (views.publish). */
const openAppHome: Flow = {
  async prepare(t) {
    const userId = person(t, 'America/Chicago');
    return async () => {
      const published = t.emulator.callsTo('views.publish').length;
      const answer = await t.slack.event({
        type: 'app_home_opened',
        user: userId,
        tab: 'home',
        channel: 'D0HOME',
      });
      expect(answer.status).toBe(200);
      await waitFor(
        () =>
          t.emulator
            .callsTo('views.publish')
            .slice(published)
            .some(
              (call) => call.response.ok === true && (call.args as { user_id?: string }).user_id === userId,
            ),
        FAILURE_WAIT_MS,
      );
      return 'done';
    };
  },
};

/**
 * A scheduled prompt (the pair's first-meeting agenda), posted by the dispatcher. A failed post is tried
 * again on a later tick, and a later try first looks in the conversation (conversations.history) for the
 * message an earlier try may have posted. Done once exactly one agenda is in the pair's conversation.
 */
let pairChannel = '';
const scheduledPrompt: Flow = {
  async prepare(t) {
    const pair = await seedPair(t, { status: 'stage1', stageStarts: { stage1: t.clock.now().toISO()! } });
    pairChannel = pair.channel;
    const state = async () =>
      (
        await t.bot.database.models.prompts
          .findOne({ relationshipId: pair.relationshipId, kind: 'first_meeting_agenda' })
          .lean()
      )?.state;
    return async () => {
      for (let tick = 0; tick < 5 && (await state()) !== 'sent'; tick++) {
        await t.bot.scheduler.tick();
        t.clock.advance({ minutes: 5 }); // past the retry's backoff
      }
      await t.bot.scheduler.tick(); // and one more: nothing is posted again
      return (await state()) === 'sent' ? 'done' : 'apology';
    };
  },
  posted: (t) => promptKeysIn(t, pairChannel).length,
};

const HTTP_500: InjectedFailure = { status: 500 };
const HTTP_503_AFTER_ACTING: InjectedFailure = { status: 503, handled: true };
const INTERNAL_ERROR: InjectedFailure = { error: 'internal_error' };
const FATAL_ERROR_AFTER_ACTING: InjectedFailure = { error: 'fatal_error', handled: true };
const RATE_LIMITED: InjectedFailure = { status: 429, retryAfter: 1 };
const TIMEOUT: InjectedFailure = { hang: true };
const TIMEOUT_AFTER_ACTING: InjectedFailure = { hang: true, handled: true };

const describeFailure = (f: InjectedFailure) =>
  'hang' in f
    ? `a timeout${f.handled ? ' after Slack acted' : ''}`
    : 'error' in f
      ? `${f.error}${f.handled ? ' after Slack acted' : ''}`
      : f.status === 429
        ? `429 ratelimited (Retry-After ${f.retryAfter} s)`
        : `HTTP ${f.status}${f.handled ? ' after Slack acted' : ''}`;

/** Every failure on a call that is safe to repeat: the flow gets done after a retry. */
const retriedEveryTime = (method: string, flowName: string, flow: Flow): Case[] =>
  [HTTP_500, HTTP_503_AFTER_ACTING, INTERNAL_ERROR, FATAL_ERROR_AFTER_ACTING, RATE_LIMITED, TIMEOUT].map(
    (failure) => ({ method, flowName, flow, failure, expected: 'done' }),
  );

interface Case {
  method: string;
  flowName: string;
  flow: Flow;
  failure: InjectedFailure;
  expected: Outcome;
  /** Messages the flow posts, at most: one, never a second copy after a retry. */
  posts?: number;
}

const CASES: Case[] = [
  ...retriedEveryTime('users.info', '/mentee apply', openApplication),
  ...retriedEveryTime('users.info', 'submitting an application', submitApplication).map((c) => ({
    ...c,
    posts: 1,
  })),
  ...retriedEveryTime('conversations.members', 'approving an application', approveApplication),
  ...retriedEveryTime('chat.update', 'approving an application', approveApplication),
  ...retriedEveryTime('conversations.open', 'approving an application', approveApplication).map((c) => ({
    ...c,
    posts: 1,
  })),
  ...retriedEveryTime('views.publish', 'opening App Home', openAppHome),

  // chat.postMessage: the person acting is answered at once (the post is a notice, not part of the answer);
  // the outbox tries again. The applicant's DM is looked for in the DM before a second try, so it arrives
  // once; the staff channel's history can't be read (no groups:history), so a card Slack took but whose
  // answer was lost is posted a second time rather than never.
  ...(
    [
      [HTTP_500, 1, 1],
      [HTTP_503_AFTER_ACTING, 2, 1],
      [INTERNAL_ERROR, 1, 1],
      [FATAL_ERROR_AFTER_ACTING, 2, 1],
      [RATE_LIMITED, 1, 1],
      [TIMEOUT_AFTER_ACTING, 2, 1],
    ] as const
  ).flatMap(([failure, cardPosts, dmPosts]) => [
    {
      method: 'chat.postMessage',
      flowName: 'submitting an application',
      flow: submitApplication,
      failure,
      expected: 'done' as const,
      posts: cardPosts,
    },
    {
      method: 'chat.postMessage',
      flowName: 'approving an application',
      flow: approveApplication,
      failure,
      expected: 'done' as const,
      posts: dmPosts,
    },
  ]),

  // views.open: never repeated (a trigger is good for 3 s, once); the person gets an apology.
  ...[HTTP_500, INTERNAL_ERROR, RATE_LIMITED, TIMEOUT].map((failure) => ({
    method: 'views.open',
    flowName: '/mentee apply',
    flow: openApplication,
    failure,
    expected: 'apology' as const,
  })),

  // Scheduled prompts: the outbox tries again on a later tick, after looking for an earlier try's message.
  ...[HTTP_500, HTTP_503_AFTER_ACTING, FATAL_ERROR_AFTER_ACTING, RATE_LIMITED, TIMEOUT_AFTER_ACTING].map(
    (failure) => ({
      method: 'chat.postMessage',
      flowName: 'a scheduled prompt',
      flow: scheduledPrompt,
      failure,
      expected: 'done' as const,
      posts: 1,
    }),
  ),
];

describe('Slack failing on each Web API method the bot calls', () => {
  let t: TestBot;

  // The bot runs in this process: an unhandled rejection in it fails the running case (jest reports it), and a
  // crash would end the run. Each case also checks the bot still answers /healthz afterwards.
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(CASES.map((c) => [c.method, describeFailure(c.failure), c.flowName, c] as const))(
    '%s answering %s while %s',
    async (method, _failure, _flow, c) => {
      const run = await c.flow.prepare(t);
      const calls = t.emulator.callsTo(method).length;
      t.emulator.injectFailure(method, c.failure);
      const outcome = await run();

      expect(t.emulator.callsTo(method).length).toBeGreaterThan(calls); // the failure was met
      expect(outcome).toBe(c.expected);
      if (c.posts !== undefined) expect(c.flow.posted?.(t)).toBe(c.posts);
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      expect(t.emulator.violations).toEqual([]);
    },
    40_000,
  );

  it('a failed look-up before a scheduled prompt is retried (conversations.history)', async () => {
    const run = await scheduledPrompt.prepare(t);
    // The first try posts but its answer is lost; the second looks in the conversation and fails once.
    t.emulator.injectFailure('chat.postMessage', HTTP_503_AFTER_ACTING);
    t.emulator.injectFailure('conversations.history', HTTP_500);
    expect(await run()).toBe('done');
    expect(scheduledPrompt.posted?.(t)).toBe(1);
    expect(t.emulator.callsTo('conversations.history').length).toBeGreaterThanOrEqual(2);
  }, 40_000);
});

describe('Slack failing on auth.test at start', () => {
  it.each([[HTTP_500], [INTERNAL_ERROR], [RATE_LIMITED]] as const)(
    'the bot still starts after %j (the check is repeated)',
    async (failure) => {
      const emulator = await startEmulatorWithPeople();
      emulator.injectFailure('auth.test', failure);
      const t = await startTestBot({ emulator });
      try {
        const [failed, repeated] = emulator.callsTo('auth.test');
        expect(failed?.response.ok).toBe(false);
        expect(repeated?.response.ok).toBe(true);
        expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      } finally {
        await t.stop();
        await emulator.stop();
      }
    },
  );
});
