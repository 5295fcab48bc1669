import { DateTime } from 'luxon';
import {
  DEFAULT_DIGEST_SCHEDULE,
  DEFAULT_DIGEST_SETTINGS,
  digestDue,
  digestHeadline,
  parseDigestSchedule,
  weeklyDigest,
  type DigestFacts,
} from '../../src/domain/weekly-digest';

const ZONE = 'America/Chicago';
const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('parseDigestSchedule', () => {
  it.each([
    ['monday 09:00', { weekday: 1, hour: 9, minute: 0 }],
    ['Mon 9:00', { weekday: 1, hour: 9, minute: 0 }],
    ['  FRIDAY   16 ', { weekday: 5, hour: 16, minute: 0 }],
    ['sun 23:59', { weekday: 7, hour: 23, minute: 59 }],
    ['wednesday 0:30', { weekday: 3, hour: 0, minute: 30 }],
    ['off', 'off'],
    ['OFF', 'off'],
  ])('reads %j', (text, expected) => expect(parseDigestSchedule(text)).toEqual(expected));

  it.each([
    '',
    'monday',
    '09:00',
    'someday 09:00',
    'tues 09:00',
    'monday 24:00',
    'monday 9:60',
    'monday 9am',
  ])('refuses %j', (text) => expect(parseDigestSchedule(text)).toBeUndefined());
});

describe('digestDue: once per ISO week in the program zone, from the configured moment', () => {
  const monday9 = DEFAULT_DIGEST_SCHEDULE;
  it.each([
    // now (UTC), schedule, expected week (undefined: not due)
    ['2026-03-02T14:59:00Z', monday9, undefined], // Monday 08:59 CST
    ['2026-03-02T15:00:00Z', monday9, '2026-W10'], // Monday 09:00 CST
    ['2026-03-04T12:00:00Z', monday9, '2026-W10'], // the bot was down on Monday: still this week
    ['2026-03-09T04:59:00Z', monday9, '2026-W10'], // Sunday 23:59 CDT, the last minute of the week
    ['2026-03-09T13:59:00Z', monday9, undefined], // next Monday 08:59 CDT: last week's is not sent now
    ['2026-03-09T14:00:00Z', monday9, '2026-W11'], // 09:00 CDT after the spring clock change
    ['2026-11-02T14:59:00Z', monday9, undefined], // 08:59 CST after the autumn change
    ['2026-11-02T15:00:00Z', monday9, '2026-W45'],
    ['2027-01-01T15:00:00Z', monday9, '2026-W53'], // a Friday in 2027 that belongs to 2026's last week
    ['2027-01-04T15:00:00Z', monday9, '2027-W01'],
    ['2026-03-09T00:59:00Z', { weekday: 7, hour: 20, minute: 0 }, undefined], // Sunday 19:59 CDT
    ['2026-03-09T01:00:00Z', { weekday: 7, hour: 20, minute: 0 }, '2026-W10'], // Sunday 20:00 CDT
    ['2026-03-09T05:00:00Z', { weekday: 7, hour: 20, minute: 0 }, undefined], // Monday 00:00: a new week
    // 02:30 does not exist on the spring-forward night: the first moment after the gap (03:30 CDT).
    ['2026-03-08T08:29:00Z', { weekday: 7, hour: 2, minute: 30 }, undefined],
    ['2026-03-08T08:30:00Z', { weekday: 7, hour: 2, minute: 30 }, '2026-W10'],
  ])('at %s (%j): %s', (now, schedule, week) => {
    expect(digestDue(utc(now), ZONE, schedule)?.week).toBe(week);
  });

  it('is due at the configured local hour in another zone', () => {
    expect(digestDue(utc('2026-03-01T23:59:00Z'), 'Asia/Tokyo', monday9)).toBeUndefined();
    expect(digestDue(utc('2026-03-02T00:00:00Z'), 'Asia/Tokyo', monday9)?.week).toBe('2026-W10');
  });
});

