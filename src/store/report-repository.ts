import type { CheckInStatus } from '../domain/check-ins';
import type { ReportFacts } from '../domain/program-report';
import type { DigestFacts } from '../domain/weekly-digest';
import type { Models } from './database';
import { operator } from './mapping';

/**
 * What staff reports and exports read: whole collections in batches, each through a projection that names
 * only ids, statuses, numbers, choices from fixed lists and dates. No free-text field (bios, application
 * answers, goal wording, evidence, notes, reflections, comments, fit notes, reasons) is ever selected, so
 * none can reach a report or a file by mistake.
 */

/** Documents read per round trip by the export cursors. */
const BATCH = 1000;

const PROFILE_FIELDS = {
  _id: 0,
  userId: 1,
  role: 1,
  approved: 1,
  listed: 1,
  capacity: 1,
  openRelationships: 1,
  academicInterests: 1,
  careerInterests: 1,
  timezone: 1,
  createdAt: 1,
  updatedAt: 1,
} as const;
const APPLICATION_FIELDS = {
  userId: 1,
  role: 1,
  status: 1,
  reviewerId: 1,
  createdAt: 1,
  decidedAt: 1,
} as const;
const RELATIONSHIP_FIELDS = {
  mentorId: 1,
  menteeId: 1,
  status: 1,
  requestedAt: 1,
  formalEndDate: 1,
  pausedUntil: 1,
  'history.from': 1,
  'history.to': 1,
  'history.actor': 1,
  'history.at': 1,
} as const;
const GOAL_FORM_FIELDS = {
  relationshipId: 1,
  version: 1,
  createdAt: 1,
  'goals.completeBy': 1,
  'goals.checkIns': 1,
} as const;
const CHECK_IN_FIELDS = {
  relationshipId: 1,
  dueDate: 1,
  submittedBy: 1,
  createdAt: 1,
  'goals.goalIndex': 1,
  'goals.status': 1,
} as const;
const EVALUATION_FIELDS = {
  relationshipId: 1,
  userId: 1,
  createdAt: 1,
  updatedAt: 1,
  'answers.rating': 1,
  'answers.recommend': 1,
} as const;

export interface ExportProfile {
  userId: string;
  role: 'mentor' | 'mentee';
  approved?: boolean;
  listed?: boolean;
  capacity?: number;
  openRelationships?: number;
  academicInterests?: string[];
  careerInterests?: string[];
  timezone?: string;
  createdAt?: Date;
  updatedAt?: Date;
}
export interface ExportApplication {
  id: string;
  userId: string;
  role: 'mentor' | 'mentee';
  status: 'submitted' | 'approved' | 'declined';
  reviewerId?: string;
  createdAt: Date;
  decidedAt?: Date;
}
export interface ExportRelationship {
  id: string;
  mentorId: string;
  menteeId: string;
  status: ReportFacts['relationships'][number]['status'];
  requestedAt: Date;
  formalEndDate?: string;
  pausedUntil?: Date;
  history: ReportFacts['relationships'][number]['history'];
}
export interface ExportGoalForm {
  relationshipId: string;
  version: number;
  createdAt: Date;
  goals: { completeBy?: string; checkIns?: string[] }[];
}
export interface ExportCheckIn {
  relationshipId: string;
  dueDate?: string;
  submittedBy: string;
  createdAt: Date;
  goals: { goalIndex: number; status: CheckInStatus }[];
}
export interface ExportEvaluation {
  relationshipId: string;
  userId: string;
  createdAt?: Date;
  updatedAt?: Date;
  answers?: { rating?: number; recommend?: string };
}

const idOf = (doc: { _id: unknown }) => String(doc._id);

