import type { ProfileRecord } from './records';

/** A request waits this long before the mentor is reminded, and lapses after twice as long. */
export const REQUEST_REMINDER_DAYS = 7;
export const REQUEST_LAPSE_DAYS = 14;

/** Why a mentee may not ask this mentor (checked again, for the pair, by the store's unique request). */
export type RequestRefusalCode =
  'self_request' | 'mentee_not_approved' | 'mentor_unavailable' | 'mentor_full' | 'too_many_pending';

/** Seats a mentor has left. */
export function freeSeats(mentor: Pick<ProfileRecord, 'capacity' | 'openRelationships'>): number {
  return (mentor.capacity ?? 0) - mentor.openRelationships;
}

/**
 * Who may ask whom: an approved mentee, an approved mentor with a free seat who is listed (staff may match
 * a mentor who has stepped out of the directory), and a mentee with fewer than `maxPending` waiting
 * requests (staff matches don't count against it).
 */
export function requestRefusal(request: {
  menteeId: string;
  mentorId: string;
  mentee: ProfileRecord | undefined;
  mentor: ProfileRecord | undefined;
  byStaff: boolean;
  /** Requests the mentee already has waiting for an answer. */
  pendingRequests: number;
  maxPending: number;
}): RequestRefusalCode | undefined {
  const { mentee, mentor, byStaff } = request;
  if (request.menteeId === request.mentorId) return 'self_request';
  if (!mentee?.approved) return 'mentee_not_approved';
  if (!mentor?.approved || (!mentor.listed && !byStaff)) return 'mentor_unavailable';
  if (freeSeats(mentor) <= 0) return 'mentor_full';
  if (!byStaff && request.pendingRequests >= request.maxPending) return 'too_many_pending';
  return undefined;
}
