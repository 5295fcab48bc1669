import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHttpAnswer, type HttpAnswer } from './http-answer-rules';
import { SignedSlackClient } from './signed-slack-client';

const plain = (text: string) => ({ type: 'plain_text', text });
const json = (body: unknown, status = 200): HttpAnswer => ({
  status,
  text: JSON.stringify(body),
  contentType: 'application/json',
});
const empty = (status = 200): HttpAnswer => ({ status, text: '', contentType: null });
const section = { type: 'section', text: { type: 'mrkdwn', text: 'Hi' } };
const submitted = {
  type: 'modal',
  callback_id: 'goal_form',
  blocks: [
    section,
    { type: 'input', block_id: 'goal', label: plain('Goal'), element: { type: 'plain_text_input' } },
  ],
};

describe('slash command replies', () => {
  it.each<[string, HttpAnswer]>([
    ['an empty body', empty()],
    ['plain text', { status: 200, text: 'Done.', contentType: null }],
    ['text', json({ text: 'Hi', response_type: 'ephemeral' })],
    [
      'blocks with a text fallback, in the channel',
      json({ text: 'Hi', blocks: [section], response_type: 'in_channel' }),
    ],
    [
      'every field Slack takes',
      json({
        text: 'x'.repeat(40_000),
        blocks: [section],
        attachments: [],
        response_type: 'ephemeral',
        replace_original: false,
        delete_original: false,
        thread_ts: '1.2',
        mrkdwn: true,
        unfurl_links: false,
        unfurl_media: false,
      }),
    ],
  ])('accepts %s', (_name, answer) => {
    expect(checkHttpAnswer('command', answer)).toEqual([]);
  });

  it.each<[string, HttpAnswer, string[]]>([
    [
      'a 500',
      { status: 500, text: 'oops', contentType: null },
      [expect.stringMatching(/^status 500/) as never],
    ],
    ['a 404 with no body', empty(404), [expect.stringMatching(/^status 404/) as never]],
    [
      'JSON that does not parse',
      { status: 200, text: '{', contentType: 'application/json' },
      ['the JSON body does not parse'],
    ],
    ['a JSON array', json([1]), ['the JSON body must be an object (got [1])']],
    ['JSON with neither text nor blocks', json({ response_type: 'ephemeral' }), ['needs text or blocks']],
    ['blocks without text', json({ blocks: [section] }), ['blocks without a text fallback']],
    [
      'a response_type Slack does not know',
      json({ text: 'Hi', response_type: 'private' }),
      ['response_type: must be ephemeral or in_channel (got "private")'],
    ],
    ['text over 40,000', json({ text: 'x'.repeat(40_001) }), ['text: 40001 characters (max 40000)']],
    [
      'plain text over 40,000',
      { status: 200, text: 'x'.repeat(40_001), contentType: null },
      ['text: 40001 characters (max 40000)'],
    ],
    ['a number as text', json({ text: 5 }), ['text: must be a string', 'needs text or blocks']],
    [
      'an unknown field',
      json({ text: 'Hi', response_action: 'errors' }),
      ['response_action: not a field Slack takes in a command reply'],
    ],
    [
      'invalid blocks',
      json({ text: 'Hi', blocks: [{ type: 'header', text: plain('x'.repeat(151)) }] }),
      ['blocks[0].text: 151 characters (max 150)'],
    ],
  ])('reports %s', (_name, answer, expected) => {
    expect(checkHttpAnswer('command', answer)).toEqual(expected);
  });
});

describe('view_submission answers', () => {
  const modal = { type: 'modal', title: plain('Goals'), blocks: [section] };

  it.each<[string, HttpAnswer]>([
    ['an empty body (closes the modal)', empty()],
    ['errors keyed by an input block', json({ response_action: 'errors', errors: { goal: 'Say when.' } })],
    ['an update with a valid modal', json({ response_action: 'update', view: modal })],
    ['a push with a valid modal', json({ response_action: 'push', view: modal })],
    ['clear', json({ response_action: 'clear' })],
  ])('accepts %s', (_name, answer) => {
    expect(checkHttpAnswer('view_submission', answer, submitted)).toEqual([]);
  });

  it.each<[string, HttpAnswer, string[]]>([
    ['a 500', empty(500), [expect.stringMatching(/^status 500/) as never]],
    [
      'plain text',
      { status: 200, text: 'ok', contentType: null },
      ['a view_submission answer must be empty or JSON'],
    ],
    [
      'an unknown response_action',
      json({ response_action: 'close' }),
      ['response_action: must be one of errors, update, push, clear (got "close")'],
    ],
    [
      'JSON without response_action',
      json({ errors: { goal: 'x' } }),
      ['response_action: must be one of errors, update, push, clear (got undefined)'],
    ],
    [
      'empty errors',
      json({ response_action: 'errors', errors: {} }),
      ['errors: must be a non-empty object of block_id -> message'],
    ],
    [
      'errors missing',
      json({ response_action: 'errors' }),
      ['errors: must be a non-empty object of block_id -> message'],
    ],
    [
      'an error under a block that is not an input',
      json({ response_action: 'errors', errors: { goal: 'ok', intro: 'x' } }),
      ['errors.intro: not the block_id of an input block in the submitted view'],
    ],
    [
      'an empty error message',
      json({ response_action: 'errors', errors: { goal: '' } }),
      ['errors.goal: the message must be a non-empty string'],
    ],
    [
      'an update without a view',
      json({ response_action: 'update' }),
      ['view: required with response_action "update"'],
    ],
    [
      'a push with an invalid modal',
      json({ response_action: 'push', view: { ...modal, blocks: [] } }),
      ['view.blocks: a modal needs at least 1 block'],
    ],
    [
      'an update to a Home tab',
      json({ response_action: 'update', view: { type: 'home', blocks: [section] } }),
      ['view.type: must be "modal" (got "home")', 'view.title: required'],
    ],
  ])('reports %s', (_name, answer, expected) => {
    expect(checkHttpAnswer('view_submission', answer, submitted)).toEqual(expected);
  });

  it('reports any errors key when the submitted view had no input blocks', () => {
    expect(
      checkHttpAnswer('view_submission', json({ response_action: 'errors', errors: { goal: 'x' } }), {
        type: 'modal',
      }),
    ).toEqual(['errors.goal: not the block_id of an input block in the submitted view']);
  });
});

