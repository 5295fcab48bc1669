import { ErrorCode, WebClient } from '@slack/web-api';
import { createSlackClients, type SlackClients } from '../../src/composition/slack-clients';
import { createLogger } from '../../src/logger';
import { SlackEmulator } from '../support/slack-emulator';

/**
 * Every Web API client the bot builds (Bolt's from its options, the services', the prompts') leaves
 * retrying to the gateway: a failed post is sent once, and a rate limit comes straight back with its
 * Retry-After instead of being waited out inside the client.
 */

describe('the Slack clients', () => {
  let emulator: SlackEmulator;
  let clients: SlackClients;
  beforeAll(async () => {
    emulator = await SlackEmulator.start();
    clients = createSlackClients(
      { slack: { botToken: emulator.botToken, apiUrl: emulator.apiUrl } },
      createLogger({ level: 'silent' }),
    );
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  const each = () =>
    [
      ['Bolt (interactive)', new WebClient(emulator.botToken, { ...clients.interactive })],
      ['services', clients.services],
      ['prompts', clients.prompts],
    ] as const;

  it('are separate clients, so none shares a rate-limit queue with another', () => {
    expect(clients.services).not.toBe(clients.prompts);
  });

  it('never repeat a chat.postMessage Slack failed with a 5xx (it may have been posted)', async () => {
    for (const [name, client] of each()) {
      emulator.reset();
      emulator.injectFailure('chat.postMessage', { status: 503 });
      const failed = await client.chat.postMessage({ channel: 'C0GENERAL', text: name }).then(
        () => undefined,
        (error: unknown) => error as { code?: string },
      );
      expect([name, failed?.code]).toEqual([name, ErrorCode.HTTPError]);
      expect([name, emulator.callsTo('chat.postMessage').length]).toEqual([name, 1]);
    }
  });

  it('hand a rate limit back at once with its Retry-After, not waiting it out', async () => {
    for (const [name, client] of each()) {
      emulator.reset();
      emulator.injectFailure('users.info', { status: 429, retryAfter: 120 });
      const failed = await client.users.info({ user: 'UNOBODY' }).then(
        () => undefined,
        (error: unknown) => error as { code?: string; retryAfter?: number },
      );
      expect([name, failed?.code, failed?.retryAfter]).toEqual([name, ErrorCode.RateLimitedError, 120]);
      expect([name, emulator.callsTo('users.info').length]).toEqual([name, 1]);
    }
  });
});
