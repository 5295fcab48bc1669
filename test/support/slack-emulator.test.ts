import {
  ErrorCode,
  LogLevel,
  WebClient,
  type Logger,
  type WebClientOptions,
  WebClientEvent,
} from '@slack/web-api';

import { makeResponseUrlId, makeTriggerId, SlackEmulator } from './slack-emulator';
import { manifestBotScopes, SCOPE_TABLE_SOURCE } from './slack-scopes';

/** Enough scopes for every method the emulator answers (scope enforcement has its own tests below). */
const EVERY_SCOPE = [
  'chat:write',
  'channels:read',
  'channels:history',
  'groups:read',
  'groups:history',
  'im:read',
  'im:write',
  'im:history',
  'mpim:read',
  'mpim:write',
  'mpim:history',
  'users:read',
  'users:read.email',
  'files:write',
];

let emu: SlackEmulator;

beforeAll(async () => {
  emu = await SlackEmulator.start({ scopes: EVERY_SCOPE });
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => {
  emu.reset();
  emu.addUser({
    id: 'UMENTOR',
    name: 'mentor',
    real_name: 'Maya Mentor',
    tz: 'Europe/Berlin',
    email: 'm@x.edu',
  });
  emu.addUser({ id: 'UMENTEE', name: 'mentee', real_name: 'Sam Student' });
  emu.addUser({ id: 'USTAFF', name: 'staff' });
  emu.addUser({ id: 'UGONE', name: 'gone', deleted: true });
  emu.addUser({ id: 'UOTHERBOT', name: 'otherbot', is_bot: true });
});

// The WebClient logs Slack's error messages; these tests provoke them on purpose.
const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** A WebClient pointed at the emulator that fails fast (no retries) unless told otherwise. */
function client(options: WebClientOptions = {}, token = emu.botToken): WebClient {
  return new WebClient(token, {
    slackApiUrl: emu.apiUrl,
    retryConfig: { retries: 0 },
    logger: quiet,
    ...options,
  });
}

const platformError = (error: string) => ({ code: ErrorCode.PlatformError, data: { error } });
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const section = (text: string) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } });
const modal = (title = 'Goals', extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: plain(title),
  blocks: [section('Hello')],
  ...extra,
});

