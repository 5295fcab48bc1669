import { VIEWS } from '../../blocks/ids';
import { wording } from '../../src/content/wording';
import { lastOpenedModal, responseTexts, shownModal, shownView } from '../support/flows';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

/**
 * `/mentoring admin export-user @person` and `/mentoring admin forget @person` over signed HTTP, against a
 * small program written straight into MongoDB. The person to erase (Zed) has the id, the name and an email
 * address planted in every field Zed wrote or that holds Zed's id; afterwards every collection is scanned.
 */

const { alice, staff1 } = PEOPLE;
const ZED = 'UZEDZEBRA';
const ZED_NAME = 'Zed Zebrafish';
const ZED_EMAIL = 'zed.zebrafish@example.edu';
const MENTOR = 'UMARAMENTOR'; // Zed's mentor
const STUDENT = 'USAMSTUDENT'; // Zed's mentee
const LIVE = 'ULIVEPERSON'; // someone with a relationship still running
const LIVE_MENTOR = 'ULIVEMENTOR';
const WAITING = 'UWAITINGAPPLICANT'; // someone whose application waits for a decision

/** What Zed typed into a field: Zed's id, name and email, and the field's name. */
const zed = (field: string) => `${ZED} ${ZED_NAME} <${ZED_EMAIL}> ${field}`;
/** What Zed's partners wrote: theirs, and so kept. */
const partner = (field: string) => `partnerwords ${field}`;
const at = (iso: string) => new Date(iso);

const answers = (written: (f: string) => string) => ({
  displayName: written('application name'),
  bio: written('application bio'),
  otherInterests: written('application interests'),
  email: written('email'),
  academicInterests: ['Marketing'],
  careerInterests: ['Sales'],
  communicationPreferences: ['slack'],
  confidentialityAcknowledged: true,
});

