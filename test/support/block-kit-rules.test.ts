import { checkMessageBlocks, checkView } from './block-kit-rules';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const option = (text: string, value: string) => ({ text: plain(text), value });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`Option ${i}`, `v${i}`));
const button = (fields: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain('Go'),
  action_id: 'go',
  ...fields,
});
const section = (fields: Record<string, unknown> = {}) => ({
  type: 'section',
  text: mrkdwn('Hello'),
  ...fields,
});
const input = (element: Record<string, unknown>, fields: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Label'),
  element,
  ...fields,
});
const modal = (fields: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('Title'),
  submit: plain('Save'),
  blocks: [section()],
  ...fields,
});

describe('checkMessageBlocks', () => {
  it('accepts a message that uses every block type within the limits', () => {
    const blocks = [
      { type: 'header', text: plain(x(150)) },
      section({ text: mrkdwn(x(3000)), block_id: x(255) }),
      section({ text: undefined, fields: Array.from({ length: 10 }, () => mrkdwn(x(2000))) }),
      { type: 'divider' },
      {
        type: 'context',
        elements: [
          ...Array.from({ length: 9 }, () => mrkdwn('a')),
          { type: 'image', image_url: 'https://e/x.png', alt_text: 'a' },
        ],
      },
      {
        type: 'actions',
        elements: [
          ...Array.from({ length: 24 }, (_, i) =>
            button({ action_id: `b${i}`, text: plain(x(75)), value: x(2000) }),
          ),
          {
            type: 'static_select',
            action_id: 's',
            placeholder: plain(x(150)),
            options: options(100),
            initial_option: option('Option 3', 'v3'),
          },
        ],
      },
      section({
        accessory: { type: 'datepicker', action_id: 'd', initial_date: '2024-02-29' },
      }),
      section({ accessory: { type: 'radio_buttons', action_id: 'r', options: options(10) } }),
      section({
        accessory: {
          type: 'overflow',
          action_id: 'o',
          options: [...options(4), { ...option('Docs', 'docs'), url: 'https://example.edu/help' }],
        },
      }),
      input({ type: 'plain_text_input', action_id: 't', max_length: 3000, min_length: 0, multiline: true }),
      { type: 'image', image_url: 'https://e/x.png', alt_text: 'a picture' },
      { type: 'rich_text', elements: [] },
      { type: 'markdown', text: '**bold**' },
    ];
    expect(checkMessageBlocks(blocks)).toEqual([]);
  });

  it('accepts markdown blocks holding 12,000 characters in all', () => {
    const markdown = (n: number) => ({ type: 'markdown', text: x(n) });
    expect(checkMessageBlocks([markdown(6000), markdown(5000), markdown(1000)])).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['not an array', { type: 'section' }, ['blocks: must be an array (got object)']],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), ['blocks: 51 blocks (max 50)']],
    [
      'an unknown block type',
      [{ type: 'sectoin' }],
      [expect.stringMatching(/^blocks\[0\]\.type: unknown block type "sectoin"/)] as never,
    ],
    [
      'a duplicate block_id',
      [section({ block_id: 'a' }), section({ block_id: 'a' })],
      ['blocks[1].block_id: duplicate block_id "a"'],
    ],
    ['a long block_id', [section({ block_id: x(256) })], ['blocks[0].block_id: 256 characters (max 255)']],
    [
      'section text over 3000',
      [section({ text: mrkdwn(x(3001)) })],
      ['blocks[0].text: 3001 characters (max 3000)'],
    ],
    ['section without text or fields', [{ type: 'section' }], ['blocks[0]: section needs text or fields']],
    ['empty section text', [section({ text: mrkdwn('') })], ['blocks[0].text: empty text (min 1 character)']],
    [
      'a text object of an unknown type',
      [section({ text: { type: 'markdown', text: 'hi' } })],
      ['blocks[0].text: text object type must be plain_text or mrkdwn (got "markdown")'],
    ],
    [
      '11 fields and a long field',
      [section({ fields: [...Array.from({ length: 10 }, () => mrkdwn('a')), mrkdwn(x(2001))] })],
      ['blocks[0].fields: 11 fields (max 10)', 'blocks[0].fields[10]: 2001 characters (max 2000)'],
    ],
    [
      'header over 150',
      [{ type: 'header', text: plain(x(151)) }],
      ['blocks[0].text: 151 characters (max 150)'],
    ],
    [
      'mrkdwn header',
      [{ type: 'header', text: mrkdwn('Hi') }],
      ['blocks[0].text: must be plain_text (got mrkdwn)'],
    ],
    [
      'button text over 75',
      [{ type: 'actions', elements: [button({ text: plain(x(80)) })] }],
      ['blocks[0].elements[0].text: 80 characters (max 75)'],
    ],
    [
      'button value, url and style',
      [{ type: 'actions', elements: [button({ value: x(2001), url: x(3001), style: 'default' })] }],
      [
        'blocks[0].elements[0].value: 2001 characters (max 2000)',
        'blocks[0].elements[0].url: 3001 characters (max 3000)',
        'blocks[0].elements[0].style: must be primary or danger (got "default")',
      ],
    ],
    [
      'a duplicate action_id in one block',
      [{ type: 'actions', elements: [button(), button()] }],
      ['blocks[0].elements[1].action_id: duplicate action_id "go" in this block'],
    ],
    [
      'the same action_id in two blocks (allowed)',
      [
        { type: 'actions', elements: [button()] },
        { type: 'actions', elements: [button()] },
      ],
      [],
    ],
    [
      'a long action_id',
      [{ type: 'actions', elements: [button({ action_id: x(256) })] }],
      ['blocks[0].elements[0].action_id: 256 characters (max 255)'],
    ],
    [
      '26 actions elements',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `b${i}` })) }],
      ['blocks[0].elements: 26 elements (max 25)'],
    ],
    [
      '11 context elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('a')) }],
      ['blocks[0].elements: 11 elements (max 10)'],
    ],
    [
      'option text and value too long',
      [
        {
          type: 'actions',
          elements: [{ type: 'static_select', action_id: 's', options: [option(x(76), x(151))] }],
        },
      ],
      [
        'blocks[0].elements[0].options[0].text: 76 characters (max 75)',
        'blocks[0].elements[0].options[0].value: 151 characters (max 150)',
      ],
    ],
    [
      '101 select options',
      [
        {
          type: 'actions',
          elements: [{ type: 'multi_static_select', action_id: 's', options: options(101) }],
        },
      ],
      ['blocks[0].elements[0].options: 101 options (max 100)'],
    ],
    [
      'mrkdwn option text in a select',
      [
        {
          type: 'actions',
          elements: [{ type: 'static_select', action_id: 's', options: [{ text: mrkdwn('a'), value: 'a' }] }],
        },
      ],
      ['blocks[0].elements[0].options[0].text: must be plain_text (got mrkdwn)'],
    ],
    [
      'an initial_option that is not an option',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: options(2),
              initial_option: option('Option 9', 'v9'),
            },
          ],
        },
      ],
      ['blocks[0].elements[0].initial_option: value "v9" is not one of the options'],
    ],
    [
      '11 radio buttons',
      [section({ accessory: { type: 'radio_buttons', action_id: 'r', options: options(11) } })],
      ['blocks[0].accessory.options: 11 options (max 10)'],
    ],
    [
      '11 checkboxes',
      [input({ type: 'checkboxes', action_id: 'c', options: options(11) })],
      ['blocks[0].element.options: 11 options (max 10)'],
    ],
    [
      'a select without options',
      [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's' }] }],
      ['blocks[0].elements[0]: static_select needs options or option_groups'],
    ],
    [
      'placeholder over 150',
      [{ type: 'actions', elements: [{ type: 'users_select', action_id: 'u', placeholder: plain(x(151)) }] }],
      ['blocks[0].elements[0].placeholder: 151 characters (max 150)'],
    ],
    [
      'plain_text_input max_length 0 and min_length 3001',
      [input({ type: 'plain_text_input', action_id: 't', max_length: 0, min_length: 3001 })],
      [
        'blocks[0].element.max_length: 0 (must be an integer 1..3000)',
        'blocks[0].element.min_length: 3001 (must be an integer 0..3000)',
        'blocks[0].element.min_length: 3001 is more than max_length 0',
      ],
    ],
    [
      'plain_text_input max_length 3001',
      [input({ type: 'plain_text_input', action_id: 't', max_length: 3001 })],
      ['blocks[0].element.max_length: 3001 (must be an integer 1..3000)'],
    ],
    [
      'input label and hint too long',
      [input({ type: 'plain_text_input', action_id: 't' }, { label: plain(x(2001)), hint: plain(x(2001)) })],
      ['blocks[0].label: 2001 characters (max 2000)', 'blocks[0].hint: 2001 characters (max 2000)'],
    ],
    [
      'input without a label',
      [input({ type: 'plain_text_input' }, { label: undefined })],
      ['blocks[0].label: required'],
    ],
    [
      'a plain_text_input outside an input block',
      [{ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 't' }] }],
      ['blocks[0].elements[0]: plain_text_input is not allowed in an actions block'],
    ],
    [
      'an unknown element type',
      [section({ accessory: { type: 'buton', text: plain('x') } })],
      ['blocks[0].accessory.type: unknown element type "buton"'],
    ],
    [
      'a datepicker initial_date not YYYY-MM-DD',
      [section({ accessory: { type: 'datepicker', initial_date: '2024/01/31' } })],
      ['blocks[0].accessory.initial_date: "2024/01/31" is not a YYYY-MM-DD date'],
    ],
    [
      'an impossible date',
      [section({ accessory: { type: 'datepicker', initial_date: '2023-02-29' } })],
      ['blocks[0].accessory.initial_date: "2023-02-29" is not a YYYY-MM-DD date'],
    ],
    [
      'a confirm dialog with a long title',
      [
        {
          type: 'actions',
          elements: [
            button({
              confirm: {
                title: plain(x(101)),
                text: mrkdwn('Sure?'),
                confirm: plain('Yes'),
                deny: plain('No'),
              },
            }),
          ],
        },
      ],
      ['blocks[0].elements[0].confirm.title: 101 characters (max 100)'],
    ],
    [
      'an image without alt_text',
      [{ type: 'image', image_url: 'https://e/x.png' }],
      ['blocks[0].alt_text: required'],
    ],
    [
      'options and option_groups on one select',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: options(2),
              option_groups: [{ label: plain('Group'), options: options(2) }],
            },
          ],
        },
      ],
      ['blocks[0].elements[0]: options and option_groups cannot both be given (use one)'],
    ],
    [
      'an option url outside an overflow menu',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 's',
              options: [{ ...option('A', 'a'), url: 'https://example.edu' }],
            },
            {
              type: 'checkboxes',
              action_id: 'c',
              options: [{ ...option('B', 'b'), url: 'https://example.edu' }],
            },
          ],
        },
      ],
      [
        'blocks[0].elements[0].options[0].url: only options in an overflow menu may have a url',
        'blocks[0].elements[1].options[0].url: only options in an overflow menu may have a url',
      ],
    ],
    [
      'markdown blocks over 12,000 characters in all',
      [
        { type: 'markdown', text: x(6000) },
        { type: 'markdown', text: x(6001) },
      ],
      ['blocks: markdown blocks hold 12001 characters in all (max 12000)'],
    ],
  ])('reports %s', (_name, blocks, expected) => {
    expect(checkMessageBlocks(blocks)).toEqual(expected);
  });
});

