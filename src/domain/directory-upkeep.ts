import { DateTime } from 'luxon';

/**
 * Keeping the directory current: when people were last active (coarsely, as mentees and staff see it), how
 * often that is written, and when requests waiting on a mentor are released.
 *
 * Activity is anything a person does with the bot: a command, a button, a form sent, opening App Home (so a
 * meeting logged, a check-in, goals saved or a request answered all count). It is kept as one moment on each
 * of the person's profiles, written at most once an hour per person.
 */

/** How long a recorded moment of activity stands before the next one is written. */
export const ACTIVITY_WRITE_EVERY_MS = 60 * 60 * 1000;

/** Last active, as the directory shows it: within the last 7 days, the last 31, or before. */
export const ACTIVITY_BUCKETS = ['this_week', 'this_month', 'earlier'] as const;
export type ActivityBucket = (typeof ACTIVITY_BUCKETS)[number];

/** Calendar days (in the program's time zone) up to which a moment counts as this week, and this month. */
export const THIS_WEEK_DAYS = 6;
export const THIS_MONTH_DAYS = 30;

/**
 * When someone was last active, coarsely: calendar days between that day and today in `zone` (the program
 * office's, so every mentee sees the same word for a mentor). 0–6 days: this week; 7–30: this month;
 * older: earlier. Undefined when it was never recorded.
 */
export function activityBucket(
  lastActiveAt: Date | undefined,
  now: DateTime,
  zone: string,
): ActivityBucket | undefined {
  if (!lastActiveAt || Number.isNaN(lastActiveAt.getTime())) return undefined;
  const today = now.setZone(zone).startOf('day');
  const then = DateTime.fromJSDate(lastActiveAt).setZone(zone).startOf('day');
  const days = Math.round(today.diff(then, 'days').days);
  if (days <= THIS_WEEK_DAYS) return 'this_week';
  if (days <= THIS_MONTH_DAYS) return 'this_month';
  return 'earlier';
}

/** Whether a moment of activity at `now` should be written, given the last one written (or none). */
export function activityWriteDue(lastWritten: Date | undefined, now: Date): boolean {
  return !lastWritten || now.getTime() - lastWritten.getTime() >= ACTIVITY_WRITE_EVERY_MS;
}

/** Why requests waiting on a mentor are released: the mentor left the directory, or has no seat left. */
export type ReleaseReason = 'mentor_unlisted' | 'mentor_full';

/**
 * Whether every one of a mentor's seats is taken, so the requests still waiting on them are released (an
 * accept that fills the last seat, a capacity lowered to the relationships open). Stepping out of the
 * directory releases them too, as it happens; a staff match to a mentor outside it stays until answered.
 */
export function noSeatLeft(mentor: { capacity?: number | undefined; openRelationships: number }): boolean {
  return (mentor.capacity ?? 0) - mentor.openRelationships <= 0;
}

/** Longest reason staff give when unlisting a mentor (the mentor reads it). */
export const UNLIST_REASON_MAX = 500;

/** Mentors shown on one page of `/mentoring admin directory` (in sections of 10 lines). */
export const STAFF_DIRECTORY_PAGE_SIZE = 40;

/** One mentor as staff see them: seats, listing and when last active (no name, bio or anything they wrote). */
export interface StaffDirectoryEntry {
  userId: string;
  listed: boolean;
  capacity: number;
  used: number;
  lastActiveAt?: Date | undefined;
  lastActive?: ActivityBucket | undefined;
}

/** Over every approved mentor: how many, listed, seats offered and used, listed but full, listed but quiet. */
export interface StaffDirectoryTotals {
  mentors: number;
  listed: number;
  offered: number;
  used: number;
  listedFull: number;
  listedQuiet: number;
}

/** A page of `/mentoring admin directory`, with the totals over every approved mentor. */
export interface StaffDirectoryPage {
  entries: StaffDirectoryEntry[];
  totals: StaffDirectoryTotals;
  page: number;
  pages: number;
}
