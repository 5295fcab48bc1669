import { DateTime } from 'luxon';
import type { DeliveryWindowRule } from '../../src/domain/time-window';

/**
 * `nextDeliveryTime` as it was before it remembered anything (zones by name, no memo): the oracle the
 * memoised one is checked against, so remembering never changes an answer. Not for the app.
 */

const SEARCH_DAYS = 14;

/** The delivery time as luxon works it out for the zones' names, every DateTime made afresh. */
export function referenceDeliveryTime(
  notBefore: DateTime,
  recipientZones: string[],
  rule: DeliveryWindowRule,
): DateTime {
  const [menteeZone = '', ...others] = [...new Set(recipientZones)];
  const shared = others.length > 0 ? firstSharedHour(notBefore, [menteeZone, ...others], rule) : undefined;
  return (shared ?? firstLocalHour(notBefore, menteeZone, rule.localHour)).toUTC();
}

/** The local days to consider in `zone`, starting with the day `notBefore` falls on there. */
function localDays(notBefore: DateTime, zone: string): DateTime[] {
  const { year, month, day } = notBefore.setZone(zone);
  const first = DateTime.fromObject({ year, month, day }, { zone });
  return Array.from({ length: SEARCH_DAYS + 1 }, (_, n) => first.plus({ days: n }));
}

function atHour(day: DateTime, hour: number): DateTime {
  return day.set({ hour, minute: 0, second: 0, millisecond: 0 });
}

const isWorkingDay = (t: DateTime) => t.weekday <= 5;

function firstLocalHour(notBefore: DateTime, zone: string, hour: number): DateTime {
  for (const day of localDays(notBefore, zone)) {
    const t = atHour(day, hour);
    if (isWorkingDay(t) && t >= notBefore) return t;
  }
  throw new Error(`nextDeliveryTime: no working day found in ${zone}`); // unreachable: 15 days hold a weekday
}

/** A candidate hour: the instant, the mentee's local hour, and how many of the people are at work then. */
interface Candidate {
  ms: number;
  hour: number;
  atWork: number;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * The shared hour for several zones (the mentee's first), by tier: how many of the people are at work
 * (all of them first, none last), each tier searched over the whole two weeks before the next. A day's
 * hours are worked out only when a tier first looks at that day: the usual pair finds its hour on the
 * first working day.
 */
function firstSharedHour(
  notBefore: DateTime,
  zones: string[],
  rule: DeliveryWindowRule,
): DateTime | undefined {
  const [menteeZone = ''] = zones;
  const days = localDays(notBefore, menteeZone).filter(isWorkingDay);
  const memo = new Map<DateTime, Candidate[]>();
  const hoursOf = (day: DateTime) => {
    let hours = memo.get(day);
    if (!hours) memo.set(day, (hours = candidatesOn(day, notBefore.toMillis(), zones, rule)));
    return hours;
  };
  const distance = (c: Candidate) => Math.abs(c.hour - rule.localHour);
  for (let atWork = zones.length; atWork >= 0; atWork--) {
    for (const day of days) {
      const best = hoursOf(day)
        .filter((c) => c.atWork === atWork)
        .reduce<Candidate | undefined>((a, c) => (!a || distance(c) < distance(a) ? c : a), undefined);
      if (best) return DateTime.fromMillis(best.ms, { zone: menteeZone });
    }
  }
  return undefined;
}

/** The hours of one of the mentee's days (from `notBefore` on) that are waking hours on a working day for all. */
function candidatesOn(
  day: DateTime,
  notBefore: number,
  zones: string[],
  rule: DeliveryWindowRule,
): Candidate[] {
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
    if (ms < notBefore) continue;
    const within = (from: number, to: number) => (l: { weekday: number; hour: number }) =>
      l.weekday <= 5 && l.hour >= from && l.hour < to;
    if (!local.every(within(rule.wakingStartHour, rule.wakingEndHour))) continue;
    hours.push({ ms, hour, atWork: local.filter(within(rule.workStartHour, rule.workEndHour)).length });
  }
  return hours;
}