async function seed(t: TestBot) {
  const { models } = t.bot.database;
  for (const id of [ZED, MENTOR, STUDENT, LIVE, LIVE_MENTOR])
    t.emulator.addUser({ id, name: id.toLowerCase(), real_name: id === ZED ? ZED_NAME : `Person ${id}` });

  const profile = (userId: string, role: 'mentor' | 'mentee', written: (f: string) => string) =>
    models.profiles.create({
      userId,
      role,
      displayName: written('display name'),
      timezone: 'America/Chicago',
      academicInterests: ['Marketing'],
      careerInterests: ['Sales'],
      otherInterests: written('other interests'),
      bio: written('bio'),
      ...(role === 'mentor'
        ? {
            degree: written('degree'),
            graduationYear: 2012,
            occupation: written('occupation'),
            industry: written('industry'),
            capacity: 2,
            openRelationships: 0,
            listed: false,
          }
        : {}),
      approved: true,
    });
  await profile(ZED, 'mentee', zed);
  await profile(ZED, 'mentor', zed);
  await profile(MENTOR, 'mentor', partner);
  await profile(STUDENT, 'mentee', partner);

  const zedMentee = await models.applications.create({
    userId: ZED,
    role: 'mentee',
    status: 'approved',
    answers: answers(zed),
    reviewerId: staff1.id,
    decidedAt: at('2026-01-05T15:00:00Z'),
    createdAt: at('2026-01-04T15:00:00Z'),
  });
  await models.applications.create({
    userId: ZED,
    role: 'mentor',
    status: 'declined',
    answers: answers(zed),
    declineReason: `Sorry ${ZED_NAME}, the cohort is full`,
    reviewerId: staff1.id,
    decidedAt: at('2026-01-06T15:00:00Z'),
    createdAt: at('2026-01-05T15:00:00Z'),
  });
  await models.applications.create({
    userId: ZED,
    role: 'mentor',
    status: 'approved',
    answers: answers(zed),
    reviewerId: staff1.id,
    decidedAt: at('2026-01-08T15:00:00Z'),
    createdAt: at('2026-01-07T15:00:00Z'),
  });
  for (const [userId, role] of [
    [MENTOR, 'mentor'],
    [STUDENT, 'mentee'],
  ] as const)
    await models.applications.create({
      userId,
      role,
      status: 'approved',
      answers: answers(partner),
      reviewerId: staff1.id,
      decidedAt: at('2026-01-03T15:00:00Z'),
      createdAt: at('2026-01-02T15:00:00Z'),
    });

  const move = (from: string | undefined, to: string, iso: string, actor: string, actorId?: string) => ({
    ...(from ? { from } : {}),
    to,
    actor,
    ...(actorId ? { actorId } : {}),
    at: at(iso),
  });
  // Zed as mentee: completed, with goals, a check-in, a meeting, a reflection and evaluations.
  const asMentee = await models.relationships.create({
    mentorId: MENTOR,
    menteeId: ZED,
    status: 'completed',
    requestedBy: ZED,
    requestedAt: at('2026-01-10T15:00:00Z'),
    channelId: 'GPAIRZED1',
    history: [
      move(undefined, 'requested', '2026-01-10T15:00:00Z', 'mentee', ZED),
      move('requested', 'introduced', '2026-01-11T15:00:00Z', 'mentor', MENTOR),
      move('introduced', 'stage1', '2026-01-13T15:00:00Z', 'mentor', MENTOR),
      move('stage1', 'stage2', '2026-01-20T15:00:00Z', 'mentee', ZED),
      { ...move('stage2', 'stage3', '2026-02-01T15:00:00Z', 'mentor', MENTOR), reason: partner('move') },
      move('stage3', 'stage4', '2026-02-10T15:00:00Z', 'mentor', MENTOR),
      move('stage4', 'completed', '2026-02-20T15:00:00Z', 'system'),
    ],
    agreements: { contactFrequency: 'weekly', channels: ['slack'] },
    communicationPreferences: { mentor: ['video'], mentee: ['slack'] },
  });
  // Zed as mentor: ended early by Zed, with a reason; the mentee's goals are the mentee's.
  const asMentor = await models.relationships.create({
    mentorId: ZED,
    menteeId: STUDENT,
    status: 'ended_early',
    requestedBy: STUDENT,
    requestedAt: at('2026-01-12T15:00:00Z'),
    channelId: 'GPAIRZED2',
    history: [
      move(undefined, 'requested', '2026-01-12T15:00:00Z', 'mentee', STUDENT),
      move('requested', 'introduced', '2026-01-13T15:00:00Z', 'mentor', ZED),
      move('introduced', 'stage1', '2026-01-15T15:00:00Z', 'mentor', ZED),
      move('stage1', 'stage2', '2026-01-22T15:00:00Z', 'mentor', ZED),
      { ...move('stage2', 'ended_early', '2026-02-05T15:00:00Z', 'mentor', ZED), reason: zed('end reason') },
    ],
    endedAt: at('2026-02-05T15:00:00Z'),
  });
  // Someone whose relationship still runs: not erased until it ends.
  await profile(LIVE, 'mentee', partner);
  await models.relationships.create({
    mentorId: LIVE_MENTOR,
    menteeId: LIVE,
    status: 'stage2',
    requestedBy: LIVE,
    requestedAt: at('2026-02-01T15:00:00Z'),
    history: [move(undefined, 'requested', '2026-02-01T15:00:00Z', 'mentee', LIVE)],
  });

  const goal = (written: (f: string) => string, checkIns: string[]) => ({
    specific: written('goal specific'),
    measurable: written('goal measurable'),
    achievable: written('goal achievable'),
    relevant: written('goal relevant'),
    actions: [written('goal action')],
    completeBy: '2026-02-18',
    checkIns,
  });
  await models.goalForms.create({
    relationshipId: asMentee._id,
    version: 1,
    submittedBy: ZED,
    goals: [goal(zed, ['2026-01-27', '2026-02-03', '2026-02-10']), goal(zed, ['2026-02-01'])],
  });
  await models.goalForms.create({
    relationshipId: asMentor._id,
    version: 1,
    submittedBy: STUDENT,
    goals: [goal(partner, ['2026-01-29'])],
  });
  await models.checkIns.create({
    relationshipId: asMentee._id,
    dueDate: '2026-01-27',
    goalFormVersion: 1,
    submittedBy: ZED,
    goals: [
      { goalIndex: 0, status: 'on_track', evidence: zed('evidence'), supportNeeded: zed('support') },
      { goalIndex: 1, status: 'at_risk', evidence: zed('evidence 2'), supportNeeded: zed('support 2') },
    ],
    note: zed('check-in note'),
    createdAt: at('2026-01-27T18:00:00Z'),
  });
  await models.checkIns.create({
    relationshipId: asMentor._id,
    dueDate: '2026-01-29',
    goalFormVersion: 1,
    submittedBy: STUDENT,
    goals: [{ goalIndex: 0, status: 'done', evidence: partner('evidence'), supportNeeded: '' }],
    note: partner('check-in note'),
    createdAt: at('2026-01-30T18:00:00Z'),
  });
  await models.meetings.create({
    relationshipId: asMentee._id,
    date: '2026-01-12',
    loggedBy: ZED,
    loggedAt: at('2026-01-12T20:00:00Z'),
  });
  await models.fitAssessments.create({
    relationshipId: asMentee._id,
    mentorId: MENTOR,
    understandingNotes: partner('fit understanding'),
    valueNotes: partner('fit value'),
    academicAlignment: 4,
    careerAlignment: 4,
    valueOverTime: partner('fit over time'),
    decision: 'proceed',
  });
  await models.fitAssessments.create({
    relationshipId: asMentor._id,
    mentorId: ZED,
    understandingNotes: zed('fit understanding'),
    valueNotes: zed('fit value'),
    academicAlignment: 3,
    careerAlignment: 2,
    valueOverTime: zed('fit over time'),
    decision: 'proceed',
  });
  await models.feedback.create({
    relationshipId: asMentee._id,
    userId: ZED,
    kind: 'reflection',
    answers: {
      accomplishments: zed('accomplishments'),
      challenges: zed('challenges'),
      remember: zed('remember'),
      ahead: zed('ahead'),
      supportNeeded: zed('support'),
      continueInformally: 'yes',
      continueHow: zed('how'),
      thanks: zed('thanks'),
    },
  });
  for (const [userId, rating, written] of [
    [ZED, 4, zed],
    [MENTOR, 5, partner],
  ] as const)
    await models.feedback.create({
      relationshipId: asMentee._id,
      userId,
      kind: 'evaluation',
      answers: { rating, recommend: 'yes', worked: written('worked'), improve: written('improve') },
    });
  // The outbox: a sent check-in summary with Zed's words, a decision DM to Zed, a personal key, a prompt.
  const r1 = String(asMentee._id);
  await models.notices.create({
    key: `relationship:${r1}:check_in:1769536800000`,
    type: 'check_in_summary',
    notice: {
      type: 'check_in_summary',
      menteeId: ZED,
      goals: [goal(zed, [])],
      answers: { note: zed('summary note') },
      due: { date: '2026-01-27', late: false },
    },
    destination: { to: 'channel', channel: 'GPAIRZED1' },
    dueAt: at('2026-01-27T18:00:00Z'),
    state: 'sent',
    sentAt: at('2026-01-27T18:00:01Z'),
  });
  await models.notices.create({
    key: `relationship:${r1}:${ZED}:reflection:1771000000000`,
    type: 'pair_reflection_shared',
    notice: { type: 'pair_reflection_shared', userId: ZED, role: 'mentee', answers: { thanks: zed('t') } },
    destination: { to: 'channel', channel: 'GPAIRZED1' },
    dueAt: at('2026-02-13T18:00:00Z'),
    state: 'sent',
  });
  await models.notices.create({
    key: `application:${String(zedMentee._id)}:decision`,
    type: 'applicant_decision_dm',
    notice: { type: 'applicant_decision_dm', role: 'mentee', status: 'approved' },
    destination: { to: 'person', userId: ZED },
    dueAt: at('2026-03-02T14:59:00Z'),
    state: 'pending',
  });
  await models.prompts.create({
    key: `${r1}:evaluation:mentee`,
    relationshipId: asMentee._id,
    kind: 'evaluation',
    occurrence: 'mentee',
    dueAt: at('2026-03-03T15:00:00Z'),
    state: 'pending',
  });
  await models.prompts.create({
    key: `${r1}:evaluation:mentor`,
    relationshipId: asMentee._id,
    kind: 'evaluation',
    occurrence: 'mentor',
    dueAt: at('2026-03-03T15:00:00Z'),
    state: 'pending',
  });
  await models.auditEvents.create({
    at: at('2026-01-05T15:00:00Z'),
    actorId: staff1.id,
    action: 'application.decided',
    subjectType: 'application',
    subjectId: String(zedMentee._id),
    details: { role: 'mentee', applicantId: ZED },
  });
  await models.auditEvents.create({
    at: at('2026-01-10T15:00:00Z'),
    actorId: ZED,
    action: 'relationship.requested',
    subjectType: 'relationship',
    subjectId: r1,
    details: { status: 'requested' },
  });
  return { asMentee: r1, asMentor: String(asMentor._id) };
}

