import { DateTime } from 'luxon';

/**
 * When a scheduled prompt may be delivered, in its recipients' local time.
 *
 * One recipient zone: the first `localHour:00` on a working day (Mon-Fri) in that zone at or after
 * `notBefore`.
 *
 * Several zones (the first is the mentee's): the first working day, in the mentee's calendar, that has an
 * hour on the hour which is within working hours [workStartHour, workEndHour) on a working day in every
 * zone; of that day's shared hours, the one closest to `localHour` in the mentee's zone (the earlier on
 * a tie). If no such hour exists in the next two weeks (their working hours never overlap, e.g.
 * Chicago and Tokyo), the one-zone rule applies in the mentee's zone.
 *
 * Days and hours are stepped in local calendar terms (luxon `plus({ days })` and `set({ hour })`), so
 * clock changes never skew the result; an hour a clock change skips is never proposed as a shared hour.
 */

export interface DeliveryWindowRule {
  /** The preferred local hour, e.g. 10. */
  localHour: number;
  /** Working hours start, e.g. 9. */
  workStartHour: number;
  /** Working hours end (exclusive), e.g. 17. */
  workEndHour: number;
}

const SEARCH_DAYS = 14;

/** The earliest instant (in UTC) at or after `notBefore` when a prompt may reach its recipients. */
export function nextDeliveryTime(
  notBefore: DateTime,
  recipientZones: string[],
  rule: DeliveryWindowRule,
): DateTime {
  checkArguments(notBefore, recipientZones, rule);
  const [menteeZone = '', ...others] = [...new Set(recipientZones)];
  const shared = others.length > 0 ? firstSharedHour(notBefore, menteeZone, others, rule) : undefined;
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

function firstSharedHour(
  notBefore: DateTime,
  menteeZone: string,
  otherZones: string[],
  rule: DeliveryWindowRule,
): DateTime | undefined {
  const inWorkingHours = (t: DateTime) => {
    const hour = t.hour + t.minute / 60; // zones with half-hour offsets land between hours
    return isWorkingDay(t) && hour >= rule.workStartHour && hour < rule.workEndHour;
  };
  for (const day of localDays(notBefore, menteeZone)) {
    if (!isWorkingDay(day)) continue;
    const shared: DateTime[] = [];
    for (let hour = rule.workStartHour; hour < rule.workEndHour; hour++) {
      const t = atHour(day, hour);
      if (t.hour !== hour || t < notBefore) continue; // skipped by a clock change, or too early
      if (otherZones.every((zone) => inWorkingHours(t.setZone(zone)))) shared.push(t);
    }
    const distance = (t: DateTime) => Math.abs(t.hour - rule.localHour);
    const best = shared.reduce<DateTime | undefined>(
      (a, t) => (!a || distance(t) < distance(a) ? t : a),
      undefined,
    );
    if (best) return best;
  }
  return undefined;
}

function checkArguments(notBefore: DateTime, zones: string[], rule: DeliveryWindowRule): void {
  if (!notBefore.isValid) throw new RangeError('nextDeliveryTime: notBefore is not a valid time');
  if (zones.length === 0) throw new RangeError('nextDeliveryTime: at least one recipient zone is needed');
  for (const zone of zones) {
    if (!notBefore.setZone(zone).isValid) throw new RangeError(`nextDeliveryTime: unknown time zone ${zone}`);
  }
  const hours = [rule.localHour, rule.workStartHour, rule.workEndHour];
  if (hours.some((h) => !Number.isInteger(h) || h < 0 || h > 24) || rule.localHour > 23) {
    throw new RangeError(
      'nextDeliveryTime: hours must be whole numbers from 0 to 23 (24 for the end of work)',
    );
  }
  if (rule.workStartHour >= rule.workEndHour) {
    throw new RangeError('nextDeliveryTime: working hours must start before they end');
  }
}
