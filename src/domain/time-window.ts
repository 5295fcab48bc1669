import { DateTime, type Zone } from 'luxon';
import { rememberedZone } from './zone-memo';

/**
 * When a scheduled prompt may be delivered, in its recipients' local time.
 *
 * One recipient zone: the first `localHour:00` on a working day (Mon-Fri) in that zone at or after
 * `notBefore`.
 *
 * Several zones (the first is the mentee's): an hour on the hour, in the mentee's calendar, that falls on a
 * working day and inside waking hours [wakingStartHour, wakingEndHour) in every zone, so nobody is reached
 * on their weekend or at night. Hours inside working hours [workStartHour, workEndHour) for more of the
 * people come first: everyone's working hours if the next two weeks hold one (the usual case), else an
 * hour that is working time for some and waking time for the rest (New York and Tokyo: the evening in
 * New York is the morning in Tokyo), else waking time for all. Within that tier, the first day that has
 * such an hour, and of that day's hours the one closest to `localHour` in the mentee's zone (the earlier on
 * a tie). Only if no working-day waking hour is shared in two weeks does the one-zone rule apply in the
 * mentee's zone (with 13 waking hours a day, any two places share at least two of them, so only narrower
 * waking hours get there).
 *
 * Days are stepped in local calendar terms (luxon `plus({ days })`), and on a day with a clock change the
 * hours too (`set({ hour })`), so clock changes never skew the result; an hour a clock change skips is never
 * proposed as a shared hour.
 */

export interface DeliveryWindowRule {
  /** The preferred local hour, e.g. 10. */
  localHour: number;
  /** Working hours start, e.g. 9. */
  workStartHour: number;
  /** Working hours end (exclusive), e.g. 17. */
  workEndHour: number;
  /** Waking hours start: nothing reaches anyone before this local hour, e.g. 8. */
  wakingStartHour: number;
  /** Waking hours end (exclusive): nothing reaches anyone from this local hour on, e.g. 21. */
  wakingEndHour: number;
}

/** The program's rule unless configured otherwise: 10:00, working hours 09:00-17:00, waking 08:00-21:00. */
export const DEFAULT_WINDOW: DeliveryWindowRule = {
  localHour: 10,
  workStartHour: 9,
  workEndHour: 17,
  wakingStartHour: 8,
  wakingEndHour: 21,
};

const SEARCH_DAYS = 14;

/** The earliest instant (in UTC) at or after `notBefore` when a prompt may reach its recipients. */
export function nextDeliveryTime(
  notBefore: DateTime,
  recipientZones: string[],
  rule: DeliveryWindowRule,
): DateTime {
  checkArguments(notBefore, recipientZones, rule);
  // Zones that remember their offsets: the same answers as the zones' names, without asking Intl each time.
  const [menteeZone, ...others] = [...new Set(recipientZones)].map(rememberedZone);
  if (!menteeZone) throw new RangeError('nextDeliveryTime: at least one recipient zone is needed');
  const from = notBefore.toMillis();
  const shared = others.length > 0 ? firstSharedHour(from, [menteeZone, ...others], rule) : undefined;
  return DateTime.fromMillis(shared ?? firstLocalHour(from, menteeZone, rule.localHour), { zone: 'utc' });
}

/**
 * Answers worked out once and remembered, each a pure function of its key (a zone's days from a date,
 * a day's candidate hours for some zones under a rule): the planner asks the same few questions for
 * thousands of relationships. Past `MEMO_LIMIT` entries the memory starts over.
 */
const MEMO_LIMIT = 50_000;
function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = make();
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  }
  return value;
}

/**
 * One local day of a zone: the instant it starts there and whether it is Mon-Fri. (A DateTime is its
 * instant and its zone, so the day's DateTime is made again from these when a memo needs it: the memos
 * keep numbers, not DateTimes.)
 */
interface LocalDay {
  start: number;
  working: boolean;
}

const daysMemo = new Map<string, LocalDay[]>();
const localHourMemo = new Map<string, number[]>();
const candidatesMemo = new Map<string, Candidate[]>();

/** `zone|date`: the zone and the local date `at` falls on there (luxon's own arithmetic, from the offset). */
function localDateKey(at: number, zone: Zone): string {
  const wall = new Date(at + zone.offset(at) * 60_000);
  return `${zone.name}|${wall.getUTCFullYear()}-${wall.getUTCMonth() + 1}-${wall.getUTCDate()}`;
}

/** The local days to consider in `zone`, starting with the day `notBefore` falls on there. */
function localDays(notBefore: number, zone: Zone): LocalDay[] {
  return remembered(daysMemo, localDateKey(notBefore, zone), () => {
    const { year, month, day } = DateTime.fromMillis(notBefore, { zone });
    const first = DateTime.fromObject({ year, month, day }, { zone });
    return Array.from({ length: SEARCH_DAYS + 1 }, (_, n) => {
      const local = first.plus({ days: n });
      return { start: local.toMillis(), working: isWorkingDay(local) };
    });
  });
}

function atHour(day: DateTime, hour: number): DateTime {
  return day.set({ hour, minute: 0, second: 0, millisecond: 0 });
}

const isWorkingDay = (t: DateTime) => t.weekday <= 5;

function firstLocalHour(notBefore: number, zone: Zone, hour: number): number {
  // `hour` on each of the days that is a working day there, in order (remembered per zone, date and hour).
  const hours = remembered(localHourMemo, `${localDateKey(notBefore, zone)}|${hour}`, () =>
    localDays(notBefore, zone)
      .map(({ start }) => atHour(DateTime.fromMillis(start, { zone }), hour))
      .filter(isWorkingDay)
      .map((t) => t.toMillis()),
  );
  const found = hours.find((t) => t >= notBefore);
  // Unreachable: 15 days hold a weekday.
  if (found === undefined) throw new Error(`nextDeliveryTime: no working day found in ${zone.name}`);
  return found;
}

