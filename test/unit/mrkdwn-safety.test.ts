import {
  decodeSlackEntities,
  escapeMrkdwn,
  escapeWithin,
  mention,
  slackDate,
  truncate,
  truncateMrkdwn,
} from '../../blocks/mrkdwn';
import { unescapedInjections } from '../support/mrkdwn-safety';

const HOSTILE = '<!channel> <!here> <!everyone> <@U0BOSS|boss> <http://evil.example|Reset> & more';

describe('mrkdwn helpers', () => {
  it('escapes exactly the three characters Slack asks for', () => {
    expect(escapeMrkdwn(HOSTILE)).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U0BOSS|boss&gt; &lt;http://evil.example|Reset&gt; &amp; more',
    );
  });

  it('undoes Slack’s escaping of command text, and escaping it again gives Slack’s form back', () => {
    const sent = 'R&amp;D &lt;3 <!channel> <@U1|ana>';
    expect(decodeSlackEntities(sent)).toBe('R&D <3 <!channel> <@U1|ana>');
    expect(escapeMrkdwn(decodeSlackEntities('R&amp;D &lt;3'))).toBe('R&amp;D &lt;3');
    // decoded once only: a literal "&lt;" someone typed arrives as "&amp;lt;" and stays "&lt;"
    expect(decodeSlackEntities('&amp;lt;')).toBe('&lt;');
  });

  it('truncate never leaves half of a character outside the Basic Multilingual Plane', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    const cut = truncate('ab😀😀😀', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });

  it('escapeWithin measures the escaped text and never splits an escape', () => {
    expect(escapeWithin('<b>', 9)).toBe('&lt;b&gt;');
    expect(escapeWithin('<b>', 8)).toBe('&lt;b…');
    expect(escapeWithin('&&&&', 12)).toBe('&amp;&amp;…');
  });

  it('truncateMrkdwn cuts a whole string without leaving half a mention or half an escape', () => {
    expect(truncateMrkdwn('hello <@U123ABC> there', 12)).toBe('hello …');
    expect(truncateMrkdwn('a &amp; b', 5)).toBe('a …');
    expect(truncateMrkdwn('short', 3000)).toBe('short');
    expect(truncateMrkdwn('x'.repeat(3500), 3000)).toHaveLength(3000);
  });

  it('mention renders a plain Slack id, and shows anything else as escaped text', () => {
    expect(mention('U123ABC')).toBe('<@U123ABC>');
    expect(mention('U_BEN')).toBe('<@U_BEN>');
    expect(mention('U1> <!channel')).toBe('U1&gt; &lt;!channel');
    expect(mention('{"$ne":""}')).toBe('{"$ne":""}');
  });
});

describe('unescapedInjections', () => {
  it('finds every control sequence the bot never writes itself, in message text and mrkdwn blocks', () => {
    const message = {
      text: `Hello ${HOSTILE}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'see <https://evil.example>' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: 'in #<#C123|general>' }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '<!subteam^S1>' }] },
      ],
    };
    expect(unescapedInjections(message)).toEqual([
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U0BOSS|boss>',
      '<http://evil.example|Reset>',
      '<https://evil.example>',
      '<#C123|general>',
      '<!subteam^S1>',
    ]);
  });

  it('accepts the bot’s own mentions and dates, and escaped input', () => {
    const message = {
      text: `${mention('U1')} on ${slackDate(new Date('2026-03-01T10:00:00Z'), true)}`,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(HOSTILE) } }],
    };
    expect(unescapedInjections(message)).toEqual([]);
  });

  it('reads only text Slack renders as mrkdwn: not plain_text, values or metadata', () => {
    const message = {
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '<!channel>' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: '<!here>' },
              value: '<!everyone>',
              confirm: { text: { type: 'mrkdwn', text: 'sure? <!here>' } },
            },
          ],
        },
      ],
      private_metadata: '<!channel>',
    };
    expect(unescapedInjections(message)).toEqual(['<!here>']);
  });

  it('with the ids of the people involved, flags a mention of anyone else', () => {
    const message = { text: `${mention('U1')} and ${mention('U2')}` };
    expect(unescapedInjections(message, { knownUserIds: ['U1', 'U2'] })).toEqual([]);
    expect(unescapedInjections(message, { knownUserIds: ['U1'] })).toEqual(['<@U2>']);
  });

  it('reads a view’s blocks and a chat.update body alike', () => {
    const block = { type: 'section', text: { type: 'mrkdwn', text: '<!channel>' } };
    expect(unescapedInjections({ view: { type: 'modal', blocks: [block] } })).toEqual(['<!channel>']);
    expect(unescapedInjections({ channel: 'C1', ts: '1.2', text: 'ok', blocks: [block] })).toEqual([
      '<!channel>',
    ]);
  });
});
