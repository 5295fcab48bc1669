import { DateTime } from 'luxon';
import type { ModalView } from '@slack/types';
import { goalFormModal, goalsSummary } from '../../blocks/goal-form';
import { plainMessage, type BotMessage } from '../../blocks/message';
import { mention, userIdFromMention } from '../../blocks/mrkdwn';
import type { Clock } from '../clock';
import { goalWording as w } from '../content/wording';
import { proposeCheckInDates } from '../domain/check-in-dates';
import {
  describeGoalChanges,
  emptyGoalDraft,
  formalEndDate,
  MAX_GOALS,
  toGoalDraft,
  validateGoalForm,
  type GoalDraft,
  type GoalFieldError,
} from '../domain/goal-form';
import type { RelationshipRecord } from '../domain/records';
import type { AuditRepository } from '../store/audit-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { SlackPort } from './ports';

/** A new goal's first complete-by date: four months out, moved by the mentee as they see fit. */
const DEFAULT_GOAL_MONTHS = 4;
const GOAL_STAGES = new Set(['stage2', 'stage3', 'stage4']);

/**
 * The SMART goal form: who may write and read goals, the proposed check-in dates, and what happens on
 * save (a new version, the formal end date, and the mentor told what changed).
 */
export function createGoalService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'findOpenFor' | 'setFormalEndDate'>;
  goalForms: Pick<GoalFormRepository, 'latest' | 'saveVersion'>;
  profiles: Pick<ProfileRepository, 'get'>;
  audit: Pick<AuditRepository, 'record'>;
  slack: Pick<SlackPort, 'post'>;
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

  async function menteeRelationship(menteeId: string): Promise<RelationshipRecord | undefined> {
    const open = await relationships.findOpenFor(menteeId);
    return open.find((r) => r.menteeId === menteeId && GOAL_STAGES.has(r.status));
  }

  /** A blank goal with proposed dates. */
  async function blankGoal(menteeId: string): Promise<GoalDraft> {
    const { today, zone } = await todayFor(menteeId);
    const completeBy =
      DateTime.fromISO(today, { zone }).plus({ months: DEFAULT_GOAL_MONTHS }).toISODate() ?? '';
    return { ...emptyGoalDraft(), completeBy, checkIns: proposeCheckInDates(today, completeBy, zone) };
  }

  /** Checks the person is the mentee of this relationship, at a stage where goals are written. */
  async function ownRelationship(relationshipId: string, userId: string) {
    const relationship = await relationships.get(relationshipId);
    return relationship && relationship.menteeId === userId && GOAL_STAGES.has(relationship.status)
      ? relationship
      : undefined;
  }

  return {
    /**
     * The form for the mentee: their current goals to edit, or one blank goal with proposed dates. From a
     * button, `relationshipId` says which relationship; it must be this person's, as its mentee.
     */
    async openForm(menteeId: string, relationshipId?: string): Promise<ModalView | undefined> {
      const relationship =
        relationshipId !== undefined
          ? await ownRelationship(relationshipId, menteeId)
          : await menteeRelationship(menteeId);
      if (!relationship) return undefined;
      const latest = await goalForms.latest(relationship.id);
      const drafts = latest ? latest.goals.map(toGoalDraft) : [await blankGoal(menteeId)];
      return goalFormModal(drafts, { relationshipId: relationship.id, revision: 0 }, relationship.mentorId);
    },

    /** Add or remove a goal inside the open form, keeping everything typed; undefined if not theirs. */
    async rebuildForm(
      relationshipId: string,
      userId: string,
      drafts: GoalDraft[],
      change: { add: true } | { remove: number },
      revision: number,
    ): Promise<ModalView | undefined> {
      const relationship = await ownRelationship(relationshipId, userId);
      if (!relationship) return undefined;
      let next = drafts;
      if ('add' in change && drafts.length < MAX_GOALS) next = [...drafts, await blankGoal(userId)];
      if ('remove' in change && drafts.length > 1) next = drafts.filter((_, i) => i !== change.remove);
      return goalFormModal(next, { relationshipId, revision: revision + 1 }, relationship.mentorId);
    },

    async save(
      relationshipId: string,
      userId: string,
      drafts: GoalDraft[],
    ): Promise<{ ok: true } | { ok: false; errors: GoalFieldError[] } | { ok: false; refused: string }> {
      const relationship = await ownRelationship(relationshipId, userId);
      if (!relationship) return { ok: false, refused: w.noRelationship };
      const { today } = await todayFor(userId);
      const checked = validateGoalForm(drafts, { today, maxProgramMonths: deps.maxProgramMonths });
      if (!checked.ok) return checked;
      const previous = await goalForms.latest(relationshipId);
      const version = await goalForms.saveVersion(
        relationshipId,
        previous?.version ?? 0,
        checked.goals,
        userId,
      );
      if (!version) return { ok: false, refused: w.noRelationship };
      const endDate = formalEndDate(checked.goals) ?? '';
      await relationships.setFormalEndDate(relationshipId, endDate, clock.now().toJSDate());
      if (relationship.channelId) {
        const announcement = previous
          ? w.changed(mention(userId), describeGoalChanges(previous.goals, checked.goals))
          : w.saved(mention(userId), checked.goals.length, endDate);
        await deps.slack.post(relationship.channelId, plainMessage(announcement));
        await deps.slack.post(relationship.channelId, goalsSummary(userId, checked.goals, version));
      }
      await deps.audit.record({
        at: clock.now().toJSDate(),
        actorId: userId,
        action: 'goals.saved',
        subjectType: 'relationship',
        subjectId: relationshipId,
        details: { version, goals: checked.goals.length },
      });
      await deps.onChanged([relationship.mentorId, relationship.menteeId]);
      return { ok: true };
    },

    /** `/goals @mentee` for a mentor: their own mentee's goals, never anyone else's. */
    async readForMentor(mentorId: string, menteeText: string): Promise<BotMessage | string> {
      const menteeId = userIdFromMention(menteeText);
      if (!menteeId) return w.mentorUsage;
      const relationship = (await relationships.findOpenFor(mentorId)).find(
        (r) => r.mentorId === mentorId && r.menteeId === menteeId,
      );
      if (!relationship) return w.notYourMentee;
      const latest = await goalForms.latest(relationship.id);
      return latest ? goalsSummary(menteeId, latest.goals, latest.version) : w.noGoalsYet(mention(menteeId));
    },

    /** Whether this person mentors anyone (to answer `/goals` with the right help). */
    async isMentor(userId: string): Promise<boolean> {
      return (await relationships.findOpenFor(userId)).some((r) => r.mentorId === userId);
    },
  };
}
export type GoalService = ReturnType<typeof createGoalService>;
