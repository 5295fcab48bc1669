import { Schema } from 'mongoose';
import { CONTACT_FREQUENCIES } from '../domain/agreements';
import { CHECK_IN_STATUSES } from '../domain/check-ins';
import { searchFieldsOf } from '../domain/matching';
import { RELATIONSHIP_STATUSES } from '../domain/relationship-stages';

/**
 * MongoDB document shapes for the program's domain. Repositories in this folder are the only code that
 * sees these; services get plain objects through narrow ports.
 */

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

const stringList = { type: [String], default: [] };

export const profileSchema = new Schema(
  {
    userId: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    displayName: { type: String, default: '' },
    timezone: { type: String },
    timezoneCheckedAt: { type: Date },
    academicInterests: stringList,
    careerInterests: stringList,
    otherInterests: { type: String, default: '' },
    communicationPreferences: stringList,
    bio: { type: String, default: '' },
    degree: { type: String },
    graduationYear: { type: Number },
    occupation: { type: String },
    industry: { type: String },
    capacity: { type: Number, min: 1, max: 5 },
    // Seats taken by open relationships. Kept beside capacity so one conditional update can claim a seat
    // atomically, however many accepts arrive at once.
    openRelationships: { type: Number, default: 0, min: 0 },
    listed: { type: Boolean, default: false },
    approved: { type: Boolean, default: false },
    // capacity − openRelationships, rewritten from those two by every write that changes either, so the
    // directory can find mentors with a seat through an index (an $expr comparison can't use one).
    freeSeats: { type: Number },
    // When the person last used the bot (any command, button, form or App Home), written at most once an
    // hour (src/domain/directory-upkeep.ts); shown coarsely in the directory and to staff.
    lastActiveAt: { type: Date },
    // When the mentor was last asked (written by the request's transaction, so a request and an unlist at
    // the same moment both write this profile and one of them goes first).
    lastRequestedAt: { type: Date },
    // What the directory searches and ranks by, worked out when the profile is written
    // (`searchFieldsOf` in domain/matching.ts); profiles written before it are brought up to date at start.
    search: {
      version: { type: Number },
      academicKeys: { type: [String], default: undefined },
      careerKeys: { type: [String], default: undefined },
      interestKeys: { type: [String], default: undefined },
      text: { type: [String], default: undefined },
      terms: { type: [String], default: undefined },
    },
  },
  { timestamps: true },
);
profileSchema.index({ userId: 1, role: 1 }, { unique: true });
profileSchema.index({ role: 1, approved: 1, listed: 1 });
// The time-zone refresher's query: the zones read from Slack longest ago.
profileSchema.index({ timezoneCheckedAt: 1 });

/** The directory: approved, listed mentors with a free seat. Its indexes hold only them. */
export const IN_DIRECTORY = { role: 'mentor', approved: true, listed: true, freeSeats: { $gt: 0 } } as const;
// In the directory's order when nothing ranks them apart: most free seats, then user id.
profileSchema.index(
  { freeSeats: -1, userId: 1 },
  { name: 'directory_order', partialFilterExpression: IN_DIRECTORY },
);
// The directory's postings: the mentors sharing an interest, and those a search word may be found in, each
// with what the directory's order needs (user id and free seats), so that a search is ranked from these
// indexes alone without reading a profile (see `ranked` in profile-repository.ts).
profileSchema.index(
  { 'search.interestKeys': 1, userId: 1, freeSeats: 1 },
  { name: 'directory_interest_postings', partialFilterExpression: IN_DIRECTORY },
);
profileSchema.index(
  { 'search.terms': 1, userId: 1, freeSeats: 1 },
  { name: 'directory_term_postings', partialFilterExpression: IN_DIRECTORY },
);
/** Indexes earlier versions created that the ones above replace: dropped at start. */
export const SUPERSEDED_INDEXES = { profiles: ['directory_interests', 'directory_terms'] } as const;
// Profiles created through the models (create, insertMany) get their search fields and free seats too.
profileSchema.pre('validate', function () {
  this.set('search', searchFieldsOf(this.toObject() as Parameters<typeof searchFieldsOf>[0]));
  const capacity = this.get('capacity') as number | undefined;
  if (capacity !== undefined && capacity !== null)
    this.set(
      'freeSeats',
      Math.max(0, capacity - ((this.get('openRelationships') as number | undefined) ?? 0)),
    );
});

export const APPLICATION_STATUSES = ['submitted', 'approved', 'declined'] as const;

export const applicationSchema = new Schema(
  {
    userId: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    status: { type: String, enum: APPLICATION_STATUSES, default: 'submitted' },
    answers: { type: Schema.Types.Mixed, required: true },
    declineReason: { type: String },
    reviewerId: { type: String },
    decidedAt: { type: Date },
    reviewCard: { channel: String, ts: String },
  },
  { timestamps: true },
);
// One open application per person and role; decided ones stay as history.
applicationSchema.index(
  { userId: 1, role: 1 },
  { unique: true, partialFilterExpression: { status: 'submitted' }, name: 'one_open_application' },
);
applicationSchema.index({ status: 1, createdAt: 1 });

