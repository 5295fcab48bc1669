import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import { meetingDate, type MeetingDateRefusal } from '../domain/meetings';
import { noticeKeys } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import { isOpen } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { MeetingRepository } from '../store/meeting-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { UnitOfWork } from './ports';
import { done, refused, type Result } from './result';

/** Why a meeting can't be logged; the Slack layer words each code. */
export type MeetingRefusal =
  | MeetingDateRefusal
  /** The person is not the mentor or mentee of this relationship. */
  | 'not_in_pair'
  /** The relationship is no longer (or not yet) open: requested, ended, completed. */
  | 'not_open'
  /** `/mentoring met` from someone with no open relationship, or not with the partner named. */
  | 'no_relationship'
  | 'not_partner'
  /** Several open relationships: the command must name the partner. */
  | 'name_partner';

/** A meeting logged: the day, and whether that day was already logged (by `loggedBy`). */
export interface MeetingLogged {
  relationshipId: string;
  date: string;
  already: boolean;
  loggedBy: string;
  /** The other person of the pair (told in the pair's conversation). */
  partnerId: string;
}

/** The writes logging a meeting makes together: the meeting, the activity, its audit entry, the pair's notice. */
export interface MeetingTx {
  meetings: Pick<MeetingRepository, 'record'>;
  relationships: Pick<RelationshipRepository, 'recordActivity'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/**
 * "We met" and `/mentoring met [date]`: either person of an open relationship logs that they met (a day,
 * never what was said). It counts as the relationship's activity (the quiet-relationship nudge starts
 * again), App Home shows it, and the pair's conversation is told who logged it. Who is acting is always
 * checked here: a button's relationship id only says which relationship it was shown for.
 */
export function createMeetingService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'findOpenFor'>;
  profiles: Pick<ProfileRepository, 'get'>;
  unitOfWork: UnitOfWork<MeetingTx>;
  clock: Clock;
  /** Whose calendar "today" is when the person's own time zone isn't known. */
  programTimezone: string;
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const sideOf = (relationship: RelationshipRecord, userId: string) =>
    relationship.mentorId === userId ? 'mentor' : relationship.menteeId === userId ? 'mentee' : undefined;

  async function log(
    relationship: RelationshipRecord,
    userId: string,
    side: 'mentor' | 'mentee',
    given: string | undefined,
  ): Promise<Result<MeetingLogged, MeetingRefusal>> {
    const zone = (await deps.profiles.get(userId, side))?.timezone ?? deps.programTimezone;
    const now = deps.clock.now();
    const today = now.setZone(zone).toISODate() ?? '';
    const started =
      relationship.history.find((transition) => transition.to === 'introduced')?.at ??
      relationship.requestedAt;
    const startedOn = DateTime.fromJSDate(new Date(started)).setZone(zone).toISODate() ?? today;
    const checked = meetingDate(given, today, startedOn);
    if (!checked.ok) return refused(checked.refusal, { today, startedOn });
    const { date } = checked;
    const at = now.toJSDate();
    const partnerId = side === 'mentor' ? relationship.menteeId : relationship.mentorId;
    const logged = await deps.unitOfWork.run(async (tx): Promise<MeetingLogged> => {
      const recorded = await tx.meetings.record({
        relationshipId: relationship.id,
        date,
        loggedBy: userId,
        loggedAt: at,
      });
      if (recorded.outcome === 'already')
        return {
          relationshipId: relationship.id,
          date,
          already: true,
          loggedBy: recorded.loggedBy,
          partnerId,
        };
      await tx.relationships.recordActivity(relationship.id, at);
      await tx.audit.record({
        at,
        actorId: userId,
        action: 'relationship.meeting_logged',
        subjectType: 'relationship',
        subjectId: relationship.id,
        details: { status: relationship.status, date },
      });
      if (relationship.channelId)
        await tx.notices.enqueue(
          [
            {
              key: noticeKeys.meetingLogged(relationship.id, date),
              notice: { type: 'pair_meeting_logged', relationshipId: relationship.id, actorId: userId, date },
              destination: { to: 'channel', channel: relationship.channelId },
            },
          ],
          at,
        );
      return { relationshipId: relationship.id, date, already: false, loggedBy: userId, partnerId };
    });
    if (!logged.already) await deps.onChanged([relationship.mentorId, relationship.menteeId]);
    return done(logged);
  }

  return {
    /** The "We met" button: today, for the relationship it was shown for, if the person is one of its pair. */
    async weMet(relationshipId: string, userId: string): Promise<Result<MeetingLogged, MeetingRefusal>> {
      const relationship = await deps.relationships.get(relationshipId);
      const side = relationship && sideOf(relationship, userId);
      if (!relationship || !side) return refused('not_in_pair');
      if (!isOpen(relationship.status)) return refused('not_open', { status: relationship.status });
      return log(relationship, userId, side, undefined);
    },

    /**
     * `/mentoring met [date] [@partner]`: the day given (today when none), for the person's open
     * relationship (the one with `partnerId` when they have several).
     */
    async met(
      userId: string,
      given: string | undefined,
      partnerId: string | undefined,
    ): Promise<Result<MeetingLogged, MeetingRefusal>> {
      const open = (await deps.relationships.findOpenFor(userId)).filter(
        (r) =>
          !partnerId ||
          (r.mentorId === partnerId && r.menteeId === userId) ||
          (r.menteeId === partnerId && r.mentorId === userId),
      );
      if (open.length === 0) return refused(partnerId ? 'not_partner' : 'no_relationship');
      if (open.length > 1) return refused('name_partner', { open: open.length });
      const relationship = open[0]!;
      return log(relationship, userId, sideOf(relationship, userId) ?? 'mentee', given);
    },
  };
}
export type MeetingService = ReturnType<typeof createMeetingService>;