export function createReportRepository(models: Models) {
  const { profiles, applications, relationships, goalForms, checkIns, feedback, meetings, auditEvents } =
    models;

  /** Every document of a query, `BATCH` at a time, mapped as it comes (the driver never holds them all). */
  async function* each<T>(
    query: { cursor(options: { batchSize: number }): AsyncIterable<unknown> },
    map: (doc: never) => T,
  ) {
    for await (const doc of query.cursor({ batchSize: BATCH })) yield map(doc as never);
  }

  const relationshipOf = (doc: {
    _id: unknown;
    mentorId: string;
    menteeId: string;
    status: string;
    requestedAt: Date;
    formalEndDate?: string | null;
    pausedUntil?: Date | null;
    history?: { from?: string | null; to: string; actor: string; at: Date }[];
  }): ExportRelationship => ({
    id: idOf(doc),
    mentorId: doc.mentorId,
    menteeId: doc.menteeId,
    status: doc.status as ExportRelationship['status'],
    requestedAt: doc.requestedAt,
    ...(doc.formalEndDate ? { formalEndDate: doc.formalEndDate } : {}),
    ...(doc.pausedUntil ? { pausedUntil: doc.pausedUntil } : {}),
    history: (doc.history ?? []).map((move) => ({
      ...(move.from ? { from: move.from as ExportRelationship['status'] } : {}),
      to: move.to as ExportRelationship['status'],
      actor: move.actor as ExportRelationship['history'][number]['actor'],
      at: move.at,
    })),
  });

  const goalFormOf = (doc: {
    relationshipId: unknown;
    version: number;
    createdAt: Date;
    goals?: { completeBy?: string | null; checkIns?: string[] }[];
  }): ExportGoalForm => ({
    relationshipId: String(doc.relationshipId),
    version: doc.version,
    createdAt: doc.createdAt,
    goals: (doc.goals ?? []).map((goal) => ({
      ...(goal.completeBy ? { completeBy: goal.completeBy } : {}),
      checkIns: goal.checkIns ?? [],
    })),
  });

  const checkInOf = (doc: {
    relationshipId: unknown;
    dueDate?: string | null;
    submittedBy: string;
    createdAt: Date;
    goals?: { goalIndex: number; status: CheckInStatus }[];
  }): ExportCheckIn => ({
    relationshipId: String(doc.relationshipId),
    ...(doc.dueDate ? { dueDate: doc.dueDate } : {}),
    submittedBy: doc.submittedBy,
    createdAt: doc.createdAt,
    goals: (doc.goals ?? []).map((goal) => ({ goalIndex: goal.goalIndex, status: goal.status })),
  });

  /** The newest goal form of each relationship (its goals in force), through the (relationship, version) index. */
  const latestGoalForms = () =>
    goalForms.aggregate([
      { $sort: { relationshipId: 1, version: -1 } },
      { $group: { _id: '$relationshipId', form: { $first: '$$ROOT' } } },
      { $replaceRoot: { newRoot: '$form' } },
      { $project: GOAL_FORM_FIELDS },
    ]);

  return {
    /** Everything the program report is computed from (`now` supplied by the caller). */
    async reportFacts(): Promise<Omit<ReportFacts, 'zone' | 'now'>> {
      const [
        mentorDocs,
        applicationDocs,
        relationshipDocs,
        goalFormDocs,
        checkInDocs,
        evaluationDocs,
        firstMeetings,
      ] = await Promise.all([
        profiles
          .find({ role: 'mentor' }, { _id: 0, approved: 1, listed: 1, capacity: 1, openRelationships: 1 })
          .lean(),
        applications.find({}, APPLICATION_FIELDS).lean(),
        relationships.find({}, RELATIONSHIP_FIELDS).lean(),
        latestGoalForms(),
        checkIns.find({}, CHECK_IN_FIELDS).lean(),
        feedback.find({ kind: 'evaluation' }, EVALUATION_FIELDS).lean(),
        // Each pair's first logged meeting: the report needs no other.
        meetings.aggregate<{ _id: unknown; date: string }>([
          { $group: { _id: '$relationshipId', date: { $min: '$date' } } },
        ]),
      ]);
      return {
        mentors: mentorDocs.map((m) => ({
          approved: m.approved ?? false,
          listed: m.listed ?? false,
          capacity: m.capacity ?? undefined,
          openRelationships: m.openRelationships ?? 0,
        })),
        applications: applicationDocs.map((a) => ({
          userId: a.userId,
          role: a.role,
          status: a.status,
          createdAt: a.createdAt,
          decidedAt: a.decidedAt ?? undefined,
        })),
        relationships: relationshipDocs.map((doc) => relationshipOf(doc as never)),
        goalForms: (goalFormDocs as never[]).map((doc) => {
          const form = goalFormOf(doc);
          return {
            relationshipId: form.relationshipId,
            goals: form.goals.map((g) => ({ checkIns: g.checkIns ?? [] })),
          };
        }),
        checkIns: checkInDocs.map((doc) => {
          const checkIn = checkInOf(doc as never);
          return {
            relationshipId: checkIn.relationshipId,
            dueDate: checkIn.dueDate,
            submittedAt: checkIn.createdAt,
            statuses: checkIn.goals,
          };
        }),
        evaluations: evaluationDocs.map((doc) => {
          const answers = (doc.answers ?? {}) as { rating?: unknown; recommend?: unknown };
          return {
            relationshipId: String(doc.relationshipId),
            userId: doc.userId,
            rating: typeof answers.rating === 'number' ? answers.rating : undefined,
            recommend: typeof answers.recommend === 'string' ? answers.recommend : undefined,
          };
        }),
        // A meeting is a day in the pair's calendar; noon UTC keeps it on that day in any program zone.
        // Until any pair logs one, the report keeps counting to the fit decision (and says so).
        meetings:
          firstMeetings.length === 0
            ? undefined
            : firstMeetings.map((m) => ({
                relationshipId: String(m._id),
                at: new Date(`${m.date}T12:00:00Z`),
              })),
      };
    },

    /**
     * What the weekly digest reads besides the at-risk list: applications waiting or submitted since `since`
     * (through the status and creation-time index), and the retention job's erasures since `since` (one audit
     * entry per relationship, with how many fields it erased).
     */
    async digestFacts(since: Date): Promise<Pick<DigestFacts, 'applications' | 'retentionErased'>> {
      const [applicationDocs, erased] = await Promise.all([
        applications
          .find(
            { $or: [{ status: 'submitted' }, { createdAt: operator({ $gte: since }) }] },
            { _id: 0, userId: 1, role: 1, status: 1, createdAt: 1 },
          )
          .lean(),
        auditEvents.aggregate<{ relationships: number; fields: number }>([
          { $match: { action: 'retention_erased', at: operator({ $gte: since }) } },
          {
            $group: {
              _id: null,
              relationships: { $sum: 1 },
              fields: { $sum: { $convert: { input: '$details.fields', to: 'int', onError: 0, onNull: 0 } } },
            },
          },
        ]),
      ]);
      return {
        applications: applicationDocs.map((a) => ({
          userId: a.userId,
          role: a.role,
          status: a.status,
          createdAt: a.createdAt,
        })),
        retentionErased: {
          relationships: erased[0]?.relationships ?? 0,
          fields: erased[0]?.fields ?? 0,
        },
      };
    },

    /** The export's rows, one collection at a time, read through cursors. */
    exportRows: {
      profiles: () =>
        each(
          profiles.find({}, PROFILE_FIELDS).sort({ role: 1, userId: 1 }).lean(),
          (doc: ExportProfile) => doc,
        ),
      applications: () =>
        each(
          applications.find({}, APPLICATION_FIELDS).sort({ createdAt: 1 }).lean(),
          (doc: ExportApplication & { _id: unknown }) => ({
            ...doc,
            id: idOf(doc),
          }),
        ),
      relationships: () =>
        each(relationships.find({}, RELATIONSHIP_FIELDS).sort({ requestedAt: 1 }).lean(), (doc: never) =>
          relationshipOf(doc),
        ),
      goalForms: () => each(latestGoalForms(), (doc: never) => goalFormOf(doc)),
      checkIns: () =>
        each(
          checkIns.find({}, CHECK_IN_FIELDS).sort({ relationshipId: 1, createdAt: 1 }).lean(),
          (doc: never) => checkInOf(doc),
        ),
      meetings: () =>
        each(
          meetings
            .find({}, { _id: 0, relationshipId: 1, date: 1, loggedBy: 1, loggedAt: 1 })
            .sort({ relationshipId: 1, date: 1 })
            .lean(),
          (doc: { relationshipId: unknown; date: string; loggedBy: string; loggedAt: Date }) => ({
            ...doc,
            relationshipId: String(doc.relationshipId),
          }),
        ),
      evaluations: () =>
        each(
          feedback
            .find({ kind: 'evaluation' }, EVALUATION_FIELDS)
            .sort({ relationshipId: 1, userId: 1 })
            .lean(),
          (doc: ExportEvaluation & { relationshipId: unknown }) => ({
            ...doc,
            relationshipId: String(doc.relationshipId),
          }),
        ),
    },
  };
}
export type ReportRepository = ReturnType<typeof createReportRepository>;
