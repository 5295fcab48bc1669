import { DateTime } from 'luxon';
import { DeliveryWindowRule, nextDeliveryTime } from '../../src/domain/time-window';

const rule: DeliveryWindowRule = { localHour: 10, workStartHour: 9, workEndHour: 17 };
const CHICAGO = 'America/Chicago';
const TOKYO = 'Asia/Tokyo';
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const LOS_ANGELES = 'America/Los_Angeles';
const AUCKLAND = 'Pacific/Auckland';

/** A local wall-clock time in a zone, written the way a person would say it. */
const at = (local: string, zone: string) => DateTime.fromISO(local, { zone });
const deliver = (notBefore: DateTime, zones: string[], r = rule) =>
  nextDeliveryTime(notBefore, zones, r).toISO();

describe('when a prompt is delivered', () => {
  describe('to one person: 10:00 on their next working day', () => {
    it.each([
      [
        'just before 10:00 on a Monday: that morning',
        '2026-03-02T09:59',
        CHICAGO,
        '2026-03-02T16:00:00.000Z',
      ],
      ['at 10:00 exactly: straight away', '2026-03-02T10:00', CHICAGO, '2026-03-02T16:00:00.000Z'],
      ['a second after 10:00: the next day', '2026-03-02T10:00:01', CHICAGO, '2026-03-03T16:00:00.000Z'],
      [
        'on a Friday afternoon: Monday, after the clocks go forward in March',
        '2026-03-06T15:00',
        CHICAGO,
        '2026-03-09T15:00:00.000Z', // 10:00 CDT
      ],
      [
        'on a Friday afternoon: Monday, after the clocks go back in November',
        '2026-10-30T14:00',
        CHICAGO,
        '2026-11-02T16:00:00.000Z', // 10:00 CST
      ],
      ['on a Saturday: Monday', '2026-03-07T08:00', CHICAGO, '2026-03-09T15:00:00.000Z'],
      [
        'in Tokyo on a Friday afternoon: Monday 10:00 in Tokyo',
        '2026-03-06T15:00',
        TOKYO,
        '2026-03-09T01:00:00.000Z',
      ],
      [
        'on New Year’s Eve evening: the next working day, in the new year',
        '2026-12-31T18:00',
        CHICAGO,
        '2027-01-01T16:00:00.000Z',
      ],
    ])('asked %s', (_name, local, zone, expected) => {
      expect(deliver(at(local, zone), [zone])).toBe(expected);
    });

    it('reads "not before" in any zone: Tuesday morning in Tokyo is still Monday in Chicago', () => {
      expect(deliver(at('2026-03-03T09:00', TOKYO), [CHICAGO])).toBe('2026-03-03T16:00:00.000Z');
    });

    it('uses the configured hour', () => {
      expect(deliver(at('2026-03-02T06:00', CHICAGO), [CHICAGO], { ...rule, localHour: 8 })).toBe(
        '2026-03-02T14:00:00.000Z',
      );
    });

    it('answers in UTC', () => {
      expect(nextDeliveryTime(at('2026-03-02T09:00', TOKYO), [TOKYO], rule).zoneName).toBe('UTC');
    });
  });

  describe('to a pair: an hour inside both people’s working day, as close to 10:00 for the mentee as possible', () => {
    it.each([
      [
        'New York and London share the morning in New York: 10:00 there',
        '2026-02-02T08:00',
        [NEW_YORK, LONDON],
        rule,
        '2026-02-02T15:00:00.000Z', // 10:00 EST, 15:00 GMT
      ],
      [
        'London mentee, New York mentor: the first shared hour, 14:00 in London',
        '2026-02-02T07:00',
        [LONDON, NEW_YORK],
        rule,
        '2026-02-02T14:00:00.000Z', // 14:00 GMT, 09:00 EST
      ],
      [
        'between the US and UK clock changes the gap is 4 hours: 13:00 in London',
        '2026-03-09T07:00',
        [LONDON, NEW_YORK],
        rule,
        '2026-03-09T13:00:00.000Z', // 13:00 GMT, 09:00 EDT
      ],
      [
        'once both have changed the gap is 5 hours again: 14:00 in London',
        '2026-04-06T07:00',
        [LONDON, NEW_YORK],
        rule,
        '2026-04-06T13:00:00.000Z', // 14:00 BST, 09:00 EDT
      ],
      [
        'asked mid-afternoon: the next shared hour that day',
        '2026-02-02T15:30',
        [LONDON, NEW_YORK],
        rule,
        '2026-02-02T16:00:00.000Z',
      ],
      [
        'asked after the last shared hour: the next day',
        '2026-02-02T16:30',
        [LONDON, NEW_YORK],
        rule,
        '2026-02-03T14:00:00.000Z',
      ],
      [
        'asked on a Friday afternoon: Monday',
        '2026-02-06T16:30',
        [LONDON, NEW_YORK],
        rule,
        '2026-02-09T14:00:00.000Z',
      ],
      [
        'Chicago and Tokyo never share working hours: 10:00 for the mentee in Chicago',
        '2026-03-02T08:00',
        [CHICAGO, TOKYO],
        rule,
        '2026-03-02T16:00:00.000Z',
      ],
      [
        'Chicago and Tokyo after the November change: still 10:00 in Chicago',
        '2026-10-30T14:00',
        [CHICAGO, TOKYO],
        rule,
        '2026-11-02T16:00:00.000Z',
      ],
      [
        'a Friday in Los Angeles is a Saturday in Auckland, so the pair waits for Monday',
        '2026-02-06T08:00',
        [LOS_ANGELES, AUCKLAND],
        rule,
        '2026-02-09T20:00:00.000Z', // 12:00 PST Monday, 09:00 NZDT Tuesday
      ],
      [
        'both people in the same zone: 10:00',
        '2026-03-02T08:00',
        [CHICAGO, CHICAGO],
        rule,
        '2026-03-02T16:00:00.000Z',
      ],
      [
        'a mentee whose preferred hour is after work: the closest shared hour',
        '2026-02-02T07:00',
        [NEW_YORK, LONDON],
        { localHour: 18, workStartHour: 9, workEndHour: 17 },
        '2026-02-02T16:00:00.000Z', // 11:00 EST, 16:00 GMT
      ],
    ])('%s', (_name, local, zones, r, expected) => {
      expect(deliver(at(local, zones[0] ?? ''), zones, r)).toBe(expected);
    });
  });

  describe('refuses arguments it cannot honour', () => {
    it.each([
      ['no recipient zone', [], rule],
      ['an unknown zone', ['Mars/Olympus_Mons'], rule],
      [
        'working hours that end before they start',
        [CHICAGO, TOKYO],
        { ...rule, workStartHour: 17, workEndHour: 9 },
      ],
      ['an hour that is not on the clock', [CHICAGO], { ...rule, localHour: 25 }],
    ])('%s', (_name, zones, r) => {
      expect(() => nextDeliveryTime(at('2026-03-02T08:00', CHICAGO), zones, r)).toThrow(RangeError);
    });
  });
});
