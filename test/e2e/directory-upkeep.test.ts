import { DateTime } from 'luxon';
import { ACTIONS, FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../blocks/ids';
import { closeOutWording, wording } from '../../src/content/wording';
import {
  apply,
  dmTextsOf,
  enrol,
  lastOpenedModal,
  MENTEE_ANSWERS,
  MENTOR_ANSWERS,
  noticesDelivered,
  responseTexts,
  reviewCardFor,
  shownTexts,
  shownView,
} from '../support/flows';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * Keeping the directory current, through signed requests and the emulator: `/mentoring admin directory`,
 * `unlist` (with its reason form) and `relist`, what the mentor and the mentees waiting on them are told,
 * `/mentor unlist` passing requests back, last active in `/mentee find`, and every admin command and
 * button refused to someone who is not staff.
 */
const { alice, bob, carol, dan, erin, staff1 } = PEOPLE;
const reasonState = (value: string) => ({
  [FIELD_BLOCK('reason')]: { [FIELD_ACTION('reason')]: { type: 'plain_text_input', value } },
});

describe('keeping the directory', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, carol.id, 'mentor', { ...MENTOR_ANSWERS, displayName: 'Carol Alumna' });
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    await enrol(t, dan.id, 'mentee', { ...MENTEE_ANSWERS, displayName: 'Dan Student' });
    await t.slack.command('/mentee', `request <@${alice.id}|alice>`, { userId: bob.id });
    await noticesDelivered(t);
  });
  afterAll(async () => {
    expect(t.emulator.violations).toEqual([]);
    await t.stop();
  });

  const profileOf = (userId: string) =>
    t.bot.database.models.profiles.findOne({ userId, role: 'mentor' }).lean();
  const findFor = async (userId: string) =>
    JSON.stringify((await t.slack.command('/mentee', 'find', { userId })).json);

  it('/mentoring admin directory: each mentor with seats, last active and listing, and never a bio', async () => {
    const answer = await t.slack.command('/mentoring', 'admin directory', { userId: staff1.id });
    const shown = JSON.stringify(answer.json);
    expect(shown).toContain('2 approved mentors, 2 listed');
    expect(shown).toContain(`<@${alice.id}> · 0 of 2 seats used · last active this week`);
    expect(shown).toContain(`<@${carol.id}> · 0 of 2 seats used`);
    expect(shown).not.toContain('Fifteen years');
    expect(shown).not.toContain('Alice Alumna');
    expect((answer.json?.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('unlist opens a form for the reason; an empty reason stays in the form', async () => {
    await t.slack.command('/mentoring', `admin unlist <@${alice.id}|alice> Away &amp; busy`, {
      userId: staff1.id,
    });
    await waitFor(() => lastOpenedModal(t).callback_id === VIEWS.unlistMentor);
    expect(JSON.stringify(lastOpenedModal(t))).toContain('"initial_value":"Away & busy"');
    const empty = await t.slack.viewSubmission({ userId: staff1.id }, lastOpenedModal(t), reasonState('  '));
    expect(empty.json).toMatchObject({
      response_action: 'errors',
      errors: { [FIELD_BLOCK('reason')]: expect.any(String) },
    });
    expect((await profileOf(alice.id))?.listed).toBe(true);
  });

  it('a reason longer than the form allows stays in the form, and the mentor stays listed', async () => {
    const long = await t.slack.viewSubmission(
      { userId: staff1.id },
      lastOpenedModal(t),
      reasonState('x'.repeat(501)),
    );
    expect(long.json).toMatchObject({
      response_action: 'errors',
      errors: { [FIELD_BLOCK('reason')]: 'Keep this to 500 characters or fewer.' },
    });
    expect((await profileOf(alice.id))?.listed).toBe(true);
  });

  it('a forged unlist form sent by someone who is not staff changes nothing', async () => {
    const forged = await t.slack.viewSubmission({ userId: bob.id }, lastOpenedModal(t), reasonState('nope'));
    // acknowledged with no read ("Unlisting…"); the server's staff check then says no in its place
    expect(forged.ack.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(shownView(forged))).toContain(wording.errors.staffOnly);
    expect((await profileOf(alice.id))?.listed).toBe(true);
  });

  it('with a reason: the mentor is told it, the waiting request released, the mentee pointed to /mentee find', async () => {
    const answer = await t.slack.viewSubmission(
      { userId: staff1.id },
      lastOpenedModal(t),
      reasonState('We have not heard from you <!channel> this term.'),
    );
    expect(shownTexts(answer).join(' ')).toContain('is no longer listed in the directory');
    await noticesDelivered(t);
    expect((await profileOf(alice.id))?.listed).toBe(false);
    const toMentor = dmTextsOf(t, alice.id).join('\n');
    expect(toMentor).toContain('taken you out of the mentoring directory');
    expect(toMentor).toContain('We have not heard from you &lt;!channel&gt; this term.');
    expect(toMentor).toContain('the Office of Student Affairs');
    const toMentee = dmTextsOf(t, bob.id).join('\n');
    expect(toMentee).toContain('your request was released');
    expect(toMentee).toContain('/mentee find');
    const card = t.emulator
      .messages(t.emulator.conversationOf([alice.id]) ?? '-')
      .find((m) => /would like you to be their mentor/.test(m.text ?? ''))!;
    expect(JSON.stringify(card.blocks)).toContain('released when you left the directory');
    expect(JSON.stringify(card.blocks)).not.toContain(ACTIONS.acceptRequest);
    expect(
      await t.bot.database.models.auditEvents.countDocuments({
        action: 'mentor.unlisted',
        actorId: staff1.id,
      }),
    ).toBe(1);
  });

  it('an unlisted mentor is gone from /mentee find at once; unlisting again says so', async () => {
    expect(await findFor(dan.id)).not.toContain(alice.id);
    const again = await t.slack.command('/mentoring', `admin unlist <@${alice.id}|alice>`, {
      userId: staff1.id,
    });
    expect(again.json?.text).toContain('isn’t listed in the directory');
  });

  it('relist lists the mentor again and tells them; relisting again, or from the re-list card, says so', async () => {
    const answer = await t.slack.command('/mentoring', `admin relist <@${alice.id}|alice>`, {
      userId: staff1.id,
    });
    expect(answer.json?.text).toContain('is listed in the directory again');
    await noticesDelivered(t);
    expect(dmTextsOf(t, alice.id).join('\n')).toContain('have listed you in the mentoring directory again');
    expect(await findFor(dan.id)).toContain(alice.id);
    const again = await t.slack.command('/mentoring', `admin relist <@${alice.id}>`, { userId: staff1.id });
    expect(again.json?.text).toContain('is already listed');
    await t.slack.blockAction(
      { userId: staff1.id },
      { actionId: ACTIONS.relistMentor, value: alice.id },
      { message: { channel: ADMIN_CHANNEL, ts: '1772463600.000100' } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(responseTexts(t).at(-1)).toContain('is already listed');
  });

  it('names the mentor or answers how: usage for a missing mention, and someone who is no mentor', async () => {
    for (const text of ['admin relist', 'admin relist bob', 'admin unlist']) {
      const answer = await t.slack.command('/mentoring', text, { userId: staff1.id });
      expect(answer.json?.text).toMatch(/Name the mentor/);
    }
    const notMentor = await t.slack.command('/mentoring', `admin unlist <@${bob.id}>`, { userId: staff1.id });
    expect(notMentor.json?.text).toContain('isn’t an approved mentor');
  });

  it('/mentor unlist passes the requests waiting back, each mentee told', async () => {
    await t.slack.command('/mentee', `request <@${carol.id}|carol>`, { userId: dan.id });
    await noticesDelivered(t);
    const answer = await t.slack.command('/mentor', 'unlist', { userId: carol.id });
    expect(answer.json?.text).toContain('the request waiting on you was passed back');
    await noticesDelivered(t);
    expect(dmTextsOf(t, dan.id).join('\n')).toContain('your request was released');
    expect((await t.slack.command('/mentor', 'list', { userId: carol.id })).json?.text).toContain(
      'You are listed in the mentoring directory',
    );
  });

  it('/mentee find shows when each mentor was last active: this week, this month, earlier', async () => {
    const now = DateTime.fromJSDate(t.clock.now().toJSDate());
    const { profiles } = t.bot.database.models;
    await profiles.updateOne(
      { userId: alice.id, role: 'mentor' },
      { $set: { lastActiveAt: now.minus({ days: 12 }).toJSDate() } },
    );
    await profiles.updateOne(
      { userId: carol.id, role: 'mentor' },
      { $set: { lastActiveAt: now.minus({ days: 45 }).toJSDate() } },
    );
    let shown = await findFor(dan.id);
    expect(shown).toContain('active this month');
    expect(shown).toContain('last active over a month ago');
    await profiles.updateOne(
      { userId: carol.id, role: 'mentor' },
      { $set: { lastActiveAt: now.minus({ hours: 3 }).toJSDate() } },
    );
    shown = await findFor(dan.id);
    expect(shown).toContain('active this week');
    const staffView = JSON.stringify(
      (await t.slack.command('/mentoring', 'admin directory', { userId: staff1.id })).json,
    );
    expect(staffView).toContain('last active this month');
  });

  it('a mentor who uses the bot is active again, written at most once an hour', async () => {
    const { profiles } = t.bot.database.models;
    t.clock.advance({ hours: 2 });
    await t.slack.command('/mentoring', 'status', { userId: alice.id });
    await t.bot.acknowledgedWorkDone(5000);
    const stamped = (await profiles.findOne({ userId: alice.id, role: 'mentor' }).lean())?.lastActiveAt;
    expect(stamped?.getTime()).toBe(t.clock.now().toMillis());
    t.clock.advance({ minutes: 20 });
    await t.slack.command('/mentoring', 'status', { userId: alice.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect((await profiles.findOne({ userId: alice.id, role: 'mentor' }).lean())?.lastActiveAt).toEqual(
      stamped,
    );
  });

  it('the directory’s Previous / Next re-checks staff and reads the page asked for', async () => {
    const page = { message: { channel: ADMIN_CHANNEL, ts: '1772463600.000200' } };
    await t.slack.blockAction(
      { userId: staff1.id },
      { actionId: `${ACTIONS.staffDirectoryPage}_next`, value: '7' },
      page,
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(String(t.emulator.responses().at(-1)?.body.text)).toContain('page 1 of 1');
    await t.slack.blockAction(
      { userId: bob.id },
      { actionId: `${ACTIONS.staffDirectoryPage}_next`, value: '2' },
      page,
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(responseTexts(t).at(-1)).toBe(wording.errors.staffOnly);
  });

  it('refuses every admin command to someone who is not staff', async () => {
    for (const text of [
      'admin',
      'admin pending',
      `admin match <@${bob.id}> <@${alice.id}>`,
      'admin suggest',
      'admin report',
      'admin export',
      'admin at-risk',
      'admin directory',
      'admin directory 2',
      `admin relist <@${alice.id}>`,
      `admin unlist <@${alice.id}> reason`,
    ]) {
      const answer = await t.slack.command('/mentoring', text, { userId: dan.id });
      expect([text, answer.json?.text]).toEqual([text, wording.errors.staffOnly]);
    }
    expect((await profileOf(alice.id))?.listed).toBe(true);
    expect(
      t.emulator.callsTo('views.open').filter((c) => JSON.stringify(c).includes(VIEWS.unlistMentor)),
    ).toHaveLength(1);
  });

  it('refuses every admin button to someone who is not staff, and nothing changes', async () => {
    await apply(t, erin.id, 'mentee', { ...MENTEE_ANSWERS, displayName: 'Erin Student' });
    const card = reviewCardFor(t, erin.id);
    const application = await t.bot.database.models.applications.findOne({ userId: erin.id }).lean();
    const where = { message: { channel: ADMIN_CHANNEL, ts: card.ts } };
    const relationship = await t.bot.database.models.relationships.findOne().lean();
    const buttons: [string, string][] = [
      [ACTIONS.approveApplication, String(application!._id)],
      [ACTIONS.declineApplication, String(application!._id)],
      [ACTIONS.relistMentor, carol.id],
      [ACTIONS.postReport, '2026'],
      [ACTIONS.nudgePair, JSON.stringify({ relationshipId: String(relationship!._id), stamp: 'x' })],
      [ACTIONS.markHandled, JSON.stringify({ relationshipId: String(relationship!._id), stamp: 'x' })],
      [`${ACTIONS.staffDirectoryPage}_prev`, '1'],
    ];
    const posted = t.emulator.messages(ADMIN_CHANNEL).length;
    await t.slack.command('/mentor', 'unlist', { userId: carol.id });
    for (const [actionId, value] of buttons) {
      const before = t.emulator.responses().length;
      await t.slack.blockAction({ userId: dan.id }, { actionId, value }, where);
      await t.bot.acknowledgedWorkDone(5000);
      const said = t.emulator
        .responses()
        .slice(before)
        .map((r) => String(r.body.text));
      expect([
        actionId,
        said.some((text) => /staff only|Only program staff|program staff can/i.test(text)),
      ]).toEqual([actionId, true]);
    }
    expect(await t.bot.database.models.applications.findById(application!._id).lean()).toMatchObject({
      status: 'submitted',
    });
    expect((await profileOf(carol.id))?.listed).toBe(false);
    expect(t.emulator.messages(ADMIN_CHANNEL)).toHaveLength(posted);
    expect(await t.bot.database.models.riskReviews.countDocuments()).toBe(0);
    expect(closeOutWording.staffOnly).toContain('Only program staff');
  });
});
