import { DateTime, FixedOffsetZone, IANAZone, SystemZone } from 'luxon';
import { DEFAULT_WINDOW, nextDeliveryTime, type DeliveryWindowRule } from '../../src/domain/time-window';
import { rememberedZone } from '../../src/domain/zone-memo';
import { referenceDeliveryTime } from '../support/delivery-time-reference';

/**
 * Planning remembers zone offsets per hour (`zone-memo.ts`) and each zone's days and each day's candidate
 * hours (`time-window.ts`). Remembering must never change an answer: these tests compare with luxon
 * working from the zones' names, every DateTime made afresh, across clock changes of every kind.
 */

/** Zones whose clocks change in awkward ways, and some that never change. */
const ZONES = [
  'America/Chicago',
  'America/New_York',
  'Europe/London',
  'Asia/Tokyo',
  'Europe/Dublin', // "winter time" is the negative offset in the time-zone database
  'Australia/Lord_Howe', // a half-hour change
  'Australia/Adelaide', // a half-hour offset with changes
  'America/Santiago', // changes at midnight: some days have no 00:00
  'America/Havana', // changes at midnight too
  'America/St_Johns', // -03:30 / -02:30
  'Asia/Kathmandu', // +05:45
  'Asia/Kolkata',
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Auckland',
  'Africa/Casablanca', // clocks back and forward again around Ramadan
  'Etc/GMT-12',
];

/** A small, seeded generator, so a failure can be run again. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The instants in [from, to) where `zone`'s offset changes, found hour by hour with luxon. */
function clockChanges(zone: string, from: number, to: number): number[] {
  const plain = IANAZone.create(zone);
  const changes: number[] = [];
  for (let t = from; t < to; t += HOUR) {
    if (plain.offset(t) !== plain.offset(t + HOUR)) changes.push(t);
  }
  return changes;
}

const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_END = Date.UTC(2027, 0, 1);

