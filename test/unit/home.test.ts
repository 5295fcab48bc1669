import { DateTime } from 'luxon';
import {
  goalProgress,
  homeRelationship,
  statusTally,
  type CheckInFacts,
  type GoalVersionFacts,
  type HomeRelationshipFacts,
} from '../../src/domain/home';

const goal = (
  specific: string,
  completeBy = '2026-08-14',
  checkIns = ['2026-04-15', '2026-05-15', '2026-06-15'],
) => ({
  specific,
  completeBy,
  checkIns,
});
const v = (version: number, ...goals: ReturnType<typeof goal>[]): GoalVersionFacts => ({ version, goals });
const checkIn = (
  goalFormVersion: number,
  at: string,
  statuses: CheckInFacts['statuses'][number]['status'][],
  dueDate?: string,
): CheckInFacts => ({
  goalFormVersion,
  at: new Date(at),
  dueDate,
  statuses: statuses.map((status, goalIndex) => ({ goalIndex, status })),
});

describe('each goal’s latest status', () => {
  it.each<[string, GoalVersionFacts[], CheckInFacts[], (string | undefined)[]]>([
    ['no goals written: nothing to show', [], [], []],
    ['goals but no check-in yet: no status', [v(1, goal('A'), goal('B'))], [], [undefined, undefined]],
    [
      'the latest check-in wins, whatever order they come in',
      [v(1, goal('A'))],
      [checkIn(1, '2026-04-10T15:00:00Z', ['on_track']), checkIn(1, '2026-05-10T15:00:00Z', ['at_risk'])],
      ['at_risk'],
    ],
    [
      'a goal kept through a new version (dates moved) keeps its status',
      [v(1, goal('A'), goal('B')), v(2, goal('A', '2026-09-01'), goal('B'))],
      [checkIn(1, '2026-04-10T15:00:00Z', ['done', 'at_risk'])],
      ['done', 'at_risk'],
    ],
    [
      'a goal moved to another place keeps its own status',
      [v(1, goal('A'), goal('B')), v(2, goal('B'), goal('A'))],
      [checkIn(1, '2026-04-10T15:00:00Z', ['done', 'at_risk'])],
      ['at_risk', 'done'],
    ],
    [
      'a goal replaced (or rewritten) starts without one; the others keep theirs',
      [v(1, goal('A'), goal('B')), v(2, goal('A'), goal('C'))],
      [checkIn(1, '2026-04-10T15:00:00Z', ['on_track', 'at_risk'])],
      ['on_track', undefined],
    ],
    [
      'a goal added after the last check-in has none; an earlier rating still holds for the rest',
      [v(1, goal('A')), v(2, goal('A'), goal('B'))],
      [checkIn(1, '2026-04-10T15:00:00Z', ['not_started'])],
      ['not_started', undefined],
    ],
    [
      'a newer check-in that did not rate a goal leaves the older rating of it',
      [v(1, goal('A'), goal('B')), v(2, goal('A')), v(3, goal('A'), goal('B'))],
      [
        checkIn(1, '2026-04-10T15:00:00Z', ['on_track', 'done']),
        checkIn(2, '2026-05-10T15:00:00Z', ['at_risk']),
      ],
      ['at_risk', 'done'],
    ],
    [
      'a check-in against a version no longer known rates nothing',
      [v(2, goal('A'))],
      [checkIn(1, '2026-04-10T15:00:00Z', ['done'])],
      [undefined],
    ],
  ])('%s', (_, versions, checkIns, expected) => {
    expect(goalProgress(versions, checkIns, 'UTC').map((g) => g.status)).toEqual(expected);
  });

  it('gives each goal its words, complete-by day and the day it was rated, in the mentee’s calendar', () => {
    const progress = goalProgress(
      [v(1, goal('Land an internship', '2026-08-14'))],
      // 02:30 UTC on 11 April is still 10 April in Chicago.
      [checkIn(1, '2026-04-11T02:30:00Z', ['on_track'])],
      'America/Chicago',
    );
    expect(progress).toEqual([
      { title: 'Land an internship', completeBy: '2026-08-14', status: 'on_track', ratedOn: '2026-04-10' },
    ]);
  });
});

