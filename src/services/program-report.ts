import type { Clock } from '../clock';
import { noticeKeys } from '../domain/notices';
import { parseTerm, programReport, type ProgramReport } from '../domain/program-report';
import type { NoticeRepository } from '../store/notice-repository';
import type { ReportRepository } from '../store/report-repository';
import type { UnitOfWork } from './ports';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

export type ReportRefusal = 'not_staff' | 'bad_term';

/** `/mentoring admin report [term]`: the program's figures for staff, from one batch read of the records. */
export function createProgramReportService(deps: {
  reports: Pick<ReportRepository, 'reportFacts'>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  clock: Clock;
  programTimezone: string;
  /** Posting to the staff channel goes through the outbox, like every message to other people. */
  unitOfWork: UnitOfWork<{ notices: Pick<NoticeRepository, 'enqueue'> }>;
  adminChannelId: string;
}) {
  /** The report for a term as typed (empty: all time); staff only, checked here for every caller. */
  async function report(actorId: string, termText: string): Promise<Result<ProgramReport, ReportRefusal>> {
    if (!(await deps.staff.isStaff(actorId))) return refused('not_staff');
    const term = parseTerm(termText);
    if (!term) return refused('bad_term', { term: termText.trim() });
    const facts = await deps.reports.reportFacts();
    return done(
      programReport({ ...facts, zone: deps.programTimezone, now: deps.clock.now().toJSDate() }, term),
    );
  }

  return {
    report,

    /**
     * **Post to the channel**: the report worked out afresh for the staff member who clicked (checked again
     * here) and written to the outbox for the staff channel, saying who posted it.
     */
    async post(actorId: string, termText: string): Promise<Result<ProgramReport, ReportRefusal>> {
      const result = await report(actorId, termText);
      if (result.kind !== 'done') return result;
      const at = deps.clock.now().toJSDate();
      await deps.unitOfWork.run((tx) =>
        tx.notices.enqueue(
          [
            {
              key: noticeKeys.programReportPosted(actorId, at),
              notice: { type: 'staff_program_report', report: result.value, postedBy: actorId },
              destination: { to: 'channel', channel: deps.adminChannelId },
            },
          ],
          at,
        ),
      );
      return result;
    },
  };
}
export type ProgramReportService = ReturnType<typeof createProgramReportService>;
