import type { Clock } from '../clock';
import {
  atRiskReasons,
  compareRisk,
  DEFAULT_AT_RISK_SETTINGS,
  hasNewSince,
  reasonsStamp,
  type AtRiskReason,
  type AtRiskSettings,
} from '../domain/at-risk';
import { noticeKeys } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import { isOpen, type RelationshipStatus } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { CheckInRepository } from '../store/check-in-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { MeetingRepository } from '../store/meeting-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { PromptRepository } from '../store/prompt-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { RiskReviewRepository } from '../store/risk-review-repository';
import { Rollback, type UnitOfWork } from './ports';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

/** Why a staff action on the at-risk list is refused; the Slack layer words each code. */
export type AtRiskRefusal =
  | 'not_staff'
  /** The relationship has nothing at risk any more (or is gone, or ended). */
  | 'no_longer_at_risk'
  /** Its reasons changed since the list with this button was shown. */
  | 'changed'
  /** A request has no conversation yet: there is no pair to nudge. */
  | 'no_conversation';

/** One relationship on the list: who, where it stands, and why, worst reason first. */
export interface AtRiskEntry {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  status: RelationshipStatus;
  reasons: AtRiskReason[];
  /** What the list's buttons carry, so a click on an old list is recognised. */
  stamp: string;
  /** Whether the pair has a conversation to nudge in. */
  hasConversation: boolean;
  /** The last time staff marked it handled (it is listed again because something new happened). */
  handled?: { by: string; at: Date } | undefined;
}

export interface AtRiskList {
  /** Worst first. */
  entries: AtRiskEntry[];
  /** Relationships with reasons that staff marked handled and nothing new has happened since. */
  handledHidden: number;
}

