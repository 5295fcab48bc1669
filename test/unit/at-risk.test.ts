import { DateTime } from 'luxon';
import {
  AT_RISK_KINDS,
  atRiskReasons,
  compareRisk,
  hasNewSince,
  reasonsStamp,
  type AtRiskFacts,
  type AtRiskReason,
} from '../../src/domain/at-risk';
import { meetingDate } from '../../src/domain/meetings';

const ZONE = 'America/Chicago';
const settings = { quietDays: 21, requestWaitingDays: 7, pauseGraceDays: 7, zone: ZONE };
/** Noon in Chicago on a day. */
const at = (day: string): DateTime => DateTime.fromISO(`${day}T12:00:00`, { zone: ZONE });
const instant = (day: string) => at(day).toJSDate();
const NOW = at('2026-06-01');

/** A stage 3 pair introduced on 1 May that met on 25 May: nothing wrong on 1 June. */
const healthy: AtRiskFacts = {
  status: 'stage3',
  requestedAt: instant('2026-04-28'),
  introducedAt: instant('2026-05-01'),
  formalEndDate: '2026-09-30',
  checkInDates: ['2026-05-20', '2026-07-01', '2026-08-01'],
  answeredCheckIns: ['2026-05-20'],
  lastMeeting: '2026-05-25',
  latestCheckIn: { at: instant('2026-05-20'), statuses: [{ goalIndex: 0, status: 'on_track' }] },
};
const reasonsOf = (facts: Partial<AtRiskFacts>, now: DateTime = NOW) =>
  atRiskReasons({ ...healthy, ...facts }, now, settings);

