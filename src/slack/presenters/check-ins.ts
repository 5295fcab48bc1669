import type { ModalView } from '@slack/types';
import { checkInModal, checkInSummary, mentorCheckInOverview } from '../../../blocks/check-in';
import type { BotMessage } from '../../../blocks/message';
import { mention } from '../../../blocks/mrkdwn';
import { checkInWording as w } from '../../content/wording';
import { CHECK_IN_NOTE_LIMIT, CHECK_IN_TEXT_LIMIT } from '../../domain/check-ins';
import type { Notice } from '../../domain/notices';
import type { CheckInFormData, CheckInRefusal, MenteeCheckInDates } from '../../services/check-ins';
import type { Refused } from '../../services/result';

// Check-ins: the form, its field errors, the mentor's dates and the pair's summary.

/** The sentence for a refused check-in form or submission. */
export function checkInRefusalText(refusal: Refused<CheckInRefusal>): string {
  switch (refusal.code) {
    case 'no_relationship':
      return w.noRelationship;
    case 'for_mentee':
      return w.forMentee(mention(String(refusal.facts.menteeId ?? '')));
    case 'no_goals':
      return w.noGoals;
    case 'goals_changed':
      return w.goalsChanged;
  }
}

/** The check-in modal for the goals in force and the date it answers. */
export function checkInFormView(form: CheckInFormData): ModalView {
  return checkInModal(
    form.goals,
    {
      relationshipId: form.relationshipId,
      goalFormVersion: form.goalFormVersion,
      goalCount: form.goals.length,
      menteeId: form.menteeId,
    },
    form.due,
  );
}

/** The form's field error codes, worded for their fields. */
export function checkInFieldErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  const word = (field: string, code: string): string =>
    code === 'status_required'
      ? w.errors.statusRequired
      : code === 'evidence_required'
        ? w.errors.evidenceRequired
        : w.errors.tooLong(field === 'note' ? CHECK_IN_NOTE_LIMIT : CHECK_IN_TEXT_LIMIT);
  return Object.fromEntries(Object.entries(fields).map(([field, code]) => [field, word(field, code)]));
}

/** `/checkin` for a mentor: each mentee's next and late dates. */
export function menteeCheckInDatesAnswer(mentees: MenteeCheckInDates[]): BotMessage {
  return mentorCheckInOverview(mentees);
}

/** The check-in's notice to the pair, as Slack shows it. */
export function presentCheckInNotice(notice: Extract<Notice, { type: 'check_in_summary' }>): BotMessage {
  return checkInSummary(notice.menteeId, notice.goals, notice.answers, {
    date: notice.due.date,
    late: notice.due.late,
  });
}