/** Every document of every collection, as stored. */
async function everythingStored(t: TestBot): Promise<string> {
  const db = t.bot.database.connection.db!;
  const collections = await db.listCollections().toArray();
  const dumps: string[] = [];
  for (const { name } of collections)
    dumps.push(`${name}: ${JSON.stringify(await db.collection(name).find({}).toArray())}`);
  return dumps.join('\n');
}

describe('data requests: a person’s own data, and forgetting them', () => {
  let t: TestBot;
  let ids: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    t = await startTestBot();
    ids = await seed(t);
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  const report = async (term: string) =>
    String((await t.slack.command('/mentoring', `admin report ${term}`, { userId: staff1.id })).json?.text);

  it('refuses someone who is not staff, for both commands, and uploads or opens nothing', async () => {
    for (const text of [`admin export-user <@${ZED}|zed>`, `admin forget <@${ZED}|zed>`]) {
      const answer = await t.slack.command('/mentoring', text, { userId: alice.id });
      expect(answer.json?.text).toBe(wording.errors.staffOnly);
    }
    expect(t.emulator.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    expect(t.emulator.callsTo('views.open')).toHaveLength(0);
  });

  it('asks staff to name the person, and says when the program holds nothing of them', async () => {
    for (const command of ['export-user', 'forget']) {
      const bare = await t.slack.command('/mentoring', `admin ${command}`, { userId: staff1.id });
      expect(String(bare.json?.text)).toContain(`/mentoring admin ${command} @sam`);
    }
    expect(t.emulator.callsTo('views.open')).toHaveLength(0);
    const nobody = 'The program holds no records of <@UNOBODY1> (or they were erased already).';
    await t.slack.command('/mentoring', 'admin export-user <@UNOBODY1|x>', { userId: staff1.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect(responseTexts(t).at(-1)).toBe(nobody);
    // forget opens its modal at once (the trigger lasts 3 seconds), then says in it why there is nothing to do
    await t.slack.command('/mentoring', 'admin forget <@UNOBODY1|x>', { userId: staff1.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect(JSON.stringify(shownModal(t).blocks)).toContain(nobody);
    expect(shownModal(t).submit).toBeUndefined();
  });

  it('uploads the person’s own data as JSON to the staff channel, saying first that it is coming', async () => {
    const answer = await t.slack.command('/mentoring', `admin export-user <@${ZED}|zed>`, {
      userId: staff1.id,
    });
    expect(String(answer.json?.text)).toContain(`Preparing the data of <@${ZED}>`);
    await t.bot.acknowledgedWorkDone(15_000);
    const filename = `mentoring-person-${ZED}-2026-03-02.json`;
    expect(responseTexts(t).at(-1)).toBe(
      `Uploaded ${filename} to <#${ADMIN_CHANNEL}>: 13 records of <@${ZED}>.`,
    );
    const [upload] = t.emulator.uploads();
    expect(upload).toMatchObject({ filename, channel: ADMIN_CHANNEL, completed: true });
    const data = JSON.parse(upload!.content.toString('utf8')) as Record<string, Record<string, unknown>[]>;
    expect(data.userId).toBe(ZED);
    expect(data.profiles?.map((p) => [p.role, p.bio])).toEqual([
      ['mentee', zed('bio')],
      ['mentor', zed('bio')],
    ]);
    expect(data.applications).toHaveLength(3);
    expect(data.relationships?.map((r) => [r.role, r.partnerId, r.status])).toEqual([
      ['mentee', MENTOR, 'completed'],
      ['mentor', STUDENT, 'ended_early'],
    ]);
    expect(data.goalForms).toHaveLength(1);
    expect(data.checkIns).toHaveLength(1);
    expect(data.reflections).toHaveLength(1);
    expect(data.evaluations).toHaveLength(1);
    expect(data.fitAssessments).toHaveLength(1); // the ones Zed wrote as a mentor
    expect(data.meetings).toHaveLength(1);
    const text = upload!.content.toString('utf8');
    expect(text).toContain(zed('end reason')); // the reason Zed gave
    expect(text).not.toContain('partnerwords'); // nobody else's words, not the mentor's fit notes about Zed
  });

  it('keeps a person whose relationship still runs, or whose application waits, and says why', async () => {
    await t.slack.command('/mentoring', `admin forget <@${LIVE}|live>`, { userId: staff1.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect(JSON.stringify(shownModal(t).blocks)).toContain(`<@${LIVE}> still has 1 relationship running`);
    await t.bot.database.models.applications.create({
      userId: WAITING,
      role: 'mentee',
      status: 'submitted',
      answers: answers(partner),
    });
    await t.slack.command('/mentoring', `admin forget <@${WAITING}|w>`, { userId: staff1.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect(JSON.stringify(shownModal(t).blocks)).toContain(`<@${WAITING}> has an application waiting`);
    expect(shownModal(t).callback_id).not.toBe(VIEWS.forgetPerson);
  });

  let modal: Record<string, unknown>;
  let before: { all: string; spring: string };

  it('opens a confirmation naming what will be erased', async () => {
    before = { all: await report('all'), spring: await report('2026-spring') };
    await t.slack.command('/mentoring', `admin forget <@${ZED}|zed>`, { userId: staff1.id });
    expect(JSON.stringify(lastOpenedModal(t).blocks)).toContain('Counting what would be erased');
    await t.bot.acknowledgedWorkDone(5000);
    modal = shownModal(t);
    expect(modal.callback_id).toBe(VIEWS.forgetPerson);
    const shown = JSON.stringify(modal.blocks);
    expect(shown).toContain(
      '2 profiles, 3 applications, 2 relationships, 1 goal form version, 1 check-in, 1 reflection, 1 evaluation, 1 fit assessment, 1 meeting, 3 outbox messages',
    );
    expect(shown).not.toContain(ZED_NAME);
  });

  it('refuses the submission from someone who is not staff, changing nothing', async () => {
    const answer = await t.slack.viewSubmission({ userId: alice.id }, modal, {});
    expect(JSON.stringify(shownView(answer))).toContain(wording.errors.staffOnly);
    expect(await t.bot.database.models.profiles.countDocuments({ userId: ZED })).toBe(2);
  });

  it('does not trust the modal’s metadata: another person’s id is checked afresh', async () => {
    const tampered = { ...modal, private_metadata: JSON.stringify({ userId: LIVE }) };
    const answer = await t.slack.viewSubmission({ userId: staff1.id }, tampered, {});
    expect(JSON.stringify(shownView(answer))).toContain('still has 1 relationship running');
    expect(await t.bot.database.models.profiles.countDocuments({ userId: LIVE })).toBe(1);
  });

  it('erases the person: nothing of their id, name or email is left in any collection', async () => {
    const answer = await t.slack.viewSubmission({ userId: staff1.id }, modal, {});
    const view = JSON.stringify(shownView(answer));
    expect(view).toContain(`The personal data of <@${ZED}> is erased`);
    const pseudonym = /`(erased-[0-9a-f]+)`/.exec(view)?.[1] ?? '';
    expect(pseudonym).toMatch(/^erased-[0-9a-f]{24}$/);

    const stored = (await everythingStored(t)).toLowerCase();
    for (const trace of [ZED, ZED_NAME, 'zebrafish', ZED_EMAIL])
      expect({ trace, found: stored.includes(trace.toLowerCase()) }).toEqual({ trace, found: false });

    const { models } = t.bot.database;
    // Statuses, dates, numbers and choices stay, under the pseudonym.
    expect(await models.profiles.countDocuments({ userId: pseudonym })).toBe(2);
    expect(await models.applications.countDocuments({ userId: pseudonym, status: 'approved' })).toBe(2);
    const completed = await models.relationships.findById(ids.asMentee).lean();
    expect(completed).toMatchObject({ menteeId: pseudonym, mentorId: MENTOR, status: 'completed' });
    expect(completed?.history.map((m) => m.to)).toContain('completed');
    expect(completed?.history.find((m) => m.to === 'stage3')?.reason).toBe(partner('move'));
    const checkIn = await models.checkIns.findOne({ submittedBy: pseudonym }).lean();
    expect(checkIn?.goals.map((g) => g.status)).toEqual(['on_track', 'at_risk']);
    const evaluation = await models.feedback.findOne({ userId: pseudonym, kind: 'evaluation' }).lean();
    expect(evaluation?.answers).toEqual({ rating: 4, recommend: 'yes' });
    // The partners' own words stay theirs.
    const mentorsFit = await models.fitAssessments.findOne({ mentorId: MENTOR }).lean();
    expect(mentorsFit?.understandingNotes).toBe(partner('fit understanding'));
    const studentsGoals = await models.goalForms.findOne({ submittedBy: STUDENT }).lean();
    expect(studentsGoals?.goals[0]?.specific).toBe(partner('goal specific'));
    expect((await models.feedback.findOne({ userId: MENTOR }).lean())?.answers).toMatchObject({
      worked: partner('worked'),
    });
    // What would still have reached Zed is cancelled; the mentor's evaluation prompt still goes.
    expect(
      await models.prompts.find({ relationshipId: ids.asMentee }).sort({ occurrence: 1 }).lean(),
    ).toMatchObject([
      { occurrence: 'mentee', state: 'cancelled', reason: 'erased' },
      { occurrence: 'mentor', state: 'pending' },
    ]);
    expect(await models.notices.countDocuments({ state: 'pending' })).toBe(0);
    // Who erased and when, with no name.
    const entry = await models.auditEvents.findOne({ action: 'person.erased' }).lean();
    expect(entry).toMatchObject({ actorId: staff1.id, subjectType: 'person', subjectId: pseudonym });
    expect(entry?.at).toEqual(new Date('2026-03-02T15:00:00Z'));
  });

  it('leaves the report’s figures as they were', async () => {
    expect(await report('all')).toBe(before.all);
    expect(await report('2026-spring')).toBe(before.spring);
  });

  it('answers a second submission, and the command again, with nothing left to erase', async () => {
    const again = await t.slack.viewSubmission({ userId: staff1.id }, modal, {});
    expect(JSON.stringify(shownView(again))).toContain('holds no records of');
    await t.slack.command('/mentoring', `admin forget <@${ZED}|zed>`, { userId: staff1.id });
    await t.bot.acknowledgedWorkDone(5000);
    expect(JSON.stringify(shownModal(t).blocks)).toContain('holds no records of');
    expect(await t.bot.database.models.auditEvents.countDocuments({ action: 'person.erased' })).toBe(1);
  });
});

describe('RETENTION_MONTHS in the scheduler tick', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { RETENTION_MONTHS: '6' } });
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('erases the free text of relationships that ended more than 6 months ago, once', async () => {
    const { models } = t.bot.database;
    const ended = async (iso: string) => {
      const doc = await models.relationships.create({
        mentorId: MENTOR,
        menteeId: STUDENT,
        status: 'ended_early',
        requestedBy: STUDENT,
        requestedAt: at('2025-01-01T15:00:00Z'),
        history: [
          { to: 'requested', actor: 'mentee', at: at('2025-01-01T15:00:00Z') },
          {
            from: 'stage1',
            to: 'ended_early',
            actor: 'mentee',
            actorId: STUDENT,
            at: at(iso),
            reason: 'busy',
          },
        ],
      });
      await models.checkIns.create({
        relationshipId: doc._id,
        goalFormVersion: 1,
        submittedBy: STUDENT,
        goals: [{ goalIndex: 0, status: 'on_track', evidence: 'two drafts', supportNeeded: '' }],
        note: 'a note',
      });
      return String(doc._id);
    };
    const old = await ended('2025-08-01T15:00:00Z'); // seven months before 2026-03-02
    const recent = await ended('2025-10-01T15:00:00Z');
    await t.bot.scheduler.tick();
    await t.bot.scheduler.tick();
    const entries = await models.auditEvents.find({ action: 'retention_erased' }).lean();
    expect(entries.map((e) => [e.subjectId, e.details])).toEqual([[old, { fields: 3 }]]);
    expect((await models.checkIns.findOne({ relationshipId: old }).lean())?.note).toBe('');
    expect((await models.checkIns.findOne({ relationshipId: recent }).lean())?.note).toBe('a note');
  });
});
