import { DateTime } from 'luxon';

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

function checkArguments(notBefore: DateTime, zones: string[], rule: DeliveryWindowRule): void {
  if (!notBefore.isValid) throw new RangeError('nextDeliveryTime: notBefore is not a valid time');
  if (zones.length === 0) throw new RangeError('nextDeliveryTime: at least one recipient zone is needed');
  for (const zone of zones) {
    if (!notBefore.setZone(zone).isValid) throw new RangeError(`nextDeliveryTime: unknown time zone ${zone}`);
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