describe('answers whose body Slack ignores', () => {
  it.each(['block_actions', 'shortcut', 'view_closed', 'event'] as const)(
    '%s: any 2xx is fine, anything else is an error',
    (kind) => {
      expect(checkHttpAnswer(kind, empty())).toEqual([]);
      expect(checkHttpAnswer(kind, json({ whatever: true }))).toEqual([]);
      expect(checkHttpAnswer(kind, empty(204))).toEqual([]);
      expect(checkHttpAnswer(kind, empty(404))).toEqual([
        'status 404 (Slack takes only 2xx; anything else is an error the person sees)',
      ]);
    },
  );
});

describe('SignedSlackClient', () => {
  let server: http.Server;
  let next: { status: number; body: string; type?: string };
  let baseUrl: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(next.status, next.type ? { 'content-type': next.type } : {});
        res.end(next.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers only events manifest.yml subscribes to, as Slack does', async () => {
    const violations: string[] = [];
    const slack = new SignedSlackClient(
      baseUrl,
      'secret',
      { teamId: 'T1', appId: 'A1', responseUrlBase: 'http://127.0.0.1:9/response/' },
      violations,
    );
    next = { status: 200, body: '' };
    await slack.event({ type: 'app_home_opened', user: 'U1', tab: 'home' });
    await slack.event({ type: 'user_change', user: { id: 'U1', tz: 'Asia/Tokyo' } });
    expect(violations).toEqual([]);
    await slack.event({ type: 'team_join', user: { id: 'U2' } });
    expect(violations).toEqual([
      "event team_join: not in manifest.yml's bot_events, so Slack would never send it",
    ]);
  });

  it('records what Slack would object to in each answer, and checks nothing on raw posts', async () => {
    const violations: string[] = [];
    const slack = new SignedSlackClient(
      baseUrl,
      'secret',
      { teamId: 'T1', appId: 'A1', responseUrlBase: 'http://127.0.0.1:9/response/' },
      violations,
    );
    const actor = { userId: 'U1' };
    next = {
      status: 200,
      body: JSON.stringify({ text: 'Hi', response_type: 'loud' }),
      type: 'application/json',
    };
    const answer = await slack.command('/mentoring', 'help', actor);
    expect(answer).toMatchObject({ status: 200, json: { text: 'Hi' }, contentType: 'application/json' });
    next = {
      status: 200,
      body: JSON.stringify({ response_action: 'errors', errors: { nope: 'x' } }),
      type: 'application/json',
    };
    await slack.viewSubmission(actor, submitted, {});
    next = { status: 500, body: '' };
    await slack.blockAction(actor, { actionId: 'approve' });
    await slack.event({ type: 'app_home_opened', user: 'U1' });
    await slack.shortcut(actor, 'open_help');
    await slack.viewClosed(actor, submitted);
    await slack.post('payload=null', 'application/x-www-form-urlencoded');
    expect(violations).toEqual([
      'http answer: command /mentoring help: response_type: must be ephemeral or in_channel (got "loud")',
      'http answer: view_submission goal_form: errors.nope: not the block_id of an input block in the submitted view',
      'http answer: block_actions approve: status 500 (Slack takes only 2xx; anything else is an error the person sees)',
      'http answer: event app_home_opened: status 500 (Slack takes only 2xx; anything else is an error the person sees)',
      'http answer: shortcut open_help: status 500 (Slack takes only 2xx; anything else is an error the person sees)',
      'http answer: view_closed goal_form: status 500 (Slack takes only 2xx; anything else is an error the person sees)',
    ]);
  });
});
