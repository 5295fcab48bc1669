import type { ModalView } from '@slack/types';
import { goalFormErrors, goalFormModal, goalsSummary } from '../../../blocks/goal-form';
import { plainMessage, type BotMessage } from '../../../blocks/message';
import { mention } from '../../../blocks/mrkdwn';
import { goalWording as w } from '../../content/wording';
import { describeGoalChanges, type GoalFieldError } from '../../domain/goal-form';
import type { Notice } from '../../domain/notices';
import type { GoalFormData, GoalRefusal, MenteeGoals } from '../../services/goals';
import type { Refused } from '../../services/result';

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
export function goalFormView(form: GoalFormData): ModalView {
  return goalFormModal(
    form.drafts,
    { relationshipId: form.relationshipId, revision: form.revision },
    form.mentorId,
  );
}

const FIELD_KEY = /^g(\d+)\.(.+)$/;

/** The service's field errors (`g{goal}.{field}`), under the inputs of this revision of the form. */
export function goalFieldErrors(
  fields: Readonly<Record<string, string>>,
  revision: number,
): Record<string, string> {
  const errors: GoalFieldError[] = Object.entries(fields).flatMap(([key, message]) => {
    const match = FIELD_KEY.exec(key);
    return match ? [{ goal: Number(match[1]), field: match[2] as GoalFieldError['field'], message }] : [];
  });
  return goalFormErrors(errors, revision);
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
          ? w.changed(mention(notice.menteeId), describeGoalChanges(notice.previous, notice.goals))
          : w.saved(mention(notice.menteeId), notice.goals.length, notice.endDate),
      );
    case 'goals_summary':
      return goalsSummary(notice.menteeId, notice.goals, notice.version);
  }
}
