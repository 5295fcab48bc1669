import type { Clock } from '../clock';
import {
  activityBucket,
  activityWriteDue,
  ACTIVITY_WRITE_EVERY_MS,
  noSeatLeft,
  STAFF_DIRECTORY_PAGE_SIZE,
  THIS_MONTH_DAYS,
  UNLIST_REASON_MAX,
  type ReleaseReason,
  type StaffDirectoryPage,
} from '../domain/directory-upkeep';
import { noticeKeys, type NewNotice } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import type { Actor } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { Rollback, type UnitOfWork } from './ports';
import { done, invalid, refused, type Refused, type Result } from './result';
import type { StaffDirectory } from './staff';

/** The writes releasing the requests waiting on a mentor makes (inside the change that causes it). */
export interface ReleaseTx {
  profiles: Pick<ProfileRepository, 'seatsOf' | 'getMany'>;
  relationships: Pick<RelationshipRepository, 'waitingRequestsFor' | 'transition'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/** The writes a listing change and the requests it releases make, together. */
export interface UpkeepTx extends ReleaseTx {
  profiles: Pick<ProfileRepository, 'changeListed' | 'seatsOf' | 'getMany'>;
}

/** Why keeping the directory is refused; the Slack layer words each code. */
export type UpkeepRefusal = 'not_staff' | 'not_a_mentor' | 'already_listed' | 'already_unlisted';

/** Who released the requests, and why. */
export interface ReleaseCause {
  mentorId: string;
  why: ReleaseReason;
  actor: Actor;
  actorId: string;
  at: Date;
}

/**
 * Releases, inside the caller's transaction, every request still waiting on the mentor: each moves from
 * `requested` to `released` (a conditional update, so a request answered meanwhile is left alone), its card
 * in the mentor's DM loses its buttons, the mentee is told and pointed back to the directory, and each is
 * audited. Answers the requests released.
 */
export async function releaseWaitingRequests(
  tx: ReleaseTx,
  cause: ReleaseCause,
): Promise<RelationshipRecord[]> {
  const waiting = await tx.relationships.waitingRequestsFor(cause.mentorId);
  if (waiting.length === 0) return [];
  const mentees = new Map(
    (
      await tx.profiles.getMany(
        waiting.map((r) => r.menteeId),
        'mentee',
      )
    ).map((p) => [p.userId, p]),
  );
  const released: RelationshipRecord[] = [];
  const notices: NewNotice[] = [];
  for (const request of waiting) {
    const moved = await tx.relationships.transition(request.id, 'requested', {
      to: 'released',
      actor: cause.actor,
      actorId: cause.actorId,
      at: cause.at,
      reason: cause.why,
    });
    if (!moved) continue;
    released.push(moved);
    const mentee = mentees.get(moved.menteeId);
    if (mentee)
      notices.push({
        key: noticeKeys.requestCardUpdate(moved.id, 'released'),
        notice: {
          type: 'request_card_update',
          relationship: moved,
          mentee,
          outcome: 'released',
          at: cause.at,
          why: cause.why,
        },
        destination: {
          to: 'update',
          noticeKey: noticeKeys.requestCard(moved.id),
          message: moved.requestMessage,
        },
      });
    notices.push({
      key: noticeKeys.menteeNews(moved.id, 'released'),
      notice: { type: 'mentee_request_news', news: 'released', mentorId: moved.mentorId, why: cause.why },
      destination: { to: 'person', userId: moved.menteeId },
    });
    await tx.audit.record({
      at: cause.at,
      actorId: cause.actorId,
      action: 'relationship.released',
      subjectType: 'relationship',
      subjectId: moved.id,
      details: { status: 'released', why: cause.why },
    });
  }
  if (notices.length > 0) await tx.notices.enqueue(notices, cause.at);
  return released;
}

/**
 * Inside the caller's transaction: when the mentor has no free seat (as stored now, the caller's own writes
 * included), releases the requests waiting on them. Answers how many.
 */
export async function releaseIfFull(
  tx: ReleaseTx,
  mentorId: string,
  actor: Actor,
  actorId: string,
  at: Date,
): Promise<number> {
  const seats = await tx.profiles.seatsOf(mentorId);
  if (!seats || !noSeatLeft(seats)) return 0;
  return (await releaseWaitingRequests(tx, { mentorId, why: 'mentor_full', actor, actorId, at })).length;
}

/** The reason staff give when unlisting a mentor, trimmed: required, and at most `UNLIST_REASON_MAX` long. */
function checkUnlistReason(reasonText: string): Result<string, never> {
  const reason = reasonText.trim();
  if (!reason) return invalid({ reason: 'required' });
  if (reason.length > UNLIST_REASON_MAX)
    return invalid({ reason: 'too_long' }, { reason: { max: UNLIST_REASON_MAX } });
  return done(reason);
}

/**
 * Keeping the directory current: mentors stepping in and out of it themselves, staff's view of every
 * mentor with `/mentoring admin directory`, staff unlisting (with a reason the mentor reads) and re-listing,
 * the requests released when a mentor leaves or fills up, and when people were last active.
 */
export function createDirectoryUpkeepService(deps: {
  profiles: Pick<ProfileRepository, 'seatsOf' | 'staffDirectory' | 'touchActivity'>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  unitOfWork: UnitOfWork<UpkeepTx>;
  clock: Clock;
  programTimezone: string;
  /** Called with the people whose App Home shows something that just changed. */
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { clock } = deps;
  const now = () => clock.now().toJSDate();
  /** When each person's activity was last written by this process (so most requests write nothing). */
  const written = new Map<string, Date>();

  const audit = (tx: UpkeepTx, actorId: string, action: string, mentorId: string, at: Date, details = {}) =>
    tx.audit.record({ at, actorId, action, subjectType: 'profile', subjectId: mentorId, details });

  const listingNotice = (mentorId: string, listed: boolean, staffId: string, at: Date, reason?: string) => ({
    key: noticeKeys.listingChanged(mentorId, listed, at),
    notice: {
      type: 'mentor_listing_changed' as const,
      listed,
      staffId,
      ...(reason === undefined ? {} : { reason }),
    },
    destination: { to: 'person' as const, userId: mentorId },
  });

  async function staffOnly(staffId: string): Promise<Refused<'not_staff'> | undefined> {
    return (await deps.staff.isStaff(staffId)) ? undefined : refused('not_staff');
  }

  return {
    /**
     * `/mentor list` and `/mentor unlist`: the mentor steps in or out of the directory. Stepping out
     * releases the requests waiting on them (the mentees are told), in the same transaction.
     */
    async setOwnListing(
      mentorId: string,
      listed: boolean,
    ): Promise<Result<{ listed: boolean; released: number }, 'not_a_mentor'>> {
      const at = now();
      const result = await deps.unitOfWork.run<Result<{ listed: boolean; released: number }, 'not_a_mentor'>>(
        async (tx) => {
          const change = await tx.profiles.changeListed(mentorId, listed);
          if (change === 'not_a_mentor') throw new Rollback(refused('not_a_mentor'));
          if (change === 'unchanged') return done({ listed, released: 0 });
          await audit(tx, mentorId, listed ? 'mentor.listed' : 'mentor.unlisted', mentorId, at, {
            by: 'mentor',
          });
          const released = listed
            ? []
            : await releaseWaitingRequests(tx, {
                mentorId,
                why: 'mentor_unlisted',
                actor: 'mentor',
                actorId: mentorId,
                at,
              });
          return done({ listed, released: released.length });
        },
      );
      if (result.kind === 'done') await deps.onChanged([mentorId]);
      return result;
    },

    /**
     * After a mentor's seats changed (a lower capacity): releases the requests waiting on them if no seat
     * is left. Safe to call any time; changes nothing for a mentor with a seat.
     */
    async releaseIfFull(mentorId: string): Promise<number> {
      const at = now();
      return deps.unitOfWork.run((tx) => releaseIfFull(tx, mentorId, 'mentor', mentorId, at));
    },

    /** `/mentoring admin directory [page]`: a page of every approved mentor, for staff only. */
    async list(staffId: string, page = 1): Promise<Result<StaffDirectoryPage, 'not_staff'>> {
      const refusal = await staffOnly(staffId);
      if (refusal) return refusal;
      const current = clock.now();
      const quietBefore = current
        .setZone(deps.programTimezone)
        .startOf('day')
        .minus({ days: THIS_MONTH_DAYS })
        .toJSDate();
      const size = STAFF_DIRECTORY_PAGE_SIZE;
      const at = (p: number) => deps.profiles.staffDirectory((p - 1) * size, size, quietBefore);
      let wanted = Number.isInteger(page) && page > 0 ? page : 1;
      let found = await at(wanted);
      const pages = Math.max(1, Math.ceil(found.totals.mentors / size));
      if (wanted > pages) {
        wanted = pages;
        found = await at(wanted);
      }
      return done({
        entries: found.mentors.map((m) => ({
          userId: m.userId,
          listed: m.listed,
          capacity: m.capacity,
          used: m.openRelationships,
          lastActiveAt: m.lastActiveAt,
          lastActive: activityBucket(m.lastActiveAt, current, deps.programTimezone),
        })),
        totals: found.totals,
        page: wanted,
        pages,
      });
    },

    /**
     * Before the unlist form opens: the person is staff and the mentor is listed (one read). The form's
     * submission is checked again by `unlist`.
     */
    async unlistForm(
      staffId: string,
      mentorId: string,
    ): Promise<Result<{ mentorId: string }, UpkeepRefusal>> {
      const refusal = await staffOnly(staffId);
      if (refusal) return refusal;
      const seats = await deps.profiles.seatsOf(mentorId);
      if (!seats) return refused('not_a_mentor', { mentorId });
      if (!seats.listed) return refused('already_unlisted', { mentorId });
      return done({ mentorId });
    },

    /** The unlist form's reason, checked as typed (no read): the form's acknowledgement answers with it. */
    checkUnlistReason,

    /**
     * Staff take a mentor out of the directory, with a reason the mentor reads: the listing, the mentor's DM,
     * the requests released (and their mentees told) and the audit entries in one transaction. Of an unlist
     * and an accept at the same moment, one goes first (both write the mentor's profile); the other sees it.
     */
    async unlist(
      staffId: string,
      mentorId: string,
      reasonText: string,
    ): Promise<Result<{ mentorId: string; released: number }, UpkeepRefusal>> {
      const checked = checkUnlistReason(reasonText);
      if (checked.kind !== 'done') return checked;
      const reason = checked.value;
      const refusal = await staffOnly(staffId);
      if (refusal) return refusal;
      const at = now();
      const result = await deps.unitOfWork.run<Result<{ mentorId: string; released: number }, UpkeepRefusal>>(
        async (tx) => {
          const change = await tx.profiles.changeListed(mentorId, false);
          if (change === 'not_a_mentor') throw new Rollback(refused('not_a_mentor', { mentorId }));
          if (change === 'unchanged') throw new Rollback(refused('already_unlisted', { mentorId }));
          await audit(tx, staffId, 'mentor.unlisted', mentorId, at, { by: 'staff' });
          await tx.notices.enqueue([listingNotice(mentorId, false, staffId, at, reason)], at);
          const released = await releaseWaitingRequests(tx, {
            mentorId,
            why: 'mentor_unlisted',
            actor: 'staff',
            actorId: staffId,
            at,
          });
          return done({ mentorId, released: released.length });
        },
      );
      if (result.kind === 'done') await deps.onChanged([mentorId]);
      return result;
    },

    /**
     * Staff list a mentor in the directory again (`/mentoring admin relist`, or the card posted when a
     * relationship completed); the mentor is told. `already_listed` when they were.
     */
    async relist(staffId: string, mentorId: string): Promise<Result<{ mentorId: string }, UpkeepRefusal>> {
      const refusal = await staffOnly(staffId);
      if (refusal) return refusal;
      const at = now();
      const result = await deps.unitOfWork.run<Result<{ mentorId: string }, UpkeepRefusal>>(async (tx) => {
        const change = await tx.profiles.changeListed(mentorId, true);
        if (change === 'not_a_mentor') throw new Rollback(refused('not_a_mentor', { mentorId }));
        if (change === 'unchanged') throw new Rollback(refused('already_listed', { mentorId }));
        await audit(tx, staffId, 'mentor.relisted', mentorId, at, { by: 'staff' });
        await tx.notices.enqueue([listingNotice(mentorId, true, staffId, at)], at);
        return done({ mentorId });
      });
      if (result.kind === 'done') await deps.onChanged([mentorId]);
      return result;
    },

    /**
     * Notes that a person used the bot. Written at most once an hour per person: this process remembers
     * what it wrote, and the store skips a profile whose stored moment is recent (another copy wrote it).
     */
    async noteActivity(userId: string): Promise<void> {
      const at = now();
      if (!activityWriteDue(written.get(userId), at)) return;
      written.set(userId, at);
      if (written.size > 50_000) {
        for (const [id, when] of written) if (activityWriteDue(when, at)) written.delete(id);
      }
      try {
        await deps.profiles.touchActivity(userId, at, new Date(at.getTime() - ACTIVITY_WRITE_EVERY_MS));
      } catch (error) {
        written.delete(userId);
        throw error;
      }
    },
  };
}
export type DirectoryUpkeepService = ReturnType<typeof createDirectoryUpkeepService>;
