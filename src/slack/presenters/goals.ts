import type { ModalView } from '@slack/types';
import { goalFormErrors, goalFormModal, goalsSummary } from '../../../blocks/goal-form';
import { plainMessage, type BotMessage } from '../../../blocks/message';
import { mention } from '../../../blocks/mrkdwn';
import { goalWording as w } from '../../content/wording';
import {
  goalChanges,
  MAX_GOALS,
  type GoalChange,
  type GoalErrorCode,
  type GoalErrorFacts,
  type GoalField,
  type Goal,
} from '../../domain/goal-form';
import type { Notice } from '../../domain/notices';
import type { GoalFormData, GoalRefusal, MenteeGoals } from '../../services/goals';
import type { Invalid, Refused } from '../../services/result';

// Goals: the form, its field errors, the mentor's read of a mentee's goals, and the pair's notices.

/** The sentence for a refused goal form, save or read. */
export function goalRefusalText(refusal: Refused<GoalRefusal>): string {
  switch (refusal.code) {
    case 'no_relationship':
      return w.noRelationship;
    case 'name_your_mentee':
      return w.mentorUsage;
    case 'not_your_mentee':
      return w.notYourMentee;
    case 'saved_meanwhile':
      return w.savedMeanwhile;
  }
}

/** The goal form's modal, from what the service says it should hold. */
export function goalFormView(form: GoalFormData, notice?: string): ModalView {
  const { menteeId, zone, version } = form.opened;
  return goalFormModal(
    form.drafts,
    {
      relationshipId: form.relationshipId,
      revision: form.revision,
      mentorId: form.mentorId,
      ...(menteeId !== undefined ? { menteeId } : {}),
      ...(zone !== undefined ? { zone } : {}),
      ...(version !== undefined ? { version } : {}),
    },
    form.mentorId,
    notice,
  );
}

const FIELD_KEY = /^g(\d+)\.(.+)$/;

/** The service's field errors (`g{goal}.{field}` → code), worded under the inputs of this revision of the form. */
export function goalFieldErrors(result: Invalid, revision: number): Record<string, string> {
  const errors = Object.entries(result.fields).flatMap(([key, code]) => {
    const match = FIELD_KEY.exec(key);
    if (!match) return [];
    const field = match[2] as GoalField;
    const facts = (result.facts?.[key] ?? {}) as GoalErrorFacts;
    return [
      {
        goal: Number(match[1]),
        field,
        message: goalErrorText({ field, code: code as GoalErrorCode, facts }),
      },
    ];
  });
  return goalFormErrors(errors, revision);
}

/** The sentence under one goal field for its error code. */
export function goalErrorText(error: {
  field: GoalField;
  code: GoalErrorCode;
  facts?: GoalErrorFacts;
}): string {
  const e = w.errors;
  const fact = (name: string) => error.facts?.[name];
  switch (error.code) {
    case 'no_goals':
      return e.noGoals;
    case 'too_many_goals':
      return e.tooManyGoals(MAX_GOALS);
    case 'required':
      return error.field.startsWith('checkIns.')
        ? e.required.checkIn
        : (e.required[error.field as keyof typeof e.required] ?? e.required.specific);
    case 'too_long':
      return e.tooLong(Number(fact('limit') ?? 0), Number(fact('length') ?? 0));
    case 'not_a_date':
      return e.notADate;
    case 'not_after_today':
      return e.notAfterToday;
    case 'too_late':
      return e.tooLate(String(fact('latest') ?? ''), Number(fact('months') ?? 0));
    case 'not_before_complete_by':
      return e.notBeforeCompleteBy;
    case 'not_after_previous':
      return e.notAfterPrevious(Number(fact('previous') ?? 0) + 1);
  }
}

/** One line telling the mentor what changed in the goals. */
export function goalChangeText(change: GoalChange): string {
  const c = w.changes;
  const goal = change.goal + 1;
  switch (change.change) {
    case 'added':
      return c.added(goal);
    case 'removed':
      return c.removed(goal);
    case 'answer':
      return c.answer(goal, change.field);
    case 'complete_by':
      return c.completeBy(goal, change.from, change.to);
    case 'check_in':
      return c.checkIn(goal, change.checkIn + 1, change.from, change.to);
  }
}

/** What changed between two versions of the goals, a line each. */
export function goalChangeLines(before: Goal[], after: Goal[]): string[] {
  return goalChanges(before, after).map(goalChangeText);
}

/** `/goals @mentee`: the goals in force, or that none are written yet. */
export function menteeGoalsAnswer(goals: MenteeGoals): BotMessage {
  return goals.written
    ? goalsSummary(goals.menteeId, goals.goals, goals.version)
    : plainMessage(w.noGoalsYet(mention(goals.menteeId)));
}

type GoalNotice = Extract<Notice, { type: 'goals_announcement' | 'goals_summary' }>;

/** The goals' notices to the pair, as Slack shows them. */
export function presentGoalNotice(notice: GoalNotice): BotMessage {
  switch (notice.type) {
    case 'goals_announcement':
      return plainMessage(
        notice.previous
          ? w.changed(mention(notice.menteeId), goalChangeLines(notice.previous, notice.goals))
          : w.saved(mention(notice.menteeId), notice.goals.length, notice.endDate),
      );
    case 'goals_summary':
      return goalsSummary(notice.menteeId, notice.goals, notice.version);
  }
}
