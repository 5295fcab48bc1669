import { startTestBot, type TestBot } from '../support/test-bot';

describe('every slash command answers help, privately, and never with silence', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const commands = ['/mentoring', '/mentor', '/mentee', '/goals', '/checkin'];

  it.each(commands)('%s help lists what the command does', async (command) => {
    const answer = await t.slack.command(command, 'help', { userId: 'UALICE' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.json?.text).toContain(`How to use ${command}`);
    expect(answer.json?.text).toContain(`\`${command}`);
  });

  it.each(['/mentoring', '/mentor', '/mentee'])(
    '%s with nothing after it shows the help',
    async (command) => {
      const answer = await t.slack.command(command, '', { userId: 'UALICE' });
      expect(answer.json?.text).toContain(`How to use ${command}`);
    },
  );

  it.each(commands)('%s with an unknown word says so and shows what it can do', async (command) => {
    const answer = await t.slack.command(command, 'frobnicate <!channel>', { userId: 'UALICE' });
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe('ephemeral');
    const text = String(answer.json?.text);
    expect(text).toContain('I don’t know');
    // What the person typed is echoed back escaped, so it can't ping a channel.
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('the help names the program contact from configuration', async () => {
    const answer = await t.slack.command('/mentor', 'help', { userId: 'UALICE' });
    expect(JSON.stringify(answer.json?.blocks)).toContain('the Office of Student Affairs');
  });

  describe('/mentoring admin is for staff only', () => {
    it('refuses someone who is neither in the admin channel nor a configured staff id', async () => {
      const answer = await t.slack.command('/mentoring', 'admin help', { userId: 'UALICE' });
      expect(answer.json?.text).toContain('program staff only');
    });

    it('shows staff tools to a member of the admin channel', async () => {
      const answer = await t.slack.command('/mentoring', 'admin', { userId: 'USTAFF1' });
      expect(answer.json?.text).toContain('How to use /mentoring admin');
      expect(answer.json?.text).toContain('/mentoring admin match');
    });
  });
});
