import type { ApplicationRole, CommunicationChannel } from './application-form';
import type { CheckInAnswers } from './check-ins';
import type { Goal } from './goal-form';
import type { ApplicationRecord, ProfileRecord, RelationshipRecord } from './records';
import type { ProgramReport } from './program-report';
import type { ReflectionAnswers } from './reflection';
import type { RelationshipStatus } from './relationship-stages';
import type { WeeklyDigest } from './weekly-digest';
import type { ReleaseReason } from './directory-upkeep';

/**
 * What the bot tells someone other than the person it is answering, as data: written to the outbox in the
 * same transaction as the change that caused it, rendered (blocks/ and src/content) only when it is sent.
 * Each notice carries the facts its message needs, so it reads the same however late it goes out.
 */
export type Notice =
  /** The staff's review card for an application (posted, or the card updated after an edit). */
  | { type: 'staff_application_card'; application: ApplicationRecord; edited?: boolean }
  /** The staff's review card after the decision: who decided, when, and no more buttons. */
  | { type: 'staff_card_update'; application: ApplicationRecord }
  /** The applicant told the decision in their DM with the bot. */
  | {
      type: 'applicant_decision_dm';
      role: ApplicationRole;
      status: 'approved' | 'declined';
      capacity?: number;
      /** What staff wrote; escaped when rendered. */
      reason?: string;
    }
  /** The mentor's DM with a mentee's request and Accept / Decline. */
  | { type: 'mentor_request_card'; relationship: RelationshipRecord; mentee: ProfileRecord }
  /** The request card once answered or lapsed. */
  | {
      type: 'request_card_update';
      relationship: RelationshipRecord;
      mentee: ProfileRecord;
      outcome: 'accepted' | 'declined' | 'lapsed' | 'released';
      at: Date;
      /** For a released request: why (the mentor left the directory, or has no seat left). */
      why?: ReleaseReason;
    }
  /** The first message in the pair's group DM. */
  | {
      type: 'pair_introduction';
      relationship: RelationshipRecord;
      mentor: ProfileRecord;
      mentee: ProfileRecord;
      sharedInterests: string[];
    }
  /** The mentee told what became of a request: a staff match, a decline, a lapse. */
  | {
      type: 'mentee_request_news';
      news: 'staff_match' | 'declined' | 'lapsed' | 'released';
      mentorId: string;
      /** For a released request: why. */
      why?: ReleaseReason;
    }
  /** Staff told the pair's group DM could not be opened. */
  | { type: 'staff_conversation_failed'; mentorId: string; menteeId: string; error: string }
  // Requests and the pair's first steps:
  /** The mentor reminded, in their DM, of a request waiting a week. */
  | { type: 'mentor_request_reminder'; menteeId: string }
  /** The pair's group DM told how one of them likes to stay in touch. */
  | { type: 'pair_preferences_shared'; userId: string; channels: CommunicationChannel[] }
  // Relationship lifecycle and close-out (fit, agreements, stages, pause, ending, reflection).
  /** The pair told the mentor's fit decision: stage 1 begins (with the agreements button), or not a fit. */
  | {
      type: 'pair_fit_outcome';
      relationshipId: string;
      mentorId: string;
      menteeId: string;
      outcome: 'proceed' | 'not_a_fit';
    }
  /** The mentee, in their DM, pointed to the directory after a "not a fit". */
  | { type: 'mentee_not_a_fit' }
  /** Staff told a mentor decided not to continue after the first meeting. */
  | { type: 'staff_not_a_fit'; mentorId: string; menteeId: string }
  /** The pair's conversation: one of them recorded the stage 1 agreements. */
  | { type: 'pair_agreements_saved'; relationship: RelationshipRecord; actorId: string }
  /** The pair's conversation: one of them moved the relationship on. */
  | {
      type: 'pair_stage_advanced';
      actorId: string;
      stage: RelationshipStatus;
      /** For the "We met" button under it (absent in notices written before meetings were logged). */
      relationshipId?: string;
    }
  /** The pair's conversation: one of them paused the prompts until `until` (a day), or resumed them. */
  | { type: 'pair_paused'; actorId: string; until?: string }
  /** The pair's conversation: one of them ended the relationship early; the reason is escaped when rendered. */
  | { type: 'pair_ended_early'; actorId: string; reason: string }
  /** Staff told a relationship ended early, and by whom. */
  | { type: 'staff_ended_early'; mentorId: string; menteeId: string; actorId: string }
  /** The pair's conversation: one of them logged that they met on `date` (a day; nothing about the meeting). */
  | { type: 'pair_meeting_logged'; relationshipId: string; actorId: string; date: string }
  /** The pair's conversation: a kind word from the program office, asked for by staff from the at-risk list. */
  | { type: 'pair_staff_nudge'; relationshipId: string; mentorId: string; menteeId: string }
  /** The pair's conversation: one person's close-out reflection, shared. */
  | { type: 'pair_reflection_shared'; userId: string; role: 'mentor' | 'mentee'; answers: ReflectionAnswers }
  // Goals and check-ins.
  /**
   * The pair's conversation: the mentee saved their goals. The first version says how many and until when
   * the formal relationship runs; a later one (with the goals it replaced) says what changed.
   */
  | { type: 'goals_announcement'; menteeId: string; goals: Goal[]; previous?: Goal[]; endDate: string }
  /** The pair's conversation: the goals as saved, with their version. */
  | { type: 'goals_summary'; menteeId: string; goals: Goal[]; version: number }
  /** The pair's conversation: the mentee's check-in against the goals in force, for the date it answers. */
  | {
      type: 'check_in_summary';
      menteeId: string;
      goals: Goal[];
      answers: CheckInAnswers;
      due: { date?: string | undefined; late: boolean };
    }
  // Staff reports in the staff channel: counts, dates and statuses only.
  /** The weekly digest, once per ISO week in the program's time zone. */
  | { type: 'staff_weekly_digest'; digest: WeeklyDigest }
  /** The program report a staff member chose to post (with who posted it). */
  | { type: 'staff_program_report'; report: ProgramReport; postedBy: string }
  // Keeping the directory current.
  /**
   * The mentor, in their DM, told that staff unlisted them (with the reason staff gave, escaped when
   * rendered) or listed them again.
   */
  | { type: 'mentor_listing_changed'; listed: boolean; staffId: string; reason?: string };

