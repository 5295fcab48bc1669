import { DateTime } from 'luxon';
import { isWorkingDay, proposeCheckInDates } from '../../src/domain/check-in-dates';

const CHICAGO = 'America/Chicago';

describe('proposing check-in dates', () => {
  describe('evenly spaced working days between today and the complete-by date', () => {
    it.each([
      [
        'a three-month goal gets check-ins at a quarter, half and three quarters of the way',
        '2026-01-05',
        '2026-04-06',
        CHICAGO,
        ['2026-01-28', '2026-02-20', '2026-03-16'], // the last one falls on a Saturday: moved to Monday
      ],
      [
        'the March clock change in Chicago does not shift a date',
        '2026-03-02',
        '2026-03-14',
        CHICAGO,
        ['2026-03-05', '2026-03-09', '2026-03-11'], // Sunday 8 March (the change) moves to Monday
      ],
      [
        'the November clock change in Chicago does not shift a date',
        '2026-10-26',
        '2026-11-09',
        CHICAGO,
        ['2026-10-30', '2026-11-02', '2026-11-06'],
      ],
      [
        'a goal running over New Year',
        '2026-12-14',
        '2027-01-25',
        CHICAGO,
        ['2026-12-25', '2027-01-04', '2027-01-15'],
      ],
      [
        'a mentee in Tokyo',
        '2026-04-01',
        '2026-05-01',
        'Asia/Tokyo',
        ['2026-04-09', '2026-04-16', '2026-04-24'],
      ],
      [
        'a crowded week squeezes the dates together rather than repeat or overrun one',
        '2026-03-02',
        '2026-03-09',
        CHICAGO,
        ['2026-03-04', '2026-03-05', '2026-03-06'],
      ],
      [
        'exactly three working days between: all three are used',
        '2026-03-02',
        '2026-03-06',
        CHICAGO,
        ['2026-03-03', '2026-03-04', '2026-03-05'],
      ],
    ])('%s', (_name, today, completeBy, zone, expected) => {
      expect(proposeCheckInDates(today, completeBy, zone)).toEqual(expected);
    });
  });

  describe('when three dates do not fit (the caller shows an error)', () => {
    it.each([
      [
        'only a weekend and two working days between',
        '2026-03-06',
        '2026-03-11',
        CHICAGO,
        ['2026-03-09', '2026-03-10'],
      ],
      ['the complete-by date is tomorrow', '2026-03-02', '2026-03-03', CHICAGO, []],
      ['the complete-by date is today', '2026-03-02', '2026-03-02', CHICAGO, []],
      ['the complete-by date has passed', '2026-03-02', '2026-02-01', CHICAGO, []],
      ['the complete-by date is not a date', '2026-03-02', '2026-02-30', CHICAGO, []],
      ['today is not a date', 'soon', '2026-06-01', CHICAGO, []],
      ['the time zone is unknown', '2026-03-02', '2026-06-01', 'Mars/Olympus_Mons', []],
    ])('%s', (_name, today, completeBy, zone, expected) => {
      expect(proposeCheckInDates(today, completeBy, zone)).toEqual(expected);
    });
  });

  describe('always keeps the rules, whatever the span', () => {
    const start = DateTime.fromISO('2026-02-20');
    const cases = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 30, 61, 90, 200, 365].flatMap((span) =>
      [0, 3, 5, 6, 16, 253, 310].map((shift) => {
        const today = start.plus({ days: shift });
        return [today.toISODate() ?? '', today.plus({ days: span }).toISODate() ?? ''] as const;
      }),
    );

    it.each(cases)('from %s to %s: working days, strictly between and increasing', (today, completeBy) => {
      const dates = proposeCheckInDates(today, completeBy, CHICAGO);
      let workingDaysBetween = 0;
      for (
        let d = DateTime.fromISO(today).plus({ days: 1 });
        d < DateTime.fromISO(completeBy);
        d = d.plus({ days: 1 })
      ) {
        if (d.weekday <= 5) workingDaysBetween++;
      }
      expect(dates).toHaveLength(Math.min(3, workingDaysBetween));
      let previous = today;
      for (const date of dates) {
        expect(isWorkingDay(date)).toBe(true);
        expect(date > previous).toBe(true);
        expect(date < completeBy).toBe(true);
        previous = date;
      }
    });
  });
});

describe('working days', () => {
  it.each([
    ['2026-03-06', true], // Friday
    ['2026-03-07', false], // Saturday
    ['2026-03-08', false], // Sunday, the day the clocks change in Chicago
    ['2026-03-09', true], // Monday
    ['2027-01-01', true], // New Year's Day, a Friday: public holidays are not considered
    ['2026-02-30', false],
    ['next week', false],
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});