/** A candidate hour: the instant, the mentee's local hour, and how many of the people are at work then. */
interface Candidate {
  ms: number;
  hour: number;
  atWork: number;
}

const HOUR_MS = 60 * 60 * 1000;

const ruleKeys = new WeakMap<DeliveryWindowRule, string>();
function ruleKey(rule: DeliveryWindowRule): string {
  let key = ruleKeys.get(rule);
  if (key === undefined) {
    const { localHour, workStartHour, workEndHour, wakingStartHour, wakingEndHour } = rule;
    key = [localHour, workStartHour, workEndHour, wakingStartHour, wakingEndHour].join(',');
    ruleKeys.set(rule, key);
  }
  return key;
}

/**
 * The shared hour for several zones (the mentee's first), by tier: how many of the people are at work
 * (all of them first, none last), each tier searched over the whole two weeks before the next. A day's
 * hours are worked out only when a tier first looks at that day (and remembered for the next question
 * about that day): the usual pair finds its hour on the first working day.
 */
function firstSharedHour(notBefore: number, zones: Zone[], rule: DeliveryWindowRule): number | undefined {
  const [menteeZone] = zones;
  if (!menteeZone) return undefined;
  const days = localDays(notBefore, menteeZone).filter((d) => d.working);
  const zonesKey = `${ruleKey(rule)}|${zones.map((z) => z.name).join('|')}`;
  const hoursOf = (day: LocalDay) =>
    remembered(candidatesMemo, `${zonesKey}|${day.start}`, () =>
      candidatesOn(DateTime.fromMillis(day.start, { zone: menteeZone }), zones, rule),
    ).filter((c) => c.ms >= notBefore);
  const distance = (c: Candidate) => Math.abs(c.hour - rule.localHour);
  for (let atWork = zones.length; atWork >= 0; atWork--) {
    for (const day of days) {
      const best = hoursOf(day)
        .filter((c) => c.atWork === atWork)
        .reduce<Candidate | undefined>((a, c) => (!a || distance(c) < distance(a) ? c : a), undefined);
      if (best) return best.ms;
    }
  }
  return undefined;
}

/** The hours of one of the mentee's days that are waking hours on a working day for all. */
function candidatesOn(day: DateTime, zones: Zone[], rule: DeliveryWindowRule): Candidate[] {
  const start = day.toMillis();
  const end = day.plus({ days: 1 }).toMillis() - 1;
  const offsets = zones.map((zone) => DateTime.fromMillis(start, { zone }).offset);
  // Most days no zone changes its clock: local times are then plain arithmetic on UTC offsets, which is
  // many times cheaper than asking luxon for each hour in each zone (a pair with no shared working hour
  // looks at every day of the two weeks).
  const steady = zones.every((zone, i) => DateTime.fromMillis(end, { zone }).offset === offsets[i]);
  const hours: Candidate[] = [];
  for (let hour = rule.wakingStartHour; hour < rule.wakingEndHour; hour++) {
    let ms: number;
    let local: { weekday: number; hour: number }[];
    if (steady) {
      ms = start + hour * HOUR_MS;
      local = offsets.map((offset) => {
        const wall = new Date(ms + (offset ?? 0) * 60_000);
        return { weekday: wall.getUTCDay() || 7, hour: wall.getUTCHours() + wall.getUTCMinutes() / 60 };
      });
    } else {
      const t = atHour(day, hour);
      if (t.hour !== hour) continue; // skipped by a clock change
      ms = t.toMillis();
      local = zones.map((zone) => {
        const l = t.setZone(zone);
        return { weekday: l.weekday, hour: l.hour + l.minute / 60 }; // half-hour offsets land between hours
      });
    }
    const within = (from: number, to: number) => (l: { weekday: number; hour: number }) =>
      l.weekday <= 5 && l.hour >= from && l.hour < to;
    if (!local.every(within(rule.wakingStartHour, rule.wakingEndHour))) continue;
    hours.push({ ms, hour, atWork: local.filter(within(rule.workStartHour, rule.workEndHour)).length });
  }
  return hours;
}

function checkArguments(notBefore: DateTime, zones: string[], rule: DeliveryWindowRule): void {
  if (!notBefore.isValid) throw new RangeError('nextDeliveryTime: notBefore is not a valid time');
  if (zones.length === 0) throw new RangeError('nextDeliveryTime: at least one recipient zone is needed');
  for (const zone of zones) {
    // notBefore is valid, so it is valid in any valid zone: whether the zone is valid is the question.
    if (!rememberedZone(zone).isValid) throw new RangeError(`nextDeliveryTime: unknown time zone ${zone}`);
  }
  const hours = [
    rule.localHour,
    rule.workStartHour,
    rule.workEndHour,
    rule.wakingStartHour,
    rule.wakingEndHour,
  ];
  if (hours.some((h) => !Number.isInteger(h) || h < 0 || h > 24) || rule.localHour > 23) {
    throw new RangeError(
      'nextDeliveryTime: hours must be whole numbers from 0 to 23 (24 for the end of work or of the day)',
    );
  }
  if (rule.workStartHour >= rule.workEndHour) {
    throw new RangeError('nextDeliveryTime: working hours must start before they end');
  }
  if (rule.wakingStartHour >= rule.wakingEndHour) {
    throw new RangeError('nextDeliveryTime: waking hours must start before they end');
  }
}
