import { DateTime } from 'luxon';
import pino from 'pino';
import { ManualClock } from '../../src/clock';
import type { RelationshipRecord } from '../../src/domain/records';
import { createHomeService } from '../../src/services/home';
import { createCheckInRepository } from '../../src/store/check-in-repository';
import { connectDatabase, type Database } from '../../src/store/database';
import { createGoalFormRepository } from '../../src/store/goal-form-repository';
import { createMeetingRepository } from '../../src/store/meeting-repository';
import { createProfileRepository } from '../../src/store/profile-repository';
import { createRelationshipRepository } from '../../src/store/relationship-repository';
import { freshDatabaseUri } from '../support/test-database';
import { refused } from '../../src/services/result';

const clock = new ManualClock(DateTime.fromISO('2026-03-02T12:00:00Z'));
const relationship = {
  id: '65f000000000000000000001',
  mentorId: 'UMENTOR',
  menteeId: 'UMENTEE',
  status: 'stage2',
  history: [],
} as unknown as RelationshipRecord;

describe('home service, over fakes of its ports', () => {
  function service(approvedMentor: boolean) {
    return createHomeService({
      relationships: { findOpenFor: async () => [relationship] },
      goalForms: {
        versionsOf: async () =>
          new Map([
            [
              relationship.id,
              [
                {
                  version: 1,
                  goals: [{ specific: 'Goal', completeBy: '2026-06-01', checkIns: ['2026-04-01'] }],
                },
              ],
            ],
          ]),
      },
      checkIns: { ratingsOf: async () => new Map() },
      meetings: {
        latestOf: async () =>
          new Map([
            [
              relationship.id,
              {
                relationshipId: relationship.id,
                date: '2026-02-26',
                loggedBy: 'UMENTEE',
                loggedAt: new Date(),
              },
            ],
          ]),
      },
      profiles: {
        get: async () =>
          ({
            approved: approvedMentor,
            openRelationships: 1,
            capacity: 2,
            listed: true,
            displayName: 'M',
          }) as never,
        homeSummariesOf: async () => [
          {
            userId: 'UMENTOR',
            role: 'mentor',
            displayName: 'M',
            approved: true,
            openRelationships: 1,
            listed: true,
          },
          {
            userId: 'UMENTEE',
            role: 'mentee',
            displayName: 'Mentee',
            approved: true,
            openRelationships: 0,
            listed: false,
          },
        ],
      },
      staffHome: async () => refused('not_staff'),
      staff: { isStaff: async () => false } as never,
      clock,
      programTimezone: 'UTC',
    });
  }

  it('mentees: done with each mentee, stage and next check-in, and the seats', async () => {
    const result = await service(true).mentees('UMENTOR');
    expect(result).toMatchObject({
      kind: 'done',
      value: {
        open: 1,
        capacity: 2,
        relationships: [{ partnerId: 'UMENTEE', nextCheckIn: '2026-04-01', lastMeeting: '2026-02-26' }],
      },
    });
  });

  it('mentees: refused not_a_mentor for someone who is not an approved mentor', async () => {
    expect(await service(false).mentees('UMENTOR')).toMatchObject({ kind: 'refused', code: 'not_a_mentor' });
  });

  it('data: the Home data (no Block Kit) for each role the person has', async () => {
    const data = await service(true).data('UMENTEE');
    expect(data.asMentee).toEqual([
      expect.objectContaining({ partnerId: 'UMENTOR', partnerName: 'M', status: 'stage2', goals: 1 }),
    ]);
    expect(data.asMentee?.[0]?.goalProgress).toEqual([{ title: 'Goal', completeBy: '2026-06-01' }]);
    expect(data.staff).toBeUndefined();
  });
});

