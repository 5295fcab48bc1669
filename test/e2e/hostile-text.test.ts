import { ACTIONS } from '../../blocks/ids';
import { checkMessageBlocks } from '../support/block-kit-rules';
import { buttonValue, enrol, MENTEE_ANSWERS } from '../support/flows';
import { unescapedInjections } from '../support/mrkdwn-safety';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { bob } = PEOPLE;

/** What Slack sends for `/mentee find @channel` plus a pasted link with a label, as control sequences. */
const HOSTILE = '<!channel> <http://evil.example|Reset>';

describe('what people type into /mentee find stays text', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    await t.bot.database.models.profiles.insertMany(
      Array.from({ length: 10 }, (_, i) => ({
        userId: `UHOSTILE${i}`,
        role: 'mentor',
        displayName: `Music Mentor ${i}`,
        academicInterests: ['Music'],
        capacity: 1,
        listed: true,
        approved: true,
      })),
    );
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  /** The answer, checked as Slack would render it: no injected sequence and within Block Kit's limits. */
  function expectSafe(answer: Record<string, unknown> | undefined) {
    expect(answer).toBeDefined();
    expect(unescapedInjections(answer)).toEqual([]);
    expect(checkMessageBlocks(answer?.blocks)).toEqual([]);
  }

  it('answers "no matches" with the words escaped', async () => {
    const answer = (await t.slack.command('/mentee', `find ${HOSTILE}`, { userId: bob.id })).json;
    expectSafe(answer);
    expect(answer?.text).toBe(
      'No mentor with a free seat matches “&lt;!channel&gt; &lt;http://evil.example|reset&gt;” right now. Try fewer or broader words, or `/mentee find` to see everyone with a seat.',
    );
  });

  it('escapes the words in the heading and in the paging buttons, and page 2 searches the same words', async () => {
    const first = (await t.slack.command('/mentee', `find music ${HOSTILE} R&amp;D`, { userId: bob.id }))
      .json;
    expectSafe(first);
    expect(first?.text).toBe(
      'Mentors with a free seat matching “music &lt;!channel&gt; &lt;http://evil.example|reset&gt; r&amp;d” (page 1 of 2), best matches first',
    );
    const value = buttonValue(first as { blocks?: unknown[] }, `${ACTIONS.directoryPage}_next`);
    expect(value).toBe(
      '{"page":2,"words":"music &lt;!channel&gt; &lt;http://evil.example|reset&gt; r&amp;d"}',
    );

    await t.slack.blockAction(
      { userId: bob.id },
      { actionId: `${ACTIONS.directoryPage}_next`, value },
      { message: { channel: 'D0BOB', ts: '1.1' } },
    );
    await waitFor(() => t.emulator.responses().some((r) => String(r.body.text).includes('page 2 of 2')));
    const second = t.emulator.responses().find((r) => String(r.body.text).includes('page 2 of 2'))!.body;
    expectSafe(second);
    expect(second.text).toBe(
      'Mentors with a free seat matching “music &lt;!channel&gt; &lt;http://evil.example|reset&gt; r&amp;d” (page 2 of 2), best matches first',
    );
  });

  it('keeps a 500-word search inside a section and a button value, and pages with the same words', async () => {
    const words = Array.from({ length: 500 }, (_, i) => `<!everyone>${i}`).join(' ');
    const answer = await t.slack.command('/mentee', `find music ${words}`, { userId: bob.id });
    expect(answer.status).toBe(200);
    expectSafe(answer.json);
    const heading = String(answer.json?.text);
    expect(heading).toContain('music &lt;!everyone&gt;0 &lt;!everyone&gt;1');
    expect(heading).not.toContain('&lt;!everyone&gt;499');
    expect(heading).toContain('(page 1 of 2)');
    const value = buttonValue(answer.json as { blocks?: unknown[] }, `${ACTIONS.directoryPage}_next`);
    expect(value.length).toBeLessThanOrEqual(2000);

    const before = t.emulator.responses().length;
    await t.slack.blockAction(
      { userId: bob.id },
      { actionId: `${ACTIONS.directoryPage}_next`, value },
      { message: { channel: 'D0BOB', ts: '1.2' } },
    );
    await waitFor(() => t.emulator.responses().length > before);
    const second = t.emulator.responses()[before]!.body;
    expectSafe(second);
    expect(second.text).toBe(heading.replace('(page 1 of 2)', '(page 2 of 2)'));
  });
});