describe('one relationship on App Home', () => {
  const relationship = {
    mentorId: 'UMENTOR',
    menteeId: 'UMENTEE',
    status: 'stage3' as const,
    formalEndDate: '2026-08-14',
  };
  const facts = (over: Partial<HomeRelationshipFacts> = {}): HomeRelationshipFacts => ({
    relationship,
    partnerName: 'Partner',
    goalVersions: [v(1, goal('Land an internship'), goal('Grow my network', '2026-07-31', ['2026-04-20']))],
    checkIns: [checkIn(1, '2026-04-14T15:00:00Z', ['on_track', 'at_risk'], '2026-04-15')],
    lastMeeting: '2026-04-02',
    menteeZone: 'America/Chicago',
    ...over,
  });
  // 03:00 UTC on 21 April: still 20 April in Chicago, so 20 April is today there, not late.
  const now = DateTime.fromISO('2026-04-21T03:00:00Z', { zone: 'utc' });

  it('the mentee sees their mentor, each goal with its words and status, and the dates in their calendar', () => {
    expect(homeRelationship(facts(), 'mentee', now, 'America/Chicago')).toEqual({
      partnerId: 'UMENTOR',
      partnerName: 'Partner',
      status: 'stage3',
      goals: 2,
      formalEndDate: '2026-08-14',
      nextCheckIn: '2026-04-20',
      lateCheckIns: [],
      lastMeeting: '2026-04-02',
      pausedUntil: undefined,
      today: '2026-04-20',
      goalProgress: [
        { title: 'Land an internship', completeBy: '2026-08-14', status: 'on_track', ratedOn: '2026-04-14' },
        { title: 'Grow my network', completeBy: '2026-07-31', status: 'at_risk', ratedOn: '2026-04-14' },
      ],
    });
  });

  it('the mentor sees the mentee and the goals’ statuses and dates, never their words', () => {
    const seen = homeRelationship(facts(), 'mentor', now, 'America/Chicago');
    expect(seen.partnerId).toBe('UMENTEE');
    expect(seen.goalProgress).toEqual([
      { completeBy: '2026-08-14', status: 'on_track', ratedOn: '2026-04-14' },
      { completeBy: '2026-07-31', status: 'at_risk', ratedOn: '2026-04-14' },
    ]);
    expect(JSON.stringify(seen)).not.toContain('internship');
  });

  it('a day later in the mentee’s calendar, the unanswered date is late and the next one follows', () => {
    const later = DateTime.fromISO('2026-04-21T15:00:00Z', { zone: 'utc' });
    expect(homeRelationship(facts(), 'mentee', later, 'UTC')).toMatchObject({
      lateCheckIns: ['2026-04-20'],
      nextCheckIn: '2026-05-15',
    });
  });

  it('before the goals: no goals, no check-in dates, no meeting; a pause shows until its day, then not', () => {
    const paused = {
      ...relationship,
      status: 'stage1' as const,
      formalEndDate: undefined,
      pausedUntil: new Date('2026-05-01T05:00:00Z'),
    };
    const seen = homeRelationship(
      facts({
        relationship: paused,
        goalVersions: [],
        checkIns: [],
        lastMeeting: undefined,
        partnerName: undefined,
      }),
      'mentee',
      now,
      'America/Chicago',
    );
    expect(seen).toMatchObject({
      goals: 0,
      goalProgress: [],
      nextCheckIn: undefined,
      lateCheckIns: [],
      lastMeeting: undefined,
      partnerName: '',
      pausedUntil: '2026-05-01',
    });
    const after = DateTime.fromISO('2026-05-02T00:00:00Z', { zone: 'utc' });
    expect(
      homeRelationship(facts({ relationship: paused }), 'mentee', after, 'UTC').pausedUntil,
    ).toBeUndefined();
  });
});

describe('the statuses counted', () => {
  it('counts each latest status, and goals not checked in yet', () => {
    expect(
      statusTally([
        { completeBy: '', status: 'on_track' },
        { completeBy: '', status: 'on_track' },
        { completeBy: '', status: 'done' },
        { completeBy: '' },
      ]),
    ).toEqual({ on_track: 2, done: 1, unrated: 1 });
  });
});
