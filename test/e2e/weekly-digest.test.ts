import { DateTime } from 'luxon';
import { ACTIONS } from '../../blocks/ids';
import { wording } from '../../src/content/wording';
import { noticesDelivered, responseTexts } from '../support/flows';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { waitFor } from '../support/wait';

/**
 * The weekly digest through the real bot: a program written straight into MongoDB (dates chosen so every
 * figure is known, and a distinctive word planted in every field people write), two copies of the bot on one
 * database ticking with the clock the test sets, and the staff's App Home. The digest's week here is the one
 * the United States' clocks go forward in (8 March 2026), so 09:00 in Chicago is 14:00 UTC on its Monday.
 */

const { alice, staff1 } = PEOPLE;
const [M1, M2, M3] = ['UDMENTOR1', 'UDMENTOR2', 'UDMENTOR3'];
const [S1, S2, S3, S4, S5, S6, S7] = ['UDSTU1', 'UDSTU2', 'UDSTU3', 'UDSTU4', 'UDSTU5', 'UDSTU6', 'UDSTU7'];

const planted: string[] = [];
const plant = (field: string) => {
  const word = `digestplant${field.replace(/[^a-z0-9]/gi, '').toLowerCase()}${planted.length}`;
  planted.push(word);
  return word;
};
const at = (iso: string) => new Date(iso);

