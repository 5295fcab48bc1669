import { DateTime } from 'luxon';
import { Types } from 'mongoose';
import { readAtRiskButtonValue } from '../../blocks/at-risk';
import { ACTIONS } from '../../blocks/ids';
import { noticesDelivered, responseTexts } from '../support/flows';
import { person, seedPair, type SeededPair } from '../support/prompt-seeds';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

const { staff1, staff2, dan } = PEOPLE;
/** Words planted in every free-text field the pairs wrote: none may reach the staff's list. */
const PLANTED = ['ZEPHYRQUILL', 'MARMOTLANTERN', 'COBALTWHISPER', 'QUINCEHARBOR'];

interface ListButton {
  actionId: string;
  value: string;
}

/** Every button of an answer's blocks, with the relationship its value names. */
function buttonsOf(blocks: unknown[]): (ListButton & { relationshipId: string })[] {
  return blocks.flatMap((block) => {
    const b = block as { type: string; elements?: { action_id: string; value: string }[] };
    return b.type === 'actions'
      ? (b.elements ?? []).map((e) => ({
          actionId: e.action_id,
          value: e.value,
          relationshipId: readAtRiskButtonValue(e.value).relationshipId,
        }))
      : [];
  });
}

describe('/mentoring admin at-risk: relationships that need the office, with reasons', () => {
  let t: TestBot;
  /** Quiet since March, a check-in date missed, a prompt parked: the worst. */
  let quiet: SeededPair;
  /** Meets regularly, but its latest check-in marked a goal at risk. */
  let struggling: SeededPair;
  /** Stage 1, met last week: nothing wrong. */
  let fine: SeededPair;
  /** A request waiting on its mentor for ten days. */
  let requestId: string;
  let requestMentor: string;

  const models = () => t.bot.database.models;
  const list = async (userId: string = staff1.id) => {
    const answer = await t.slack.command('/mentoring', 'admin at-risk', { userId });
    return { json: answer.json ?? {}, text: JSON.stringify(answer.json ?? {}) };
  };
  const click = async (userId: string, button: ListButton) => {
    const before = responseTexts(t).length;
    await t.slack.blockAction(
      { userId },
      { actionId: button.actionId, value: button.value },
      { message: { channel: t.config.staff.adminChannelId, ts: '1.1' } },
    );
    await waitFor(() => responseTexts(t).length > before);
    return responseTexts(t).slice(before).join('\n');
  };
  const buttonFor = async (relationshipId: string, actionId: string) => {
    const { json } = await list();
    const found = buttonsOf((json.blocks as unknown[]) ?? []).find(
      (b) => b.relationshipId === relationshipId && b.actionId === actionId,
    );
    if (!found) throw new Error(`no ${actionId} button for ${relationshipId}`);
    return found;
  };

  beforeAll(async () => {
    t = await startTestBot({ now: DateTime.fromISO('2026-06-01T17:00:00Z', { zone: 'utc' }) });
    const goal = { checkIns: ['2026-05-15', '2026-07-01', '2026-08-01'], completeBy: '2026-08-31' };
    quiet = await seedPair(t, {
      status: 'stage3',
      stageStarts: {
        introduced: '2026-03-02T15:00:00Z',
        stage1: '2026-03-09T15:00:00Z',
        stage2: '2026-03-23T15:00:00Z',
        stage3: '2026-04-06T15:00:00Z',
      },
      goal,
    });
    struggling = await seedPair(t, {
      status: 'stage3',
      stageStarts: { introduced: '2026-03-02T15:00:00Z', stage3: '2026-04-06T15:00:00Z' },
      goal,
    });
    fine = await seedPair(t, { status: 'stage1', stageStarts: { introduced: '2026-05-20T15:00:00Z' } });
    // What the pairs wrote, with the planted words: goals, a check-in's evidence, support and note, fit notes.
    for (const pair of [quiet, struggling])
      await models().goalForms.updateOne(
        { relationshipId: pair.relationshipId },
        { $set: { 'goals.0.specific': `Reach ${PLANTED[0]}`, 'goals.0.measurable': PLANTED[1] } },
      );
    await models().checkIns.collection.insertOne({
      relationshipId: new Types.ObjectId(struggling.relationshipId),
      dueDate: '2026-05-15',
      goalFormVersion: 1,
      submittedBy: struggling.menteeId,
      goals: [{ goalIndex: 0, status: 'at_risk', evidence: PLANTED[2], supportNeeded: PLANTED[3] }],
      note: PLANTED[3],
      createdAt: new Date('2026-05-16T15:00:00Z'),
      updatedAt: new Date('2026-05-16T15:00:00Z'),
    });
    await models().fitAssessments.create({
      relationshipId: struggling.relationshipId,
      mentorId: struggling.mentorId,
      understandingNotes: PLANTED[0],
      valueNotes: PLANTED[1],
      decision: 'proceed',
    });
    for (const [pair, date] of [
      [struggling, '2026-05-28'],
      [fine, '2026-05-26'],
    ] as const)
      await models().meetings.create({
        relationshipId: pair.relationshipId,
        date,
        loggedBy: pair.mentorId,
        loggedAt: new Date(`${date}T15:00:00Z`),
      });
    await models().prompts.collection.insertOne({
      key: `${quiet.relationshipId}:check_in_nudge:2026-05-15`,
      relationshipId: new Types.ObjectId(quiet.relationshipId),
      kind: 'check_in_nudge',
      occurrence: '2026-05-15',
      dueAt: new Date('2026-05-15T15:00:00Z'),
      state: 'parked',
      attempts: 5,
      finishedAt: new Date('2026-05-16T15:00:00Z'),
    });
    requestMentor = person(t, 'America/Chicago', 'UM');
    const requested = await models().relationships.create({
      mentorId: requestMentor,
      menteeId: person(t, 'America/Chicago', 'US'),
      status: 'requested',
      requestedBy: 'USX',
      requestedAt: new Date('2026-05-22T15:00:00Z'),
      history: [{ to: 'requested', actor: 'mentee', at: new Date('2026-05-22T15:00:00Z') }],
    });
    requestId = requested._id.toString();
  });
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('is refused to anyone who isn’t staff', async () => {
    const { text } = await list(quiet.mentorId);
    expect(text).toContain('That is for program staff only');
    expect(text).not.toContain(quiet.relationshipId);
  });

  it('lists them privately, worst first, each with its reasons and dates', async () => {
    const { json } = await list();
    expect(json.response_type).toBe('ephemeral');
    const sections = ((json.blocks as { type: string; text?: { text: string } }[]) ?? [])
      .filter((b) => b.type === 'section')
      .map((b) => b.text?.text ?? '');
    expect(sections[0]).toContain('(3)');
    expect(sections.slice(1)).toEqual([
      expect.stringContaining(`<@${quiet.mentorId}>`),
      expect.stringContaining(`<@${requestMentor}>`),
      expect.stringContaining(`<@${struggling.mentorId}>`),
    ]);
    expect(sections[1]).toContain('No meeting or check-in for 91 days (since 2026-03-02)');
    expect(sections[1]).toContain('1 program message could not be delivered (latest 2026-05-16)');
    expect(sections[1]).toContain('Check-in date passed with no check-in: 2026-05-15');
    expect(sections[2]).toContain('Waiting on the mentor’s answer for 10 days (asked 2026-05-22)');
    expect(sections[3]).toContain('Goal 1 marked at risk in the check-in of 2026-05-16');
    expect(JSON.stringify(json)).not.toContain(`<@${fine.mentorId}>`);
    // A request has no conversation to nudge in: only Mark handled.
    expect(buttonsOf(json.blocks as unknown[]).filter((b) => b.relationshipId === requestId)).toEqual([
      expect.objectContaining({ actionId: ACTIONS.markHandled }),
    ]);
  });

  it('shows none of what anyone wrote', async () => {
    const { text } = await list();
    for (const word of PLANTED) expect(text).not.toContain(word);
  });

  describe('Nudge the pair', () => {
    it('is refused to anyone who isn’t staff, and nothing is posted', async () => {
      const button = await buttonFor(quiet.relationshipId, ACTIONS.nudgePair);
      const before = t.emulator.messages(quiet.channel).length;
      expect(await click(dan.id, button)).toContain('That is for program staff only');
      await noticesDelivered(t);
      expect(t.emulator.messages(quiet.channel)).toHaveLength(before);
    });

    it('posts a kind, program-worded note in the pair’s conversation, recorded in the audit trail', async () => {
      const button = await buttonFor(quiet.relationshipId, ACTIONS.nudgePair);
      expect(await click(staff2.id, button)).toContain('Sent: a note from the program office');
      await noticesDelivered(t);
      const note = t.emulator.messages(quiet.channel).at(-1)!;
      expect(note.text).toContain('A note from the Webster Mentoring Program office');
      const words = JSON.stringify(note.blocks);
      expect(words).toContain(`<@${quiet.mentorId}>`);
      expect(words).toContain(`<@${quiet.menteeId}>`);
      expect(words).toContain('the Office of Student Affairs');
      expect(words).toContain(ACTIONS.logMeeting);
      expect(
        await models()
          .auditEvents.findOne({ action: 'relationship.staff_nudged', actorId: staff2.id })
          .lean(),
      ).toMatchObject({ subjectId: quiet.relationshipId });
    });

    it('clicked again the same day, says so and posts nothing more', async () => {
      const button = await buttonFor(quiet.relationshipId, ACTIONS.nudgePair);
      const before = t.emulator.messages(quiet.channel).length;
      expect(await click(staff1.id, button)).toContain('already had a note from the program office today');
      await noticesDelivered(t);
      expect(t.emulator.messages(quiet.channel)).toHaveLength(before);
    });
  });

  describe('Mark handled', () => {
    it('is refused to anyone who isn’t staff, and nothing is recorded', async () => {
      const button = await buttonFor(struggling.relationshipId, ACTIONS.markHandled);
      expect(await click(struggling.mentorId, button)).toContain('That is for program staff only');
      expect(await models().riskReviews.countDocuments({})).toBe(0);
    });

    it('hides the relationship until something new happens, recorded with who and when', async () => {
      const button = await buttonFor(struggling.relationshipId, ACTIONS.markHandled);
      expect(await click(staff1.id, button)).toContain('Marked handled');
      expect(await models().riskReviews.findOne({}).lean()).toMatchObject({
        handledBy: staff1.id,
        handledAt: new Date('2026-06-01T17:00:00Z'),
      });
      expect(await models().auditEvents.countDocuments({ action: 'relationship.risk_handled' })).toBe(1);
      const { text } = await list();
      expect(text).not.toContain(`<@${struggling.mentorId}>`);
      expect(text).toContain('1 relationship you marked handled is hidden until something new happens');
      expect(await click(staff2.id, button)).toContain(`Already marked handled by <@${staff1.id}>`);
    });

    it('comes back with a newer date: a later check-in with the goal still at risk', async () => {
      await models().checkIns.collection.insertOne({
        relationshipId: new Types.ObjectId(struggling.relationshipId),
        goalFormVersion: 1,
        submittedBy: struggling.menteeId,
        goals: [{ goalIndex: 0, status: 'at_risk', evidence: PLANTED[2], supportNeeded: '' }],
        note: '',
        createdAt: new Date('2026-06-01T16:00:00Z'),
        updatedAt: new Date('2026-06-01T16:00:00Z'),
      });
      const { text } = await list();
      expect(text).toContain('Goal 1 marked at risk in the check-in of 2026-06-01');
      expect(text).toContain(`Last marked handled by <@${staff1.id}>`);
      for (const word of PLANTED) expect(text).not.toContain(word);
    });
  });

  describe('buttons from an earlier list', () => {
    it('answer clearly when the reasons changed since (the pair met)', async () => {
      const old = await buttonFor(quiet.relationshipId, ACTIONS.markHandled);
      const met = await t.slack.command('/mentoring', 'met', { userId: quiet.mentorId });
      expect(String(met.json?.text)).toContain('Noted: you met');
      expect(await click(staff1.id, old)).toContain(
        'Something changed for this pair since this list was made',
      );
      const { text } = await list();
      expect(text).not.toContain('No meeting or check-in for 91 days');
    });

    it('answer clearly when nothing is at risk any more, and ignore forged values', async () => {
      const forged = {
        actionId: ACTIONS.nudgePair,
        value: JSON.stringify({ r: fine.relationshipId, s: 'x' }),
      };
      expect(await click(staff1.id, forged)).toContain('nothing at risk any more');
      expect(await click(staff1.id, { actionId: ACTIONS.markHandled, value: '{"r":{"$ne":""}}' })).toContain(
        'nothing at risk any more',
      );
      expect(await models().riskReviews.countDocuments({})).toBe(1);
    });
  });

  it('stays inside Block Kit’s limits with many relationships, and says how many more', async () => {
    for (let i = 0; i < 22; i++)
      await seedPair(t, { status: 'stage1', stageStarts: { introduced: '2026-03-02T15:00:00Z' } });
    const { json } = await list();
    const blocks = json.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(20);
    expect(JSON.stringify(blocks.at(-1))).toContain('…and 5 more, not shown');
  });
});
