import { OPEN_STATUSES, type RelationshipStatus } from './relationship-stages';
import type { DigestHeadline } from './weekly-digest';

/** The stages staff see counted on App Home: every open one and the completed. */
export const STAGE_STATUSES_SHOWN: readonly RelationshipStatus[] = [...OPEN_STATUSES, 'completed'];

/** One relationship as App Home and `/mentor mentees` show it: dates and statuses only. */
export interface HomeRelationship {
  partnerId: string;
  partnerName: string;
  status: string;
  goals: number;
  formalEndDate?: string | undefined;
  nextCheckIn?: string | undefined;
  /** Check-in dates gone by with no check-in. */
  lateCheckIns?: string[] | undefined;
  /** The day of the last meeting the pair logged. */
  lastMeeting?: string | undefined;
  /** The pair paused the program's prompts until this day. */
  pausedUntil?: string | undefined;
}

/** An approved mentor's mentees and seats. */
export interface MentorHome {
  relationships: HomeRelationship[];
  open: number;
  capacity: number;
  listed: boolean;
}

/** What a person's App Home shows, for each role they have. */
export interface HomeData {
  asMentor?: MentorHome | undefined;
  asMentee?: HomeRelationship[] | undefined;
  /** Staff: the weekly digest's headline figures (counts and dates only). */
  staff?: DigestHeadline | undefined;
}