export const RELATIONSHIP_STATUS_VALUES = RELATIONSHIP_STATUSES;

const transitionSchema = new Schema(
  {
    from: { type: String, enum: RELATIONSHIP_STATUS_VALUES },
    to: { type: String, enum: RELATIONSHIP_STATUS_VALUES, required: true },
    actor: { type: String, enum: ['mentor', 'mentee', 'staff', 'system'], required: true },
    actorId: { type: String },
    at: { type: Date, required: true },
    reason: { type: String },
  },
  { _id: false },
);

export const relationshipSchema = new Schema(
  {
    mentorId: { type: String, required: true },
    menteeId: { type: String, required: true },
    status: { type: String, enum: RELATIONSHIP_STATUS_VALUES, required: true },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    requestReminderSentAt: { type: Date },
    requestMessage: { channel: String, ts: String },
    channelId: { type: String },
    history: { type: [transitionSchema], default: [] },
    agreements: {
      contactFrequency: { type: String, enum: CONTACT_FREQUENCIES },
      channels: { type: [String], default: undefined },
      confidentialityAckMentor: Date,
      confidentialityAckMentee: Date,
    },
    communicationPreferences: {
      mentor: [String],
      mentee: [String],
    },
    stageStartedAt: { type: Date },
    formalEndDate: { type: String },
    pausedAt: { type: Date },
    pausedUntil: { type: Date },
    // After a `talk_again` fit decision: the day (YYYY-MM-DD) to remind the mentor to decide.
    talkAgainOn: { type: String },
    // Set whenever something that shapes the prompt schedule changes; the planner picks these up.
    nextPlanAt: { type: Date },
    // Which planner's claim `nextPlanAt` holds while a copy of the bot plans the relationship.
    planClaim: { type: String },
    lastActivityAt: { type: Date },
    endedAt: { type: Date },
    // When the retention rule (RETENTION_MONTHS) erased what people wrote in this relationship: never twice.
    textErasedAt: { type: Date },
  },
  { timestamps: true },
);
relationshipSchema.index({ mentorId: 1, status: 1 });
relationshipSchema.index({ menteeId: 1, status: 1 });
relationshipSchema.index({ status: 1, requestedAt: 1 });
relationshipSchema.index({ channelId: 1 }, { sparse: true });
// The planner's query: only relationships whose schedule needs another look, never a scan of them all.
relationshipSchema.index({ nextPlanAt: 1 }, { sparse: true });
// A pair has at most one live relationship (a request or an open one) at a time.
relationshipSchema.index(
  { mentorId: 1, menteeId: 1 },
  {
    unique: true,
    name: 'one_live_relationship_per_pair',
    partialFilterExpression: {
      status: { $in: ['requested', 'introduced', 'stage1', 'stage2', 'stage3', 'stage4'] },
    },
  },
);

/** The mentor's private fit assessment: a separate collection so no relationship read can leak it. */
export const fitAssessmentSchema = new Schema(
  {
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    mentorId: { type: String, required: true },
    understandingNotes: { type: String, default: '' },
    valueNotes: { type: String, default: '' },
    academicAlignment: { type: Number, min: 1, max: 5 },
    careerAlignment: { type: Number, min: 1, max: 5 },
    valueOverTime: { type: String, default: '' },
    decision: { type: String, enum: ['proceed', 'not_a_fit', 'talk_again'], required: true },
    talkAgainOn: { type: String },
  },
  { timestamps: true },
);
fitAssessmentSchema.index({ relationshipId: 1, createdAt: -1 });

const goalSchema = new Schema(
  {
    specific: String,
    measurable: String,
    achievable: String,
    relevant: String,
    actions: [String],
    completeBy: String,
    checkIns: [String],
  },
  { _id: false },
);

/** Every submission of the goal form is kept; the newest version is the one in force. */
export const goalFormSchema = new Schema(
  {
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    goals: { type: [goalSchema], required: true },
    submittedBy: { type: String, required: true },
  },
  { timestamps: true },
);
goalFormSchema.index({ relationshipId: 1, version: -1 }, { unique: true });

export const checkInSchema = new Schema(
  {
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    // The scheduled check-in date this report answers; absent for an extra check-in between dates.
    dueDate: { type: String },
    goalFormVersion: { type: Number, required: true },
    submittedBy: { type: String, required: true },
    goals: [
      {
        _id: false,
        goalIndex: Number,
        status: { type: String, enum: CHECK_IN_STATUSES },
        evidence: String,
        supportNeeded: String,
      },
    ],
    note: { type: String, default: '' },
  },
  { timestamps: true },
);
checkInSchema.index({ relationshipId: 1, createdAt: -1 });
checkInSchema.index({ relationshipId: 1, dueDate: 1 });

