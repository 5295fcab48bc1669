import type { Types } from 'mongoose';
import { hadText, withoutWrittenAnswers, type ErasureCounts } from '../domain/data-requests';
import { searchFieldsOf } from '../domain/matching';
import { FINISHED_STATUSES, type RelationshipStatus } from '../domain/relationship-stages';
import type { Models } from './database';
import { operator } from './mapping';

/**
 * Data requests: one person's own records (for `/mentoring admin export-user`), their erasure
 * (`/mentoring admin forget`) and the retention sweep of relationships that ended long ago. Erasure replaces
 * what the person wrote with nothing and their Slack id with a pseudonym, everywhere, and keeps every count,
 * date, status, choice and number, so the program's figures read the same afterwards.
 */

/** A person's own data as exported: what they gave the program and what they wrote, never their partners' words. */
export interface PersonalData {
  profiles: Record<string, unknown>[];
  applications: Record<string, unknown>[];
  relationships: Record<string, unknown>[];
  goalForms: Record<string, unknown>[];
  checkIns: Record<string, unknown>[];
  reflections: Record<string, unknown>[];
  evaluations: Record<string, unknown>[];
  fitAssessments: Record<string, unknown>[];
  meetings: Record<string, unknown>[];
}

type Lean = Record<string, unknown> & { _id: Types.ObjectId };

const LIVE_STATUSES = ['requested', 'introduced', 'stage1', 'stage2', 'stage3', 'stage4'] as const;

/** Every string in `value` with `from` replaced by `to` (ids inside keys, details and filenames). */
function replaceEverywhere(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return value.split(from).join(to);
  if (Array.isArray(value)) return value.map((item) => replaceEverywhere(item, from, to));
  if (value && typeof value === 'object' && !(value instanceof Date) && !isObjectId(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceEverywhere(item, from, to)]),
    );
  return value;
}