describe('checkView', () => {
  it('accepts a modal and a home tab within the limits', () => {
    const blocks = Array.from({ length: 100 }, (_, i) => ({ ...section(), block_id: `b${i}` }));
    expect(
      checkView(
        modal({
          title: plain(x(24)),
          submit: plain(x(24)),
          close: plain(x(24)),
          private_metadata: x(3000),
          callback_id: x(255),
          external_id: x(255),
          blocks: [...blocks.slice(1), input({ type: 'plain_text_input', action_id: 't' })],
        }),
        'modal',
      ),
    ).toEqual([]);
    expect(checkView({ type: 'home', blocks }, 'home')).toEqual([]);
    expect(checkView({ type: 'home', blocks: [] }, 'home')).toEqual([]);
  });

  it('accepts one focus_on_load and number inputs within their rules', () => {
    const number = (fields: Record<string, unknown>) => ({ type: 'number_input', action_id: 'n', ...fields });
    const view = modal({
      blocks: [
        input(
          number({ is_decimal_allowed: true, min_value: '0.5', max_value: '2.5', initial_value: '1.25' }),
          {
            block_id: 'a',
          },
        ),
        input(number({ is_decimal_allowed: false, min_value: '-3', max_value: '-3', focus_on_load: true }), {
          block_id: 'b',
        }),
        input({ type: 'plain_text_input', action_id: 't', focus_on_load: false }, { block_id: 'c' }),
      ],
    });
    expect(checkView(view, 'modal')).toEqual([]);
  });

  it.each<[string, unknown, 'modal' | 'home', string[]]>([
    ['not an object', 'modal', 'modal', ['view: must be an object (got string)']],
    [
      'a home view opened as a modal',
      { ...modal(), type: 'home' },
      'modal',
      ['view.type: must be "modal" (got "home")'],
    ],
    [
      'a modal published as home',
      { type: 'modal', blocks: [] },
      'home',
      ['view.type: must be "home" (got "modal")'],
    ],
    ['a modal without a title', modal({ title: undefined }), 'modal', ['view.title: required']],
    ['a title over 24', modal({ title: plain(x(25)) }), 'modal', ['view.title: 25 characters (max 24)']],
    [
      'mrkdwn submit and a long close',
      modal({ submit: mrkdwn('Save'), close: plain(x(25)) }),
      'modal',
      ['view.submit: must be plain_text (got mrkdwn)', 'view.close: 25 characters (max 24)'],
    ],
    [
      'input blocks without submit',
      modal({ submit: undefined, blocks: [input({ type: 'plain_text_input', action_id: 't' })] }),
      'modal',
      ['view.submit: required when the view has input blocks'],
    ],
    [
      'long private_metadata, callback_id and external_id',
      modal({ private_metadata: x(3001), callback_id: x(256), external_id: x(256) }),
      'modal',
      [
        'view.private_metadata: 3001 characters (max 3000)',
        'view.callback_id: 256 characters (max 255)',
        'view.external_id: 256 characters (max 255)',
      ],
    ],
    [
      '101 blocks',
      modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      'modal',
      ['view.blocks: 101 blocks (max 100)'],
    ],
    [
      '101 blocks on a home tab',
      { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      'home',
      ['view.blocks: 101 blocks (max 100)'],
    ],
    ['no blocks', modal({ blocks: undefined }), 'modal', ['view.blocks: required']],
    [
      'a modal with an empty blocks list',
      modal({ blocks: [] }),
      'modal',
      ['view.blocks: a modal needs at least 1 block'],
    ],
    [
      'a Home tab with submit and close',
      { type: 'home', submit: plain('Save'), close: plain('Close'), blocks: [section()] },
      'home',
      ['view.submit: a Home tab has no submit button', 'view.close: a Home tab has no close button'],
    ],
    [
      'two elements with focus_on_load',
      modal({
        blocks: [
          input({ type: 'plain_text_input', action_id: 't', focus_on_load: true }, { block_id: 'a' }),
          { type: 'actions', elements: [{ type: 'datepicker', action_id: 'd', focus_on_load: true }] },
        ],
      }),
      'modal',
      [
        'view.blocks[1].elements[0].focus_on_load: only one element in a view may have focus_on_load (view.blocks[0].element has it too)',
      ],
    ],
    [
      'a number_input whose min_value is more than its max_value',
      modal({
        blocks: [
          input({
            type: 'number_input',
            action_id: 'n',
            is_decimal_allowed: false,
            min_value: '5',
            max_value: '1',
          }),
        ],
      }),
      'modal',
      ['view.blocks[0].element.min_value: 5 is more than max_value 1'],
    ],
    [
      'a number_input with decimals it does not allow',
      modal({
        blocks: [
          input({
            type: 'number_input',
            action_id: 'n',
            is_decimal_allowed: false,
            min_value: '0.5',
            max_value: '10',
            initial_value: '2.5',
          }),
        ],
      }),
      'modal',
      [
        'view.blocks[0].element.min_value: "0.5" is a decimal but is_decimal_allowed is not true',
        'view.blocks[0].element.initial_value: "2.5" is a decimal but is_decimal_allowed is not true',
      ],
    ],
    [
      'a number_input with numbers that are not strings of numbers',
      modal({
        blocks: [
          input({
            type: 'number_input',
            action_id: 'n',
            is_decimal_allowed: true,
            min_value: 1,
            max_value: 'ten',
          }),
        ],
      }),
      'modal',
      [
        'view.blocks[0].element.min_value: must be a string (got number)',
        'view.blocks[0].element.max_value: "ten" is not a number',
      ],
    ],
    [
      'a block problem inside a view',
      modal({ blocks: [section({ text: mrkdwn(x(3001)) })] }),
      'modal',
      ['view.blocks[0].text: 3001 characters (max 3000)'],
    ],
    [
      'a view over 250 kB',
      modal({
        blocks: Array.from({ length: 90 }, () => section({ text: mrkdwn(x(2900)) })),
        private_metadata: x(3000),
      }),
      'modal',
      [expect.stringMatching(/^view: \d+ bytes as JSON \(max 250000\)$/) as never],
    ],
  ])('reports %s', (_name, view, kind, expected) => {
    expect(checkView(view, kind)).toEqual(expected);
  });
});