describe('home service, against MongoDB', () => {
  let db: Database;
  const operations: { collection: string; method: string }[] = [];
  beforeAll(async () => {
    db = await connectDatabase(freshDatabaseUri('home_service'), pino({ level: 'silent' }));
    db.connection.set('debug', (collection: string, method: string) =>
      operations.push({ collection, method }),
    );
  });
  afterAll(() => db.close());

  const now = DateTime.fromISO('2026-04-21T03:00:00Z', { zone: 'utc' }); // 20 April in Chicago
  function service() {
    const { models } = db;
    return createHomeService({
      relationships: createRelationshipRepository(models),
      goalForms: createGoalFormRepository(models),
      checkIns: createCheckInRepository(models),
      meetings: createMeetingRepository(models),
      profiles: createProfileRepository(models),
      staffHome: async () => refused('not_staff'),
      staff: { isStaff: async () => false, knownStaff: () => false },
      clock: new ManualClock(now),
      programTimezone: 'UTC',
    });
  }

  /** A mentor with `mentees` mentees in stage 3, each with two versions of two goals, check-ins and meetings. */
  async function seed(mentorId: string, mentees: number) {
    const { relationships, profiles, goalForms, checkIns, meetings } = db.models;
    await profiles.create({
      userId: mentorId,
      role: 'mentor',
      displayName: 'Mentor',
      approved: true,
      capacity: 5,
      openRelationships: mentees,
      listed: true,
    });
    const ids: string[] = [];
    for (let n = 0; n < mentees; n++) {
      const menteeId = `${mentorId}E${n}`;
      await profiles.create({
        userId: menteeId,
        role: 'mentee',
        displayName: `Mentee ${n}`,
        approved: true,
        timezone: 'America/Chicago',
      });
      const r = await relationships.create({
        mentorId,
        menteeId,
        status: 'stage3',
        requestedBy: menteeId,
        requestedAt: new Date('2026-01-05T15:00:00Z'),
        formalEndDate: '2026-08-14',
      });
      const relationshipId = r._id;
      ids.push(String(relationshipId));
      const goal = (specific: string, checkIns: string[]) => ({
        specific,
        measurable: 'm',
        achievable: 'a',
        relevant: 'r',
        actions: ['x'],
        completeBy: '2026-08-14',
        checkIns,
      });
      await goalForms.create({
        relationshipId,
        version: 1,
        submittedBy: menteeId,
        goals: [goal('Land an internship', ['2026-04-15', '2026-05-15', '2026-06-15'])],
      });
      // Version 2 keeps the first goal (now second) and adds one, whose first date (20 April) is today.
      await goalForms.create({
        relationshipId,
        version: 2,
        submittedBy: menteeId,
        goals: [
          goal('Grow my network', ['2026-04-20', '2026-05-20', '2026-06-20']),
          goal('Land an internship', ['2026-04-15', '2026-05-15', '2026-06-15']),
        ],
      });
      await checkIns.collection.insertMany([
        {
          relationshipId,
          dueDate: '2026-04-15',
          goalFormVersion: 1,
          submittedBy: menteeId,
          goals: [{ goalIndex: 0, status: 'at_risk', evidence: 'private words', supportNeeded: '' }],
          note: 'a private note',
          createdAt: new Date('2026-04-14T15:00:00Z'),
        },
      ]);
      await meetings.collection.insertMany([
        { relationshipId, date: '2026-03-30', loggedBy: menteeId, loggedAt: new Date() },
        { relationshipId, date: '2026-04-02', loggedBy: mentorId, loggedAt: new Date() },
      ]);
    }
    return ids;
  }

  it('the mentee: each goal with its latest status (following the goal across versions) and the dates in their calendar', async () => {
    await seed('UM1', 1);
    const data = await service().data('UM1E0');
    expect(data.asMentee).toEqual([
      expect.objectContaining({
        partnerId: 'UM1',
        partnerName: 'Mentor',
        goals: 2,
        today: '2026-04-20',
        nextCheckIn: '2026-04-20',
        lateCheckIns: [],
        lastMeeting: '2026-04-02',
        goalProgress: [
          { title: 'Grow my network', completeBy: '2026-08-14' },
          { title: 'Land an internship', completeBy: '2026-08-14', status: 'at_risk', ratedOn: '2026-04-14' },
        ],
      }),
    ]);
    expect(data.asMentor).toBeUndefined();
    expect(JSON.stringify(data)).not.toContain('private');
  });

  it('the mentor: each mentee with the goals’ statuses and dates but not their words, and the last meeting', async () => {
    await seed('UM2', 3);
    const data = await service().data('UM2');
    expect(data.asMentor).toMatchObject({ open: 3, capacity: 5, listed: true });
    expect(data.asMentor?.relationships).toHaveLength(3);
    expect(data.asMentor?.relationships[0]).toMatchObject({
      partnerId: 'UM2E0',
      partnerName: 'Mentee 0',
      lastMeeting: '2026-04-02',
      nextCheckIn: '2026-04-20',
      goalProgress: [
        { completeBy: '2026-08-14' },
        { completeBy: '2026-08-14', status: 'at_risk', ratedOn: '2026-04-14' },
      ],
    });
    expect(JSON.stringify(data)).not.toContain('internship');
  });

  it('one batch of reads: one query per collection, however many mentees', async () => {
    await seed('UM3', 25);
    operations.length = 0;
    const data = await service().data('UM3');
    expect(data.asMentor?.relationships).toHaveLength(25);
    const perCollection = new Map<string, number>();
    for (const { collection } of operations)
      perCollection.set(collection, (perCollection.get(collection) ?? 0) + 1);
    expect(Object.fromEntries(perCollection)).toEqual({
      relationships: 1,
      profiles: 2, // the person's own mentor profile, then everyone's names and zones with the rest
      goalforms: 1,
      checkins: 1,
      meetings: 1,
    });
  });

  it('someone with no relationship: nothing read beyond their relationships and their own profile', async () => {
    operations.length = 0;
    const data = await service().data('UNOBODY');
    expect(data).toEqual({ asMentee: [], asMentor: undefined, staff: undefined });
    expect(operations.map((o) => o.collection).sort()).toEqual(['profiles', 'relationships']);
  });
});
