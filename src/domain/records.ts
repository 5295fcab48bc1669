import type { Agreements } from './agreements';
import type { ApplicationAnswers, ApplicationRole, CommunicationChannel } from './application-form';
import type { Actor, RelationshipStatus } from './relationship-stages';

/** Plain records services work with; the store maps MongoDB documents to these and back. */

export interface ProfileRecord {
  userId: string;
  role: ApplicationRole;
  displayName: string;
  timezone?: string | undefined;
  academicInterests: string[];
  careerInterests: string[];
  otherInterests: string;
  communicationPreferences: CommunicationChannel[];
  bio: string;
  degree?: string | undefined;
  graduationYear?: number | undefined;
  occupation?: string | undefined;
  industry?: string | undefined;
  capacity?: number | undefined;
  openRelationships: number;
  listed: boolean;
  approved: boolean;
  /** When the person last used the bot (see `src/domain/directory-upkeep.ts`); read only where shown. */
  lastActiveAt?: Date | undefined;
}

export type ApplicationStatus = 'submitted' | 'approved' | 'declined';

export interface ApplicationRecord {
  id: string;
  userId: string;
  role: ApplicationRole;
  status: ApplicationStatus;
  answers: ApplicationAnswers;
  declineReason?: string | undefined;
  reviewerId?: string | undefined;
  decidedAt?: Date | undefined;
  reviewCard?: { channel: string; ts: string } | undefined;
  createdAt: Date;
  updatedAt: Date;
}

export interface TransitionRecord {
  from?: RelationshipStatus | undefined;
  to: RelationshipStatus;
  actor: Actor;
  actorId?: string | undefined;
  at: Date;
  reason?: string | undefined;
}

export interface RelationshipRecord {
  id: string;
  mentorId: string;
  menteeId: string;
  status: RelationshipStatus;
  requestedBy: string;
  requestedAt: Date;
  requestReminderSentAt?: Date | undefined;
  requestMessage?: { channel: string; ts: string } | undefined;
  channelId?: string | undefined;
  history: TransitionRecord[];
  communicationPreferences: { mentor: CommunicationChannel[]; mentee: CommunicationChannel[] };
  agreements: Agreements;
  stageStartedAt?: Date | undefined;
  formalEndDate?: string | undefined;
  pausedAt?: Date | undefined;
  pausedUntil?: Date | undefined;
  talkAgainOn?: string | undefined;
  nextPlanAt?: Date | undefined;
  lastActivityAt?: Date | undefined;
  endedAt?: Date | undefined;
}
