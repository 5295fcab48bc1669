import type { Clock } from '../clock';
import {
  blankGoalDraft,
  formalEndDate,
  MAX_GOALS,
  toGoalDraft,
  validateGoalForm,
  type Goal,
  type GoalDraft,
  type GoalFieldError,
} from '../domain/goal-form';
import { noticeKeys, type NewNotice } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import { worksOnGoals } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { Rollback, type UnitOfWork } from './ports';
import { done, invalid, refused, type Invalid, type PreparedSave, type Refused, type Result } from './result';

/** Why a goal form or a mentee's goals are refused; the Slack layer words each code. */
export type GoalRefusal =
  /** The person is not this relationship's mentee, or it is not at a stage where goals are written. */
  | 'no_relationship'
  /** `/goals` from someone who only mentors: they read a mentee's goals by naming them. */
  | 'name_your_mentee'
  /** `/goals @mentee` for someone who is not this mentor's mentee. */
  | 'not_your_mentee'
  /** Another save of the same goals came first (two windows, or a double click); nothing was saved. */
  | 'saved_meanwhile';

/**
 * Facts the goal form keeps from when it was opened, so a submission can be checked and answered with no
 * read: whose form it is, the mentee's time zone, and the version of the goals in force. They only let a
 * submission be refused or answered early; saving checks each again on what MongoDB holds.
 */
export interface GoalFormOpened {
  menteeId?: string;
  zone?: string;
  /** The goals' version in force when the form opened (0: none yet); undefined: unknown. */
  version?: number;
}

/** What the goal form shows: whose relationship, whose help is asked for, the goals to edit. */
export interface GoalFormData {
  relationshipId: string;
  mentorId: string;
  drafts: GoalDraft[];
  /** Bumped on every rebuild so Slack shows the rebuilt values instead of its own copy. */
  revision: number;
  opened: GoalFormOpened;
}

/** A mentee's goals as their mentor reads them: none yet, or the version in force. */
export type MenteeGoals = { menteeId: string } & (
  { written: false } | { written: true; goals: Goal[]; version: number }
);