async function seedProgram(t: TestBot) {
  const { models } = t.bot.database;
  const answers = (role: 'mentor' | 'mentee', who: string) => ({
    displayName: plant(`${who} application name`),
    degree: plant(`${who} degree`),
    graduationYear: 2010,
    occupation: plant(`${who} occupation`),
    industry: plant(`${who} industry`),
    academicInterests: ['Marketing'],
    careerInterests: ['Sales'],
    otherInterests: plant(`${who} other interests`),
    communicationPreferences: ['slack'],
    bio: plant(`${who} application bio`),
    ...(role === 'mentor' ? { capacity: 2 } : {}),
    confidentialityAcknowledged: true,
  });
  const application = (
    userId: string,
    role: 'mentor' | 'mentee',
    status: 'submitted' | 'approved' | 'declined',
    createdAt: string,
  ) =>
    models.applications.create({
      userId,
      role,
      status,
      answers: answers(role, userId),
      ...(status !== 'submitted' ? { decidedAt: at(createdAt), reviewerId: staff1.id } : {}),
      ...(status === 'declined' ? { declineReason: plant(`${userId} decline reason`) } : {}),
      createdAt: at(createdAt),
    });
  await application(M1, 'mentor', 'approved', '2026-01-02T15:00:00Z');
  await application(S1, 'mentee', 'approved', '2026-01-03T15:00:00Z');
  await application(S2, 'mentee', 'submitted', '2026-02-20T15:00:00Z'); // waiting 17 days
  await application(M3, 'mentor', 'submitted', '2026-03-06T15:00:00Z'); // new this week, waiting 3 days
  await application(S3, 'mentee', 'declined', '2026-03-04T15:00:00Z'); // new this week

  for (const [userId, role] of [
    [M1, 'mentor'],
    [M2, 'mentor'],
    [S1, 'mentee'],
    [S4, 'mentee'],
    [S6, 'mentee'],
  ] as const)
    await models.profiles.create({
      userId,
      role,
      displayName: plant(`${userId} display name`),
      timezone: 'America/Chicago',
      academicInterests: ['Marketing'],
      careerInterests: ['Sales'],
      otherInterests: plant(`${userId} profile other interests`),
      bio: plant(`${userId} profile bio`),
      degree: plant(`${userId} profile degree`),
      occupation: plant(`${userId} profile occupation`),
      industry: plant(`${userId} profile industry`),
      approved: true,
      ...(role === 'mentor' ? { capacity: 3, openRelationships: 2, listed: true } : {}),
    });

  const relationship = async (
    mentorId: string,
    menteeId: string,
    moves: [to: string, iso: string, actor?: string][],
    extra: Record<string, unknown> = {},
    reason?: string,
  ) => {
    const [requested = ['requested', ''], ...rest] = moves;
    let from = 'requested';
    const history = [{ to: 'requested', actor: 'mentee', actorId: menteeId, at: at(requested[1]) }];
    for (const [to, iso, actor = 'mentor'] of rest) {
      history.push({
        from,
        to,
        actor,
        actorId: mentorId,
        at: at(iso),
        ...(reason ? { reason } : {}),
      } as never);
      from = to;
    }
    const doc = await models.relationships.create({
      mentorId,
      menteeId,
      status: from as 'requested',
      requestedBy: menteeId,
      requestedAt: at(requested[1]),
      history,
      ...extra,
    });
    return doc._id.toString();
  };
  const goal = (checkIns: string[], completeBy: string) => ({
    specific: plant('goal specific'),
    measurable: plant('goal measurable'),
    achievable: plant('goal achievable'),
    relevant: plant('goal relevant'),
    actions: [plant('goal action')],
    completeBy,
    checkIns,
  });

  // Quiet since January, a check-in date missed, ending on 20 March: at risk first, and ending soon.
  const quiet = await relationship(
    M1,
    S1,
    [
      ['requested', '2026-01-04T15:00:00Z'],
      ['introduced', '2026-01-05T15:00:00Z'],
      ['stage1', '2026-01-12T15:00:00Z'],
      ['stage2', '2026-01-26T15:00:00Z'],
    ],
    { formalEndDate: '2026-03-20', channelId: 'GQUIET01' },
  );
  await models.goalForms.create({
    relationshipId: quiet,
    version: 1,
    submittedBy: S1,
    goals: [goal(['2026-02-15', '2026-03-01', '2026-03-15'], '2026-03-20')],
  });
  // Checked in on time, but marked a goal at risk.
  const struggling = await relationship(
    M1,
    S6,
    [
      ['requested', '2026-02-19T15:00:00Z'],
      ['introduced', '2026-02-20T15:00:00Z'],
      ['stage1', '2026-02-21T15:00:00Z'],
      ['stage2', '2026-02-22T15:00:00Z'],
      ['stage3', '2026-02-23T15:00:00Z'],
    ],
    { formalEndDate: '2026-05-30', channelId: 'GSTRUG01' },
  );
  await models.goalForms.create({
    relationshipId: struggling,
    version: 1,
    submittedBy: S6,
    goals: [goal(['2026-03-01', '2026-04-01', '2026-05-01'], '2026-05-30')],
  });
  await models.checkIns.create({
    relationshipId: struggling,
    dueDate: '2026-03-01',
    goalFormVersion: 1,
    submittedBy: S6,
    goals: [
      { goalIndex: 0, status: 'at_risk', evidence: plant('evidence'), supportNeeded: plant('support') },
    ],
    note: plant('check-in note'),
    createdAt: at('2026-03-01T18:00:00Z'),
  });
  // Stage 1, met last week: nothing wrong. Its mentor's fit notes are planted too.
  const fine = await relationship(
    M2,
    S4,
    [
      ['requested', '2026-02-27T15:00:00Z'],
      ['introduced', '2026-03-01T15:00:00Z'],
      ['stage1', '2026-03-04T15:00:00Z'],
    ],
    { channelId: 'GFINE001' },
  );
  await models.meetings.create({
    relationshipId: fine,
    date: '2026-03-05',
    loggedBy: S4,
    loggedAt: at('2026-03-05T20:00:00Z'),
  });
  await models.fitAssessments.create({
    relationshipId: fine,
    mentorId: M2,
    understandingNotes: plant('fit understanding'),
    valueNotes: plant('fit value'),
    academicAlignment: 4,
    careerAlignment: 4,
    valueOverTime: plant('fit over time'),
    decision: 'proceed',
  });
  // A request waiting on its mentor for ten days.
  await relationship(M2, S7, [['requested', '2026-02-27T15:00:00Z']]);
  // Ended early with a reason, a shared reflection and an evaluation: none of it is the digest's business.
  const ended = await relationship(
    M2,
    S5,
    [
      ['requested', '2026-01-02T15:00:00Z'],
      ['introduced', '2026-01-03T15:00:00Z'],
      ['ended_early', '2026-02-01T15:00:00Z', 'mentee'],
    ],
    {},
    plant('end reason'),
  );
  await models.feedback.create({
    relationshipId: ended,
    userId: S5,
    kind: 'reflection',
    answers: {
      accomplishments: plant('reflection accomplishments'),
      challenges: plant('reflection challenges'),
      remember: plant('reflection remember'),
      ahead: plant('reflection ahead'),
      supportNeeded: plant('reflection support'),
      continueInformally: 'yes',
      continueHow: plant('reflection how'),
      thanks: plant('reflection thanks'),
    },
  });
  await models.feedback.create({
    relationshipId: ended,
    userId: S5,
    kind: 'evaluation',
    answers: { rating: 3, recommend: 'yes', worked: plant('evaluation worked'), improve: plant('improve') },
  });
  // The retention job's entries: one this week (4 fields), one long before.
  for (const [iso, fields] of [
    ['2026-03-05T06:00:00Z', 4],
    ['2026-01-10T06:00:00Z', 7],
  ] as const)
    await models.auditEvents.create({
      at: at(iso),
      actorId: 'system',
      action: 'retention_erased',
      subjectType: 'relationship',
      subjectId: ended,
      details: { fields },
    });
  return { quiet, struggling, fine };
}

