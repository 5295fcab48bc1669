import { ACTIONS } from '../../blocks/ids';
import { wording } from '../../src/content/wording';
import { readCsvObjects } from '../support/csv-read';
import { buttonValue, noticesDelivered, responseTexts } from '../support/flows';
import { ADMIN_CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

/**
 * A small program written straight into MongoDB (dates chosen so every figure is known), with a distinctive
 * word planted in every field people write. Staff read its report and export over signed HTTP; the words
 * must appear nowhere Slack was sent anything.
 */

const { alice, staff1 } = PEOPLE;
const M1 = 'UMENTOR1';
const M2 = 'UMENTOR2';
const S1 = 'USTUDENT1';
const S2 = 'USTUDENT2';
const S3 = 'USTUDENT3';
const S4 = 'USTUDENT4';
const S5 = 'USTUDENT5';

/** Every planted word, by the field it was typed into. */
const planted: string[] = [];
const plant = (field: string) => {
  const word = `plantedword${field.replace(/[^a-z0-9]/gi, '').toLowerCase()}${planted.length}`;
  planted.push(word);
  return word;
};

const at = (iso: string) => new Date(iso);

function applicationAnswers(role: 'mentor' | 'mentee', who: string) {
  return {
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
  };
}

async function seedProgram(t: TestBot) {
  const { models } = t.bot.database;
  for (const id of [M1, M2, S1, S2, S3, S4, S5])
    t.emulator.addUser({ id, name: id.toLowerCase(), real_name: `Person ${id}` });

  const application = (
    userId: string,
    role: 'mentor' | 'mentee',
    status: 'submitted' | 'approved' | 'declined',
    createdAt: string,
    decidedAt?: string,
  ) =>
    models.applications.create({
      userId,
      role,
      status,
      answers: applicationAnswers(role, userId),
      ...(decidedAt ? { decidedAt: at(decidedAt), reviewerId: staff1.id } : {}),
      ...(status === 'declined' ? { declineReason: plant(`${userId} decline reason`) } : {}),
      createdAt: at(createdAt),
    });
  await application(M1, 'mentor', 'approved', '2026-01-02T15:00:00Z', '2026-01-03T15:00:00Z');
  await application(M2, 'mentor', 'approved', '2026-01-02T15:00:00Z', '2026-01-03T15:00:00Z');
  await application(S1, 'mentee', 'approved', '2026-01-04T15:00:00Z', '2026-01-05T15:00:00Z');
  await application(S2, 'mentee', 'approved', '2026-01-04T15:00:00Z', '2026-01-05T15:00:00Z');
  await application(S3, 'mentee', 'declined', '2026-01-06T15:00:00Z', '2026-01-07T15:00:00Z');
  await application(S4, 'mentee', 'submitted', '2026-02-20T15:00:00Z');
  await application(S5, 'mentee', 'approved', '2025-12-01T15:00:00Z', '2026-01-10T15:00:00Z');

  const profile = (userId: string, role: 'mentor' | 'mentee', seats?: [number, number, boolean]) =>
    models.profiles.create({
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
      ...(seats ? { capacity: seats[0], openRelationships: seats[1], listed: seats[2] } : {}),
    });
  await profile(M1, 'mentor', [2, 1, true]);
  await profile(M2, 'mentor', [3, 0, false]);
  for (const id of [S1, S2, S5]) await profile(id, 'mentee');

  const relationship = async (
    mentorId: string,
    menteeId: string,
    moves: [to: string, iso: string, actor?: string][],
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
        actorId: actor === 'system' ? undefined : mentorId,
        at: at(iso),
        ...(to === 'ended_early' && reason ? { reason } : {}),
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
    });
    return doc._id.toString();
  };
  const r1 = await relationship(M1, S1, [
    ['requested', '2026-01-06T15:00:00Z'],
    ['introduced', '2026-01-08T15:00:00Z'],
    ['stage1', '2026-01-12T15:00:00Z'],
    ['stage2', '2026-01-20T15:00:00Z'],
  ]);
  const r2 = await relationship(M2, S2, [
    ['requested', '2026-01-06T15:00:00Z'],
    ['introduced', '2026-01-12T15:00:00Z'],
    ['not_a_fit', '2026-01-14T15:00:00Z'],
  ]);
  const r3 = await relationship(M2, S2, [
    ['requested', '2026-01-15T15:00:00Z'],
    ['introduced', '2026-01-16T15:00:00Z'],
    ['stage1', '2026-01-17T15:00:00Z'],
    ['stage2', '2026-01-18T15:00:00Z'],
    ['stage3', '2026-01-19T15:00:00Z'],
    ['stage4', '2026-02-01T15:00:00Z'],
    ['completed', '2026-02-20T15:00:00Z', 'system'],
  ]);
  const r4 = await relationship(
    M1,
    S5,
    [
      ['requested', '2026-01-19T15:00:00Z'],
      ['introduced', '2026-01-20T15:00:00Z'],
      ['stage1', '2026-01-25T15:00:00Z'],
      ['ended_early', '2026-02-10T15:00:00Z', 'mentee'],
    ],
    plant('end reason'),
  );

  const goal = (checkIns: string[]) => ({
    specific: plant('goal specific'),
    measurable: plant('goal measurable'),
    achievable: plant('goal achievable'),
    relevant: plant('goal relevant'),
    actions: [plant('goal action')],
    completeBy: '2026-06-30',
    checkIns,
  });
  await models.goalForms.create({
    relationshipId: r1,
    version: 1,
    submittedBy: S1,
    goals: [goal(['2026-02-01', '2026-02-15']), goal(['2026-03-10'])],
  });
  await models.goalForms.create({
    relationshipId: r3,
    version: 1,
    submittedBy: S2,
    goals: [goal(['2026-02-05'])],
  });
  const progress = (goalIndex: number, status: string) => ({
    goalIndex,
    status,
    evidence: plant('check-in evidence'),
    supportNeeded: plant('check-in support'),
  });
  await models.checkIns.create({
    relationshipId: r1,
    dueDate: '2026-02-01',
    goalFormVersion: 1,
    submittedBy: S1,
    goals: [progress(0, 'on_track'), progress(1, 'at_risk')],
    note: plant('check-in note'),
    createdAt: at('2026-01-31T18:00:00Z'),
  });
  await models.checkIns.create({
    relationshipId: r3,
    dueDate: '2026-02-05',
    goalFormVersion: 1,
    submittedBy: S2,
    goals: [progress(0, 'done')],
    note: plant('late check-in note'),
    createdAt: at('2026-02-07T18:00:00Z'),
  });
  await models.fitAssessments.create({
    relationshipId: r2,
    mentorId: M2,
    understandingNotes: plant('fit understanding'),
    valueNotes: plant('fit value'),
    academicAlignment: 2,
    careerAlignment: 2,
    valueOverTime: plant('fit over time'),
    decision: 'not_a_fit',
  });
  await models.feedback.create({
    relationshipId: r3,
    userId: S2,
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
  for (const [userId, rating] of [
    [S2, 4],
    [M2, 5],
  ] as const)
    await models.feedback.create({
      relationshipId: r3,
      userId,
      kind: 'evaluation',
      answers: {
        rating,
        recommend: 'yes',
        worked: plant('evaluation worked'),
        improve: plant('evaluation improve'),
      },
    });
  return { r1, r2, r3, r4 };
}

/** Everything Slack was sent or holds: every call with its arguments, every response_url message, every file. */
function everythingSlackSaw(t: TestBot): string {
  return [
    JSON.stringify(t.emulator.calls.map((call) => ({ method: call.method, args: call.args }))),
    JSON.stringify(t.emulator.responses()),
    JSON.stringify(t.emulator.messages()),
    ...t.emulator.uploads().map((upload) => upload.content.toString('utf8')),
  ].join('\n');
}

describe('the program report and the export', () => {
  let t: TestBot;
  let ids: Awaited<ReturnType<typeof seedProgram>>;
  beforeAll(async () => {
    t = await startTestBot();
    ids = await seedProgram(t);
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('shows staff the term’s figures privately, with a button to post them', async () => {
    const answer = await t.slack.command('/mentoring', 'admin report 2026-spring', { userId: staff1.id });
    expect(answer.answeredBy).toBe('response_url');
    const text = String(answer.json?.text);
    expect(text).toContain('*Program report: 2026-spring*\n2026-01-01 to 2026-05-31, as of 2026-03-02');
    expect(text).toContain('• Mentors: 2 approved, 0 waiting, 0 declined');
    expect(text).toContain('• Mentees: 2 approved, 1 waiting, 1 declined');
    expect(text).toContain(
      '*Relationships* live in the term: 4\nstage 2 1 · not a fit 1 · completed 1 · ended early 1',
    );
    expect(text).toContain(
      '*Time to match* (a mentee’s approval to their first introduction): median 7 days, 90th percentile 10 days (3)',
    );
    expect(text).toContain('made after the first meeting): median 3 days, 90th percentile 5 days (4)');
    expect(text).toContain('*Check-ins* (scheduled dates so far): 1 on time, 1 late, 1 missed');
    expect(text).toContain('1 done, 1 on track, 1 at risk, 0 not started, 0 without a check-in yet');
    expect(text).toContain(
      '*Endings*: 1 completed; 1 ended early (by the mentor 0, the mentee 1, staff 0); 1 not a fit; requests 0 declined, 0 lapsed, 0 withdrawn, 0 released',
    );
    expect(text).toContain(
      '2 of 2 answered (100%); average rating 4.5 / 5 (mentors 5 / 5 from 1, mentees 4 / 5 from 1); 2 would recommend',
    );
    expect(text).toContain('*Mentor seats* (today): 1 used of 5 offered by 2 approved mentors (1 listed)');
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(buttonValue(answer.json as { blocks?: unknown[] }, ACTIONS.postReport)).toBe('2026-spring');
  });

  it('leaves out what falls outside the term', async () => {
    const answer = await t.slack.command('/mentoring', 'admin report 2025', { userId: staff1.id });
    const text = String(answer.json?.text);
    expect(text).toContain('• Mentees: 1 approved, 0 waiting, 0 declined'); // S5 applied in December 2025
    expect(text).toContain('*Relationships* live in the term: 0');
    expect(text).toContain('*Time to match* (a mentee’s approval to their first introduction): none yet');
  });

  it('says how to write a term it cannot read', async () => {
    const answer = await t.slack.command('/mentoring', 'admin report next-winter', { userId: staff1.id });
    expect(String(answer.json?.text)).toContain('I can’t read the term “next-winter”');
  });

  it('posts the report to the staff channel when staff ask, saying who did', async () => {
    const before = t.emulator.messages(ADMIN_CHANNEL).length;
    await t.slack.blockAction(
      { userId: staff1.id },
      { actionId: ACTIONS.postReport, value: '2026-spring' },
      { message: { channel: 'CGENERAL', ts: '1772463600.000100' } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    await noticesDelivered(t); // the post goes through the outbox, like every message to others
    const posted = t.emulator.messages(ADMIN_CHANNEL).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.text).toContain('*Mentor seats* (today): 1 used of 5 offered');
    expect(JSON.stringify(posted[0]?.blocks)).toContain(`Posted by <@${staff1.id}>`);
    expect(JSON.stringify(posted[0]?.blocks)).not.toContain(ACTIONS.postReport);
    expect(responseTexts(t).at(-1)).toBe('Posted to the staff channel.');
  });

  it('refuses someone who is not staff, for the report, the export and the post button', async () => {
    const files = t.emulator.uploads().length;
    const before = t.emulator.messages(ADMIN_CHANNEL).length;
    for (const text of ['admin report', 'admin report 2026', 'admin export']) {
      const answer = await t.slack.command('/mentoring', text, { userId: alice.id });
      expect(answer.json?.text).toBe(wording.errors.staffOnly);
    }
    await t.slack.blockAction(
      { userId: alice.id },
      { actionId: ACTIONS.postReport, value: '2026-spring' },
      { message: { channel: 'CGENERAL', ts: '1772463600.000200' } },
    );
    await t.bot.acknowledgedWorkDone(5000);
    expect(responseTexts(t).at(-1)).toBe(wording.errors.staffOnly);
    expect(t.emulator.messages(ADMIN_CHANNEL)).toHaveLength(before);
    expect(t.emulator.uploads()).toHaveLength(files);
    expect(t.emulator.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('uploads the records as CSV files to the staff channel, saying first that they are coming', async () => {
    await t.bot.database.models.meetings.create({
      relationshipId: ids.r1,
      date: '2026-01-10',
      loggedBy: S1,
      loggedAt: new Date('2026-01-10T18:00:00Z'),
    });
    const answer = await t.slack.command('/mentoring', 'admin export', { userId: staff1.id });
    expect(String(answer.json?.text)).toContain('Preparing the export');
    await t.bot.acknowledgedWorkDone(15_000);
    expect(responseTexts(t).at(-1)).toContain(`Uploaded 7 files to <#${ADMIN_CHANNEL}>`);

    const uploads = t.emulator.uploads();
    expect(uploads.map((u) => u.filename)).toEqual(
      ['people', 'applications', 'relationships', 'goals', 'check-ins', 'meetings', 'evaluations'].map(
        (name) => `mentoring-${name}-2026-03-02.csv`,
      ),
    );
    for (const upload of uploads) expect(upload).toMatchObject({ channel: ADMIN_CHANNEL, completed: true });
    const file = (name: string) =>
      readCsvObjects(uploads.find((u) => u.filename === `mentoring-${name}-2026-03-02.csv`)!.content);

    const people = file('people');
    expect(people).toHaveLength(5);
    expect(Object.keys(people[0]!)).toEqual([
      'user_id',
      'role',
      'approved',
      'listed',
      'capacity',
      'seats_used',
      'academic_interests',
      'career_interests',
      'time_zone',
      'created_at',
      'updated_at',
    ]);
    expect(people.find((p) => p.user_id === M1)).toMatchObject({
      role: 'mentor',
      approved: 'yes',
      listed: 'yes',
      capacity: '2',
      seats_used: '1',
      academic_interests: 'Marketing',
      time_zone: 'America/Chicago',
    });

    const applications = file('applications');
    expect(applications).toHaveLength(7);
    expect(applications.find((a) => a.user_id === S3)).toMatchObject({
      role: 'mentee',
      status: 'declined',
      submitted_at: '2026-01-06T15:00:00.000Z',
      decided_at: '2026-01-07T15:00:00.000Z',
      reviewer_id: staff1.id,
    });

    const relationships = file('relationships');
    expect(relationships).toHaveLength(4);
    expect(relationships.find((r) => r.relationship_id === ids.r3)).toMatchObject({
      mentor_id: M2,
      mentee_id: S2,
      status: 'completed',
      introduced_at: '2026-01-16T15:00:00.000Z',
      stage4_at: '2026-02-01T15:00:00.000Z',
      completed_at: '2026-02-20T15:00:00.000Z',
      ended_at: '',
    });
    expect(relationships.find((r) => r.relationship_id === ids.r4)).toMatchObject({
      status: 'ended_early',
      ended_at: '2026-02-10T15:00:00.000Z',
      ended_by: 'mentee',
    });

    const goals = file('goals');
    expect(goals).toHaveLength(3);
    expect(goals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          relationship_id: ids.r1,
          goal_number: '1',
          check_in_dates: '2026-02-01 2026-02-15',
          latest_status: 'on_track',
        }),
        expect.objectContaining({
          relationship_id: ids.r1,
          goal_number: '2',
          check_in_dates: '2026-03-10',
          latest_status: 'at_risk',
        }),
        expect.objectContaining({
          relationship_id: ids.r3,
          goal_number: '1',
          complete_by: '2026-06-30',
          latest_status: 'done',
        }),
      ]),
    );

    const checkIns = file('check-ins');
    expect(checkIns.map((c) => [c.due_date, c.goal_number, c.status])).toEqual(
      expect.arrayContaining([
        ['2026-02-01', '1', 'on_track'],
        ['2026-02-01', '2', 'at_risk'],
        ['2026-02-05', '1', 'done'],
      ]),
    );
    expect(checkIns).toHaveLength(3);

    expect(file('meetings')).toEqual([
      { relationship_id: ids.r1, date: '2026-01-10', logged_by: S1, logged_at: '2026-01-10T18:00:00.000Z' },
    ]);
    // With a meeting logged, the report's time to a first meeting counts to the meetings.
    const report = await t.slack.command('/mentoring', 'admin report 2026-spring', { userId: staff1.id });
    expect(String(report.json?.text)).toContain(
      '*Time to first meeting* (introduction to the first meeting logged): median 1.9 days',
    );

    expect(
      file('evaluations')
        .map((e) => [e.user_id, e.role, e.rating, e.would_recommend])
        .sort(),
    ).toEqual([
      [M2, 'mentor', '5', 'yes'],
      [S2, 'mentee', '4', 'yes'],
    ]);
  });

  it('lets none of what people wrote reach Slack: not the report, the posted report or any export file', () => {
    expect(t.emulator.uploads().length).toBeGreaterThan(0);
    expect(t.emulator.messages(ADMIN_CHANNEL).length).toBeGreaterThan(0);
    const seen = everythingSlackSaw(t).toLowerCase();
    expect(planted.length).toBeGreaterThan(60);
    expect(planted.filter((word) => seen.includes(word))).toEqual([]);
  });
});
