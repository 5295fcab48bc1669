import fc from 'fast-check';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { COMMAND_TABLE, commandSpec } from '../../src/slack/commands/command-table';
import { makeTriggerId } from '../support/slack-emulator';
import { enrol, matched, MENTEE_ANSWERS, MENTOR_ANSWERS } from '../support/flows';
import { PEOPLE, startTestBot, TEAM_ID, type TestBot } from '../support/test-bot';
import { unescapedInjections } from '../support/mrkdwn-safety';

/**
 * Hostile input, generated: at least 1,000 requests per run, signed as Slack signs them, from someone who
 * owns nothing in the pair under attack. Whatever they send, the app answers within Slack's 3 s with no 5xx,
 * raises no unhandled rejection, stays healthy, never lets their `<!channel>` or links through into
 * anything it posts, and changes nothing that belongs to the pair.
 */
const RUNS = 1000;
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** What an attacker types to make the bot shout at a channel or show a disguised link. */
const INJECTIONS = ['<!channel>', '<!here>', '<!everyone>', '<http://evil.example|Reset your password>'];

/** Every command and sub-command the app answers, from its one command table (nested ones included). */
const SURFACE: string[] = COMMAND_TABLE.filter((spec) => spec.slash).flatMap((spec) =>
  spec.subcommands.flatMap((sub) =>
    'nested' in sub.run
      ? commandSpec(sub.run.nested).subcommands.map((inner) =>
          `${spec.command} ${sub.name} ${inner.name}`.trim(),
        )
      : [`${spec.command} ${sub.name}`.trim(), `${spec.command} help`],
  ),
);

