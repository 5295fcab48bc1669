import { DateTime } from 'luxon';

/**
 * Proposing a goal's three progress check-in dates.
 *
 * The ideal dates sit at 1/4, 2/4 and 3/4 of the calendar days between today and the complete-by date
 * (rounded to the nearest day). A Saturday or Sunday moves to the following Monday. If that breaks a
 * rule (the date must be a working day strictly after today, strictly before the complete-by date and
 * strictly after the previous check-in, leaving room for the ones still to come), the closest working
 * day that keeps the rules is used instead, the later one on a tie.
 *
 * All arithmetic is on calendar dates in the mentee's zone (luxon `plus({ days })`), so DST changes never
 * shift a date.
 */

const CHECK_INS = 3;

function parseDate(iso: string, zone = 'utc'): DateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const date = DateTime.fromISO(iso, { zone });
  return date.isValid ? date.startOf('day') : undefined;
}

/** Whether an ISO date (YYYY-MM-DD) falls Monday to Friday. */
export function isWorkingDay(date: string): boolean {
  const parsed = parseDate(date);
  return parsed !== undefined && parsed.weekday <= 5;
}

/** Proposes up to three evenly spaced working-day check-in dates strictly between today and complete-by. */
export function proposeCheckInDates(today: string, completeBy: string, zone: string): string[] {
  const start = parseDate(today, zone);
  const end = parseDate(completeBy, zone);
  if (!start || !end) return [];
  const span = Math.round(end.diff(start, 'days').days);

  // Working days strictly between, as day offsets from today.
  const candidates: number[] = [];
  for (let offset = 1; offset < span; offset++) {
    if (start.plus({ days: offset }).weekday <= 5) candidates.push(offset);
  }
  if (candidates.length <= CHECK_INS) return candidates.map((offset) => toIso(start, offset));

  const picks: number[] = [];
  let lowest = 0; // index into candidates of the earliest date still allowed
  for (let k = 1; k <= CHECK_INS; k++) {
    const highest = candidates.length - (CHECK_INS - k) - 1;
    const preferred = preferredOffset(start, Math.round((k * span) / (CHECK_INS + 1)));
    let best = lowest;
    for (let i = lowest; i <= highest; i++) {
      const distance = Math.abs((candidates[i] ?? 0) - preferred);
      if (distance <= Math.abs((candidates[best] ?? 0) - preferred)) best = i;
    }
    picks.push(candidates[best] ?? 0);
    lowest = best + 1;
  }
  return picks.map((offset) => toIso(start, offset));
}

/** The ideal offset, with a Saturday or Sunday moved on to the following Monday. */
function preferredOffset(start: DateTime, offset: number): number {
  const weekday = start.plus({ days: offset }).weekday;
  return weekday === 6 ? offset + 2 : weekday === 7 ? offset + 1 : offset;
}

function toIso(start: DateTime, offset: number): string {
  return start.plus({ days: offset }).toISODate() ?? '';
}
