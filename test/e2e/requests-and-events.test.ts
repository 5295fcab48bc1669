import { signSlackRequest } from '../support/signed-slack-client';
import { waitFor } from '../support/wait';
import { SIGNING_SECRET, startTestBot, type TestBot } from '../support/test-bot';

describe('requests from Slack', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  const commandBody = new URLSearchParams({
    command: '/mentor',
    text: 'help',
    user_id: 'UALICE',
    channel_id: 'C1',
    team_id: 'T0TEST',
    trigger_id: '1.1.a',
    response_url: 'http://127.0.0.1:1/r',
  }).toString();

  it('are refused with 401 when the signature is wrong', async () => {
    const answer = await t.slack.post(commandBody, 'application/x-www-form-urlencoded', {
      signature: signSlackRequest('not-the-secret', Math.floor(Date.now() / 1000), commandBody),
    });
    expect(answer.status).toBe(401);
  });

  it('are refused with 401 when the timestamp is more than 5 minutes old, even if signed', async () => {
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const answer = await t.slack.post(commandBody, 'application/x-www-form-urlencoded', {
      timestamp: old,
      signature: signSlackRequest(SIGNING_SECRET, old, commandBody),
    });
    expect(answer.status).toBe(401);
  });

  it('are answered when correctly signed', async () => {
    const answer = await t.slack.post(commandBody, 'application/x-www-form-urlencoded');
    expect(answer.status).toBe(200);
  });

  it('opening App Home publishes a welcome view', async () => {
    const answer = await t.slack.event({
      type: 'app_home_opened',
      user: 'UALICE',
      tab: 'home',
      channel: 'D1',
    });
    expect(answer.status).toBe(200);
    await waitFor(() => t.emulator.homeOf('UALICE') !== undefined);
    expect(JSON.stringify(t.emulator.homeOf('UALICE')?.view)).toContain('Webster Mentoring Program');
    expect(t.emulator.violations).toEqual([]);
  });

  it('a retried event delivery is handled only once', async () => {
    const event = { type: 'app_home_opened', user: 'UBOB', tab: 'home', channel: 'D2' };
    await t.slack.event(event, { eventId: 'EvSAME1' });
    await t.slack.event(event, { eventId: 'EvSAME1', retryNum: 1 });
    await waitFor(() => t.emulator.homeOf('UBOB') !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const publishes = t.emulator.callsTo('views.publish').filter((call) => call.args.user_id === 'UBOB');
    expect(publishes).toHaveLength(1);
  });

  it('logs carry no tokens or signing secrets', () => {
    const everything = JSON.stringify(t.logLines);
    expect(everything).not.toContain(t.emulator.botToken);
    expect(everything).not.toContain(SIGNING_SECRET);
  });
});
