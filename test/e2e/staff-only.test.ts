import { atRiskButtonValue } from '../../blocks/at-risk';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { wording } from '../../src/content/wording';
import { COMMAND_TABLE, usageOf, type CommandSpec } from '../../src/slack/commands/command-table';
import {
  apply,
  buttonValue,
  enrol,
  matched,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  responseTexts,
  reviewCardFor,
  dmTextsOf,
} from '../support/flows';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

/**
 * Every staff command in the command table, every staff button and every staff form, sent by a mentor who is
 * not staff: each is refused on the server, and nothing is written, opened, posted or uploaded.
 */

const { alice, bob, dan } = PEOPLE;
const SAMPLES: Record<string, string> = {
  '@mentee': `<@${bob.id}|bob>`,
  '@mentor': `<@${alice.id}|alice>`,
  '@person': `<@${bob.id}|bob>`,
  '[term]': '2026',
};

const staffUsages = (COMMAND_TABLE as readonly CommandSpec[]).flatMap((spec) =>
  spec.subcommands
    .filter((entry) => entry.who === 'staff' && typeof entry.run === 'function')
    .map((entry) => usageOf(spec.command, entry)),
);

describe('staff tools refuse everyone else, on the server', () => {
  let t: TestBot;
  let applicationId = '';
  let relationshipId = '';
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    ({ relationshipId } = await matched(t, alice.id, bob.id));
    await apply(t, dan.id, 'mentee', MENTEE_ANSWERS);
    applicationId = buttonValue(reviewCardFor(t, dan.id), ACTIONS.approveApplication);
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  /** What staff tools could have changed or sent: compared before and after each refused request. */
  async function footprint() {
    const { models } = t.bot.database;
    return {
      audit: await models.auditEvents.countDocuments({}),
      notices: await models.notices.countDocuments({}),
      riskReviews: await models.riskReviews.countDocuments({}),
      applications: (await models.applications.find({}, { status: 1 }).lean()).map((a) => a.status),
      profiles: (await models.profiles.find({}, { userId: 1, listed: 1 }).lean()).map((p) => [
        p.userId,
        p.listed,
      ]),
      staffChannel: t.emulator.messages(ADMIN_CHANNEL).length,
      opened: t.emulator.callsTo('views.open').length,
      uploads: t.emulator.callsTo('files.getUploadURLExternal').length,
    };
  }

  it('the table has staff commands to check', () => {
    expect(staffUsages).toEqual(expect.arrayContaining(['/mentoring admin forget @person']));
    expect(staffUsages.length).toBeGreaterThanOrEqual(8);
  });

  it.each(staffUsages)('%s', async (usage) => {
    const [slash = '', ...words] = usage.split(' ');
    const text = words.map((word) => SAMPLES[word] ?? word).join(' ');
    const before = await footprint();
    const answer = await t.slack.command(slash, text, { userId: alice.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect(answer.json?.text).toBe(wording.errors.staffOnly);
    expect(await footprint()).toEqual(before);
  });

  const buttons: [string, () => string][] = [
    [ACTIONS.approveApplication, () => applicationId],
    [ACTIONS.declineApplication, () => applicationId],
    [ACTIONS.relistMentor, () => alice.id],
    [ACTIONS.postReport, () => '2026'],
    [ACTIONS.nudgePair, () => atRiskButtonValue(relationshipId, 'quiet@2026-03-01')],
    [ACTIONS.markHandled, () => atRiskButtonValue(relationshipId, 'quiet@2026-03-01')],
  ];
  it.each(buttons)('the %s button', async (actionId, value) => {
    const before = await footprint();
    await t.slack.blockAction(
      { userId: alice.id },
      { actionId, value: value() },
      { message: { channel: ADMIN_CHANNEL, ts: '1772463600.000300' } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(responseTexts(t).at(-1)).toMatch(/staff/i);
    expect(await footprint()).toEqual(before);
  });

  const form = (callbackId: string, metadata: Record<string, unknown>) => ({
    id: `V${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    type: 'modal',
    hash: '1700000000.abcdef12',
    callback_id: callbackId,
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'input',
        block_id: FIELD_BLOCK('reason'),
        label: { type: 'plain_text', text: 'Reason' },
        element: { type: 'plain_text_input', action_id: FIELD_ACTION('reason') },
      },
    ],
  });

  it('the decline-reason form', async () => {
    const before = await footprint();
    const answer = await t.slack.viewSubmission(
      { userId: alice.id },
      form(VIEWS.declineApplication, { applicationId }),
      { [FIELD_BLOCK('reason')]: { [FIELD_ACTION('reason')]: { type: 'plain_text_input', value: 'No' } } },
    );
    expect(JSON.stringify(answer.json)).toMatch(/staff/i);
    expect(await footprint()).toEqual(before);
  });

  it('the forget confirmation', async () => {
    const before = await footprint();
    const answer = await t.slack.viewSubmission(
      { userId: alice.id },
      { ...form(VIEWS.forgetPerson, { userId: dan.id }), blocks: [] },
      {},
    );
    expect(answer.ack.json).toMatchObject({ response_action: 'update' }); // "erasing…", then the refusal
    // This made-up view is not one Slack knows, so the refusal comes by DM instead of in the view.
    expect(dmTextsOf(t, alice.id).at(-1)).toBe(wording.errors.staffOnly);
    expect(await footprint()).toEqual(before);
  });
});