describe('relationships at risk: the reasons', () => {
  it('a pair that meets and checks in on time has no reason', () => {
    expect(reasonsOf({})).toEqual([]);
  });

  it.each<[string, Partial<AtRiskFacts>, DateTime, AtRiskReason[]]>([
    [
      'no meeting or check-in for 21 days, counted from the latest meeting',
      { lastMeeting: '2026-05-08', latestCheckIn: undefined, answeredCheckIns: [], checkInDates: [] },
      at('2026-05-29'),
      [{ kind: 'quiet', asOf: '2026-05-08', since: '2026-05-08', days: 21 }],
    ],
    [
      'quiet counted from the latest check-in when it is later than any meeting',
      {
        lastMeeting: '2026-05-02',
        latestCheckIn: { at: instant('2026-05-10'), statuses: [] },
        checkInDates: [],
      },
      at('2026-06-02'),
      [{ kind: 'quiet', asOf: '2026-05-10', since: '2026-05-10', days: 23 }],
    ],
    [
      'quiet counted from the introduction when nothing was ever logged',
      { status: 'introduced', lastMeeting: undefined, latestCheckIn: undefined, formalEndDate: undefined },
      at('2026-05-22'),
      [{ kind: 'quiet', asOf: '2026-05-01', since: '2026-05-01', days: 21 }],
    ],
    [
      'a request waiting on the mentor for a week',
      { status: 'requested', requestedAt: instant('2026-05-25') },
      NOW,
      [{ kind: 'request_waiting', asOf: '2026-05-25', since: '2026-05-25', days: 7 }],
    ],
    [
      'check-in dates passed with no check-in (in order, the latest one dates it)',
      { checkInDates: ['2026-05-29', '2026-05-20', '2026-05-10'], answeredCheckIns: ['2026-05-20'] },
      NOW,
      [{ kind: 'check_in_missed', asOf: '2026-05-29', dates: ['2026-05-10', '2026-05-29'] }],
    ],
    [
      'a goal marked at risk in the latest check-in (goals numbered from 1)',
      {
        latestCheckIn: {
          at: instant('2026-05-20'),
          statuses: [
            { goalIndex: 2, status: 'at_risk' },
            { goalIndex: 0, status: 'at_risk' },
            { goalIndex: 1, status: 'done' },
          ],
        },
      },
      NOW,
      [{ kind: 'goal_at_risk', asOf: '2026-05-20', goals: [1, 3] }],
    ],
    [
      'the formal end passed with no close-out',
      { status: 'stage4', formalEndDate: '2026-05-29' },
      NOW,
      [{ kind: 'end_passed', asOf: '2026-05-29', formalEndDate: '2026-05-29', daysOver: 3 }],
    ],
    [
      'prompts parked in the outbox',
      { parkedPrompts: { count: 2, latestAt: instant('2026-05-30') } },
      NOW,
      [{ kind: 'prompts_parked', asOf: '2026-05-30', count: 2 }],
    ],
    [
      'a pause that ended a week ago with nothing since',
      { pausedAt: instant('2026-05-04'), pausedUntil: instant('2026-05-25'), lastMeeting: '2026-05-01' },
      NOW,
      [{ kind: 'pause_overrun', asOf: '2026-05-25', plannedUntil: '2026-05-25', daysOver: 7 }],
    ],
  ])('%s', (_, facts, now, expected) => {
    expect(reasonsOf(facts, now)).toEqual(expected);
  });

  it.each<[string, Partial<AtRiskFacts>, DateTime]>([
    [
      'twenty days of quiet is not yet quiet',
      { lastMeeting: '2026-05-08', latestCheckIn: undefined, checkInDates: [] },
      at('2026-05-28'),
    ],
    ['a request waiting six days', { status: 'requested', requestedAt: instant('2026-05-26') }, NOW],
    ['a check-in date that is today', { checkInDates: ['2026-06-01'], answeredCheckIns: [] }, NOW],
    ['the formal end is today', { formalEndDate: '2026-06-01' }, NOW],
    [
      'a pause still running: no quiet, no missed check-in inside it',
      {
        lastMeeting: '2026-04-01',
        latestCheckIn: undefined,
        pausedAt: instant('2026-05-04'),
        pausedUntil: instant('2026-06-15'),
        checkInDates: ['2026-05-20'],
        answeredCheckIns: [],
      },
      NOW,
    ],
    [
      'a pause that ended six days ago',
      { pausedAt: instant('2026-05-04'), pausedUntil: instant('2026-05-26') },
      NOW,
    ],
    [
      'a pause followed by a meeting',
      { pausedAt: instant('2026-05-04'), pausedUntil: instant('2026-05-18'), lastMeeting: '2026-05-20' },
      NOW,
    ],
    [
      'a finished relationship, whatever its dates',
      { status: 'completed', formalEndDate: '2026-01-01', lastMeeting: '2025-01-01' },
      NOW,
    ],
    [
      'an ended one',
      { status: 'ended_early', parkedPrompts: { count: 3, latestAt: instant('2026-05-30') } },
      NOW,
    ],
  ])('no reason: %s', (_, facts, now) => {
    expect(reasonsOf(facts, now)).toEqual([]);
  });

  it('several reasons come worst first, in the severity order', () => {
    const reasons = reasonsOf(
      {
        status: 'stage4',
        formalEndDate: '2026-05-29',
        lastMeeting: '2026-04-01',
        latestCheckIn: { at: instant('2026-04-01'), statuses: [{ goalIndex: 0, status: 'at_risk' }] },
        checkInDates: ['2026-05-20'],
        answeredCheckIns: [],
        parkedPrompts: { count: 1, latestAt: instant('2026-05-30') },
      },
      NOW,
    );
    expect(reasons.map((r) => r.kind)).toEqual([
      'quiet',
      'prompts_parked',
      'check_in_missed',
      'goal_at_risk',
      'end_passed',
    ]);
    expect(AT_RISK_KINDS).toEqual([
      'quiet',
      'request_waiting',
      'prompts_parked',
      'check_in_missed',
      'pause_overrun',
      'goal_at_risk',
      'end_passed',
    ]);
  });
});