/** The writes a save makes, together: the new version, the formal end date, the audit entry, the notices. */
export interface GoalTx {
  goalForms: Pick<GoalFormRepository, 'saveVersion'>;
  relationships: Pick<RelationshipRepository, 'getForGoalWork' | 'setFormalEndDate'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/** Field errors from the goal form, keyed `g{goal}.{field}` (e.g. `g0.checkIns.1`). */
export const goalFieldKey = (error: Pick<GoalFieldError, 'goal' | 'field'>) =>
  `g${error.goal}.${error.field}`;

/** The domain's errors as field codes, with the facts (limits, dates) their wording needs. */
function goalErrors(errors: GoalFieldError[]) {
  return invalid(
    Object.fromEntries(errors.map((e) => [goalFieldKey(e), e.code])),
    Object.fromEntries(errors.flatMap((e) => (e.facts ? [[goalFieldKey(e), e.facts]] : []))),
  );
}

/**
 * The SMART goal form: who may write and read goals, the proposed check-in dates, and what happens on
 * save (a new version, the formal end date, and the pair told what changed, in one transaction).
 */
export function createGoalService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'findOpenFor' | 'getForGoalWork'>;
  goalForms: Pick<GoalFormRepository, 'latest'>;
  profiles: Pick<ProfileRepository, 'get'>;
  unitOfWork: UnitOfWork<GoalTx>;
  clock: Clock;
  programTimezone: string;
  maxProgramMonths: number;
  /** Called with the people whose App Home shows something that just changed. */
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, goalForms, clock } = deps;

  /** Today in the mentee's own time zone: "after today" means their today. */
  async function todayFor(menteeId: string): Promise<{ today: string; zone: string }> {
    const zone = (await deps.profiles.get(menteeId, 'mentee'))?.timezone ?? deps.programTimezone;
    return { today: clock.now().setZone(zone).toISODate() ?? '', zone };
  }

  async function blankGoal(menteeId: string): Promise<GoalDraft> {
    const { today, zone } = await todayFor(menteeId);
    return blankGoalDraft(today, zone);
  }

  /** The relationship if the person is its mentee, at a stage where goals are written. */
  async function ownRelationship(relationshipId: string, userId: string) {
    const relationship = await relationships.get(relationshipId);
    return relationship && relationship.menteeId === userId && worksOnGoals(relationship.status)
      ? relationship
      : undefined;
  }

  function toPair(relationship: RelationshipRecord, notices: (channel: string) => NewNotice[]) {
    return relationship.channelId ? notices(relationship.channelId) : [];
  }

  /** Today in `zone` (the program's zone when `zone` is missing or not a zone). */
  function todayIn(zone: string | undefined): string {
    const there = clock.now().setZone(zone ?? deps.programTimezone);
    return (there.isValid ? there : clock.now().setZone(deps.programTimezone)).toISODate() ?? '';
  }

  /**
   * The goals checked from the submitted form alone, with no read: valid against the SMART rules on the
   * mentee's today in the zone the form was opened with, and refused at once if the form was opened for
   * someone else. Nothing the form carries grants anything: `save()` checks again, inside its transaction,
   * that the person is the relationship's mentee at a stage where goals are written, that the goals in
   * force are still the version the form was opened on (`saved_meanwhile` if not), and the rules on the
   * mentee's today in their stored zone.
   */
  function checkSubmission(submitted: {
    relationshipId: string;
    userId: string;
    drafts: GoalDraft[];
    opened: GoalFormOpened;
  }): Result<PreparedSave<{ version: number }, GoalRefusal>, GoalRefusal> {
    const { relationshipId, userId, drafts, opened } = submitted;
    if (!relationshipId || (opened.menteeId !== undefined && opened.menteeId !== userId))
      return refused('no_relationship');
    const checked = validateGoalForm(drafts, {
      today: todayIn(opened.zone),
      maxProgramMonths: deps.maxProgramMonths,
    });
    if (!checked.ok) return goalErrors(checked.errors);
    return done({
      save: (committed?: (value: { version: number }) => Promise<void>) =>
        saveOn(relationshipId, userId, drafts, opened.version, committed),
    });
  }

  /**
   * Saves `drafts` as the version after `base` (the goals in force when the form was opened; undefined:
   * whatever is in force when saving). Every check that matters is made inside the transaction, on what
   * MongoDB holds then, so a transaction retried after a conflict checks again.
   */
  async function saveOn(
    relationshipId: string,
    userId: string,
    drafts: GoalDraft[],
    base: number | undefined,
    committed?: (value: { version: number }) => Promise<void>,
  ): Promise<Result<{ version: number }, GoalRefusal>> {
    const at = clock.now().toJSDate();
    const saved = await deps.unitOfWork.run<
      { version: number; relationship: RelationshipRecord } | Refused<GoalRefusal> | Invalid
    >(async (tx) => {
      const context = await tx.relationships.getForGoalWork(relationshipId);
      const relationship = context?.relationship;
      if (!context || !relationship || relationship.menteeId !== userId || !worksOnGoals(relationship.status))
        throw new Rollback(refused('no_relationship'));
      const previous = context.goalForm;
      if (base !== undefined && (previous?.version ?? 0) !== base)
        throw new Rollback(refused('saved_meanwhile'));
      const checked = validateGoalForm(drafts, {
        today: todayIn(context.menteeTimezone),
        maxProgramMonths: deps.maxProgramMonths,
      });
      if (!checked.ok) throw new Rollback(goalErrors(checked.errors));
      const { goals } = checked;
      const endDate = formalEndDate(goals) ?? '';
      const version = await tx.goalForms.saveVersion(relationshipId, previous?.version ?? 0, goals, userId);
      // Someone saved this version first; in a transaction the failed insert has already aborted it.
      if (!version) throw new Rollback(refused('saved_meanwhile'));
      await tx.relationships.setFormalEndDate(relationshipId, endDate, at);
      await tx.audit.record({
        at,
        actorId: userId,
        action: 'goals.saved',
        subjectType: 'relationship',
        subjectId: relationshipId,
        details: { version, goals: goals.length },
      });
      await tx.notices.enqueue(
        toPair(relationship, (channel) => [
          {
            key: noticeKeys.goalsAnnouncement(relationshipId, version),
            notice: {
              type: 'goals_announcement',
              menteeId: userId,
              goals,
              ...(previous ? { previous: previous.goals } : {}),
              endDate,
            },
            destination: { to: 'channel', channel },
          },
          {
            key: noticeKeys.goalsSummary(relationshipId, version),
            notice: { type: 'goals_summary', menteeId: userId, goals, version },
            destination: { to: 'channel', channel },
          },
        ]),
        at,
      );
      return { version, relationship };
    });
    if ('kind' in saved) return saved;
    await committed?.({ version: saved.version });
    await deps.onChanged([saved.relationship.mentorId, saved.relationship.menteeId]);
    return done({ version: saved.version });
  }

  return {
    /**
     * The form for the mentee: their current goals to edit, or one blank goal with proposed dates. From a
     * button, `relationshipId` says which relationship; it must be this person's, as its mentee. From
     * `/goals` (no id), someone who only mentors is told how to read a mentee's goals.
     */
    async openForm(menteeId: string, relationshipId?: string): Promise<Result<GoalFormData, GoalRefusal>> {
      let relationship: RelationshipRecord | undefined;
      if (relationshipId !== undefined) relationship = await ownRelationship(relationshipId, menteeId);
      else {
        const open = await relationships.findOpenFor(menteeId);
        relationship = open.find((r) => r.menteeId === menteeId && worksOnGoals(r.status));
        if (!relationship && open.some((r) => r.mentorId === menteeId)) return refused('name_your_mentee');
      }
      if (!relationship) return refused('no_relationship');
      const [latest, { today, zone }] = await Promise.all([
        goalForms.latest(relationship.id),
        todayFor(menteeId),
      ]);
      const drafts = latest ? latest.goals.map(toGoalDraft) : [blankGoalDraft(today, zone)];
      return done({
        relationshipId: relationship.id,
        mentorId: relationship.mentorId,
        drafts,
        revision: 0,
        opened: { menteeId, zone, version: latest?.version ?? 0 },
      });
    },

    /** Adds or removes a goal inside the open form, keeping everything typed; for its mentee only. */
    async rebuildForm(
      relationshipId: string,
      userId: string,
      drafts: GoalDraft[],
      change: { add: true } | { remove: number },
      revision: number,
      opened: GoalFormOpened = {},
    ): Promise<Result<GoalFormData, GoalRefusal>> {
      const relationship = await ownRelationship(relationshipId, userId);
      if (!relationship) return refused('no_relationship');
      let next = drafts;
      if ('add' in change && drafts.length < MAX_GOALS) next = [...drafts, await blankGoal(userId)];
      if ('remove' in change && drafts.length > 1) next = drafts.filter((_, i) => i !== change.remove);
      return done({
        relationshipId,
        mentorId: relationship.mentorId,
        drafts: next,
        revision: revision + 1,
        opened: { ...opened, menteeId: userId },
      });
    },

    /**
     * Saves the goals as a new version: the formal end date follows the latest complete-by date, and the
     * pair's conversation hears what was saved (or what changed) and reads the goals.
     */
    async save(
      relationshipId: string,
      userId: string,
      drafts: GoalDraft[],
    ): Promise<Result<{ version: number }, GoalRefusal>> {
      // Without a form's facts, the goals in force now are the base, read once; the transaction re-checks.
      const context = await relationships.getForGoalWork(relationshipId);
      const relationship = context?.relationship;
      if (!context || !relationship || relationship.menteeId !== userId || !worksOnGoals(relationship.status))
        return refused('no_relationship');
      const prepared = checkSubmission({
        relationshipId,
        userId,
        drafts,
        opened: { zone: context.menteeTimezone, version: context.goalForm?.version ?? 0 },
      });
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    checkSubmission,

    /** `/goals @mentee` for a mentor: their own mentee's goals, never anyone else's. */
    async goalsOf(mentorId: string, menteeId: string): Promise<Result<MenteeGoals, GoalRefusal>> {
      const relationship = (await relationships.findOpenFor(mentorId)).find(
        (r) => r.mentorId === mentorId && r.menteeId === menteeId,
      );
      if (!relationship) return refused('not_your_mentee');
      const latest = await goalForms.latest(relationship.id);
      return done(
        latest
          ? { menteeId, written: true, goals: latest.goals, version: latest.version }
          : { menteeId, written: false },
      );
    },
  };
}
export type GoalService = ReturnType<typeof createGoalService>;
