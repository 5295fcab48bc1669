import { DateTime } from 'luxon';

/**
 * Logging that a pair met: a date and who logged it, nothing about what was said. One meeting per
 * relationship and day, so "We met" clicked twice (or by both people) is one meeting.
 */

export interface MeetingRecord {
  relationshipId: string;
  /** The day they met (YYYY-MM-DD), in the calendar of the person who logged it. */
  date: string;
  loggedBy: string;
  loggedAt: Date;
}

/** Why a meeting date is refused. */
export type MeetingDateRefusal =
  /** Not a date this command understands (`2026-03-05`, `today`, `yesterday`). */
  | 'date_usage'
  /** A day still to come. */
  | 'future_date'
  /** Before the pair was introduced. */
  | 'before_start';

export type MeetingDateCheck = { ok: true; date: string } | { ok: false; refusal: MeetingDateRefusal };

/** Whether a word is a meeting date as `/mentoring met` takes it (so it isn't mistaken for a partner). */
export function looksLikeMeetingDate(word: string): boolean {
  return /^(today|yesterday|\d{4}-\d{1,2}-\d{1,2})$/i.test(word.trim());
}

/**
 * The day a meeting is logged for: `given` (a date, `today` or `yesterday`; nothing means today), checked
 * against `today` and the day the relationship started, all calendar days in the logger's zone.
 */
export function meetingDate(given: string | undefined, today: string, startedOn: string): MeetingDateCheck {
  const word = (given ?? '').trim().toLowerCase();
  let date: string | undefined;
  if (word === '' || word === 'today') date = today;
  else if (word === 'yesterday')
    date = DateTime.fromISO(today, { zone: 'utc' }).minus({ days: 1 }).toISODate() ?? undefined;
  else {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(word);
    const parsed = match
      ? DateTime.fromObject(
          { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
          { zone: 'utc' },
        )
      : undefined;
    date = parsed?.isValid ? (parsed.toISODate() ?? undefined) : undefined;
  }
  if (!date) return { ok: false, refusal: 'date_usage' };
  if (date > today) return { ok: false, refusal: 'future_date' };
  if (date < startedOn) return { ok: false, refusal: 'before_start' };
  return { ok: true, date };
}
