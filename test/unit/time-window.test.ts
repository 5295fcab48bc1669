import { DateTime } from 'luxon';
import { DeliveryWindowRule, nextDeliveryTime } from '../../src/domain/time-window';

const rule: DeliveryWindowRule = {
  localHour: 10,
  workStartHour: 9,
  workEndHour: 17,
  wakingStartHour: 8,
  wakingEndHour: 21,
};
const CHICAGO = 'America/Chicago';
const TOKYO = 'Asia/Tokyo';
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const LOS_ANGELES = 'America/Los_Angeles';
const AUCKLAND = 'Pacific/Auckland';
const SYDNEY = 'Australia/Sydney';
const KOLKATA = 'Asia/Kolkata';
/** A zone twelve hours ahead of UTC all year. */
const TWELVE_AHEAD = 'Etc/GMT-12';

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
        { ...rule, localHour: 18 },
        '2026-02-02T16:00:00.000Z', // 11:00 EST, 16:00 GMT
      ],
    ])('%s', (_name, local, zones, r, expected) => {
      expect(deliver(at(local, zones[0] ?? ''), zones, r)).toBe(expected);
    });
  });

  describe('to a pair with no shared working hour: a weekday hour both are awake for (08:00–21:00), at work for one if possible', () => {
    it.each([
      [
        'Chicago and Tokyo: 18:00 in Chicago, 09:00 on Tuesday in Tokyo (not the mentee’s 10:00, midnight there)',
        '2026-03-02T08:00',
        [CHICAGO, TOKYO],
        rule,
        '2026-03-03T00:00:00.000Z',
      ],
      [
        'Chicago and Tokyo, asked on the Friday before the November change: Friday evening is Saturday in Tokyo, so Monday 18:00 CST',
        '2026-10-30T14:00',
        [CHICAGO, TOKYO],
        rule,
        '2026-11-03T00:00:00.000Z',
      ],
      [
        'New York mentee, Tokyo mentor: 19:00 in New York, 09:00 at work in Tokyo',
        '2026-02-02T08:00',
        [NEW_YORK, TOKYO],
        rule,
        '2026-02-03T00:00:00.000Z',
      ],
      [
        'Tokyo mentee, New York mentor: Tuesday 10:00 in Tokyo, Monday 20:00 in New York (Monday in Tokyo is Sunday in New York)',
        '2026-02-02T08:00',
        [TOKYO, NEW_YORK],
        rule,
        '2026-02-03T01:00:00.000Z',
      ],
      [
        'New York and Tokyo, asked on a Friday: Friday evening in New York is Saturday in Tokyo, so Monday',
        '2026-02-06T08:00',
        [NEW_YORK, TOKYO],
        rule,
        '2026-02-10T00:00:00.000Z',
      ],
      [
        'New York and Tokyo in summer (13 hours apart): 20:00 EDT, 09:00 in Tokyo',
        '2026-06-01T08:00',
        [NEW_YORK, TOKYO],
        rule,
        '2026-06-02T00:00:00.000Z',
      ],
      [
        'London mentee, Sydney mentor in February: 09:00 at work in London, 20:00 in Sydney',
        '2026-02-02T07:00',
        [LONDON, SYDNEY],
        rule,
        '2026-02-02T09:00:00.000Z',
      ],
      [
        'Sydney mentee, London mentor in February: 20:00 in Sydney, 09:00 at work in London',
        '2026-02-02T07:00',
        [SYDNEY, LONDON],
        rule,
        '2026-02-02T09:00:00.000Z',
      ],
      [
        'London and Sydney in July (9 hours apart): 10:00 in London, 19:00 in Sydney',
        '2026-07-06T07:00',
        [LONDON, SYDNEY],
        rule,
        '2026-07-06T09:00:00.000Z',
      ],
      [
        'twelve hours apart, nobody’s working hours meet anyone’s waking ones: the waking hour nearest 10:00 for the mentee',
        '2026-02-02T07:00',
        [LONDON, TWELVE_AHEAD],
        rule,
        '2026-02-02T08:00:00.000Z', // 08:00 in London, 20:00 twelve hours ahead
      ],
      [
        'waking hours set no wider than working hours leave no shared hour: the mentee’s 10:00',
        '2026-03-02T08:00',
        [CHICAGO, TOKYO],
        { ...rule, wakingStartHour: 9, wakingEndHour: 17 },
        '2026-03-02T16:00:00.000Z',
      ],
    ])('%s', (_name, local, zones, r, expected) => {
      expect(deliver(at(local, zones[0] ?? ''), zones, r)).toBe(expected);
    });

    const pairs = [
      [NEW_YORK, TOKYO],
      [TOKYO, NEW_YORK],
      [CHICAGO, TOKYO],
      [LONDON, SYDNEY],
      [SYDNEY, LONDON],
      [LOS_ANGELES, AUCKLAND],
      [AUCKLAND, LOS_ANGELES],
      [KOLKATA, NEW_YORK],
      [LONDON, TWELVE_AHEAD],
      [CHICAGO, CHICAGO],
    ];
    // Every 5 hours for four weeks across March, when Europe, North America and Australasia change clocks.
    const asked = Array.from({ length: (28 * 24) / 5 }, (_, n) =>
      DateTime.fromISO('2026-03-02T00:00:00Z').plus({ hours: 5 * n }),
    );
    it.each(pairs)(
      '%s and %s: never on a weekend or at night for either, whenever it is asked',
      (...zones) => {
        for (const notBefore of asked) {
          const delivered = nextDeliveryTime(notBefore, zones, rule);
          expect(delivered >= notBefore).toBe(true);
          for (const zone of zones) {
            const local = delivered.setZone(zone);
            const hour = local.hour + local.minute / 60;
            expect([local.toISO(), local.weekday <= 5 && hour >= 8 && hour < 21]).toEqual([
              local.toISO(),
              true,
            ]);
          }
        }
      },
    );
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
      [
        'waking hours that end before they start',
        [CHICAGO, TOKYO],
        { ...rule, wakingStartHour: 21, wakingEndHour: 8 },
      ],
    ])('%s', (_name, zones, r) => {
      expect(() => nextDeliveryTime(at('2026-03-02T08:00', CHICAGO), zones, r)).toThrow(RangeError);
    });
  });
});
