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
import { done, invalid, refused, type Prepared, type Refused, type Result } from './result';

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

/** What the goal form shows: whose relationship, whose help is asked for, the goals to edit. */
export interface GoalFormData {
  relationshipId: string;
  mentorId: string;
  drafts: GoalDraft[];
  /** Bumped on every rebuild so Slack shows the rebuilt values instead of its own copy. */
  revision: number;
}

/** A mentee's goals as their mentor reads them: none yet, or the version in force. */
export type MenteeGoals = { menteeId: string } & (
  { written: false } | { written: true; goals: Goal[]; version: number }
);

/** The writes a save makes, together: the new version, the formal end date, the audit entry, the notices. */
export interface GoalTx {
  goalForms: Pick<GoalFormRepository, 'saveVersion'>;
  relationships: Pick<RelationshipRepository, 'setFormalEndDate'>;
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

  /**
   * The goals checked as far as answering the form needs, after one read (the relationship with the mentee's
   * time zone and the goals in force): theirs, at a stage where goals are written, and valid against the
   * SMART rules on the mentee's today. `save()` then writes the next version; if another save took it
   * meanwhile, it is refused with `saved_meanwhile` and nothing of this one is kept.
   */
  async function prepareSave(
    relationshipId: string,
    userId: string,
    drafts: GoalDraft[],
  ): Promise<Result<Prepared<{ version: number }, GoalRefusal>, GoalRefusal>> {
    const context = await relationships.getForGoalWork(relationshipId);
    const relationship = context?.relationship;
    if (!context || !relationship || relationship.menteeId !== userId || !worksOnGoals(relationship.status))
      return refused('no_relationship');
    const zone = context.menteeTimezone ?? deps.programTimezone;
    const today = clock.now().setZone(zone).toISODate() ?? '';
    const checked = validateGoalForm(drafts, { today, maxProgramMonths: deps.maxProgramMonths });
    if (!checked.ok) return goalErrors(checked.errors);
    const { goals } = checked;
    const previous = context.goalForm;
    return done({
      save: async () => {
        const endDate = formalEndDate(goals) ?? '';
        const at = clock.now().toJSDate();
        const saved = await deps.unitOfWork.run<number | Refused<GoalRefusal>>(async (tx) => {
          const version = await tx.goalForms.saveVersion(
            relationshipId,
            previous?.version ?? 0,
            goals,
            userId,
          );
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
          return version;
        });
        if (typeof saved !== 'number') return saved;
        await deps.onChanged([relationship.mentorId, relationship.menteeId]);
        return done({ version: saved });
      },
    });
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
      const latest = await goalForms.latest(relationship.id);
      const drafts = latest ? latest.goals.map(toGoalDraft) : [await blankGoal(menteeId)];
      return done({ relationshipId: relationship.id, mentorId: relationship.mentorId, drafts, revision: 0 });
    },

    /** Adds or removes a goal inside the open form, keeping everything typed; for its mentee only. */
    async rebuildForm(
      relationshipId: string,
      userId: string,
      drafts: GoalDraft[],
      change: { add: true } | { remove: number },
      revision: number,
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
      const prepared = await prepareSave(relationshipId, userId, drafts);
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    prepareSave,

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
