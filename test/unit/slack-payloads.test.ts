import { checkSlackBody } from '../../src/slack/edge/payloads';

const user = { id: 'UBOB', team_id: 'T1' };
const view = {
  id: 'V1',
  type: 'modal',
  callback_id: 'goal_form',
  private_metadata: '{"relationshipId":"r1"}',
  blocks: [{ type: 'input', block_id: 'field_reason' }],
  state: { values: { field_reason: { input_reason: { type: 'plain_text_input', value: 'typed' } } } },
};
const command = {
  command: '/mentoring',
  text: 'status',
  user_id: 'UBOB',
  channel_id: 'C1',
  team_id: 'T1',
  response_url: 'https://hooks.slack.com/commands/1',
  trigger_id: '1.2.3',
};

describe('checkSlackBody: what Slack sends is taken as its kind', () => {
  it.each([
    ['a slash command', command, 'command'],
    [
      'a button click',
      {
        type: 'block_actions',
        user,
        team: { id: 'T1' },
        actions: [{ type: 'button', action_id: 'a', value: 'v' }],
      },
      'block_actions',
    ],
    [
      'a button click in an org-wide install (team null)',
      { type: 'block_actions', user, team: null, actions: [{ type: 'button', action_id: 'a' }] },
      'block_actions',
    ],
    ['a modal submission', { type: 'view_submission', user, view }, 'view_submission'],
    ['a modal closed', { type: 'view_closed', user, view }, 'view_closed'],
    ['a global shortcut', { type: 'shortcut', callback_id: 's', trigger_id: '1.2.3', user }, 'shortcut'],
    [
      'a message shortcut',
      { type: 'message_action', callback_id: 's', trigger_id: '1.2.3', user },
      'shortcut',
    ],
    [
      'a menu asking for options',
      { type: 'block_suggestion', user, action_id: 'a', value: 'ab' },
      'block_suggestion',
    ],
    [
      'App Home opened',
      {
        type: 'event_callback',
        event_id: 'Ev1',
        event: { type: 'app_home_opened', user: 'UBOB', tab: 'home' },
      },
      'event',
    ],
    [
      'an event the app does not read',
      {
        type: 'event_callback',
        event_id: 'Ev1',
        event: { type: 'reaction_added', user: 'U1', item: { channel: 'C1' } },
      },
      'event',
    ],
    [
      'an event whose user is an object',
      {
        type: 'event_callback',
        event_id: 'Ev1',
        event: { type: 'user_change', user: { id: 'U1', tz: 'UTC' } },
      },
      'event',
    ],
  ])('%s', (_label, body, kind) => {
    const checked = checkSlackBody(body);
    expect(checked).toMatchObject({ ok: true, request: { kind } });
  });
});

describe('checkSlackBody: what Slack never sends is refused, naming the first problem', () => {
  it.each([
    ['null', null, 'body'],
    ['an array', [1], 'body'],
    ['a string', 'x', 'body'],
    ['no type at all', { user }, 'request type'],
    ['a command whose user id is an object', { ...command, user_id: { $ne: '' } }, 'user_id'],
    ['a command given twice (a form field repeated)', { ...command, command: ['/a', '/b'] }, 'command'],
    ['a command whose text is a number', { ...command, text: 5 }, 'text'],
    ['a click with actions: null', { type: 'block_actions', user, actions: null }, 'actions'],
    ['a click with no action', { type: 'block_actions', user, actions: [] }, 'actions'],
    [
      'a click whose value is an object',
      { type: 'block_actions', user, actions: [{ type: 'button', action_id: 'a', value: { $gt: '' } }] },
      'actions.0.value',
    ],
    [
      'a click whose team is a string',
      { type: 'block_actions', user, team: 'T1', actions: [{ type: 'button', action_id: 'a' }] },
      'team',
    ],
    [
      'a click from a user id with $',
      { type: 'block_actions', user: { id: '$where' }, actions: [{ type: 'button', action_id: 'a' }] },
      'user.id',
    ],
    ['a submission with no view', { type: 'view_submission', user }, 'view'],
    [
      'a submission whose view has no blocks',
      { type: 'view_submission', user, view: { ...view, blocks: undefined } },
      'view.blocks',
    ],
    [
      'a submission from the Home tab',
      { type: 'view_submission', user, view: { ...view, type: 'home' } },
      'view.type',
    ],
    [
      'a submission whose typed value is an object',
      {
        type: 'view_submission',
        user,
        view: { ...view, state: { values: { b: { a: { type: 'plain_text_input', value: {} } } } } },
      },
      'view.state.values.b.a.value',
    ],
    [
      'private_metadata over 3,000 characters',
      { type: 'view_submission', user, view: { ...view, private_metadata: 'x'.repeat(3001) } },
      'view.private_metadata',
    ],
    ['an event of null', { type: 'event_callback', event_id: 'Ev1', event: null }, 'event'],
    [
      'an event whose user is null',
      { type: 'event_callback', event_id: 'Ev1', event: { type: 'message', user: null } },
      'event.user',
    ],
    [
      'an event whose channel is a number',
      { type: 'event_callback', event_id: 'Ev1', event: { type: 'message', channel: 5 } },
      'event.channel',
    ],
    [
      'App Home opened by an object',
      { type: 'event_callback', event_id: 'Ev1', event: { type: 'app_home_opened', user: {} } },
      'event.user',
    ],
  ])('%s', (_label, body, where) => {
    const checked = checkSlackBody(body);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toContain(where);
  });
});