/** The writes of the list's buttons: the nudge notice or the handled mark, each with its audit entry. */
export interface AtRiskTx {
  riskReviews: Pick<RiskReviewRepository, 'markHandled'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/**
 * `/mentoring admin at-risk` and its buttons: which relationships need the program office and why (the
 * domain's rule over facts read in batch, one query per collection however many relationships there are),
 * a kind nudge in a pair's conversation, and "handled" marks that hide a relationship until something new
 * happens. Staff only, checked here on every call.
 */
export function createAtRiskService(deps: {
  relationships: Pick<RelationshipRepository, 'listLive' | 'get'>;
  goalForms: Pick<GoalFormRepository, 'checkInDatesOf'>;
  checkIns: Pick<CheckInRepository, 'standingsOf'>;
  meetings: Pick<MeetingRepository, 'latestOf'>;
  prompts: Pick<PromptRepository, 'parkedOf'>;
  riskReviews: Pick<RiskReviewRepository, 'marksOf'>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  unitOfWork: UnitOfWork<AtRiskTx>;
  clock: Clock;
  programTimezone: string;
  quietDays: number;
}) {
  const settings: AtRiskSettings = {
    ...DEFAULT_AT_RISK_SETTINGS,
    quietDays: deps.quietDays,
    zone: deps.programTimezone,
  };

  /** Each relationship's reasons, from facts read once per collection for all of them. */
  async function assess(relationships: readonly RelationshipRecord[]) {
    const ids = relationships.map((r) => r.id);
    const [checkInDates, standings, meetings, parked, marks] = await Promise.all([
      deps.goalForms.checkInDatesOf(ids),
      deps.checkIns.standingsOf(ids),
      deps.meetings.latestOf(ids),
      deps.prompts.parkedOf(ids),
      deps.riskReviews.marksOf(ids),
    ]);
    const now = deps.clock.now();
    return relationships.map((relationship) => {
      const { id } = relationship;
      const standing = standings.get(id);
      const reasons = atRiskReasons(
        {
          status: relationship.status,
          requestedAt: relationship.requestedAt,
          introducedAt: relationship.history.find((t) => t.to === 'introduced')?.at,
          formalEndDate: relationship.formalEndDate,
          pausedAt: relationship.pausedAt,
          pausedUntil: relationship.pausedUntil,
          checkInDates: checkInDates.get(id) ?? [],
          answeredCheckIns: standing?.answered ?? [],
          lastMeeting: meetings.get(id)?.date,
          latestCheckIn: standing?.latest,
          parkedPrompts: parked.get(id),
        },
        now,
        settings,
      );
      const mark = marks.get(id);
      const entry: AtRiskEntry = {
        relationshipId: id,
        mentorId: relationship.mentorId,
        menteeId: relationship.menteeId,
        status: relationship.status,
        reasons,
        stamp: reasonsStamp(reasons),
        hasConversation: Boolean(relationship.channelId),
        handled: mark ? { by: mark.handledBy, at: mark.handledAt } : undefined,
      };
      return { entry, relationship, isNew: hasNewSince(reasons, mark) };
    });
  }

  /** Every live relationship judged: those at risk that staff haven't handled, worst first, and the rest hidden. */
  async function judgeLive(): Promise<{ list: AtRiskList; live: RelationshipRecord[] }> {
    const live = await deps.relationships.listLive();
    const assessed = (await assess(live)).filter(({ entry }) => entry.reasons.length > 0);
    const entries = assessed
      .filter(({ isNew }) => isNew)
      .map(({ entry }) => entry)
      .sort((a, b) => compareRisk(a.reasons, b.reasons));
    return { list: { entries, handledHidden: assessed.length - entries.length }, live };
  }

  /** The one relationship a button was shown for, re-assessed now; a refusal when the button is out of date. */
  async function current(
    relationshipId: string,
    stamp: string,
    staffId: string,
  ): Promise<
    Result<{ entry: AtRiskEntry; relationship: RelationshipRecord; isNew: boolean }, AtRiskRefusal>
  > {
    if (!(await deps.staff.isStaff(staffId))) return refused('not_staff');
    const relationship = await deps.relationships.get(relationshipId);
    if (!relationship) return refused('no_longer_at_risk');
    const [assessed] = await assess([relationship]);
    if (!assessed || assessed.entry.reasons.length === 0) return refused('no_longer_at_risk');
    if (assessed.entry.stamp !== stamp) return refused('changed');
    return done(assessed);
  }

  return {
    /** Every relationship at risk that staff haven't handled (or where something new happened since), worst first. */
    async list(staffId: string): Promise<Result<AtRiskList, AtRiskRefusal>> {
      if (!(await deps.staff.isStaff(staffId))) return refused('not_staff');
      return done((await judgeLive()).list);
    },

    /**
     * The list as `list` makes it, with the live relationships it judged, for staff surfaces that summarise it
     * (the weekly digest, the staff's App Home). No staff check: callers show it only to staff.
     */
    overview: judgeLive,

    /**
     * **Nudge the pair**: a kind word from the program office in the pair's conversation (once a day per
     * pair, however often it is clicked), recorded in the audit trail.
     */
    async nudge(
      relationshipId: string,
      stamp: string,
      staffId: string,
    ): Promise<Result<{ mentorId: string; menteeId: string; already: boolean }, AtRiskRefusal>> {
      const found = await current(relationshipId, stamp, staffId);
      if (found.kind !== 'done') return found;
      const { relationship } = found.value;
      if (!relationship.channelId || !isOpen(relationship.status)) return refused('no_conversation');
      const { mentorId, menteeId, channelId } = relationship;
      const now = deps.clock.now();
      const at = now.toJSDate();
      const day = now.setZone(deps.programTimezone).toISODate() ?? '';
      return deps.unitOfWork.run(async (tx) => {
        const added = await tx.notices.enqueue(
          [
            {
              key: noticeKeys.staffNudge(relationship.id, day),
              notice: { type: 'pair_staff_nudge', relationshipId: relationship.id, mentorId, menteeId },
              destination: { to: 'channel', channel: channelId },
            },
          ],
          at,
        );
        if (added === 0) throw new Rollback(done({ mentorId, menteeId, already: true }));
        await tx.audit.record({
          at,
          actorId: staffId,
          action: 'relationship.staff_nudged',
          subjectType: 'relationship',
          subjectId: relationship.id,
          details: { status: relationship.status, reasons: found.value.entry.reasons.map((r) => r.kind) },
        });
        return done({ mentorId, menteeId, already: false });
      });
    },

    /**
     * **Mark handled**: hides the relationship from the list until a new reason or a newer date comes;
     * who and when are kept with the mark and in the audit trail.
     */
    async markHandled(
      relationshipId: string,
      stamp: string,
      staffId: string,
    ): Promise<
      Result<{ mentorId: string; menteeId: string; already?: { by: string; at: Date } }, AtRiskRefusal>
    > {
      const found = await current(relationshipId, stamp, staffId);
      if (found.kind !== 'done') return found;
      const { entry, isNew } = found.value;
      const { mentorId, menteeId } = entry;
      if (!isNew && entry.handled) return done({ mentorId, menteeId, already: entry.handled });
      const at = deps.clock.now().toJSDate();
      await deps.unitOfWork.run(async (tx) => {
        await tx.riskReviews.markHandled({
          relationshipId: entry.relationshipId,
          handledBy: staffId,
          handledAt: at,
          reasons: entry.reasons.map(({ kind, asOf }) => ({ kind, asOf })),
        });
        await tx.audit.record({
          at,
          actorId: staffId,
          action: 'relationship.risk_handled',
          subjectType: 'relationship',
          subjectId: entry.relationshipId,
          details: { status: entry.status, reasons: entry.reasons.map((r) => `${r.kind}@${r.asOf}`) },
        });
      });
      return done({ mentorId, menteeId });
    },
  };
}
export type AtRiskService = ReturnType<typeof createAtRiskService>;