export type NoticeType = Notice['type'];

/**
 * Kinds an earlier version wrote that this one no longer sends (their news is now the answer to the person
 * acting). One still held in the outbox after an upgrade is skipped, not retried until it is parked.
 */
export const RETIRED_NOTICE_TYPES: ReadonlySet<string> = new Set([
  'mentor_talk_again',
  'evaluation_received',
]);

/** Where a notice goes. */
export type NoticeDestination =
  /** A channel (the staff channel, the pair's group DM). */
  | { to: 'channel'; channel: string }
  /** One person's DM with the bot (opened when it is sent). */
  | { to: 'person'; userId: string }
  /**
   * An update of a message the bot posted: `message` when its channel and ts are known, otherwise the
   * message an earlier notice (`noticeKey`) posted; the update waits until that notice has been sent.
   */
  | { to: 'update'; noticeKey: string; message?: { channel: string; ts: string } | undefined };

/** Where a sent notice's channel and ts are also kept (for later updates of that message). */
export type NoticeRecordTo = { applicationReviewCard: string } | { relationshipRequestMessage: string };

export interface NewNotice {
  /** Makes the notice unique: enqueuing the same key again changes nothing. */
  key: string;
  notice: Notice;
  destination: NoticeDestination;
  recordTo?: NoticeRecordTo;
}

/** The idempotency keys of the notices the services write. */
export const noticeKeys = {
  applicationCard: (applicationId: string) => `application:${applicationId}:card`,
  applicationEdited: (applicationId: string, at: Date) =>
    `application:${applicationId}:edited:${at.getTime()}`,
  applicationDecided: (applicationId: string) => `application:${applicationId}:decided`,
  applicationDecision: (applicationId: string) => `application:${applicationId}:decision`,
  requestCard: (relationshipId: string) => `relationship:${relationshipId}:request_card`,
  requestCardUpdate: (relationshipId: string, outcome: string) =>
    `relationship:${relationshipId}:request_card:${outcome}`,
  introduction: (relationshipId: string) => `relationship:${relationshipId}:introduction`,
  menteeNews: (relationshipId: string, news: string) => `relationship:${relationshipId}:mentee:${news}`,
  conversationFailed: (relationshipId: string, at: Date) =>
    `relationship:${relationshipId}:conversation_failed:${at.getTime()}`,
  // Requests and the pair's first steps:
  requestReminder: (relationshipId: string) => `relationship:${relationshipId}:request_reminder`,
  preferencesShared: (relationshipId: string, side: string, at: Date) =>
    `relationship:${relationshipId}:preferences:${side}:${at.getTime()}`,
  // Relationship lifecycle and close-out.
  lifecycle: (relationshipId: string, what: string, at: Date) =>
    `relationship:${relationshipId}:${what}:${at.getTime()}`,
  personal: (relationshipId: string, userId: string, what: string, at: Date) =>
    `relationship:${relationshipId}:${userId}:${what}:${at.getTime()}`,
  // Meetings and staff nudges: one meeting per day, one nudge per day.
  meetingLogged: (relationshipId: string, date: string) => `relationship:${relationshipId}:meeting:${date}`,
  staffNudge: (relationshipId: string, day: string) => `relationship:${relationshipId}:staff_nudge:${day}`,
  // Goals and check-ins: a goal version is saved once, so its notices are keyed by the version.
  goalsAnnouncement: (relationshipId: string, version: number) =>
    `relationship:${relationshipId}:goals:v${version}:announcement`,
  goalsSummary: (relationshipId: string, version: number) =>
    `relationship:${relationshipId}:goals:v${version}:summary`,
  checkInSummary: (relationshipId: string, at: Date) =>
    `relationship:${relationshipId}:check_in:${at.getTime()}`,
  // Staff reports: one digest per ISO week (`2026-W10`), each posted report by who and when.
  weeklyDigest: (week: string) => `staff:weekly_digest:${week}`,
  programReportPosted: (staffId: string, at: Date) => `staff:program_report:${staffId}:${at.getTime()}`,
  // Keeping the directory current: each listing change staff make is told once.
  listingChanged: (mentorId: string, listed: boolean, at: Date) =>
    `profile:${mentorId}:mentor:${listed ? 'listed' : 'unlisted'}:${at.getTime()}`,
} as const;
