import type { Clock } from '../clock';
import { parseTerm, programReport, type ProgramReport } from '../domain/program-report';
import type { ReportRepository } from '../store/report-repository';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

export type ReportRefusal = 'not_staff' | 'bad_term';

/** `/mentoring admin report [term]`: the program's figures for staff, from one batch read of the records. */
export function createProgramReportService(deps: {
  reports: Pick<ReportRepository, 'reportFacts'>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  clock: Clock;
  programTimezone: string;
}) {
  return {
    /** The report for a term as typed (empty: all time); staff only, checked here for every caller. */
    async report(actorId: string, termText: string): Promise<Result<ProgramReport, ReportRefusal>> {
      if (!(await deps.staff.isStaff(actorId))) return refused('not_staff');
      const term = parseTerm(termText);
      if (!term) return refused('bad_term', { term: termText.trim() });
      const facts = await deps.reports.reportFacts();
      return done(
        programReport({ ...facts, zone: deps.programTimezone, now: deps.clock.now().toJSDate() }, term),
      );
    },
  };
}
export type ProgramReportService = ReturnType<typeof createProgramReportService>;