describe('relationships at risk: the order of the list', () => {
  const quiet: AtRiskReason = { kind: 'quiet', asOf: '2026-05-01', since: '2026-05-01', days: 31 };
  const missed: AtRiskReason = { kind: 'check_in_missed', asOf: '2026-05-20', dates: ['2026-05-20'] };
  const missedEarlier: AtRiskReason = { kind: 'check_in_missed', asOf: '2026-05-02', dates: ['2026-05-02'] };
  const end: AtRiskReason = {
    kind: 'end_passed',
    asOf: '2026-05-29',
    formalEndDate: '2026-05-29',
    daysOver: 3,
  };

  it.each<[string, AtRiskReason[], AtRiskReason[]]>([
    ['the worse first reason comes first', [quiet], [missed, end]],
    ['with the same worst reason, more reasons come first', [missed, end], [missed]],
    ['with the same reasons, the older trouble comes first', [missedEarlier], [missed]],
  ])('%s', (_, first, second) => {
    expect(compareRisk(first, second)).toBeLessThan(0);
    expect(compareRisk(second, first)).toBeGreaterThan(0);
  });
});

describe('marked handled: hidden until something new happens', () => {
  const missed: AtRiskReason = { kind: 'check_in_missed', asOf: '2026-05-20', dates: ['2026-05-20'] };
  const mark = {
    relationshipId: 'r1',
    handledBy: 'USTAFF',
    handledAt: instant('2026-05-22'),
    reasons: [{ kind: 'check_in_missed', asOf: '2026-05-20' }],
  };

  it.each<[string, AtRiskReason[], boolean]>([
    ['the same reasons and dates: still handled', [missed], false],
    [
      'a newer date for the same reason: new',
      [{ kind: 'check_in_missed', asOf: '2026-05-29', dates: ['2026-05-20', '2026-05-29'] }],
      true,
    ],
    [
      'a reason it did not have: new',
      [missed, { kind: 'goal_at_risk', asOf: '2026-05-21', goals: [1] }],
      true,
    ],
    ['fewer reasons than when handled: still handled', [], false],
  ])('%s', (_, reasons, expected) => {
    expect(hasNewSince(reasons, mark)).toBe(expected);
  });

  it('without a mark every reason is new', () => {
    expect(hasNewSince([missed], undefined)).toBe(true);
  });

  it('the buttons’ stamp changes with the reasons and their dates, and only then', () => {
    expect(reasonsStamp([missed])).toBe(reasonsStamp([{ ...missed, dates: ['2026-05-20'] }]));
    expect(reasonsStamp([missed])).not.toBe(reasonsStamp([{ ...missed, asOf: '2026-05-29' }]));
    expect(reasonsStamp([missed])).not.toBe(reasonsStamp([]));
  });
});

describe('the day a meeting is logged for', () => {
  it.each<[string, string | undefined, ReturnType<typeof meetingDate>]>([
    ['nothing: today', undefined, { ok: true, date: '2026-03-05' }],
    ['today', 'today', { ok: true, date: '2026-03-05' }],
    ['yesterday', 'Yesterday', { ok: true, date: '2026-03-04' }],
    ['a date since the start', '2026-03-02', { ok: true, date: '2026-03-02' }],
    ['a date without leading zeros', '2026-3-3', { ok: true, date: '2026-03-03' }],
    ['the day the relationship started', '2026-03-01', { ok: true, date: '2026-03-01' }],
    ['tomorrow', '2026-03-06', { ok: false, refusal: 'future_date' }],
    ['before the relationship started', '2026-02-28', { ok: false, refusal: 'before_start' }],
    ['not a date', 'last week', { ok: false, refusal: 'date_usage' }],
    ['an impossible date', '2026-02-30', { ok: false, refusal: 'date_usage' }],
  ])('%s', (_, given, expected) => {
    expect(meetingDate(given, '2026-03-05', '2026-03-01')).toEqual(expected);
  });
});