describe('hostile input, generated', () => {
  let t: TestBot;
  let relationshipId: string;
  let pairChannel: string;
  const attacker = PEOPLE.dan.id;
  const victims = [PEOPLE.alice.id, PEOPLE.bob.id];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    t = await startTestBot();
    await enrol(t, PEOPLE.alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, PEOPLE.bob.id, 'mentee', MENTEE_ANSWERS);
    await enrol(t, attacker, 'mentee', { ...MENTEE_ANSWERS, displayName: 'Dan Student' });
    ({ relationshipId, channel: pairChannel } = await matched(t, PEOPLE.alice.id, PEOPLE.bob.id));
  }, 120_000);
  afterAll(async () => {
    await t.stop();
    process.off('unhandledRejection', onUnhandled);
  });

  /** Everything stored about the pair under attack, in a comparable form. */
  async function pairState(): Promise<string> {
    const m = t.bot.database.models;
    const byRelationship = { relationshipId };
    const [profiles, applications, relationship, fit, goals, checkIns, feedback] = await Promise.all([
      Promise.all(victims.map((userId) => m.profiles.find({ userId }).lean())),
      Promise.all(victims.map((userId) => m.applications.find({ userId }).lean())),
      m.relationships.findById(relationshipId).lean(),
      m.fitAssessments.find(byRelationship).lean(),
      m.goalForms.find(byRelationship).lean(),
      m.checkIns.find(byRelationship).lean(),
      m.feedback.find(byRelationship).lean(),
    ]);
    return JSON.stringify({ profiles, applications, relationship, fit, goals, checkIns, feedback });
  }

  // ---- what an attacker sends --------------------------------------------------------------------------

  const hostileText = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom(...INJECTIONS),
    fc
      .array(fc.constantFrom(...INJECTIONS, 'word', '*bold*', '`code`', '&amp;', '<@UALICE|alice>'), {
        maxLength: 12,
      })
      .map((words) => words.join(' ')),
    fc.integer({ min: 1, max: 600 }).map((n) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')),
    fc.string({ minLength: 3000, maxLength: 5000 }),
  );
  const ownedByOthers = fc.constantFrom(
    () => relationshipId,
    () => PEOPLE.alice.id,
    () => PEOPLE.bob.id,
  );
  const idLike = fc.oneof(
    ownedByOthers.map((get) => get()),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', '0', '000000000000000000000000', '{"$ne":""}', 'null'),
  );

  const command = fc
    .record({ usage: fc.constantFrom(...SURFACE), text: hostileText })
    .map(({ usage, text }) => async () => {
      const [name = '/mentoring', ...sub] = usage.split(' ');
      return t.slack.command(name, `${sub.join(' ')} ${text}`.trim(), {
        userId: attacker,
        channelId: pairChannel,
      });
    });

  const knownActions = Object.values(ACTIONS);
  const click = fc
    .record({
      actionId: fc.oneof(fc.constantFrom(...knownActions), fc.string({ minLength: 1, maxLength: 40 })),
      value: fc.oneof(
        idLike,
        hostileText.map((words) => JSON.stringify({ page: 2, words })),
        fc.constant(undefined),
      ),
      where: fc.constantFrom('pair message', 'home', 'nowhere'),
    })
    .map(({ actionId, value, where }) => async () => {
      const message = where === 'pair message' ? { message: { channel: pairChannel, ts: '1.000001' } } : {};
      const view =
        where === 'home'
          ? { view: { id: 'VHOME', type: 'home', blocks: [], private_metadata: '', hash: 'h' } }
          : {};
      return t.slack.blockAction(
        { userId: attacker },
        { actionId, value: value?.slice(0, 2000) },
        { ...message, ...view },
      );
    });

  const fieldNames = [
    'reason',
    'relationship',
    'confirm',
    'decision',
    'understandingNotes',
    'contactFrequency',
    'channels',
    'confidentiality',
    'displayName',
    'bio',
    'goal_0_specific',
    'status_0',
    'evidence_0',
    'note',
  ];
  const submission = fc
    .record({
      callbackId: fc.oneof(fc.constantFrom(...Object.values(VIEWS)), fc.string({ maxLength: 30 })),
      metadata: fc.oneof(
        ownedByOthers.map((get) =>
          JSON.stringify({ relationshipId: get(), applicationId: get(), revision: 1 }),
        ),
        fc.json({ maxDepth: 2 }),
        fc.string({ maxLength: 60 }),
      ),
      fields: fc.dictionary(fc.constantFrom(...fieldNames), hostileText, { maxKeys: 6 }),
      choice: idLike,
    })
    .map(({ callbackId, metadata, fields, choice }) => async () => {
      const blocks = Object.keys(fields).map((field) => ({
        type: 'input',
        block_id: FIELD_BLOCK(field),
        element: { type: 'plain_text_input', action_id: FIELD_ACTION(field) },
      }));
      const values = Object.fromEntries(
        Object.entries(fields).map(([field, text]) => [
          FIELD_BLOCK(field),
          {
            [FIELD_ACTION(field)]:
              field === 'channels' || field === 'confirm' || field === 'confidentiality'
                ? { type: 'checkboxes', selected_options: [{ value: choice }] }
                : field === 'decision' || field === 'relationship' || field === 'contactFrequency'
                  ? { type: 'static_select', selected_option: { value: choice } }
                  : { type: 'plain_text_input', value: text },
          },
        ]),
      );
      return t.slack.viewSubmission(
        { userId: attacker },
        {
          id: 'VATTACK',
          type: 'modal',
          callback_id: callbackId,
          private_metadata: metadata.slice(0, 3000),
          blocks: blocks.length > 0 ? blocks : [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }],
          hash: 'h',
        },
        values as never,
      );
    });

  const malformed = fc
    .oneof(
      fc.json().map((body) => ({ body, type: JSON_TYPE })),
      fc.json().map((json) => ({ body: new URLSearchParams({ payload: json }).toString(), type: FORM })),
      fc.string().map((body) => ({ body, type: FORM })),
      fc
        .record({
          type: fc.constantFrom(
            'block_actions',
            'view_submission',
            'view_closed',
            'shortcut',
            'block_suggestion',
          ),
          user: fc.oneof(fc.constant({ id: attacker }), fc.jsonValue()),
          actions: fc.jsonValue(),
          view: fc.jsonValue(),
        })
        .map((payload) => ({
          body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          type: FORM,
        })),
    )
    .map(
      ({ body, type }) =>
        async () =>
          t.slack.post(body, type),
    );

  const event = fc
    .record({
      type: fc.oneof(
        fc.constantFrom('app_home_opened', 'team_join', 'message', 'app_uninstalled'),
        fc.string(),
      ),
      user: fc.oneof(fc.constant(attacker), idLike, fc.jsonValue()),
      tab: fc.oneof(fc.constantFrom('home', 'messages'), fc.jsonValue()),
      eventId: fc.stringMatching(/^Ev[A-Z0-9]{4,10}$/),
    })
    .map(
      ({ type, user, tab, eventId }) =>
        async () =>
          // Raw: many of these are shapes Slack never sends, which the app refuses with a 400.
          t.slack.post(
            JSON.stringify({
              type: 'event_callback',
              team_id: TEAM_ID,
              event_id: eventId,
              event: { type, user, tab, channel: 'D0DAN', event_ts: '1.1' },
            }),
            JSON_TYPE,
          ),
    );

  const shortcut = fc.string({ maxLength: 30 }).map(
    (callbackId) => async () =>
      t.slack.post(
        JSON.stringify({
          type: 'shortcut',
          callback_id: callbackId,
          trigger_id: makeTriggerId(),
          user: { id: attacker },
          team: { id: TEAM_ID },
        }),
        JSON_TYPE,
      ),
  );

  it(`answers ${RUNS} generated requests within 3 s, never with a 5xx, and changes nothing of the pair`, async () => {
    const before = await pairState();
    let cases = 0;
    const slow: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { arbitrary: command, weight: 4 },
          { arbitrary: click, weight: 4 },
          { arbitrary: submission, weight: 4 },
          { arbitrary: malformed, weight: 2 },
          { arbitrary: event, weight: 2 },
          { arbitrary: shortcut, weight: 1 },
        ),
        async (send) => {
          cases += 1;
          const started = Date.now();
          const answer = await send();
          const took = Date.now() - started;
          if (took >= 3000) slow.push(`${took} ms`);
          expect(answer.status).toBeLessThan(500);
          expect(took).toBeLessThan(3000);
        },
      ),
      { numRuns: RUNS },
    );
    // Work acknowledged before it finished (opening modals, posting notes) is given a moment to end.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    console.log(`hostile input: ${cases} generated cases ran`);
    expect(cases).toBeGreaterThanOrEqual(RUNS);
    expect(slow).toEqual([]);
    expect(unhandled).toEqual([]);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const help = await t.slack.command('/mentoring', 'help', { userId: PEOPLE.bob.id });
    expect(help.json?.text).toContain('How to use /mentoring');
    expect(await pairState()).toBe(before);

    // Nothing the bot said anywhere (messages, private answers, modals, Home tabs) carries the attacker's
    // mass mentions, links or mentions of people who aren't there as live mrkdwn.
    const said = [
      ...t.emulator.messages(),
      ...t.emulator.responses().map((r) => r.body),
      ...t.emulator.views().map((v) => v.view),
    ];
    const knownUserIds = Object.values(PEOPLE).map((person) => person.id);
    expect(said.flatMap((message) => unescapedInjections(message, { knownUserIds }))).toEqual([]);
    expect(t.emulator.violations).toEqual([]);
    // No failure of the bot's own (a thrown TypeError, a cast error) hid behind a polite apology.
    expect(t.logLines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  }, 600_000);
});
