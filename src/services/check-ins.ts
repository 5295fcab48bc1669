import type { Clock } from '../clock';
import {
  checkInSchedule,
  checkInStanding,
  dateThisCheckInAnswers,
  validateCheckIn,
  type CheckInAnswers,
  type CheckInStanding,
} from '../domain/check-ins';
import type { Goal } from '../domain/goal-form';
import { noticeKeys } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import { worksOnGoals } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { CheckInRepository } from '../store/check-in-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { Rollback, type UnitOfWork } from './ports';
import { done, invalid, refused, type PreparedSave, type Refused, type Result } from './result';

/** Why a check-in is refused; the Slack layer words each code. */
export type CheckInRefusal =
  /** Not a mentee working on goals (no relationship at stages 2 to 4, or not theirs). */
  | 'no_relationship'
  /** The pair's mentor: check-ins are the mentee's to write (facts: `menteeId`). */
  | 'for_mentee'
  /** The goal form isn't written yet, and the check-in dates come from it. */
  | 'no_goals'
  /** The goals changed while the form was open: it no longer matches them. */
  | 'goals_changed';

/** Field error codes of the check-in form (the field names are the domain's `checkInField`s and `note`). */
export const CHECK_IN_FIELD_CODES = {
  statusRequired: 'status_required',
  evidenceRequired: 'evidence_required',
  tooLong: 'too_long',
} as const;

/** The date a check-in answers (none when nothing is due), and whether that date is already past. */
export interface CheckInDue {
  date: string | undefined;
  late: boolean;
}

/** What the check-in form shows and carries: the goals in force (by version) and the date it answers. */
export interface CheckInFormData {
  relationshipId: string;
  menteeId: string;
  goalFormVersion: number;
  goals: Goal[];
  due: CheckInDue;
}

/**
 * Facts the check-in form keeps from when it was opened, so a submission can be checked and answered with
 * no read: whose form it is, and the goals' version and count it was built for. Saving checks them again.
 */
export interface CheckInFormOpened {
  menteeId?: string;
  goalFormVersion: number;
  goalCount: number;
}

/** One mentee's check-in dates, as their mentor sees them (dates only, never the reports). */
export interface MenteeCheckInDates {
  menteeId: string;
  next: string | undefined;
  late: string[];
}

/** `/checkin`: the mentee's form, or for someone who only mentors, each mentee's dates. */
export type CheckInCommandAnswer =
  { show: 'form'; form: CheckInFormData } | { show: 'mentees'; mentees: MenteeCheckInDates[] };

