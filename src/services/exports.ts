import type { Clock } from '../clock';
import type { CheckInStatus } from '../domain/check-ins';
import type { AuditRepository } from '../store/audit-repository';
import type { ReportRepository } from '../store/report-repository';
import { CsvFile } from './csv';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

/** A file to share: its name, its title in Slack, and its bytes. */
export interface UploadFile {
  filename: string;
  title: string;
  bytes: Buffer;
}

/** Slack's two-step upload, behind one method (services never see a WebClient). */
export interface FileUploadPort {
  /** Uploads the files and shares them, together, in the channel. */
  uploadFiles(channelId: string, files: readonly UploadFile[]): Promise<void>;
}

export interface ExportSummary {
  channelId: string;
  files: { filename: string; rows: number }[];
}

/** Stage moves in the relationships file, each a column of the date it happened. */
const STAGE_COLUMNS = ['introduced', 'stage1', 'stage2', 'stage3', 'stage4', 'completed'] as const;

/**
 * `/mentoring admin export`: the program's records as CSV files in the staff channel, for the program
 * office's own spreadsheets. Ids, statuses, choices, numbers and dates only: the rows come from the report
 * repository's projections, which never select what people wrote. One file is built at a time, from a
 * cursor, so only one file's bytes are held at once.
 */
export function createExportService(deps: {
  reports: Pick<ReportRepository, 'exportRows'>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  uploads: FileUploadPort;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
  adminChannelId: string;
  programTimezone: string;
}) {
  const rows = deps.reports.exportRows;

  return {
    async export(actorId: string): Promise<Result<ExportSummary, 'not_staff'>> {
      if (!(await deps.staff.isStaff(actorId))) return refused('not_staff');
      const now = deps.clock.now();
      const stamp = now.setZone(deps.programTimezone).toISODate() ?? '';
      const built: UploadFile[] = [];
      const summary: ExportSummary['files'] = [];
      const add = (name: string, title: string, file: CsvFile) => {
        const filename = `mentoring-${name}-${stamp}.csv`;
        built.push({ filename, title: `${title} (${stamp})`, bytes: file.bytes() });
        summary.push({ filename, rows: file.rows });
      };

      const people = new CsvFile([
        'user_id',
        'role',
        'approved',
        'listed',
        'capacity',
        'seats_used',
        'academic_interests',
        'career_interests',
        'time_zone',
        'created_at',
        'updated_at',
      ]);
      for await (const p of rows.profiles())
        people.add([
          p.userId,
          p.role,
          p.approved ?? false,
          p.role === 'mentor' ? (p.listed ?? false) : undefined,
          p.capacity,
          p.role === 'mentor' ? (p.openRelationships ?? 0) : undefined,
          (p.academicInterests ?? []).join('; '),
          (p.careerInterests ?? []).join('; '),
          p.timezone,
          p.createdAt,
          p.updatedAt,
        ]);
      add('people', 'People', people);

      const applications = new CsvFile([
        'application_id',
        'user_id',
        'role',
        'status',
        'submitted_at',
        'decided_at',
        'reviewer_id',
      ]);
      for await (const a of rows.applications())
        applications.add([a.id, a.userId, a.role, a.status, a.createdAt, a.decidedAt, a.reviewerId]);
      add('applications', 'Applications', applications);

      const mentorOf = new Map<string, string>();
      const relationships = new CsvFile([
        'relationship_id',
        'mentor_id',
        'mentee_id',
        'status',
        'requested_at',
        ...STAGE_COLUMNS.map((stage) => `${stage}_at`),
        'ended_at',
        'ended_by',
        'formal_end_date',
        'paused_until',
      ]);
      for await (const r of rows.relationships()) {
        mentorOf.set(r.id, r.mentorId);
        const reached = (status: string) => r.history.find((move) => move.to === status)?.at;
        const ending =
          r.status === 'completed' ? undefined : r.history.find((move) => move.to === r.status && move.from);
        const finished = ['declined', 'lapsed', 'withdrawn', 'released', 'not_a_fit', 'ended_early'].includes(
          r.status,
        );
        relationships.add([
          r.id,
          r.mentorId,
          r.menteeId,
          r.status,
          r.requestedAt,
          ...STAGE_COLUMNS.map(reached),
          finished ? ending?.at : undefined,
          finished ? ending?.actor : undefined,
          r.formalEndDate,
          r.pausedUntil,
        ]);
      }
      add('relationships', 'Relationships', relationships);

      // The latest status each goal was given, by relationship (for the goals file).
      const latestStatus = new Map<string, Map<number, { status: CheckInStatus; at: Date }>>();
      const checkIns = new CsvFile([
        'relationship_id',
        'due_date',
        'submitted_at',
        'submitted_by',
        'goal_number',
        'status',
      ]);
      for await (const c of rows.checkIns()) {
        const statuses = latestStatus.get(c.relationshipId) ?? new Map();
        latestStatus.set(c.relationshipId, statuses);
        for (const goal of c.goals) {
          checkIns.add([
            c.relationshipId,
            c.dueDate,
            c.createdAt,
            c.submittedBy,
            goal.goalIndex + 1,
            goal.status,
          ]);
          const seen = statuses.get(goal.goalIndex);
          if (!seen || seen.at <= c.createdAt)
            statuses.set(goal.goalIndex, { status: goal.status, at: c.createdAt });
        }
      }

      const goals = new CsvFile([
        'relationship_id',
        'goal_form_version',
        'goal_number',
        'complete_by',
        'check_in_dates',
        'latest_status',
        'latest_status_at',
        'saved_at',
      ]);
      for await (const form of rows.goalForms())
        form.goals.forEach((goal, index) => {
          const latest = latestStatus.get(form.relationshipId)?.get(index);
          goals.add([
            form.relationshipId,
            form.version,
            index + 1,
            goal.completeBy,
            (goal.checkIns ?? []).join(' '),
            latest?.status,
            latest?.at,
            form.createdAt,
          ]);
        });
      add('goals', 'Goals', goals);
      add('check-ins', 'Check-ins', checkIns);

      // Meetings: the day, who logged it and when; a meeting carries no content.
      const meetings = new CsvFile(['relationship_id', 'date', 'logged_by', 'logged_at']);
      for await (const m of rows.meetings()) meetings.add([m.relationshipId, m.date, m.loggedBy, m.loggedAt]);
      add('meetings', 'Meetings', meetings);

      const evaluations = new CsvFile([
        'relationship_id',
        'user_id',
        'role',
        'rating',
        'would_recommend',
        'submitted_at',
      ]);
      for await (const e of rows.evaluations()) {
        const rating = e.answers?.rating;
        evaluations.add([
          e.relationshipId,
          e.userId,
          mentorOf.get(e.relationshipId) === e.userId ? 'mentor' : 'mentee',
          typeof rating === 'number' ? rating : undefined,
          e.answers?.recommend === 'yes' || e.answers?.recommend === 'no' ? e.answers.recommend : undefined,
          e.updatedAt ?? e.createdAt,
        ]);
      }
      add('evaluations', 'Evaluations', evaluations);

      await deps.uploads.uploadFiles(deps.adminChannelId, built);
      await deps.audit.record({
        at: now.toJSDate(),
        actorId,
        action: 'program.exported',
        subjectType: 'person',
        subjectId: actorId,
        details: { files: summary },
      });
      return done({ channelId: deps.adminChannelId, files: summary });
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