/**
 * Meetings the pair logged ("We met", `/mentoring met`): the day and who logged it, never what was said.
 * One per relationship and day, so a second click (or the partner's) is the same meeting.
 */
export const meetingSchema = new Schema(
  {
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    date: { type: String, required: true },
    loggedBy: { type: String, required: true },
    loggedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Unique per day; read newest first (a relationship's last meeting, and the latest of many at once).
meetingSchema.index({ relationshipId: 1, date: -1 }, { unique: true, name: 'one_meeting_per_day' });

/**
 * Staff marked a relationship at risk as handled: who, when, and the reasons (kind and date) it had then, so
 * it shows again when a new reason or a newer date comes. One per relationship (the latest mark).
 */
export const riskReviewSchema = new Schema(
  {
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    handledBy: { type: String, required: true },
    handledAt: { type: Date, required: true },
    reasons: { type: [{ _id: false, kind: String, asOf: String }], default: [] },
  },
  { versionKey: false },
);
riskReviewSchema.index({ relationshipId: 1 }, { unique: true });

/** Close-out reflections and program evaluations: one per person, relationship and kind (re-sent: replaced). */
export const feedbackSchema = new Schema(
  {
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    kind: { type: String, enum: ['reflection', 'evaluation'], required: true },
    answers: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true },
);
feedbackSchema.index({ relationshipId: 1, userId: 1, kind: 1 }, { unique: true });

export const PROMPT_STATES = ['pending', 'sent', 'skipped', 'cancelled', 'parked'] as const;

/** The durable outbox of scheduled prompts: one document per (relationship, kind, occurrence). */
export const promptSchema = new Schema(
  {
    key: { type: String, required: true },
    relationshipId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true },
    occurrence: { type: String, required: true },
    dueAt: { type: Date, required: true },
    state: { type: String, enum: PROMPT_STATES, default: 'pending' },
    leaseOwner: { type: String },
    leaseUntil: { type: Date },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date },
    lastError: { type: String },
    sentAt: { type: Date },
    messageTs: { type: String },
    channelId: { type: String },
    // When a dispatcher last took the lease (with leaseOwner/leaseUntil: who holds it, and until when).
    claimedAt: { type: Date },
    // Why an item was skipped, cancelled or parked: a short code, never message text or personal data.
    reason: { type: String },
    finishedAt: { type: Date },
  },
  { timestamps: true },
);
promptSchema.index({ key: 1 }, { unique: true });
// Serves the dispatcher's claim (state equality, dueAt range and sort); lease and retry times are filtered
// on the few due items it yields.
promptSchema.index({ state: 1, dueAt: 1 });
promptSchema.index({ relationshipId: 1, state: 1 });

/**
 * The durable outbox of notices (what other people must hear about a change: DMs, staff cards, the pair's
 * introduction, card updates), written in the change's transaction. Leased, retried and settled like prompts.
 */
export const noticeSchema = new Schema(
  {
    key: { type: String, required: true },
    type: { type: String, required: true },
    // The facts the message is rendered from, and where it goes (see src/domain/notices.ts).
    notice: { type: Schema.Types.Mixed, required: true },
    destination: { type: Schema.Types.Mixed, required: true },
    recordTo: { type: Schema.Types.Mixed },
    dueAt: { type: Date, required: true },
    state: { type: String, enum: PROMPT_STATES, default: 'pending' },
    leaseOwner: { type: String },
    leaseUntil: { type: Date },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date },
    lastError: { type: String },
    sentAt: { type: Date },
    messageTs: { type: String },
    channelId: { type: String },
    claimedAt: { type: Date },
    reason: { type: String },
    finishedAt: { type: Date },
  },
  { timestamps: true, minimize: false },
);
noticeSchema.index({ key: 1 }, { unique: true });
noticeSchema.index({ state: 1, dueAt: 1 });

/** Who did what, when: stage changes, decisions, exports and deletions. */
export const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    action: { type: String, required: true },
    subjectType: { type: String, required: true },
    subjectId: { type: String, required: true },
    details: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
auditEventSchema.index({ subjectType: 1, subjectId: 1, at: -1 });
auditEventSchema.index({ at: -1 });
// The weekly digest counts one kind of entry in its week (the retention job's erasures).
auditEventSchema.index({ action: 1, at: -1 });

/** Events API deliveries already handled (Slack retries unacknowledged events); expire after a day. */
export const processedEventSchema = new Schema(
  { eventId: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);
processedEventSchema.index({ eventId: 1 }, { unique: true });
processedEventSchema.index({ at: 1 }, { expireAfterSeconds: 24 * 60 * 60 });
