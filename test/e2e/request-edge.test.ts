import { ACTIONS, VIEWS } from '../../blocks/ids';
import { goalWording } from '../../src/content/wording';
import { makeTriggerId } from '../support/slack-emulator';
import { signSlackRequest } from '../support/signed-slack-client';
import { PEOPLE, SIGNING_SECRET, startTestBot, TEAM_ID, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const form = (payload: string) => new URLSearchParams({ payload }).toString();
const user = { id: PEOPLE.bob.id, username: 'bob', team_id: TEAM_ID };

describe('the edge between Slack and the bot', () => {
  let t: TestBot;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
    process.off('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
    expect(t.emulator.violations).toEqual([]);
  });

  describe('authenticity (HTTP mode)', () => {
    const body = new URLSearchParams({
      command: '/mentoring',
      text: 'help',
      user_id: PEOPLE.bob.id,
      channel_id: 'CGENERAL',
      team_id: TEAM_ID,
      trigger_id: makeTriggerId(),
      response_url: 'http://127.0.0.1:1/r',
    }).toString();
    const at = (offsetSeconds: number) => {
      const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
      return t.slack.post(body, FORM, {
        timestamp,
        signature: signSlackRequest(SIGNING_SECRET, timestamp, body),
      });
    };

    it.each([
      ['6 minutes in the future', 6 * 60],
      ['6 minutes in the past', -6 * 60],
    ])('refuses a correctly signed request timestamped %s with 401', async (_label, offset) => {
      expect((await at(offset)).status).toBe(401);
    });

    it('takes a request timestamped 4 minutes either way (clocks drift)', async () => {
      expect((await at(4 * 60)).status).toBe(200);
      expect((await at(-4 * 60)).status).toBe(200);
    });

    it('refuses a request with no signature headers with 401', async () => {
      const response = await fetch(`${t.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body,
      });
      expect(response.status).toBe(401);
    });

    it('refuses a body over 1 MB with 413 without reading it all', async () => {
      const huge = `payload=${'x'.repeat(1024 * 1024 + 10)}`;
      expect((await t.slack.post(huge, FORM)).status).toBe(413);
    });

    it("answers Slack's URL verification and SSL check", async () => {
      const verification = await t.slack.post(
        JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
        JSON_TYPE,
      );
      expect(verification.json).toEqual({ challenge: 'abc123' });
      const ssl = await fetch(`${t.baseUrl}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body: 'ssl_check=1&token=x',
      });
      expect(ssl.status).toBe(200);
    });
  });

  describe('bodies Slack could never send get a 4xx at once', () => {
    const cases: [string, string, string][] = [
      ['payload=null', 'payload=null', FORM],
      ['a payload that is not JSON', 'payload=%7Bnope', FORM],
      ['a JSON array', '[1,2]', JSON_TYPE],
      ['a JSON body that does not parse', '{"type":', JSON_TYPE],
      ['a view_submission with no view', form('{"type":"view_submission","user":{"id":"UBOB"}}'), FORM],
      [
        'a view_submission whose view has no blocks',
        form(
          JSON.stringify({
            type: 'view_submission',
            user,
            view: { id: 'V1', type: 'modal', callback_id: VIEWS.goalForm, state: { values: {} } },
          }),
        ),
        FORM,
      ],
      [
        'block_actions with actions: null',
        form(JSON.stringify({ type: 'block_actions', user, actions: null })),
        FORM,
      ],
      [
        'a button value that is an object',
        form(
          JSON.stringify({
            type: 'block_actions',
            user,
            trigger_id: makeTriggerId(),
            actions: [{ type: 'button', action_id: ACTIONS.acceptRequest, value: { $ne: '' } }],
          }),
        ),
        FORM,
      ],
      [
        'a user id that is an object',
        form(
          JSON.stringify({
            type: 'block_actions',
            user: { id: { $ne: '' } },
            actions: [{ type: 'button', action_id: ACTIONS.acceptRequest, value: 'x' }],
          }),
        ),
        FORM,
      ],
      [
        'an event of null',
        JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: null }),
        JSON_TYPE,
      ],
      [
        'app_home_opened with a user that is an object',
        JSON.stringify({
          type: 'event_callback',
          event_id: 'Ev2',
          event: { type: 'app_home_opened', user: {} },
        }),
        JSON_TYPE,
      ],
      [
        'an event whose user is null',
        JSON.stringify({ type: 'event_callback', event_id: 'Ev3', event: { type: 'message', user: null } }),
        JSON_TYPE,
      ],
      [
        'a click whose team is a string',
        form(
          JSON.stringify({
            type: 'block_actions',
            user,
            team: 'T1',
            actions: [{ type: 'button', action_id: 'x' }],
          }),
        ),
        FORM,
      ],
      ['a slash command given twice', 'command=%2Fmentoring&command=%2Fmentor&text=&user_id=UBOB', FORM],
      ['a type nobody sends', JSON.stringify({ type: 'something_else' }), JSON_TYPE],
    ];

    it.each(cases)('%s: 400 within milliseconds', async (_label, body, contentType) => {
      const started = Date.now();
      const answer = await t.slack.post(body, contentType);
      expect(answer.status).toBe(400);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('leaves the bot healthy afterwards', async () => {
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      const help = await t.slack.command('/mentoring', 'help', { userId: PEOPLE.bob.id });
      expect(help.json?.text).toContain('How to use /mentoring');
    });
  });

  describe('what no listener answers is still answered', () => {
    it('an unknown button on a message: a private note that it is from an earlier version', async () => {
      const answer = await t.slack.blockAction(
        { userId: PEOPLE.bob.id },
        { actionId: 'renamed_long_ago', value: 'x' },
        { message: { channel: 'D0BOB', ts: '1700000000.000100' } },
      );
      expect(answer.status).toBe(200);
      await waitFor(() =>
        t.emulator
          .responses()
          .some((r) => String(r.body.text).includes('earlier version of the mentoring bot')),
      );
      const note = t.emulator.responses().at(-1)?.body;
      expect(note).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    });

    it('an unknown button on the Home tab: the same note in a small modal', async () => {
      await t.slack.event({ type: 'app_home_opened', user: PEOPLE.bob.id, tab: 'home', channel: 'D0BOB' });
      await waitFor(() => t.emulator.homeOf(PEOPLE.bob.id) !== undefined);
      const home = t.emulator.homeOf(PEOPLE.bob.id)?.view ?? {};
      await t.slack.blockAction({ userId: PEOPLE.bob.id }, { actionId: 'old_home_button' }, { view: home });
      await waitFor(() =>
        t.emulator
          .views()
          .some((v) => v.kind === 'modal' && JSON.stringify(v.view).includes('earlier version')),
      );
    });

    it('a refused button inside a modal (no response URL there): the answer goes on top of the modal', async () => {
      const modal = {
        id: 'VGOALS1',
        type: 'modal',
        callback_id: VIEWS.goalForm,
        private_metadata: JSON.stringify({ relationshipId: '000000000000000000000000', revision: 1 }),
        hash: 'h1',
        blocks: [{ type: 'input', block_id: 'b', element: { type: 'plain_text_input', action_id: 'a' } }],
        state: { values: {} },
      };
      const answer = await t.slack.blockAction(
        { userId: PEOPLE.bob.id },
        { actionId: ACTIONS.addGoal },
        { view: modal },
      );
      expect(answer.status).toBe(200);
      await waitFor(() => t.emulator.callsTo('views.push').some((call) => call.response.ok === true));
      const pushed = t.emulator.callsTo('views.push').at(-1)?.args.view as { blocks: unknown[] };
      expect(JSON.stringify(pushed.blocks)).toContain(goalWording.noRelationship.slice(0, 30));
    });

    it('a form from an earlier version: the modal is replaced by a note saying nothing was saved', async () => {
      const answer = await t.slack.viewSubmission(
        { userId: PEOPLE.bob.id },
        {
          id: 'VOLD1',
          type: 'modal',
          callback_id: 'old_form_v0',
          private_metadata: '',
          blocks: [{ type: 'input', block_id: 'b', element: { type: 'plain_text_input', action_id: 'a' } }],
        },
        { b: { a: { type: 'plain_text_input', value: 'typed' } } },
      );
      expect(answer.json?.response_action).toBe('update');
      expect(JSON.stringify(answer.json?.view)).toContain('nothing was saved');
    });

    it('a slash command this version no longer has: a private pointer to help', async () => {
      const answer = await t.slack.command('/mentorship', 'status', { userId: PEOPLE.bob.id });
      expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
      expect(answer.json?.text).toContain('/mentoring help');
    });

    it.each([
      [
        'an event nobody listens to',
        { type: 'event_callback', event_id: 'EvX1', event: { type: 'team_join' } },
      ],
      [
        'an event named like an object property',
        { type: 'event_callback', event_id: 'EvX2', event: { type: 'constructor' } },
      ],
      [
        'a global shortcut',
        {
          type: 'shortcut',
          callback_id: 'old_shortcut',
          trigger_id: makeTriggerId(),
          user,
          team: { id: TEAM_ID },
        },
      ],
    ])('%s: acknowledged with 200', async (_label, body) => {
      const started = Date.now();
      const answer = await t.slack.post(JSON.stringify(body), JSON_TYPE);
      expect(answer.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('a menu asking for options it does not know: an empty list', async () => {
      const answer = await t.slack.post(
        form(
          JSON.stringify({
            type: 'block_suggestion',
            user,
            action_id: 'old_menu',
            value: 'ab',
            team: { id: TEAM_ID },
          }),
        ),
        FORM,
      );
      expect(answer.json).toEqual({ options: [] });
    });
  });

  it('an Events API retry of an event already handled is acknowledged and not handled again', async () => {
    const event = { type: 'app_home_opened', user: PEOPLE.erin.id, tab: 'home', channel: 'D0ERIN' };
    expect((await t.slack.event(event, { eventId: 'EvRETRIED' })).status).toBe(200);
    expect((await t.slack.event(event, { eventId: 'EvRETRIED', retryNum: 1 })).status).toBe(200);
    expect((await t.slack.event(event, { eventId: 'EvRETRIED', retryNum: 2 })).status).toBe(200);
    await waitFor(() => t.emulator.homeOf(PEOPLE.erin.id) !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === PEOPLE.erin.id)).toHaveLength(
      1,
    );
  });
});