/** Everything Slack was sent: every call with its arguments, every response_url message. */
function everythingSlackSaw(t: TestBot): string {
  return [
    JSON.stringify(t.emulator.calls.map((call) => ({ method: call.method, args: call.args }))),
    JSON.stringify(t.emulator.responses()),
    JSON.stringify(t.emulator.messages()),
  ].join('\n');
}

const digestsPosted = (t: TestBot) =>
  t.emulator.messages(ADMIN_CHANNEL).filter((m) => String(m.text).startsWith('Weekly digest'));

async function openHome(t: TestBot, userId: string): Promise<string> {
  const before = t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length;
  await t.slack.event({ type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' });
  await waitFor(
    () => t.emulator.callsTo('views.publish').filter((c) => c.args.user_id === userId).length > before,
  );
  return JSON.stringify(t.emulator.homeOf(userId)?.view);
}

describe('the weekly digest', () => {
  let t: TestBot;
  let second: TestBot;
  let ids: Awaited<ReturnType<typeof seedProgram>>;
  const both = async (iso: string) => {
    const now = DateTime.fromISO(iso, { zone: 'utc' });
    t.clock.set(now);
    second.clock.set(now);
    // Three ticks at once from two copies, then another round: the week's key makes it one digest.
    await Promise.all([t.bot.scheduler.tick(), second.bot.scheduler.tick(), t.bot.scheduler.tick()]);
    await Promise.all([t.bot.scheduler.tick(), second.bot.scheduler.tick()]);
    await noticesDelivered(t);
  };

  beforeAll(async () => {
    // Both copies with DIGEST_SCHEDULE left empty (as in a copied .env.example): the default, Monday 09:00.
    const env = { DIGEST_SCHEDULE: '' };
    t = await startTestBot({ env, now: DateTime.fromISO('2026-03-09T12:00:00Z', { zone: 'utc' }) });
    second = await startTestBot({ emulator: t.emulator, env: { ...env, MONGODB_URI: t.config.mongo.uri! } });
    ids = await seedProgram(t);
  }, 60_000);
  afterAll(async () => {
    await second.stop();
    await t.stop();
  });
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('staff App Home: the at-risk count, the digest’s headline figures and the staff commands', async () => {
    // Monday 07:00 CDT: before the digest, the figures are this week's already.
    const home = await openHome(t, staff1.id);
    expect(home).toContain('Program dashboard');
    expect(home).toContain(':warning: *3* relationships at risk');
    expect(home).toContain('*This week* (2026-W11, as of 2026-03-09)');
    expect(home).toContain('*2* new applications this week');
    expect(home).toContain('*2* applications waiting for review (the oldest 17 days)');
    expect(home).toContain('*1* mentor request waiting for an answer');
    expect(home).toContain('*1* ending in the next 14 days');
    expect(home).toContain('stage 1 1 · stage 2 1 · stage 3 1');
    for (const usage of ['pending', 'match @mentee @mentor', 'report [term]', 'export', 'at-risk'])
      expect(home).toContain(`/mentoring admin ${usage}`);
  });

  it('someone who is not staff sees no staff part on App Home', async () => {
    const home = await openHome(t, alice.id);
    expect(home).not.toContain('Program dashboard');
    expect(home).not.toContain('at risk');
    expect(home).not.toContain('/mentoring admin');
  });

  it('is not posted before Monday 09:00 in the program’s time zone', async () => {
    await both('2026-03-09T13:59:00Z'); // 08:59 CDT, the day after the clocks went forward
    expect(digestsPosted(t)).toHaveLength(0);
  });

  it('at 09:00, two copies ticking together post it exactly once, with the week’s figures', async () => {
    await both('2026-03-09T14:00:00Z');
    const posted = digestsPosted(t);
    expect(posted).toHaveLength(1);
    expect(await t.bot.database.models.notices.countDocuments({ type: 'staff_weekly_digest' })).toBe(1);
    const text = String(posted[0]?.text);
    expect(text).toContain('Weekly digest · 2026-W11');
    expect(text).toContain('The week from 2026-03-02 to 2026-03-09.');
    expect(text).toContain('*New applications* this week: 1 mentor, 1 mentee');
    expect(text).toContain(
      '*Applications waiting for review*: 2 (1 mentor, 1 mentee), 1 waiting a week or more\n' +
        `• <@${S2}> (mentee) since 2026-02-20, 17 days\n• <@${M3}> (mentor) since 2026-03-06, 3 days`,
    );
    expect(text).toContain(
      '*Mentor requests waiting for an answer*: 1, 1 a week or more; the oldest since 2026-02-27 (10 days)',
    );
    expect(text).toContain(
      '*Relationships at risk*: 3; the most urgent:\n' +
        `• <@${M1}> and <@${S1}> · stage 2 · quiet, check-in missed\n` +
        `• <@${M2}> and <@${S7}> · requested · request waiting\n` +
        `• <@${M1}> and <@${S6}> · stage 3 · goal at risk`,
    );
    expect(text).toContain(`*Ending in the next 14 days*: 1\n• <@${M1}> and <@${S1}>: formal end 2026-03-20`);
    expect(text).toContain(
      '*Open relationships by stage*: introduced 0 · stage 1 1 · stage 2 1 · stage 3 1 · stage 4 0',
    );
    expect(text).toContain(
      '*Erased by the retention rule* this week: the free text of 1 ended relationship (4 fields)',
    );
    expect(JSON.stringify(posted[0]?.blocks)).toContain('Counts, dates and statuses only');
  });

  it('is not posted again that week, however often the copies tick', async () => {
    await both('2026-03-09T14:01:00Z');
    await both('2026-03-11T15:00:00Z');
    await both('2026-03-15T23:00:00Z');
    expect(digestsPosted(t)).toHaveLength(1);
  });

  it('a week the bot was down on Monday: posted when it is back that week; a week it missed altogether: never', async () => {
    await both('2026-03-16T13:00:00Z'); // Monday 08:00 CDT, then down until Wednesday
    expect(digestsPosted(t)).toHaveLength(1);
    await both('2026-03-18T16:00:00Z');
    expect(digestsPosted(t).map((m) => String(m.text).split('\n')[0])).toEqual([
      'Weekly digest · 2026-W11',
      'Weekly digest · 2026-W12',
    ]);
    // Down all of the week of 23 March; back on 30 March before 09:00: that week's is not due, last week's is gone.
    await both('2026-03-30T13:30:00Z');
    expect(digestsPosted(t)).toHaveLength(2);
    await both('2026-03-30T14:00:00Z');
    expect(digestsPosted(t).map((m) => String(m.text).split('\n')[0])).toEqual([
      'Weekly digest · 2026-W11',
      'Weekly digest · 2026-W12',
      'Weekly digest · 2026-W14',
    ]);
  });

  it('staff can turn it off: a copy configured DIGEST_SCHEDULE=off posts none', async () => {
    const off = await startTestBot({
      emulator: t.emulator,
      env: { MONGODB_URI: t.config.mongo.uri!, DIGEST_SCHEDULE: 'off' },
      now: DateTime.fromISO('2026-04-06T15:00:00Z', { zone: 'utc' }),
    });
    try {
      await off.bot.scheduler.tick();
      await off.bot.scheduler.tick();
      expect(digestsPosted(t)).toHaveLength(3);
      expect(await off.bot.database.models.notices.countDocuments({ key: /W15$/ })).toBe(0);
    } finally {
      await off.stop();
    }
  });

  it('staff can move it: DIGEST_SCHEDULE=friday 16:30 posts on Friday afternoon, not on Monday', async () => {
    const moved = await startTestBot({
      emulator: t.emulator,
      env: { MONGODB_URI: t.config.mongo.uri!, DIGEST_SCHEDULE: 'friday 16:30' },
      now: DateTime.fromISO('2026-04-13T15:00:00Z', { zone: 'utc' }), // Monday 10:00 CDT
    });
    try {
      await moved.bot.scheduler.tick();
      expect(digestsPosted(t)).toHaveLength(3);
      moved.clock.set(DateTime.fromISO('2026-04-17T21:29:00Z', { zone: 'utc' })); // Friday 16:29 CDT
      await moved.bot.scheduler.tick();
      expect(digestsPosted(t)).toHaveLength(3);
      moved.clock.set(DateTime.fromISO('2026-04-17T21:30:00Z', { zone: 'utc' }));
      await moved.bot.scheduler.tick();
      await noticesDelivered(moved);
      expect(String(digestsPosted(t).at(-1)?.text)).toContain('Weekly digest · 2026-W16');
    } finally {
      await moved.stop();
    }
  });

  it('the report’s Post to the channel goes through the outbox; the staff member who clicked is answered', async () => {
    const before = t.emulator.messages(ADMIN_CHANNEL).length;
    await t.slack.blockAction(
      { userId: staff1.id },
      { actionId: ACTIONS.postReport, value: '2026' },
      { message: { channel: 'CGENERAL', ts: '1773064800.000100' } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    await noticesDelivered(t);
    expect(await t.bot.database.models.notices.countDocuments({ type: 'staff_program_report' })).toBe(1);
    const posted = t.emulator.messages(ADMIN_CHANNEL).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain('*Program report: 2026*');
    expect(JSON.stringify(posted[0]?.blocks)).toContain(`Posted by <@${staff1.id}>`);
    expect(responseTexts(t).at(-1)).toBe('Posted to the staff channel.');

    await t.slack.blockAction(
      { userId: alice.id },
      { actionId: ACTIONS.postReport, value: '2026' },
      { message: { channel: 'CGENERAL', ts: '1773064800.000200' } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(responseTexts(t).at(-1)).toBe(wording.errors.staffOnly);
    expect(await t.bot.database.models.notices.countDocuments({ type: 'staff_program_report' })).toBe(1);
  });

  it('lets none of what people wrote reach Slack: not the digests, not the staff App Home', () => {
    expect(digestsPosted(t).length).toBeGreaterThan(0);
    expect(t.emulator.callsTo('views.publish').length).toBeGreaterThan(0);
    const seen = everythingSlackSaw(t).toLowerCase();
    expect(planted.length).toBeGreaterThan(50);
    expect(planted.filter((word) => seen.includes(word))).toEqual([]);
    expect(ids.quiet).toBeTruthy();
  });
});