function isObjectId(value: object): boolean {
  return (value as { _bsontype?: string })._bsontype === 'ObjectId';
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Without `_id`, `__v` and the directory's derived search fields: the record as the person would read it. */
function plain(doc: Lean, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { _id, __v: _version, search: _search, freeSeats: _free, ...rest } = doc;
  return { id: String(_id), ...rest, ...extra };
}

const EMPTY_NOTICE = (type: unknown) => ({ type, erased: true });

/** Where a weekly digest names a person (src/domain/weekly-digest.ts). */
const DIGEST_PEOPLE = [
  'notice.digest.waitingApplications.oldest.userId',
  'notice.digest.atRisk.top.mentorId',
  'notice.digest.atRisk.top.menteeId',
  'notice.digest.endingSoon.listed.mentorId',
  'notice.digest.endingSoon.listed.menteeId',
] as const;

/**
 * Where a notice to someone else names the staff member who acted: the mentor told of a listing change
 * staff made, the report a staff member posted. The message is the recipient's, so only the id changes.
 */
const STAFF_ACTORS = ['notice.staffId', 'notice.postedBy'] as const;

export function createDataRequestRepository(models: Models) {
  const {
    profiles,
    applications,
    relationships,
    fitAssessments,
    goalForms,
    checkIns,
    feedback,
    meetings,
    riskReviews,
    prompts,
    notices,
    auditEvents,
  } = models;

  const relationshipsOf = (userId: string) =>
    relationships
      .find({ $or: [{ mentorId: userId }, { menteeId: userId }] })
      .sort({ requestedAt: 1 })
      .lean<Lean[]>();

  /** The outbox notices that concern the person: addressed to them, about them, or in their relationships. */
  async function noticeFilter(userId: string) {
    const relationshipIds = await relationships.distinct('_id', {
      $or: [{ mentorId: userId }, { menteeId: userId }],
    });
    const applicationIds = await applications.distinct('_id', { userId });
    const prefixes = [
      ...relationshipIds.map((id) => `relationship:${String(id)}:`),
      ...applicationIds.map((id) => `application:${String(id)}:`),
    ].map((prefix) => new RegExp(`^${escapeRegex(prefix)}`));
    const about = [
      'destination.userId',
      'notice.userId',
      'notice.mentorId',
      'notice.menteeId',
      'notice.actorId',
      'notice.application.userId',
      'notice.mentor.userId',
      'notice.mentee.userId',
      'notice.relationship.mentorId',
      'notice.relationship.menteeId',
    ].map((path) => ({ [path]: userId }));
    return {
      $or: [...about, ...(prefixes.length > 0 ? [{ key: operator({ $in: prefixes }) }] : [])],
    };
  }

  return {
    /** The person's own records, for their export. Reads only; partners' words and fit notes about them excluded. */
    async personalData(userId: string): Promise<PersonalData> {
      const [profileDocs, applicationDocs, relationshipDocs] = await Promise.all([
        profiles.find({ userId }).sort({ role: 1 }).lean<Lean[]>(),
        applications.find({ userId }).sort({ createdAt: 1 }).lean<Lean[]>(),
        relationshipsOf(userId),
      ]);
      const [goalDocs, checkInDocs, feedbackDocs, fitDocs, meetingDocs] = await Promise.all([
        goalForms.find({ submittedBy: userId }).sort({ relationshipId: 1, version: 1 }).lean<Lean[]>(),
        checkIns.find({ submittedBy: userId }).sort({ createdAt: 1 }).lean<Lean[]>(),
        feedback.find({ userId }).sort({ createdAt: 1 }).lean<Lean[]>(),
        fitAssessments.find({ mentorId: userId }).sort({ createdAt: 1 }).lean<Lean[]>(),
        meetings.find({ loggedBy: userId }).sort({ date: 1 }).lean<Lean[]>(),
      ]);
      const ref = (doc: Lean) => ({ relationshipId: String(doc.relationshipId) });
      return {
        profiles: profileDocs.map((doc) => plain(doc)),
        applications: applicationDocs.map((doc) => {
          const { reviewCard: _card, ...rest } = plain(doc);
          return rest;
        }),
        relationships: relationshipDocs.map((doc) => {
          const side = doc.mentorId === userId ? 'mentor' : 'mentee';
          const agreements = (doc.agreements ?? {}) as Record<string, unknown>;
          const preferences = (doc.communicationPreferences ?? {}) as Record<string, unknown>;
          const history = (doc.history ?? []) as { actorId?: string; reason?: string }[];
          return {
            id: String(doc._id),
            role: side,
            partnerId: side === 'mentor' ? doc.menteeId : doc.mentorId,
            status: doc.status,
            requestedAt: doc.requestedAt,
            // Each move, with the reason only where this person gave it (the partner's words are theirs).
            history: history.map(({ reason, ...move }) => ({
              ...move,
              ...(move.actorId === userId && reason ? { reason } : {}),
            })),
            agreements: {
              contactFrequency: agreements.contactFrequency,
              channels: agreements.channels,
              confidentialityAcknowledgedAt:
                side === 'mentor' ? agreements.confidentialityAckMentor : agreements.confidentialityAckMentee,
            },
            communicationPreferences: preferences[side],
            formalEndDate: doc.formalEndDate,
            pausedUntil: doc.pausedUntil,
            endedAt: doc.endedAt,
          };
        }),
        goalForms: goalDocs.map((doc) => plain(doc, ref(doc))),
        checkIns: checkInDocs.map((doc) => plain(doc, ref(doc))),
        reflections: feedbackDocs.filter((d) => d.kind === 'reflection').map((doc) => plain(doc, ref(doc))),
        evaluations: feedbackDocs.filter((d) => d.kind === 'evaluation').map((doc) => plain(doc, ref(doc))),
        fitAssessments: fitDocs.map((doc) => plain(doc, ref(doc))),
        meetings: meetingDocs.map((doc) => plain(doc, ref(doc))),
      };
    },

    /**
     * How many records of each kind an erasure of the person would change, their live relationships (a request
     * or an open relationship) and their applications waiting for a decision.
     */
    async erasureCounts(userId: string): Promise<{ counts: ErasureCounts; live: number; waiting: number }> {
      // One after another: this also runs inside the erasure's transaction, whose session takes one
      // operation at a time.
      const party = { $or: [{ mentorId: userId }, { menteeId: userId }] };
      const counts: ErasureCounts = {
        profiles: await profiles.countDocuments({ userId }),
        applications: await applications.countDocuments({ userId }),
        relationships: await relationships.countDocuments(party),
        goalForms: await goalForms.countDocuments({ submittedBy: userId }),
        checkIns: await checkIns.countDocuments({ submittedBy: userId }),
        reflections: await feedback.countDocuments({ userId, kind: 'reflection' }),
        evaluations: await feedback.countDocuments({ userId, kind: 'evaluation' }),
        fitAssessments: await fitAssessments.countDocuments({ mentorId: userId }),
        meetings: await meetings.countDocuments({ loggedBy: userId }),
        notices: await notices.countDocuments(await noticeFilter(userId)),
      };
      const live = await relationships.countDocuments({
        ...party,
        status: operator({ $in: LIVE_STATUSES }),
      });
      const waiting = await applications.countDocuments({ userId, status: 'submitted' });
      return { counts, live, waiting };
    },

    /**
     * Erases the person: what they wrote becomes empty, their Slack id becomes `pseudonym` in every collection,
     * and the outbox's copies of messages about them are emptied (pending ones cancelled). Counts, dates,
     * statuses, choices and numbers stay. Run inside a unit of work (one transaction); running it again finds
     * nothing left to change.
     */
    async erase(userId: string, pseudonym: string, at: Date): Promise<void> {
      const swap = (value: unknown) => (value === userId ? pseudonym : value);

      // Notices first: they are found through the person's relationships and applications, by id.
      const noticeDocs = await notices.find(await noticeFilter(userId)).lean<Lean[]>();
      for (const doc of noticeDocs)
        await notices.updateOne(
          { _id: doc._id },
          {
            $set: {
              key: replaceEverywhere(doc.key, userId, pseudonym),
              notice: EMPTY_NOTICE(doc.type),
              destination: replaceEverywhere(doc.destination, userId, pseudonym),
              ...(doc.state === 'pending' ? { state: 'cancelled', reason: 'erased', finishedAt: at } : {}),
            },
          },
        );

      // The staff's weekly digests name people by id (at risk, waiting, ending soon) beside the week's
      // figures: the id becomes the pseudonym there, and the figures stay (a digest still to go is still sent).
      const digestDocs = await notices
        .find({ type: 'staff_weekly_digest', $or: DIGEST_PEOPLE.map((path) => ({ [path]: userId })) })
        .lean<Lean[]>();
      for (const doc of digestDocs)
        await notices.updateOne(
          { _id: doc._id },
          { $set: { notice: replaceEverywhere(doc.notice, userId, pseudonym) } },
        );

      // Notices naming them only as the staff member who acted (a listing change, a posted report): the id
      // becomes the pseudonym, in the key too; the recipient's message is left as it is.
      const actedDocs = await notices
        .find({ $or: STAFF_ACTORS.map((path) => ({ [path]: userId })) })
        .lean<Lean[]>();
      for (const doc of actedDocs)
        await notices.updateOne(
          { _id: doc._id },
          {
            $set: {
              key: replaceEverywhere(doc.key, userId, pseudonym),
              notice: replaceEverywhere(doc.notice, userId, pseudonym),
            },
          },
        );

      const profileDocs = await profiles.find({ userId }).lean<Lean[]>();
      for (const doc of profileDocs) {
        const kept = {
          academicInterests: (doc.academicInterests as string[] | undefined) ?? [],
          careerInterests: (doc.careerInterests as string[] | undefined) ?? [],
        };
        await profiles.updateOne(
          { _id: doc._id },
          {
            $set: {
              userId: pseudonym,
              displayName: '',
              otherInterests: '',
              bio: '',
              // Nobody can ask an erased person for mentoring.
              listed: false,
              search: searchFieldsOf({ ...kept, otherInterests: '' } as Parameters<typeof searchFieldsOf>[0]),
            },
            $unset: {
              degree: 1,
              graduationYear: 1,
              occupation: 1,
              industry: 1,
              timezone: 1,
              timezoneCheckedAt: 1,
              // When they last used the bot or were last asked: about them, and no figure needs it.
              lastActiveAt: 1,
              lastRequestedAt: 1,
            },
          },
        );
      }

      await applications.updateMany(
        { userId },
        { $set: { userId: pseudonym, answers: {} }, $unset: { declineReason: 1 } },
      );
      await applications.updateMany({ reviewerId: userId }, { $set: { reviewerId: pseudonym } });

      const relationshipDocs = await relationships
        .find({
          $or: [
            { mentorId: userId },
            { menteeId: userId },
            { requestedBy: userId },
            { 'history.actorId': userId },
          ],
        })
        .lean<Lean[]>();
      for (const doc of relationshipDocs) {
        const history = ((doc.history ?? []) as { actorId?: string; reason?: string }[]).map(
          ({ reason, ...move }) =>
            move.actorId === userId
              ? { ...move, actorId: pseudonym }
              : { ...move, ...(reason !== undefined ? { reason } : {}) },
        );
        const side = doc.mentorId === userId ? 'mentor' : doc.menteeId === userId ? 'mentee' : undefined;
        await relationships.updateOne(
          { _id: doc._id },
          {
            $set: {
              mentorId: swap(doc.mentorId),
              menteeId: swap(doc.menteeId),
              requestedBy: swap(doc.requestedBy),
              history,
            },
          },
        );
        // What the program would still have sent them (their evaluation; a mentor's re-list card) is cancelled.
        if (side)
          await prompts.updateMany(
            {
              relationshipId: doc._id,
              state: 'pending',
              $or: [
                { kind: 'evaluation', occurrence: side },
                ...(side === 'mentor' ? [{ kind: 'relist_card' }] : []),
              ],
            },
            { $set: { state: 'cancelled', reason: 'erased', finishedAt: at } },
          );
      }

      await fitAssessments.updateMany(
        { mentorId: userId },
        { $set: { mentorId: pseudonym, understandingNotes: '', valueNotes: '', valueOverTime: '' } },
      );

      for (const doc of await goalForms.find({ submittedBy: userId }).lean<Lean[]>())
        await goalForms.updateOne(
          { _id: doc._id },
          {
            $set: {
              submittedBy: pseudonym,
              goals: (doc.goals as Record<string, unknown>[]).map((goal) => ({
                specific: '',
                measurable: '',
                achievable: '',
                relevant: '',
                actions: [],
                completeBy: goal.completeBy,
                checkIns: goal.checkIns,
              })),
            },
          },
        );

      for (const doc of await checkIns.find({ submittedBy: userId }).lean<Lean[]>())
        await checkIns.updateOne(
          { _id: doc._id },
          {
            $set: {
              submittedBy: pseudonym,
              note: '',
              goals: ((doc.goals ?? []) as Record<string, unknown>[]).map((goal) => ({
                goalIndex: goal.goalIndex,
                status: goal.status,
                evidence: '',
                supportNeeded: '',
              })),
            },
          },
        );

      for (const doc of await feedback.find({ userId }).lean<Lean[]>())
        await feedback.updateOne(
          { _id: doc._id },
          {
            $set: {
              userId: pseudonym,
              answers: withoutWrittenAnswers(doc.answers as Record<string, unknown>).answers,
            },
          },
        );

      await meetings.updateMany({ loggedBy: userId }, { $set: { loggedBy: pseudonym } });
      await riskReviews.updateMany({ handledBy: userId }, { $set: { handledBy: pseudonym } });

      const auditDocs = await auditEvents
        .find({
          $or: [
            { actorId: userId },
            { subjectId: userId },
            { 'details.applicantId': userId },
            { 'details.userId': userId },
          ],
        })
        .lean<Lean[]>();
      for (const doc of auditDocs)
        await auditEvents.updateOne(
          { _id: doc._id },
          {
            $set: {
              actorId: swap(doc.actorId),
              subjectId: swap(doc.subjectId),
              ...(doc.details ? { details: replaceEverywhere(doc.details, userId, pseudonym) } : {}),
            },
          },
        );
    },

    /**
     * Relationships whose free text the retention rule erases: finished before `cutoff` (their move into a
     * finished status, which a relationship never leaves), not yet erased. Oldest first, `limit` at a time.
     */
    async dueForRetention(cutoff: Date, limit: number): Promise<string[]> {
      const finished = FINISHED_STATUSES as readonly RelationshipStatus[];
      const docs = await relationships
        .find(
          {
            status: operator({ $in: finished }),
            requestedAt: operator({ $lt: cutoff }),
            textErasedAt: operator({ $exists: false }),
            history: operator({ $elemMatch: { to: { $in: finished }, at: { $lt: cutoff } } }),
          },
          { _id: 1 },
        )
        .sort({ requestedAt: 1 })
        .limit(limit)
        .lean();
      return docs.map((doc) => String(doc._id));
    },

    /**
     * Erases a finished relationship's free text (goals' wording and actions, check-ins' evidence, support and
     * notes, reflections' and evaluations' written answers, fit notes, reasons given for moves, the outbox's
     * copies of its messages), keeping statuses, dates, choices and numbers. Marks it first with one
     * conditional update, so of two copies only one erases it (the other's transaction finds the mark and
     * returns undefined). Run inside a unit of work. Returns how many fields held text.
     */
    async eraseRelationshipText(relationshipId: string, at: Date): Promise<number | undefined> {
      const marked = await relationships.updateOne(
        { _id: relationshipId, textErasedAt: operator({ $exists: false }) },
        { $set: { textErasedAt: at } },
      );
      if (marked.modifiedCount === 0) return undefined;
      let fields = 0;
      const count = (...values: unknown[]) => {
        for (const value of values) if (hadText(value)) fields += 1;
      };

      const relationship = await relationships.findById(relationshipId, { history: 1 }).lean<Lean>();
      const history = (relationship?.history ?? []) as { reason?: string }[];
      count(...history.map((move) => move.reason));
      await relationships.updateOne(
        { _id: relationshipId },
        { $set: { history: history.map(({ reason: _reason, ...move }) => move) } },
      );

      for (const doc of await goalForms.find({ relationshipId }).lean<Lean[]>()) {
        const goals = doc.goals as Record<string, unknown>[];
        for (const goal of goals)
          count(goal.specific, goal.measurable, goal.achievable, goal.relevant, goal.actions);
        await goalForms.updateOne(
          { _id: doc._id },
          {
            $set: {
              goals: goals.map((goal) => ({
                specific: '',
                measurable: '',
                achievable: '',
                relevant: '',
                actions: [],
                completeBy: goal.completeBy,
                checkIns: goal.checkIns,
              })),
            },
          },
        );
      }

      for (const doc of await checkIns.find({ relationshipId }).lean<Lean[]>()) {
        const goals = (doc.goals ?? []) as Record<string, unknown>[];
        count(doc.note, ...goals.flatMap((goal) => [goal.evidence, goal.supportNeeded]));
        await checkIns.updateOne(
          { _id: doc._id },
          {
            $set: {
              note: '',
              goals: goals.map((goal) => ({
                goalIndex: goal.goalIndex,
                status: goal.status,
                evidence: '',
                supportNeeded: '',
              })),
            },
          },
        );
      }

      for (const doc of await feedback.find({ relationshipId }).lean<Lean[]>()) {
        const { answers, erased } = withoutWrittenAnswers(doc.answers as Record<string, unknown>);
        fields += erased;
        await feedback.updateOne({ _id: doc._id }, { $set: { answers } });
      }

      for (const doc of await fitAssessments.find({ relationshipId }).lean<Lean[]>()) {
        count(doc.understandingNotes, doc.valueNotes, doc.valueOverTime);
        await fitAssessments.updateOne(
          { _id: doc._id },
          { $set: { understandingNotes: '', valueNotes: '', valueOverTime: '' } },
        );
      }

      // The outbox keeps the facts each message was worded from; those of a long-finished relationship go too.
      const prefix = new RegExp(`^${escapeRegex(`relationship:${relationshipId}:`)}`);
      for (const doc of await notices
        .find({
          key: prefix,
          state: operator({ $ne: 'pending' as const }),
          'notice.erased': operator({ $ne: true }),
        })
        .lean<Lean[]>()) {
        fields += 1;
        await notices.updateOne({ _id: doc._id }, { $set: { notice: EMPTY_NOTICE(doc.type) } });
      }
      return fields;
    },
  };
}
export type DataRequestRepository = ReturnType<typeof createDataRequestRepository>;