describe('a zone that remembers its offsets', () => {
  it.each(ZONES)('%s: the same offset as luxon at every minute around each clock change of 2026', (zone) => {
    const plain = IANAZone.create(zone);
    const remembered = rememberedZone(zone);
    const changes = clockChanges(zone, YEAR_START, YEAR_END);
    const mismatches: string[] = [];
    for (const change of changes) {
      for (let t = change - 2 * HOUR; t <= change + 3 * HOUR; t += MINUTE) {
        // Both sides of a millisecond boundary, and seconds inside the minute.
        for (const at of [t - 1, t, t + 1, t + 29_999]) {
          if (remembered.offset(at) !== plain.offset(at)) mismatches.push(new Date(at).toISOString());
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each(ZONES)('%s: the same offset as luxon at random instants from 2020 to 2035', (zone) => {
    const random = seeded(zone.length * 7919);
    const plain = IANAZone.create(zone);
    const remembered = rememberedZone(zone);
    const from = Date.UTC(2020, 0, 1);
    const span = Date.UTC(2035, 0, 1) - from;
    for (let n = 0; n < 2000; n++) {
      const at = from + Math.floor(random() * span);
      expect([new Date(at).toISOString(), remembered.offset(at)]).toEqual([
        new Date(at).toISOString(),
        plain.offset(at),
      ]);
    }
  });

  it('gives luxon the same DateTimes as the zone’s name, on days with a clock change', () => {
    const cases: [string, string][] = [
      ['America/Chicago', '2026-03-08T02:30'], // skipped: 02:00-03:00 does not exist
      ['America/Chicago', '2026-11-01T01:30'], // happens twice
      ['Europe/London', '2026-03-29T01:30'],
      ['Europe/London', '2026-10-25T01:30'],
      ['America/Santiago', '2026-09-06T00:00'], // no midnight that day
      ['America/Santiago', '2026-04-04T23:30'], // happens twice
      ['Australia/Lord_Howe', '2026-10-04T02:15'],
      ['Australia/Lord_Howe', '2026-04-05T01:45'],
    ];
    for (const [zone, local] of cases) {
      const byName = DateTime.fromISO(local, { zone });
      const remembered = DateTime.fromISO(local, { zone: rememberedZone(zone) });
      const steps = (t: DateTime) => [
        t.toISO(),
        t.startOf('day').toISO(),
        t.plus({ days: 1 }).toISO(),
        t.minus({ days: 1 }).toISO(),
        t.set({ hour: 2, minute: 0 }).toISO(),
        t.endOf('day').toISO(),
        t.weekday,
        t.offset,
      ];
      expect([zone, ...steps(remembered)]).toEqual([zone, ...steps(byName)]);
      expect(remembered.zone.equals(byName.zone)).toBe(true);
    }
  });

  it('is luxon’s own zone for names that are not IANA zones, and invalid for unknown names', () => {
    expect(rememberedZone('utc')).toBe(FixedOffsetZone.utcInstance);
    expect(rememberedZone('UTC+3').equals(FixedOffsetZone.instance(180))).toBe(true);
    expect(rememberedZone('system')).toBeInstanceOf(SystemZone);
    expect(rememberedZone('Mars/Olympus_Mons').isValid).toBe(false);
    expect(DateTime.now().setZone(rememberedZone('Mars/Olympus_Mons')).isValid).toBe(false);
    expect(rememberedZone('Asia/Tokyo')).toBe(rememberedZone('Asia/Tokyo'));
  });
});

describe('delivery times with the memo are the same as without it', () => {
  const RULES: DeliveryWindowRule[] = [
    DEFAULT_WINDOW,
    { localHour: 9, workStartHour: 8, workEndHour: 18, wakingStartHour: 7, wakingEndHour: 22 },
    // Narrow waking hours: pairs far apart share no hour, and the one-zone rule applies.
    { localHour: 13, workStartHour: 12, workEndHour: 14, wakingStartHour: 11, wakingEndHour: 15 },
    // Early hours, where the clock changes fall.
    { localHour: 2, workStartHour: 1, workEndHour: 4, wakingStartHour: 0, wakingEndHour: 6 },
  ];

  /** Instants around the clock changes of the zones, and at random through two years. */
  function instants(random: () => number): number[] {
    const near = ZONES.flatMap((zone) => clockChanges(zone, YEAR_START, YEAR_END)).flatMap((change) =>
      Array.from({ length: 6 }, () => change + Math.floor((random() - 0.7) * 9 * 24 * HOUR)),
    );
    const anywhere = Array.from(
      { length: 300 },
      () => YEAR_START + Math.floor(random() * 2 * 365 * 24 * HOUR),
    );
    // On the hour and just after it, as planned prompts often are (a stage start plus whole days).
    const onTheHour = anywhere
      .slice(0, 200)
      .flatMap((t) => [Math.floor(t / HOUR) * HOUR, Math.floor(t / HOUR) * HOUR + 1]);
    return [...near, ...anywhere, ...onTheHour];
  }

  it('for one person, for pairs and for a pair and staff, in every zone, under several rules, asked in any order', () => {
    const random = seeded(20_261_202);
    const questions: { at: number; zones: string[]; rule: DeliveryWindowRule }[] = [];
    for (const at of instants(random)) {
      const pick = () => ZONES[Math.floor(random() * ZONES.length)] ?? 'UTC';
      const rule = RULES[Math.floor(random() * RULES.length)] ?? DEFAULT_WINDOW;
      questions.push({ at, zones: [pick()], rule });
      questions.push({ at, zones: [pick(), pick()], rule });
      if (random() < 0.2) questions.push({ at, zones: [pick(), pick(), pick()], rule });
    }
    // Luxon's answers, every DateTime made afresh; then the memo's, and the same questions again backwards,
    // answered from what the first pass remembered.
    const expected = questions.map(({ at, zones, rule }) =>
      referenceDeliveryTime(DateTime.fromMillis(at, { zone: 'utc' }), zones, rule).toISO(),
    );
    const order = [...questions.keys(), ...[...questions.keys()].reverse()];
    const mismatches: string[] = [];
    for (const i of order) {
      const { at, zones, rule } = questions[i]!;
      const notBefore = DateTime.fromMillis(at, { zone: 'utc' });
      const got = nextDeliveryTime(notBefore, zones, rule).toISO();
      if (got !== expected[i])
        mismatches.push(
          `${notBefore.toISO()} ${zones.join(',')} ${JSON.stringify(rule)}: ${got} ≠ ${expected[i]}`,
        );
    }
    expect(mismatches).toEqual([]);
    expect(questions.length).toBeGreaterThan(1500);
  });

  it('for a time given in a local zone rather than UTC, and for a zone named twice', () => {
    const notBefore = DateTime.fromISO('2026-03-08T01:59:59.999', { zone: 'America/Chicago' });
    for (const zones of [
      ['America/Chicago'],
      ['America/Chicago', 'America/Chicago'],
      ['Asia/Tokyo', 'America/Chicago'],
    ]) {
      expect(nextDeliveryTime(notBefore, zones, DEFAULT_WINDOW).toISO()).toBe(
        referenceDeliveryTime(notBefore, zones, DEFAULT_WINDOW).toISO(),
      );
    }
  });

  it('in UTC, whatever zone notBefore was given in', () => {
    const notBefore = DateTime.fromISO('2026-03-06T15:00', { zone: 'America/Chicago' });
    expect(nextDeliveryTime(notBefore, ['America/Chicago'], DEFAULT_WINDOW).zoneName).toBe('UTC');
  });
});