describe('auth and routing', () => {
  it('answers auth.test for the bot token', async () => {
    const res = await client().auth.test();
    expect(res).toMatchObject({
      ok: true,
      team_id: 'T0EMULATED',
      user_id: 'UBOT',
      bot_id: 'BBOT',
      is_enterprise_install: false,
    });
    expect(emu.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('rejects a missing or wrong token and an unknown method', async () => {
    await expect(client({}, 'xoxb-wrong').auth.test()).rejects.toMatchObject(platformError('invalid_auth'));
    await expect(client({}, '').auth.test()).rejects.toMatchObject(platformError('not_authed'));
    await expect(client().apiCall('chat.nothing')).rejects.toMatchObject(platformError('unknown_method'));
    expect(emu.calls.map((c) => [c.method, c.response.error])).toEqual([
      ['auth.test', 'invalid_auth'],
      ['auth.test', 'not_authed'],
      ['chat.nothing', 'unknown_method'],
    ]);
  });

  it('accepts JSON bodies and a token in the body', async () => {
    const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${emu.botToken}` },
      body: JSON.stringify({ channel: 'C1', text: 'json', blocks: [section('json')] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1' });
    const form = await fetch(`${emu.apiUrl}auth.test`, {
      method: 'POST',
      body: new URLSearchParams({ token: emu.botToken }),
    });
    expect(await form.json()).toMatchObject({ ok: true });
    expect(emu.calls[1]?.args).toEqual({});
    const broken = await fetch(`${emu.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${emu.botToken}` },
      body: '{nope',
    });
    expect(await broken.json()).toEqual({ ok: false, error: 'invalid_json' });
  });
});

describe('chat', () => {
  it('posts messages with increasing ts and Slack response shapes', async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: 'C1', text: 'Hi', blocks: [section('Hi')] });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'Reply', thread_ts: first.ts });
    expect(first).toMatchObject({
      ok: true,
      channel: 'C1',
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      message: { type: 'message', text: 'Hi', blocks: [section('Hi')], user: 'UBOT', bot_id: 'BBOT' },
    });
    expect(first.message?.ts).toBe(first.ts);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(emu.messages('C1')).toEqual([
      { channel: 'C1', ts: first.ts, text: 'Hi', blocks: [section('Hi')], ephemeral: false },
      { channel: 'C1', ts: second.ts, text: 'Reply', thread_ts: first.ts, ephemeral: false },
    ]);
    expect(emu.violations).toEqual([]);
  });

  it('gives 100 concurrent messages unique, increasing ts', async () => {
    const web = client();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => web.chat.postMessage({ channel: 'C', text: 'x' })),
    );
    const stamps = emu.messages().map((m) => m.ts);
    expect(new Set(results.map((r) => r.ts)).size).toBe(100);
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('posts to a user id through the DM with that person', async () => {
    const res = await client().chat.postMessage({ channel: 'UMENTOR', text: 'Hi' });
    const dm = await client().conversations.open({ users: 'UMENTOR' });
    expect(res.channel).toBe(dm.channel?.id);
    expect(res.channel).toMatch(/^D/);
  });

  it('answers chat.postMessage errors', async () => {
    const web = client();
    await expect(web.chat.postMessage({ channel: '', text: 'x' })).rejects.toMatchObject(
      platformError('channel_not_found'),
    );
    await expect(web.apiCall('chat.postMessage', { channel: 'C1' })).rejects.toMatchObject(
      platformError('no_text'),
    );
    await expect(web.chat.postMessage({ channel: 'C1', text: 'x'.repeat(40_001) })).rejects.toMatchObject(
      platformError('msg_too_long'),
    );
    await expect(
      web.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('x'.repeat(3001))] }),
    ).rejects.toMatchObject({
      data: {
        error: 'invalid_blocks',
        response_metadata: { messages: ['[ERROR] 3001 characters (max 3000) [json-pointer:/blocks/0/text]'] },
      },
    });
    await expect(
      web.apiCall('chat.postMessage', { channel: 'C1', text: 'x', blocks: '[nope' }),
    ).rejects.toMatchObject(platformError('invalid_blocks_format'));
    expect(emu.messages()).toEqual([]);
    expect(emu.violations).toEqual([
      'chat.postMessage: channel: required',
      'chat.postMessage: needs text, blocks or attachments',
      'chat.postMessage: text: 40001 characters (max 40000)',
      'chat.postMessage: blocks[0].text: 3001 characters (max 3000)',
      'chat.postMessage: blocks: must be a JSON array',
    ]);
  });

  it('records violations for an over-long button text, 51 blocks and a missing text fallback', async () => {
    const web = client();
    const button = { type: 'button' as const, action_id: 'go', text: plain('x'.repeat(80)) };
    await expect(
      web.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'actions', elements: [button] }] }),
    ).rejects.toMatchObject(platformError('invalid_blocks'));
    await expect(
      web.chat.postMessage({
        channel: 'C1',
        text: 'x',
        blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })),
      }),
    ).rejects.toMatchObject(platformError('invalid_blocks'));
    // Slack accepts blocks without text, so the call succeeds, but the rule is recorded.
    await web.chat.postMessage({ channel: 'C1', blocks: [section('no fallback')] });
    expect(emu.violations).toEqual([
      'chat.postMessage: blocks[0].elements[0].text: 80 characters (max 75)',
      'chat.postMessage: blocks: 51 blocks (max 50)',
      'chat.postMessage: blocks without a text fallback',
    ]);
    expect(emu.messages()).toHaveLength(1);
  });

  it('posts ephemeral messages to a member of the conversation', async () => {
    const web = client();
    emu.setChannelMembers('CADMIN', ['USTAFF', 'UBOT']);
    const res = await web.chat.postEphemeral({ channel: 'CADMIN', user: 'USTAFF', text: 'Only you' });
    expect(res).toEqual({
      ok: true,
      message_ts: expect.stringMatching(/^\d+\.\d{6}$/),
      // From the x-oauth-scopes and x-accepted-oauth-scopes headers.
      response_metadata: { scopes: EVERY_SCOPE, acceptedScopes: ['chat:write'] },
    });
    expect(emu.messages('CADMIN')).toEqual([
      { channel: 'CADMIN', ts: res.message_ts, text: 'Only you', user: 'USTAFF', ephemeral: true },
    ]);
    await expect(
      web.chat.postEphemeral({ channel: 'CADMIN', user: 'UMENTEE', text: 'x' }),
    ).rejects.toMatchObject(platformError('user_not_in_channel'));
    await expect(web.apiCall('chat.postEphemeral', { channel: 'CADMIN', text: 'x' })).rejects.toMatchObject(
      platformError('user_not_found'),
    );
    // Ephemeral messages cannot be edited.
    await expect(
      web.chat.update({ channel: 'CADMIN', ts: res.message_ts!, text: 'y' }),
    ).rejects.toMatchObject(platformError('message_not_found'));
  });

  it('updates a message in place', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'Old', blocks: [section('Old')] });
    const updated = await web.chat.update({
      channel: 'C1',
      ts: posted.ts!,
      text: 'New',
      blocks: [section('New')],
    });
    expect(updated).toMatchObject({
      ok: true,
      channel: 'C1',
      ts: posted.ts,
      text: 'New',
      message: { text: 'New', blocks: [section('New')], user: 'UBOT', bot_id: 'BBOT' },
    });
    await web.chat.update({ channel: 'C1', ts: posted.ts!, text: 'Newer' }); // keeps the blocks
    expect(emu.messages()).toEqual([
      { channel: 'C1', ts: posted.ts, text: 'Newer', blocks: [section('New')], ephemeral: false },
    ]);
    await expect(web.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject(
      platformError('message_not_found'),
    );
    await expect(web.chat.update({ channel: 'C2', ts: posted.ts!, text: 'x' })).rejects.toMatchObject(
      platformError('message_not_found'),
    );
    await expect(
      web.chat.update({ channel: 'C1', ts: posted.ts!, text: 'x', blocks: [{ type: 'nope' }] }),
    ).rejects.toMatchObject(platformError('invalid_blocks'));
  });
});

describe('conversations and users', () => {
  it('opens the same DM or group DM for the same people, in any order', async () => {
    const web = client();
    const im = await web.conversations.open({ users: 'UMENTOR' });
    const group = await web.conversations.open({ users: 'UMENTOR,UMENTEE' });
    const again = await web.conversations.open({ users: 'UMENTEE, UMENTOR' });
    const withBot = await web.conversations.open({ users: 'UBOT,UMENTEE,UMENTOR' });
    expect(im.channel?.id).toMatch(/^D/);
    expect(group.channel?.id).toMatch(/^G/);
    expect(again.channel?.id).toBe(group.channel?.id);
    expect(withBot.channel?.id).toBe(group.channel?.id);
    expect(again).toMatchObject({ already_open: true });
    const members = await web.conversations.members({ channel: group.channel!.id! });
    expect(members).toMatchObject({
      members: ['UMENTOR', 'UMENTEE', 'UBOT'],
      response_metadata: { next_cursor: '' },
    });
    emu.reset(); // keeps conversations and their members
    expect((await web.conversations.open({ users: 'UMENTEE,UMENTOR' })).channel?.id).toBe(group.channel?.id);
  });

  it('answers conversations.open and conversations.members errors', async () => {
    const web = client();
    const nine = Array.from({ length: 9 }, (_, i) => `U${i}`).join(',');
    await expect(web.conversations.open({ users: 'UNOBODY' })).rejects.toMatchObject(
      platformError('user_not_found'),
    );
    await expect(web.conversations.open({ users: 'UMENTOR,UGONE' })).rejects.toMatchObject(
      platformError('user_disabled'),
    );
    await expect(web.conversations.open({ users: 'UBOT' })).rejects.toMatchObject(
      platformError('cannot_dm_bot'),
    );
    await expect(web.conversations.open({ users: 'UOTHERBOT' })).rejects.toMatchObject(
      platformError('cannot_dm_bot'),
    );
    await expect(web.conversations.open({ users: nine })).rejects.toMatchObject(
      platformError('too_many_users'),
    );
    await expect(web.conversations.members({ channel: 'CNOPE' })).rejects.toMatchObject(
      platformError('channel_not_found'),
    );
  });

  it('answers users.info like Slack', async () => {
    const res = await client().users.info({ user: 'UMENTOR' });
    expect(res.user).toEqual({
      id: 'UMENTOR',
      name: 'mentor',
      real_name: 'Maya Mentor',
      deleted: false,
      is_bot: false,
      tz: 'Europe/Berlin',
      tz_label: expect.stringMatching(/Central European/),
      tz_offset: expect.any(Number),
      profile: { real_name: 'Maya Mentor', display_name: 'mentor', email: 'm@x.edu', title: '' },
    });
    expect([3600, 7200]).toContain(res.user?.tz_offset);
    expect((await client().users.info({ user: 'UGONE' })).user?.deleted).toBe(true);
    await expect(client().users.info({ user: 'UNOBODY' })).rejects.toMatchObject(
      platformError('user_not_found'),
    );
  });
});

describe('message metadata and conversations.history', () => {
  const metadata = { event_type: 'prompt_sent', event_payload: { key: 'r1:check_in_nudge:2030-03-04' } };

  it('stores metadata with the message, as an object or a JSON string', async () => {
    const web = client();
    const res = await web.chat.postMessage({ channel: 'C1', text: 'Check-in time', metadata });
    expect(res.message).toMatchObject({ text: 'Check-in time', metadata });
    // A JSON body may carry it as an object or as a JSON string.
    for (const value of [metadata, JSON.stringify(metadata)]) {
      const raw = await fetch(`${emu.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Authorization: `Bearer ${emu.botToken}`,
        },
        body: JSON.stringify({ channel: 'C1', text: 'json', metadata: value }),
      });
      expect(await raw.json()).toMatchObject({ ok: true, message: { metadata } });
    }
    expect(emu.messages('C1').map((m) => m.metadata)).toEqual([metadata, metadata, metadata]);
    expect(emu.callsTo('chat.postMessage')[0]?.args.metadata).toEqual(metadata);
    expect(emu.violations).toEqual([]);
  });

  it('answers invalid_metadata_format for metadata without event_type or event_payload', async () => {
    const web = client();
    const bad = [
      { event_payload: { a: 1 } },
      { event_type: '', event_payload: { a: 1 } },
      { event_type: 'prompt_sent' },
      { event_type: 'prompt_sent', event_payload: ['a'] },
      '{nope',
      '42',
    ];
    for (const value of bad) {
      await expect(
        web.apiCall('chat.postMessage', { channel: 'C1', text: 'x', metadata: value }),
      ).rejects.toMatchObject(platformError('invalid_metadata_format'));
    }
    expect(emu.messages()).toEqual([]);
    expect(emu.violations).toEqual([
      'chat.postMessage: metadata.event_type: required (a string)',
      'chat.postMessage: metadata.event_type: required (a string)',
      'chat.postMessage: metadata.event_payload: required (a JSON object)',
      'chat.postMessage: metadata.event_payload: required (a JSON object)',
      'chat.postMessage: metadata: not valid JSON',
      'chat.postMessage: metadata: must be a JSON object',
    ]);
  });

  it('posts the message but drops metadata whose event_type has punctuation, with a warning', async () => {
    const res = await client().chat.postMessage({
      channel: 'C1',
      text: 'x',
      metadata: { event_type: 'prompt.sent', event_payload: {} },
    });
    expect(res).toMatchObject({
      ok: true,
      warning: 'invalid_metadata_schema',
      response_metadata: { warnings: ['invalid_metadata_schema'] },
    });
    expect(emu.messages()[0]?.metadata).toBeUndefined();
    expect(emu.violations).toEqual([
      'chat.postMessage: metadata.event_type: "prompt.sent" (letters, digits, _ and - only); Slack drops the metadata',
    ]);
  });

  it('replaces the metadata on chat.update, keeping it when left out', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'a', metadata });
    await web.chat.update({ channel: 'C1', ts: posted.ts!, text: 'b' });
    expect(emu.messages()[0]?.metadata).toEqual(metadata);
    const changed = { event_type: 'prompt_edited', event_payload: { n: 2 } };
    await web.chat.update({ channel: 'C1', ts: posted.ts!, text: 'c', metadata: changed });
    expect(emu.messages()[0]).toMatchObject({ text: 'c', metadata: changed });
  });

  it('returns a conversation’s top-level messages newest first, in Slack’s shape', async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: 'C1', text: 'First', blocks: [section('First')] });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'Reply', thread_ts: first.ts });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'Second', metadata });
    await web.chat.postMessage({ channel: 'C2', text: 'Elsewhere' });
    emu.setChannelMembers('C1', ['UMENTOR', 'UBOT']);
    await web.chat.postEphemeral({ channel: 'C1', user: 'UMENTOR', text: 'Only you' });

    const res = await web.conversations.history({ channel: 'C1' });

    expect(res).toEqual({
      ok: true,
      messages: [
        {
          type: 'message',
          text: 'Second',
          user: 'UBOT',
          bot_id: 'BBOT',
          app_id: 'A0EMULATED',
          team: 'T0EMULATED',
          ts: second.ts,
        },
        {
          type: 'message',
          text: 'First',
          blocks: [section('First')],
          user: 'UBOT',
          bot_id: 'BBOT',
          app_id: 'A0EMULATED',
          team: 'T0EMULATED',
          ts: first.ts,
          thread_ts: first.ts,
          reply_count: 1,
          latest_reply: reply.ts,
        },
      ],
      has_more: false,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: {
        next_cursor: '',
        scopes: EVERY_SCOPE,
        acceptedScopes: ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
      },
    });
    // Metadata only when asked for.
    const withMetadata = await web.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(withMetadata.messages?.map((m) => m.metadata)).toEqual([metadata, undefined]);
    const viaJson = await fetch(`${emu.apiUrl}conversations.history`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${emu.botToken}` },
      body: JSON.stringify({ channel: 'C1', include_all_metadata: false }),
    });
    expect(((await viaJson.json()) as { messages: object[] }).messages[0]).not.toHaveProperty('metadata');
  });

  it('answers an opened conversation without messages with an empty history', async () => {
    const web = client();
    const dm = await web.conversations.open({ users: 'UMENTOR,UMENTEE' });
    await expect(web.conversations.history({ channel: dm.channel!.id! })).resolves.toMatchObject({
      ok: true,
      messages: [],
      has_more: false,
    });
  });

  it('pages with limit and cursor, and filters by oldest and latest', async () => {
    const web = client();
    const ts: string[] = [];
    for (let i = 1; i <= 5; i += 1)
      ts.push((await web.chat.postMessage({ channel: 'C1', text: `m${i}` })).ts!);
    const texts = (res: { messages?: { text?: string }[] }) => res.messages?.map((m) => m.text);

    const page1 = await web.conversations.history({ channel: 'C1', limit: 2 });
    expect(texts(page1)).toEqual(['m5', 'm4']);
    expect(page1.has_more).toBe(true);
    const cursor = page1.response_metadata?.next_cursor;
    expect(cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
    const page2 = await web.conversations.history({ channel: 'C1', limit: 2, cursor });
    expect(texts(page2)).toEqual(['m3', 'm2']);
    const page3 = await web.conversations.history({
      channel: 'C1',
      limit: 2,
      cursor: page2.response_metadata?.next_cursor,
    });
    expect(texts(page3)).toEqual(['m1']);
    expect(page3).toMatchObject({ has_more: false, response_metadata: { next_cursor: '' } });

    // The WebClient's paginate() follows the cursors to the end.
    const pages: string[][] = [];
    for await (const page of web.paginate('conversations.history', { channel: 'C1', limit: 2 })) {
      pages.push(texts(page as { messages?: { text?: string }[] }) as string[]);
    }
    expect(pages).toEqual([['m5', 'm4'], ['m3', 'm2'], ['m1']]);

    // Between oldest and latest, both excluded unless inclusive.
    expect(texts(await web.conversations.history({ channel: 'C1', oldest: ts[0], latest: ts[3] }))).toEqual([
      'm3',
      'm2',
    ]);
    expect(
      texts(
        await web.conversations.history({ channel: 'C1', oldest: ts[0], latest: ts[3], inclusive: true }),
      ),
    ).toEqual(['m4', 'm3', 'm2', 'm1']);
    expect(texts(await web.conversations.history({ channel: 'C1', oldest: ts[3] }))).toEqual(['m5']);
    // Whole seconds work too.
    expect(
      texts(await web.conversations.history({ channel: 'C1', oldest: '0', latest: '9999999999' })),
    ).toHaveLength(5);
    expect(emu.violations).toEqual([]);
  });

  it('returns 100 messages by default and never more than 999', async () => {
    const web = client();
    await Promise.all(
      Array.from({ length: 120 }, (_, i) => web.chat.postMessage({ channel: 'C1', text: `${i}` })),
    );

    const byDefault = await web.conversations.history({ channel: 'C1' });
    expect(byDefault.messages).toHaveLength(100);
    expect(byDefault.has_more).toBe(true);

    const tooMany = await web.conversations.history({ channel: 'C1', limit: 1000 });
    expect(tooMany.messages).toHaveLength(120);
    expect(emu.violations).toEqual([
      'conversations.history: limit: 1000 (max 999; Slack returns at most that)',
    ]);
  });

  it('answers conversations.history errors', async () => {
    const web = client();
    await web.chat.postMessage({ channel: 'C1', text: 'x' });
    await expect(web.apiCall('conversations.history', {})).rejects.toMatchObject(
      platformError('channel_not_found'),
    );
    await expect(web.conversations.history({ channel: 'CNOPE' })).rejects.toMatchObject(
      platformError('channel_not_found'),
    );
    await expect(web.conversations.history({ channel: 'C1', oldest: 'yesterday' })).rejects.toMatchObject(
      platformError('invalid_ts_oldest'),
    );
    await expect(web.conversations.history({ channel: 'C1', latest: '1.2.3' })).rejects.toMatchObject(
      platformError('invalid_ts_latest'),
    );
    await expect(web.conversations.history({ channel: 'C1', cursor: 'bm9wZQ==' })).rejects.toMatchObject(
      platformError('invalid_cursor'),
    );
    await expect(
      web.apiCall('conversations.history', { channel: 'C1', limit: 'many' }),
    ).rejects.toMatchObject(platformError('invalid_arguments'));
    expect(emu.violations).toEqual([
      'conversations.history: channel: required',
      'conversations.history: limit: "many" (must be a positive integer)',
    ]);
  });

  it('is subject to injected failures and rate limits like any method', async () => {
    const web = client({ rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: 'C1', text: 'x' });
    emu.injectFailure('conversations.history', { error: 'not_in_channel' });
    emu.injectFailure('conversations.history', { status: 503 });
    await expect(web.conversations.history({ channel: 'C1' })).rejects.toMatchObject(
      platformError('not_in_channel'),
    );
    await expect(web.conversations.history({ channel: 'C1' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 503,
    });
    await expect(web.conversations.history({ channel: 'C1' })).resolves.toMatchObject({ ok: true });

    emu.setRateLimit('conversations.history', 1);
    await expect(web.conversations.history({ channel: 'C1' })).resolves.toMatchObject({ ok: true });
    await expect(web.conversations.history({ channel: 'C1' })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
    });
    expect(emu.callsTo('conversations.history').map((c) => c.response.http_status ?? 200)).toEqual([
      200, 503, 200, 200, 429,
    ]);
  });
});

describe('views', () => {
  it('opens a modal with a fresh trigger and echoes the view', async () => {
    const res = await client().views.open({
      trigger_id: makeTriggerId(),
      view: modal('Goals', { callback_id: 'goals' }),
    });
    expect(res.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      hash: expect.any(String),
      type: 'modal',
      callback_id: 'goals',
      title: plain('Goals'),
      state: { values: {} },
    });
    expect(emu.views()).toEqual([
      { id: res.view?.id, hash: res.view?.hash, view: res.view, kind: 'modal', external_id: undefined },
    ]);
  });

  it('enforces trigger_id format, age and single use', async () => {
    const web = client();
    const trigger = makeTriggerId();
    await web.views.open({ trigger_id: trigger, view: modal() });
    await expect(web.views.open({ trigger_id: trigger, view: modal() })).rejects.toMatchObject(
      platformError('exchanged_trigger_id'),
    );
    await expect(web.views.push({ trigger_id: trigger, view: modal() })).rejects.toMatchObject(
      platformError('exchanged_trigger_id'),
    );
    await expect(
      web.views.open({ trigger_id: makeTriggerId(Date.now() - 3100), view: modal() }),
    ).rejects.toMatchObject(platformError('expired_trigger_id'));
    await expect(web.views.open({ trigger_id: 'not-a-trigger', view: modal() })).rejects.toMatchObject(
      platformError('invalid_trigger_id'),
    );
    expect(emu.violations).toEqual([
      'views.open: trigger_id: already used (a trigger opens one view)',
      'views.push: trigger_id: already used (a trigger opens one view)',
      expect.stringMatching(/^views\.open: trigger_id: 31\d\d ms old \(max 3000\)$/),
      'views.open: trigger_id: "not-a-trigger" is not a trigger id (use makeTriggerId)',
    ]);
  });

  it('rejects an invalid view with invalid_arguments and Slack-style messages', async () => {
    const trigger = makeTriggerId();
    await expect(
      client().views.open({ trigger_id: trigger, view: modal('x'.repeat(25)) }),
    ).rejects.toMatchObject({
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] 25 characters (max 24) [json-pointer:/view/title]'] },
      },
    });
    expect(emu.violations).toEqual(['views.open: view.title: 25 characters (max 24)']);
    // A failed call does not use up the trigger.
    await expect(client().views.open({ trigger_id: trigger, view: modal() })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('allows a stack of three views, then push_limit_reached', async () => {
    const web = client();
    const root = await web.views.open({ trigger_id: makeTriggerId(), view: modal('One') });
    const second = await web.views.push({ trigger_id: makeTriggerId(), view: modal('Two') });
    await web.views.push({ trigger_id: makeTriggerId(), view: modal('Three') });
    expect(second.view).toMatchObject({ root_view_id: root.view?.id, previous_view_id: root.view?.id });
    await expect(web.views.push({ trigger_id: makeTriggerId(), view: modal('Four') })).rejects.toMatchObject(
      platformError('push_limit_reached'),
    );
    // A new modal starts a new stack.
    await web.views.open({ trigger_id: makeTriggerId(), view: modal('Other') });
    await expect(web.views.push({ trigger_id: makeTriggerId(), view: modal('Two') })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('updates a view by id or external_id and detects hash conflicts', async () => {
    const web = client();
    const opened = await web.views.open({
      trigger_id: makeTriggerId(),
      view: modal('One', { external_id: 'goal-1' }),
    });
    const id = opened.view!.id!;
    const updated = await web.views.update({ view_id: id, hash: opened.view!.hash!, view: modal('Two') });
    expect(updated.view).toMatchObject({ id, title: plain('Two') });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    await expect(
      web.views.update({ view_id: id, hash: opened.view!.hash!, view: modal('Three') }),
    ).rejects.toMatchObject(platformError('hash_conflict'));
    await web.views.update({ external_id: 'goal-1', view: modal('Four') });
    expect(emu.views()[0]?.view).toMatchObject({ title: plain('Four') });
    await expect(web.views.update({ view_id: 'VNOPE', view: modal() })).rejects.toMatchObject(
      platformError('not_found'),
    );
    await expect(web.views.update({ external_id: 'nope', view: modal() })).rejects.toMatchObject(
      platformError('not_found'),
    );
  });

  it('publishes a Home tab per person, keeping its id', async () => {
    const web = client();
    const home = (text: string) => ({ type: 'home' as const, blocks: [section(text)] });
    const first = await web.views.publish({ user_id: 'UMENTEE', view: home('One') });
    const second = await web.views.publish({
      user_id: 'UMENTEE',
      view: home('Two'),
      hash: first.view!.hash!,
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(emu.homeOf('UMENTEE')).toMatchObject({
      kind: 'home',
      user: 'UMENTEE',
      view: { blocks: [section('Two')] },
    });
    expect(emu.homeOf('UMENTOR')).toBeUndefined();
    await expect(web.views.publish({ user_id: 'UNOBODY', view: home('x') })).rejects.toMatchObject(
      platformError('user_not_found'),
    );
    await expect(
      web.views.publish({ user_id: 'UMENTEE', view: home('x'), hash: first.view!.hash! }),
    ).rejects.toMatchObject(platformError('hash_conflict'));
    const tooMany = {
      type: 'home' as const,
      blocks: Array.from({ length: 101 }, () => ({ type: 'divider' as const })),
    };
    await expect(web.views.publish({ user_id: 'UMENTEE', view: tooMany })).rejects.toMatchObject(
      platformError('invalid_arguments'),
    );
  });
});

describe('files', () => {
  it('supports filesUploadV2 end to end', async () => {
    emu.setChannelMembers('CADMIN', ['USTAFF', emu.botUserId], { private: true });
    const web = client();
    const content = Buffer.from('name,email\nSam,s@x.edu\n');
    const res = await web.filesUploadV2({
      channel_id: 'CADMIN',
      file: content,
      filename: 'export.csv',
      title: 'Export',
      initial_comment: 'Here is the export',
    });
    expect(res.ok).toBe(true);
    expect(res.files[0]?.files?.[0]).toMatchObject({ name: 'export.csv', title: 'Export' });
    expect(emu.uploads()).toEqual([
      {
        fileId: expect.stringMatching(/^F/),
        filename: 'export.csv',
        title: 'Export',
        channel: 'CADMIN',
        content,
        completed: true,
        initialComment: 'Here is the export',
      },
    ]);
    expect(emu.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({ filename: 'export.csv' });
    expect(emu.violations).toEqual([]);
  });

  it('accepts raw bytes at the upload URL and checks the completion', async () => {
    const web = client();
    const url = await web.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    await expect(web.files.completeUploadExternal({ files: [{ id: url.file_id! }] })).rejects.toMatchObject(
      platformError('file_not_found'),
    ); // nothing uploaded yet
    const upload = await fetch(url.upload_url!, { method: 'POST', body: 'abc' });
    expect(upload.status).toBe(200);
    const done = await web.files.completeUploadExternal({ files: [{ id: url.file_id! }] });
    expect(done.files).toEqual([{ id: url.file_id, name: 'a.txt', title: 'a.txt', size: 3 }]);
    await expect(web.files.completeUploadExternal({ files: [{ id: 'FNOPE' }] })).rejects.toMatchObject(
      platformError('file_not_found'),
    );
    await expect(web.files.getUploadURLExternal({ filename: 'a.txt', length: 0 })).rejects.toMatchObject(
      platformError('invalid_arguments'),
    );
  });

  it('needs a filename and a length', async () => {
    const web = client();
    await expect(web.apiCall('files.getUploadURLExternal', { length: 3 })).rejects.toMatchObject(
      platformError('invalid_arguments'),
    );
    await expect(web.apiCall('files.getUploadURLExternal', { filename: 'a.txt' })).rejects.toMatchObject(
      platformError('invalid_arguments'),
    );
    await expect(web.files.getUploadURLExternal({ filename: 'a.txt', length: 2.5 })).rejects.toMatchObject(
      platformError('invalid_arguments'),
    );
    expect(emu.violations).toEqual([
      'files.getUploadURLExternal: filename: required',
      'files.getUploadURLExternal: length: required (the file size in bytes)',
      'files.getUploadURLExternal: length: "2.5" (must be a positive integer)',
    ]);
  });

  it('takes exactly the length announced, once, at the upload URL it issued', async () => {
    const web = client();
    const short = await web.files.getUploadURLExternal({ filename: 'a.txt', length: 4 });
    expect((await fetch(short.upload_url!, { method: 'POST', body: 'abc' })).status).toBe(400);
    // The URL is spent even though the bytes were refused; the file never arrived.
    expect((await fetch(short.upload_url!, { method: 'POST', body: 'abcd' })).status).toBe(404);
    await expect(web.files.completeUploadExternal({ files: [{ id: short.file_id! }] })).rejects.toMatchObject(
      platformError('file_not_found'),
    );
    const good = await web.files.getUploadURLExternal({ filename: 'b.txt', length: 3 });
    const forged = good.upload_url!.replace(/[0-9a-f]{16}$/, '0000000000000000');
    expect((await fetch(forged, { method: 'POST', body: 'abc' })).status).toBe(404);
    expect((await fetch(good.upload_url!, { method: 'POST', body: 'abc' })).status).toBe(200);
    expect((await fetch(good.upload_url!, { method: 'POST', body: 'abc' })).status).toBe(404);
    expect(emu.violations).toEqual([
      `upload ${short.file_id}: received 3 bytes, files.getUploadURLExternal said length 4`,
      `upload ${short.file_id}: the upload_url was already used (one upload per URL)`,
      `upload ${good.file_id}: the upload_url was already used (one upload per URL)`,
    ]);
    expect(emu.uploads().map((u) => u.filename)).toEqual(['b.txt']);
  });

  it('lets an upload URL expire after 10 minutes', async () => {
    const web = client();
    const url = await web.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 10 * 60 * 1000 + 1);
    try {
      expect((await fetch(url.upload_url!, { method: 'POST', body: 'abc' })).status).toBe(404);
    } finally {
      clock.mockRestore();
    }
    expect(emu.violations).toEqual([
      expect.stringMatching(new RegExp(`^upload ${url.file_id}: the upload_url was used 600 s after`)),
    ]);
  });

  it('completes each uploaded file once, into a channel the bot is in', async () => {
    emu.setChannelMembers('CSTAFF', ['USTAFF', emu.botUserId], { private: true });
    emu.setChannelMembers('CHIDDEN', ['USTAFF'], { private: true });
    emu.setChannelMembers('CPUBLIC', ['USTAFF']);
    const web = client();
    const uploaded = async (name: string) => {
      const url = await web.files.getUploadURLExternal({ filename: name, length: 2 });
      await fetch(url.upload_url!, { method: 'POST', body: 'ok' });
      return url.file_id!;
    };
    for (const [channel, error] of [
      ['CNOWHERE', 'channel_not_found'],
      ['CHIDDEN', 'channel_not_found'],
      ['CPUBLIC', 'not_in_channel'],
    ] as const) {
      await expect(
        web.files.completeUploadExternal({ files: [{ id: await uploaded('x.csv') }], channel_id: channel }),
      ).rejects.toMatchObject(platformError(error));
    }
    const id = await uploaded('people.csv');
    const done = await web.files.completeUploadExternal({
      files: [{ id, title: 'People' }],
      channel_id: 'CSTAFF',
    });
    expect(done.files).toEqual([{ id, name: 'people.csv', title: 'People', size: 2 }]);
    await expect(
      web.files.completeUploadExternal({ files: [{ id }], channel_id: 'CSTAFF' }),
    ).rejects.toMatchObject(platformError('file_not_found'));
    await expect(
      web.files.completeUploadExternal({ files: [{ title: 'no id' }] as never }),
    ).rejects.toMatchObject(platformError('invalid_arguments'));
    expect(emu.uploads().find((u) => u.fileId === id)).toMatchObject({
      channel: 'CSTAFF',
      completed: true,
      content: Buffer.from('ok'),
    });
    expect(emu.violations).toEqual([
      'files.completeUploadExternal: channel CNOWHERE is not a conversation the bot can see',
      'files.completeUploadExternal: channel CHIDDEN is not a conversation the bot can see',
      'files.completeUploadExternal: the bot is not a member of CPUBLIC (not_in_channel)',
      `files.completeUploadExternal: ${id} was already completed`,
      'files.completeUploadExternal: files[].id: required',
    ]);
  });

  it('needs files:write for both steps', async () => {
    const limited = await SlackEmulator.start({ scopes: ['chat:write'] });
    try {
      const web = new WebClient(limited.botToken, {
        slackApiUrl: limited.apiUrl,
        logger: quiet,
        retryConfig: { retries: 0 },
      });
      for (const call of [
        () => web.files.getUploadURLExternal({ filename: 'a.txt', length: 1 }),
        () => web.files.completeUploadExternal({ files: [{ id: 'F1' }] }),
      ])
        await expect(call()).rejects.toMatchObject(platformError('missing_scope'));
      expect(limited.calls.map((c) => c.response.needed)).toEqual(['files:write', 'files:write']);
    } finally {
      await limited.stop();
    }
  });
});

describe('failures and rate limits', () => {
  it('retries an injected 429 after Retry-After and emits rate_limited', async () => {
    emu.injectFailure('chat.postMessage', { status: 429, retryAfter: 1 });
    const web = client({ retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 } });
    const limited: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (retryAfter: number) => limited.push(retryAfter));
    const res = await web.chat.postMessage({ channel: 'C1', text: 'eventually' });
    expect(res.ok).toBe(true);
    expect(limited).toEqual([1]);
    const calls = emu.callsTo('chat.postMessage');
    expect(calls.map((c) => c.response.http_status ?? 200)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('raises a rate-limited error with rejectRateLimitedCalls', async () => {
    emu.injectFailure('views.open', { status: 429, retryAfter: 7 });
    const web = client({ rejectRateLimitedCalls: true });
    await expect(web.views.open({ trigger_id: makeTriggerId(), view: modal() })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it('injects HTTP 5xx and Slack errors for the next calls only', async () => {
    const web = client();
    emu.injectFailure('users.info', { status: 500 });
    emu.injectFailure('users.info', { error: 'fatal_error' }, 2);
    await expect(web.users.info({ user: 'UMENTOR' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    await expect(web.users.info({ user: 'UMENTOR' })).rejects.toMatchObject(platformError('fatal_error'));
    await expect(web.users.info({ user: 'UMENTOR' })).rejects.toMatchObject(platformError('fatal_error'));
    await expect(web.users.info({ user: 'UMENTOR' })).resolves.toMatchObject({ ok: true });
    // A retrying client gets through a 503.
    emu.injectFailure('users.info', { status: 503 });
    const retrying = client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 1 } });
    await expect(retrying.users.info({ user: 'UMENTOR' })).resolves.toMatchObject({ ok: true });
    expect(emu.violations).toEqual([]);
  });

  it('with handled: true, does the work and then fails the answer (the post is there)', async () => {
    const web = client({ retryConfig: { retries: 0 } });
    emu.injectFailure('chat.postMessage', { status: 503, handled: true });
    await expect(web.chat.postMessage({ channel: 'C1', text: 'posted anyway' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 503,
    });
    emu.injectFailure('chat.postMessage', { error: 'internal_error', handled: true });
    await expect(web.chat.postMessage({ channel: 'C1', text: 'also posted' })).rejects.toMatchObject(
      platformError('internal_error'),
    );
    expect(emu.messages('C1').map((m) => m.text)).toEqual(['posted anyway', 'also posted']);
    expect(emu.callsTo('chat.postMessage').map((c) => c.response.handled)).toEqual([true, true]);
  });

  it('hang never answers: the client times out; with handled: true the message was posted', async () => {
    emu.injectFailure('chat.postMessage', { hang: true });
    emu.injectFailure('chat.postMessage', { hang: true, handled: true });
    const web = client({ timeout: 100, retryConfig: { retries: 0 } });
    for (const text of ['never posted', 'posted, answer lost'])
      await expect(web.chat.postMessage({ channel: 'C1', text })).rejects.toMatchObject({
        code: ErrorCode.RequestError,
      });
    expect(emu.messages('C1').map((m) => m.text)).toEqual(['posted, answer lost']);
    expect(emu.callsTo('chat.postMessage').map((c) => c.response)).toEqual([
      { hung: true, handled: false },
      { hung: true, handled: true },
    ]);
  });

  it('answers 429 beyond a sustained rate limit', async () => {
    emu.setRateLimit('chat.postMessage', 2);
    const web = client({ rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: 'C1', text: '1' });
    await web.chat.postMessage({ channel: 'C1', text: '2' });
    const error = await web.chat.postMessage({ channel: 'C1', text: '3' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError });
    const retryAfter = (error as { retryAfter: number }).retryAfter;
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(emu.messages()).toHaveLength(2);
    // Other methods are not limited.
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
  });
});

describe('delays', () => {
  it('holds the next call to a method', async () => {
    emu.delay('auth.test', 150);
    const started = Date.now();
    await client().auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const again = Date.now();
    await client().auth.test(); // only the next call
    expect(Date.now() - again).toBeLessThan(140);
  });

  it('drops a delayed call whose client hung up', async () => {
    emu.delay('chat.postMessage', 150);
    await expect(
      client({ timeout: 30 }).chat.postMessage({ channel: 'C1', text: 'lost' }),
    ).rejects.toMatchObject({
      code: ErrorCode.RequestError,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(emu.messages()).toEqual([]);
    expect(emu.calls).toEqual([]);
  });
});

describe('response_url', () => {
  const responseUrl = (id: string) => `${emu.apiUrl.replace(/api\/$/, '')}response/${id}`;
  const respond = (id: string, body: unknown) =>
    fetch(responseUrl(id), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records what the app responded, shown only to the person unless it says in_channel', async () => {
    const id = makeResponseUrlId();
    const res = await respond(id, { response_type: 'ephemeral', text: 'Done', blocks: [section('Done')] });
    expect(res.status).toBe(200);
    expect((await respond(id, { text: 'Plain' })).status).toBe(200);
    expect((await respond(id, { response_type: 'in_channel', text: 'Everyone' })).status).toBe(200);
    expect(emu.responses()).toEqual([
      {
        urlId: id,
        body: { response_type: 'ephemeral', text: 'Done', blocks: [section('Done')] },
        ephemeral: true,
        at: expect.any(Number),
      },
      { urlId: id, body: { text: 'Plain' }, ephemeral: true, at: expect.any(Number) },
      {
        urlId: id,
        body: { response_type: 'in_channel', text: 'Everyone' },
        ephemeral: false,
        at: expect.any(Number),
      },
    ]);
    expect(emu.violations).toEqual([]);
  });

  it('rejects invalid messages and more than 5 uses with an HTTP error', async () => {
    const id = makeResponseUrlId();
    const invalid = await respond(id, { text: 'x', blocks: [section('x'.repeat(3001))] });
    expect([invalid.status, await invalid.text()]).toEqual([400, 'invalid_blocks']);
    expect((await respond(id, {})).status).toBe(400);
    for (let i = 0; i < 3; i += 1) expect((await respond(id, { text: `${i}` })).status).toBe(200);
    expect((await respond(id, { text: 'sixth' })).status).toBe(404);
    expect(emu.responses()).toHaveLength(3);
    expect(emu.violations).toEqual([
      'response_url: blocks[0].text: 3001 characters (max 3000)',
      'response_url: needs text or blocks',
      `response_url: ${id} used 6 times (max 5)`,
    ]);
  });

  it('refuses a response_url more than 30 minutes after the interaction, and one Slack never issued', async () => {
    const fresh = makeResponseUrlId(Date.now() - 29 * 60_000);
    expect((await respond(fresh, { text: 'still in time' })).status).toBe(200);
    const old = makeResponseUrlId(Date.now() - 31 * 60_000);
    const late = await respond(old, { text: 'too late' });
    expect([late.status, await late.text()]).toEqual([404, 'expired_url']);
    const made = await respond('abc', { text: 'made up' });
    expect(made.status).toBe(404);
    expect(emu.responses().map((r) => r.body.text)).toEqual(['still in time']);
    expect(emu.violations).toEqual([
      `response_url: ${old} used 31 minutes after the interaction (max 30)`,
      'response_url: abc is not a response_url Slack issued',
    ]);
  });

  it('lists a response_type other than ephemeral or in_channel', async () => {
    expect((await respond(makeResponseUrlId(), { response_type: 'loud', text: 'x' })).status).toBe(200);
    expect(emu.violations).toEqual([
      'response_url: response_type must be ephemeral or in_channel (got "loud")',
    ]);
  });
});

describe('scopes', () => {
  const started: SlackEmulator[] = [];
  afterAll(async () => {
    await Promise.all(started.map((e) => e.stop()));
  });

  /** An emulator whose token holds exactly these scopes (the manifest's when left out), knowing two people. */
  async function emulatorWith(scopes?: string[]): Promise<SlackEmulator> {
    const e = await SlackEmulator.start(scopes === undefined ? {} : { scopes });
    started.push(e);
    e.addUser({ id: 'UMENTOR', name: 'mentor', email: 'm@x.edu' });
    e.addUser({ id: 'UMENTEE', name: 'mentee' });
    return e;
  }

  /** A form-encoded Web API call with the bot token, as the WebClient sends it; the raw answer. */
  async function call(e: SlackEmulator, method: string, args: Record<string, string> = {}) {
    const response = await fetch(`${e.apiUrl}${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${e.botToken}`,
      },
      body: new URLSearchParams(args).toString(),
    });
    return {
      status: response.status,
      scopes: response.headers.get('x-oauth-scopes'),
      accepted: response.headers.get('x-accepted-oauth-scopes'),
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  const missing = (needed: string, provided: string) => ({
    ok: false,
    error: 'missing_scope',
    needed,
    provided,
  });

  it('names its scope table’s source and grants the bot scopes manifest.yml requests by default', async () => {
    expect(SCOPE_TABLE_SOURCE).toMatch(/slack-api-specs.*commit [0-9a-f]{40}/);
    const e = await emulatorWith();
    expect(e.grantedScopes).toEqual(manifestBotScopes());
    expect(e.grantedScopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'groups:read']));
    const res = await client({ slackApiUrl: e.apiUrl }, e.botToken).auth.test();
    expect(res.response_metadata?.scopes).toEqual(manifestBotScopes());
  });

  it('sends the granted scopes in x-oauth-scopes and the method’s in x-accepted-oauth-scopes', async () => {
    const e = await emulatorWith(['commands', 'chat:write', 'users:read']);
    const auth = await call(e, 'auth.test');
    expect(auth).toMatchObject({ status: 200, scopes: 'commands,chat:write,users:read', accepted: '' });
    expect(auth.body.ok).toBe(true);
    const info = await call(e, 'users.info', { user: 'UNOBODY' }); // a failure still says the scopes
    expect(info).toMatchObject({ scopes: 'commands,chat:write,users:read', accepted: 'users:read' });
    expect(info.body).toEqual({ ok: false, error: 'user_not_found' });
    expect((await call(e, 'chat.postMessage', { channel: 'C1', text: 'hi' })).accepted).toBe('chat:write');
    // Unauthenticated answers carry no scopes.
    const anonymous = await fetch(`${e.apiUrl}auth.test`, { method: 'POST' });
    expect(anonymous.headers.get('x-oauth-scopes')).toBeNull();
  });

  it('answers missing_scope with needed and provided, records the call and a violation', async () => {
    const e = await emulatorWith(['commands', 'users:read']);
    const res = await call(e, 'chat.postMessage', { channel: 'C1', text: 'hi' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(missing('chat:write', 'commands,users:read'));
    expect(res.scopes).toBe('commands,users:read');
    expect(e.messages()).toEqual([]);
    expect(e.callsTo('chat.postMessage')).toEqual([
      expect.objectContaining({ response: missing('chat:write', 'commands,users:read') }),
    ]);
    expect(e.violations).toEqual([
      'chat.postMessage: missing_scope (needed chat:write; the token has commands,users:read)',
    ]);
    await expect(
      client({ slackApiUrl: e.apiUrl }, e.botToken).users.lookupByEmail({ email: 'm@x.edu' }),
    ).rejects.toMatchObject({ data: missing('users:read.email', 'commands,users:read') });
  });

  it('takes chat:write for the legacy chat:write:bot entries, and needs none for auth.test and views', async () => {
    const writer = await emulatorWith(['chat:write']);
    const web = new WebClient(writer.botToken, { slackApiUrl: writer.apiUrl, logger: quiet });
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'hi' });
    await web.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' });
    await web.chat.postEphemeral({ channel: 'C1', user: 'UMENTOR', text: 'psst' });
    expect(writer.violations).toEqual([]);

    const bare = await emulatorWith([]);
    const views = new WebClient(bare.botToken, { slackApiUrl: bare.apiUrl, logger: quiet });
    expect((await call(bare, 'auth.test')).body.ok).toBe(true);
    await views.views.publish({ user_id: 'UMENTOR', view: { type: 'home', blocks: [section('Hi')] } });
    await views.views.open({ trigger_id: makeTriggerId(), view: modal() });
    expect(bare.violations).toEqual([]);
    expect((await call(bare, 'chat.postMessage', { channel: 'C1', text: 'x' })).body).toEqual(
      missing('chat:write', ''),
    );
  });

  it('needs channels:read for a public channel and groups:read for a private one', async () => {
    const publicOnly = await emulatorWith(['channels:read']);
    const privateOnly = await emulatorWith(['groups:read']);
    for (const e of [publicOnly, privateOnly]) {
      e.setChannelMembers('CPUBLIC', ['UMENTOR', e.botUserId]);
      e.setChannelMembers('CSTAFF', ['UMENTOR', e.botUserId], { private: true });
    }
    expect((await call(publicOnly, 'conversations.members', { channel: 'CPUBLIC' })).body).toMatchObject({
      ok: true,
      members: ['UMENTOR', 'UBOT'],
    });
    expect((await call(publicOnly, 'conversations.members', { channel: 'CSTAFF' })).body).toEqual(
      missing('groups:read', 'channels:read'),
    );
    expect((await call(publicOnly, 'conversations.info', { channel: 'CSTAFF' })).body).toEqual(
      missing('groups:read', 'channels:read'),
    );
    expect((await call(privateOnly, 'conversations.members', { channel: 'CSTAFF' })).body).toMatchObject({
      ok: true,
      members: ['UMENTOR', 'UBOT'],
    });
    expect((await call(privateOnly, 'conversations.members', { channel: 'CPUBLIC' })).body).toEqual(
      missing('channels:read', 'groups:read'),
    );
    // A conversation the token can't place: any of the method's scopes leads on to channel_not_found.
    expect((await call(privateOnly, 'conversations.members', { channel: 'CNOPE' })).body).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    const none = await emulatorWith(['chat:write']);
    expect((await call(none, 'conversations.members', { channel: 'CNOPE' })).body).toEqual(
      missing('channels:read,groups:read,im:read,mpim:read', 'chat:write'),
    );
  });

  it('hides a private channel the bot is not in: channel_not_found', async () => {
    const e = await emulatorWith([
      'channels:read',
      'groups:read',
      'channels:history',
      'groups:history',
      'groups:write',
    ]);
    e.setChannelMembers('CSTAFF', ['UMENTOR'], { private: true });
    e.setChannelMembers('CPUBLIC', ['UMENTOR']);
    for (const method of [
      'conversations.members',
      'conversations.info',
      'conversations.history',
      'conversations.open',
    ]) {
      expect((await call(e, method, { channel: 'CSTAFF' })).body).toEqual({
        ok: false,
        error: 'channel_not_found',
      });
    }
    // A public channel's members are readable from outside; its history is not.
    expect((await call(e, 'conversations.members', { channel: 'CPUBLIC' })).body.ok).toBe(true);
    expect((await call(e, 'conversations.history', { channel: 'CPUBLIC' })).body).toEqual({
      ok: false,
      error: 'not_in_channel',
    });
  });

  it('needs im: scopes for DMs and mpim: scopes for group DMs', async () => {
    const e = await emulatorWith(['im:write', 'im:history', 'chat:write']);
    const dm = await call(e, 'conversations.open', { users: 'UMENTOR' });
    expect(dm.body).toMatchObject({ ok: true, channel: { id: expect.stringMatching(/^D/) } });
    expect((await call(e, 'conversations.open', { users: 'UMENTOR,UMENTEE' })).body).toEqual(
      missing('mpim:write', 'im:write,im:history,chat:write'),
    );
    const channel = (dm.body.channel as { id: string }).id;
    expect((await call(e, 'conversations.history', { channel })).body.ok).toBe(true);
    expect((await call(e, 'conversations.members', { channel })).body).toEqual(
      missing('im:read', 'im:write,im:history,chat:write'),
    );

    const group = await emulatorWith(['mpim:write', 'mpim:history']);
    const opened = await call(group, 'conversations.open', { users: 'UMENTOR,UMENTEE' });
    const mpim = (opened.body.channel as { id: string }).id;
    expect((await call(group, 'conversations.history', { channel: mpim })).body.ok).toBe(true);
    expect((await call(group, 'conversations.open', { users: 'UMENTOR' })).body).toEqual(
      missing('im:write', 'mpim:write,mpim:history'),
    );
  });

  it('gives a person’s email only to a token with users:read.email', async () => {
    const without = await emulatorWith(['users:read']);
    const withEmail = await emulatorWith(['users:read', 'users:read.email']);
    const profile = async (e: SlackEmulator) =>
      ((await call(e, 'users.info', { user: 'UMENTOR' })).body.user as { profile: Record<string, unknown> })
        .profile;
    expect(await profile(without)).not.toHaveProperty('email');
    expect(await profile(withEmail)).toMatchObject({ email: 'm@x.edu' });
  });

  it('needs the bot in a channel to post there', async () => {
    const e = await emulatorWith(['chat:write']);
    e.setChannelMembers('CPUBLIC', ['UMENTOR']);
    e.setChannelMembers('CSTAFF', ['UMENTOR'], { private: true });
    expect((await call(e, 'chat.postMessage', { channel: 'CPUBLIC', text: 'x' })).body).toEqual({
      ok: false,
      error: 'not_in_channel',
    });
    expect((await call(e, 'chat.postMessage', { channel: 'CSTAFF', text: 'x' })).body).toEqual({
      ok: false,
      error: 'channel_not_found',
    });
    expect(
      (await call(e, 'chat.postEphemeral', { channel: 'CSTAFF', user: 'UMENTOR', text: 'x' })).body,
    ).toEqual({ ok: false, error: 'channel_not_found' });
    expect(e.violations).toEqual([
      'chat.postMessage: the bot is not a member of CPUBLIC (not_in_channel)',
      'chat.postMessage: the bot is not a member of CSTAFF (channel_not_found)',
      'chat.postEphemeral: the bot is not a member of CSTAFF (channel_not_found)',
    ]);
    const publicWriter = await emulatorWith(['chat:write', 'chat:write.public']);
    publicWriter.setChannelMembers('CPUBLIC', ['UMENTOR']);
    expect((await call(publicWriter, 'chat.postMessage', { channel: 'CPUBLIC', text: 'x' })).body.ok).toBe(
      true,
    );
  });
});

describe('conversations.info', () => {
  it('says what kind of conversation it is and whether the bot is in it', async () => {
    emu.setChannelMembers('CPUBLIC', ['UMENTOR']);
    emu.setChannelMembers('CSTAFF', ['USTAFF', 'UBOT'], { private: true });
    const web = client();
    const dm = (await web.conversations.open({ users: 'UMENTOR' })).channel!.id!;
    const group = (await web.conversations.open({ users: 'UMENTOR,UMENTEE' })).channel!.id!;
    const info = async (channel: string) => (await web.conversations.info({ channel })).channel;
    expect(await info('CPUBLIC')).toEqual({
      id: 'CPUBLIC',
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: false,
      is_archived: false,
      is_member: false,
    });
    expect(await info('CSTAFF')).toMatchObject({ is_private: true, is_im: false, is_member: true });
    expect(await info(dm)).toMatchObject({ id: dm, is_im: true, is_mpim: false, is_member: true });
    expect(await info(group)).toMatchObject({
      is_im: false,
      is_mpim: true,
      is_private: true,
      is_member: true,
    });
  });

  it('answers channel_not_found for unknown channels and private ones without the bot', async () => {
    emu.setChannelMembers('CHIDDEN', ['USTAFF'], { private: true });
    for (const channel of ['CNOPE', 'CHIDDEN']) {
      await expect(client().conversations.info({ channel })).rejects.toMatchObject(
        platformError('channel_not_found'),
      );
    }
    await expect(client().apiCall('conversations.info', {})).rejects.toMatchObject(
      platformError('channel_not_found'),
    );
  });
});
