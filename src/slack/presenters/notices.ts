import { applicationReviewCard } from '../../../blocks/application';
import { meetingLoggedMessage, staffNudgeMessage } from '../../../blocks/meetings';
import { plainMessage, type BotMessage } from '../../../blocks/message';
import { escapeWithin, mention, slackDate } from '../../../blocks/mrkdwn';
import { introductionMessage, mentorRequestCard, preferencesShared } from '../../../blocks/requests';
import {
  applicationWording,
  directoryUpkeepWording as upkeep,
  requestWording as w,
  type ProgramSettings,
} from '../../content/wording';
import type { ApplicationRecord } from '../../domain/records';
import type { Notice } from '../../domain/notices';
import { presentCheckInNotice } from './check-ins';
import { presentDigest } from './digest';
import { presentGoalNotice } from './goals';
import { presentLifecycleNotice } from './lifecycle';
import { postedReport } from './report';

/**
 * Turns a notice (data written with the change that caused it) into the message Slack shows, at send time:
 * Block Kit from blocks/, wording from src/content, user-typed text escaped there.
 */
export function presentNotice(notice: Notice, program: ProgramSettings): BotMessage {
  switch (notice.type) {
    case 'staff_application_card': {
      const card = applicationReviewCard(notice.application);
      if (notice.edited)
        card.blocks.push({
          type: 'context',
          elements: [{ type: 'mrkdwn', text: applicationWording.card.edited }],
        });
      return card;
    }
    case 'staff_card_update':
      return applicationReviewCard(notice.application, decidedLine(notice.application));
    case 'applicant_decision_dm':
      return plainMessage(
        notice.status === 'approved'
          ? applicationWording.approved(notice.role, program, notice.capacity)
          : applicationWording.declined(
              notice.role,
              program,
              escapeWithin((notice.reason ?? '').trim(), 2000),
            ),
      );
    case 'mentor_request_card':
      return mentorRequestCard(notice.relationship, notice.mentee);
    case 'request_card_update': {
      const at = new Date(notice.at);
      const line =
        notice.outcome === 'accepted'
          ? w.mentorCard.accepted(slackDate(at))
          : notice.outcome === 'declined'
            ? w.mentorCard.declined(slackDate(at))
            : notice.outcome === 'released'
              ? upkeep.cardReleased[notice.why ?? 'mentor_unlisted']
              : w.mentorCard.lapsed;
      return mentorRequestCard(notice.relationship, notice.mentee, line);
    }
    case 'pair_introduction':
      return introductionMessage(
        program,
        notice.relationship,
        notice.mentor,
        notice.mentee,
        notice.sharedInterests,
      );
    case 'mentee_request_news':
      if (notice.news === 'released')
        return plainMessage(upkeep.menteeReleased[notice.why ?? 'mentor_unlisted'](mention(notice.mentorId)));
      return plainMessage(
        notice.news === 'staff_match'
          ? w.menteeToldOfStaffMatch(mention(notice.mentorId))
          : notice.news === 'declined'
            ? w.menteeTold.declined(mention(notice.mentorId))
            : w.menteeTold.lapsed(mention(notice.mentorId)),
      );
    case 'staff_conversation_failed':
      return plainMessage(
        w.conversationFailed.staff(mention(notice.mentorId), mention(notice.menteeId), notice.error),
      );
    // Requests and the pair's first steps:
    case 'mentor_request_reminder':
      return plainMessage(w.mentorCard.reminder(mention(notice.menteeId)));
    case 'pair_preferences_shared':
      return preferencesShared(notice.userId, notice.channels);
    // Relationship lifecycle and close-out.
    case 'pair_fit_outcome':
    case 'mentee_not_a_fit':
    case 'staff_not_a_fit':
    case 'pair_agreements_saved':
    case 'pair_stage_advanced':
    case 'pair_paused':
    case 'pair_ended_early':
    case 'staff_ended_early':
    case 'pair_reflection_shared':
      return presentLifecycleNotice(notice);
    // Meetings and the program office's nudges.
    case 'pair_meeting_logged':
      return meetingLoggedMessage(notice.relationshipId, notice.actorId, notice.date);
    case 'pair_staff_nudge':
      return staffNudgeMessage(program, notice);
    // Goals and check-ins.
    case 'goals_announcement':
    case 'goals_summary':
      return presentGoalNotice(notice);
    case 'check_in_summary':
      return presentCheckInNotice(notice);
    // Staff reports in the staff channel.
    case 'staff_weekly_digest':
      return presentDigest(notice.digest);
    case 'staff_program_report':
      return postedReport(notice.report, notice.postedBy);
    // Keeping the directory current.
    case 'mentor_listing_changed':
      return plainMessage(
        notice.listed
          ? upkeep.relistedByStaff(program, mention(notice.staffId))
          : upkeep.unlistedByStaff(
              program,
              mention(notice.staffId),
              escapeWithin((notice.reason ?? '').trim(), 2000),
            ),
      );
  }
}

/** Who decided and when, for the staff card. */
function decidedLine(application: ApplicationRecord): string | undefined {
  if (application.status === 'submitted' || !application.reviewerId) return undefined;
  const when = application.decidedAt ? slackDate(new Date(application.decidedAt), true) : '';
  return application.status === 'approved'
    ? applicationWording.card.approvedBy(mention(application.reviewerId), when)
    : applicationWording.card.declinedBy(mention(application.reviewerId), when);
}