describe('weeklyDigest', () => {
  const now = utc('2026-03-09T14:00:00Z'); // Monday 09:00 CDT
  const settings = { ...DEFAULT_DIGEST_SETTINGS, zone: ZONE };
  const base: DigestFacts = {
    applications: [],
    relationships: [],
    atRisk: { entries: [], handledHidden: 0 },
    retentionErased: { relationships: 0, fields: 0 },
  };

  it('an empty program: zeros, every open stage listed', () => {
    expect(weeklyDigest(base, now, settings)).toEqual({
      week: '2026-W11',
      from: '2026-03-02',
      asOf: '2026-03-09',
      newApplications: { mentor: 0, mentee: 0 },
      waitingApplications: { count: 0, byRole: { mentor: 0, mentee: 0 }, overAWeek: 0, oldest: [] },
      waitingRequests: { count: 0, overAWeek: 0, oldest: undefined },
      atRisk: { count: 0, handledHidden: 0, top: [] },
      endingSoon: { count: 0, withinDays: 14, listed: [] },
      stages: { introduced: 0, stage1: 0, stage2: 0, stage3: 0, stage4: 0 },
      retentionErased: { relationships: 0, fields: 0 },
    });
  });

  it('counts the week’s applications, the waiting ones oldest first with their age, and requests', () => {
    const digest = weeklyDigest(
      {
        ...base,
        applications: [
          { userId: 'U3', role: 'mentee', status: 'submitted', createdAt: new Date('2026-03-08T12:00:00Z') },
          { userId: 'U1', role: 'mentor', status: 'submitted', createdAt: new Date('2026-02-20T12:00:00Z') },
          { userId: 'U2', role: 'mentee', status: 'approved', createdAt: new Date('2026-03-03T12:00:00Z') },
          // Exactly seven days ago is last week's.
          { userId: 'U4', role: 'mentee', status: 'declined', createdAt: new Date('2026-03-02T14:00:00Z') },
        ],
        relationships: [
          {
            mentorId: 'M1',
            menteeId: 'S1',
            status: 'requested',
            requestedAt: new Date('2026-03-01T12:00:00Z'),
          },
          {
            mentorId: 'M2',
            menteeId: 'S2',
            status: 'requested',
            requestedAt: new Date('2026-03-06T12:00:00Z'),
          },
          { mentorId: 'M3', menteeId: 'S3', status: 'stage2', requestedAt: new Date('2026-01-01T12:00:00Z') },
        ],
      },
      now,
      settings,
    );
    expect(digest.newApplications).toEqual({ mentor: 0, mentee: 2 });
    expect(digest.waitingApplications).toEqual({
      count: 2,
      byRole: { mentor: 1, mentee: 1 },
      overAWeek: 1,
      oldest: [
        { userId: 'U1', role: 'mentor', since: '2026-02-20', days: 17 },
        { userId: 'U3', role: 'mentee', since: '2026-03-08', days: 1 },
      ],
    });
    expect(digest.waitingRequests).toEqual({
      count: 2,
      overAWeek: 1,
      oldest: { since: '2026-03-01', days: 8 },
    });
    expect(digest.stages).toEqual({ introduced: 0, stage1: 0, stage2: 1, stage3: 0, stage4: 0 });
  });

  it('lists relationships ending from today to two weeks ahead, soonest first, and the top five at risk', () => {
    const open = (id: string, formalEndDate?: string) => ({
      mentorId: `M${id}`,
      menteeId: `S${id}`,
      status: 'stage3' as const,
      requestedAt: new Date('2026-01-01T12:00:00Z'),
      formalEndDate,
    });
    const entry = (id: string) => ({
      relationshipId: id,
      mentorId: `M${id}`,
      menteeId: `S${id}`,
      status: 'stage2' as const,
      reasons: [{ kind: 'quiet' as const }, { kind: 'check_in_missed' as const }],
    });
    const digest = weeklyDigest(
      {
        ...base,
        relationships: [
          open('a', '2026-03-08'), // passed yesterday: at risk, not "ending"
          open('b', '2026-03-23'), // the last day in range
          open('c', '2026-03-09'), // today
          open('d', '2026-03-24'), // beyond
          open('e'),
        ],
        atRisk: { entries: ['1', '2', '3', '4', '5', '6', '7'].map(entry), handledHidden: 2 },
        retentionErased: { relationships: 2, fields: 9 },
      },
      now,
      settings,
    );
    expect(digest.endingSoon).toEqual({
      count: 2,
      withinDays: 14,
      listed: [
        { mentorId: 'Mc', menteeId: 'Sc', formalEndDate: '2026-03-09' },
        { mentorId: 'Mb', menteeId: 'Sb', formalEndDate: '2026-03-23' },
      ],
    });
    expect(digest.atRisk.count).toBe(7);
    expect(digest.atRisk.handledHidden).toBe(2);
    expect(digest.atRisk.top.map((e) => e.relationshipId)).toEqual(['1', '2', '3', '4', '5']);
    expect(digest.atRisk.top[0]?.reasons).toEqual(['quiet', 'check_in_missed']);
    expect(digest.stages.stage3).toBe(5);
    expect(digest.retentionErased).toEqual({ relationships: 2, fields: 9 });
    expect(digestHeadline(digest)).toEqual({
      week: '2026-W11',
      asOf: '2026-03-09',
      atRisk: 7,
      newApplications: 0,
      waitingApplications: 0,
      oldestWaitingDays: undefined,
      waitingRequests: 0,
      endingSoon: 2,
      endingWithinDays: 14,
      stages: { introduced: 0, stage1: 0, stage2: 0, stage3: 5, stage4: 0 },
    });
  });
});