/** The writes a check-in makes, together: the report, the relationship's activity, the audit entry, the notice. */
export interface CheckInTx {
  checkIns: Pick<CheckInRepository, 'record' | 'answeredDates'>;
  relationships: Pick<RelationshipRepository, 'getForGoalWork' | 'recordActivity'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/**
 * Check-ins: the mentee reports progress on each goal; the pair reads the summary in their conversation.
 * Which scheduled date a report answers, and which dates are late, follow the domain's rules in the
 * mentee's own calendar.
 */
export function createCheckInService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'findOpenFor' | 'getForGoalWork'>;
  goalForms: Pick<GoalFormRepository, 'latest'>;
  checkIns: Pick<CheckInRepository, 'answeredDates'>;
  profiles: Pick<ProfileRepository, 'get'>;
  unitOfWork: UnitOfWork<CheckInTx>;
  clock: Clock;
  programTimezone: string;
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, goalForms, checkIns, clock } = deps;

  async function todayFor(menteeId: string): Promise<string> {
    const zone = (await deps.profiles.get(menteeId, 'mentee'))?.timezone ?? deps.programTimezone;
    return clock.now().setZone(zone).toISODate() ?? '';
  }

  /** The date this check-in answers, and whether it is late, as of the mentee's today. */
  async function dueFor(
    relationship: RelationshipRecord,
    goals: { checkIns: string[] }[],
  ): Promise<CheckInDue> {
    const today = await todayFor(relationship.menteeId);
    const date = dateThisCheckInAnswers(
      checkInSchedule(goals),
      await checkIns.answeredDates(relationship.id),
      today,
    );
    return { date, late: date !== undefined && date < today };
  }

  /** The mentee's relationship and goals, or why they cannot check in. */
  async function menteeGoals(relationship: RelationshipRecord | undefined, userId: string) {
    const refusal = whyNot(relationship, userId);
    if (refusal || !relationship) return refusal ?? refused<CheckInRefusal>('no_relationship');
    const form = await goalForms.latest(relationship.id);
    if (!form) return refused<CheckInRefusal>('no_goals');
    return done({ relationship, form });
  }

  /** Why this person cannot check in on this relationship, if they cannot. */
  function whyNot(relationship: RelationshipRecord | undefined, userId: string) {
    if (!relationship || !worksOnGoals(relationship.status))
      return refused<CheckInRefusal>('no_relationship');
    if (relationship.menteeId !== userId)
      return relationship.mentorId === userId
        ? refused<CheckInRefusal>('for_mentee', { menteeId: relationship.menteeId })
        : refused<CheckInRefusal>('no_relationship');
    return undefined;
  }

  /**
   * A check-in checked from the submitted form alone, with no read: complete for the number of goals the
   * form was opened with (pure), and refused at once if the form was opened for someone else. Nothing the
   * form carries grants anything: `save()` checks again, inside its transaction, that the person is the
   * relationship's mentee at a stage 2 to 4, and that the goals in force are still the version (and the
   * number of goals) the form was opened with (`goals_changed` if not); it then records the check-in
   * against the date it answers, with the pair's summary.
   */
  function checkSubmission(submitted: {
    relationshipId: string;
    userId: string;
    raw: Record<string, unknown>;
    opened: CheckInFormOpened;
  }): Result<PreparedSave<{ due: CheckInDue }, CheckInRefusal>, CheckInRefusal> {
    const { relationshipId, userId, raw, opened } = submitted;
    if (!relationshipId || (opened.menteeId !== undefined && opened.menteeId !== userId))
      return refused('no_relationship');
    const checked = validateCheckIn(raw, opened.goalCount, {
      ...CHECK_IN_FIELD_CODES,
      tooLong: () => CHECK_IN_FIELD_CODES.tooLong,
    });
    if (!checked.ok) return invalid(checked.errors);
    const { answers } = checked;
    return done({
      save: (committed?: (value: { due: CheckInDue }) => Promise<void>) =>
        saveOn(relationshipId, userId, opened, answers, committed),
    });
  }

  async function saveOn(
    relationshipId: string,
    userId: string,
    opened: CheckInFormOpened,
    answers: CheckInAnswers,
    committed?: (value: { due: CheckInDue }) => Promise<void>,
  ): Promise<Result<{ due: CheckInDue }, CheckInRefusal>> {
    const at = clock.now().toJSDate();
    const saved = await deps.unitOfWork.run<
      { due: CheckInDue; relationship: RelationshipRecord } | Refused<CheckInRefusal>
    >(async (tx) => {
      const context = await tx.relationships.getForGoalWork(relationshipId);
      const refusal = whyNot(context?.relationship, userId);
      if (refusal || !context) throw new Rollback(refusal ?? refused('no_relationship'));
      const { relationship, goalForm: form } = context;
      if (!form) throw new Rollback(refused('no_goals'));
      if (form.version !== opened.goalFormVersion || form.goals.length !== opened.goalCount)
        throw new Rollback(refused('goals_changed'));
      const today = clock
        .now()
        .setZone(context.menteeTimezone ?? deps.programTimezone)
        .toISODate();
      const date = dateThisCheckInAnswers(
        checkInSchedule(form.goals),
        await tx.checkIns.answeredDates(relationshipId),
        today ?? '',
      );
      const due: CheckInDue = { date, late: date !== undefined && today !== null && date < today };
      await tx.checkIns.record({
        relationshipId,
        dueDate: due.date,
        goalFormVersion: form.version,
        submittedBy: userId,
        answers,
      });
      await tx.relationships.recordActivity(relationshipId, at);
      await tx.audit.record({
        at,
        actorId: userId,
        action: 'check_in.submitted',
        subjectType: 'relationship',
        subjectId: relationshipId,
        details: {
          dueDate: due.date ?? null,
          late: due.late,
          statuses: answers.goals.map((g) => g.status),
        },
      });
      if (relationship.channelId)
        await tx.notices.enqueue(
          [
            {
              key: noticeKeys.checkInSummary(relationshipId, at),
              notice: {
                type: 'check_in_summary',
                menteeId: userId,
                goals: form.goals,
                answers,
                due: { ...(due.date ? { date: due.date } : {}), late: due.late },
              },
              destination: { to: 'channel', channel: relationship.channelId },
            },
          ],
          at,
        );
      return { due, relationship };
    });
    if ('kind' in saved) return saved;
    await committed?.({ due: saved.due });
    await deps.onChanged([saved.relationship.mentorId, saved.relationship.menteeId]);
    return done({ due: saved.due });
  }

  /** Answered, late and next check-in dates of a relationship (dates only; for both people and staff). */
  async function standingOf(relationship: RelationshipRecord): Promise<CheckInStanding | undefined> {
    const form = await goalForms.latest(relationship.id);
    if (!form) return undefined;
    return checkInStanding(
      checkInSchedule(form.goals),
      await checkIns.answeredDates(relationship.id),
      await todayFor(relationship.menteeId),
    );
  }

  /**
   * The check-in form: from `/checkin` (no id: the mentee's own relationship) or a nudge's button
   * (the id is only a hint; the person must be that relationship's mentee).
   */
  async function openForm(
    userId: string,
    relationshipId?: string,
  ): Promise<Result<CheckInFormData, CheckInRefusal>> {
    const relationship =
      relationshipId !== undefined
        ? await relationships.get(relationshipId)
        : (await relationships.findOpenFor(userId)).find(
            (r) => r.menteeId === userId && worksOnGoals(r.status),
          );
    const found = await menteeGoals(relationship, userId);
    if (found.kind !== 'done') return found;
    const { relationship: own, form } = found.value;
    return done({
      relationshipId: own.id,
      menteeId: own.menteeId,
      goalFormVersion: form.version,
      goals: form.goals,
      due: await dueFor(own, form.goals),
    });
  }

  return {
    openForm,

    /**
     * Records the mentee's check-in against the date it answers, marks the relationship active, and has
     * the pair's conversation read the summary: together, in one transaction.
     */
    async submit(
      relationshipId: string,
      userId: string,
      goalFormVersion: number,
      raw: Record<string, unknown>,
    ): Promise<Result<{ due: CheckInDue }, CheckInRefusal>> {
      // Without a form's facts, the goals in force now are read once; the transaction re-checks.
      const context = await relationships.getForGoalWork(relationshipId);
      const refusal = whyNot(context?.relationship, userId);
      if (refusal || !context) return refusal ?? refused('no_relationship');
      if (!context.goalForm) return refused('no_goals');
      if (context.goalForm.version !== goalFormVersion) return refused('goals_changed');
      const prepared = checkSubmission({
        relationshipId,
        userId,
        raw,
        opened: { goalFormVersion, goalCount: context.goalForm.goals.length },
      });
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    checkSubmission,

    /** Answered, late and next check-in dates of a relationship (dates only; for both people and staff). */
    standing: standingOf,

    /**
     * `/checkin`: a mentee working on goals gets the form; someone who only mentors gets each mentee's
     * next and late dates (never the reports); anyone else a refusal.
     */
    async forCommand(userId: string): Promise<Result<CheckInCommandAnswer, CheckInRefusal>> {
      const open = await relationships.findOpenFor(userId);
      const mentoring = open.filter((r) => r.mentorId === userId);
      const isMentee = open.some((r) => r.menteeId === userId && worksOnGoals(r.status));
      if (!isMentee && mentoring.length > 0) {
        const mentees: MenteeCheckInDates[] = [];
        for (const relationship of mentoring) {
          const standing = await standingOf(relationship);
          if (standing)
            mentees.push({ menteeId: relationship.menteeId, next: standing.next, late: standing.late });
        }
        return done({ show: 'mentees', mentees });
      }
      const form = await openForm(userId);
      return form.kind === 'done' ? done({ show: 'form', form: form.value }) : form;
    },
  };
}
export type CheckInService = ReturnType<typeof createCheckInService>;
