import type { Clock } from '../clock';
import { noticeKeys } from '../domain/notices';
import {
  DEFAULT_DIGEST_SETTINGS,
  digestDue,
  digestHeadline,
  weeklyDigest,
  type DigestHeadline,
  type DigestSchedule,
  type WeeklyDigest,
} from '../domain/weekly-digest';
import type { NoticeRepository } from '../store/notice-repository';
import type { ReportRepository } from '../store/report-repository';
import type { AtRiskService } from './at-risk';
import { Rollback, type UnitOfWork } from './ports';
import { done, refused, type Result } from './result';
import type { StaffDirectory } from './staff';

/** What enqueuing this week's digest came to (for the scheduler's log). */
export type DigestTick =
  { digest: 'off' | 'not_yet' } | { digest: 'already_queued' | 'queued'; week: string };

/**
 * The staff's weekly digest: its figures (the at-risk list as `/mentoring admin at-risk` judges it, the live
 * relationships that list read, and the applications and erasures of the week, all counts and dates), posted
 * once per ISO week in the staff channel through the outbox, whichever copy of the bot gets there first; and
 * the same figures' headline for the staff's App Home.
 */
export function createWeeklyDigestService(deps: {
  atRisk: Pick<AtRiskService, 'overview'>;
  reports: Pick<ReportRepository, 'digestFacts'>;
  notices: Pick<NoticeRepository, 'has'>;
  unitOfWork: UnitOfWork<{ notices: Pick<NoticeRepository, 'enqueue'> }>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  clock: Clock;
  programTimezone: string;
  /** `DIGEST_SCHEDULE`; undefined when staff turned the digest off. */
  schedule: DigestSchedule | undefined;
  adminChannelId: string;
}) {
  const settings = { ...DEFAULT_DIGEST_SETTINGS, zone: deps.programTimezone };

  /** The figures now: one batch of reads (the at-risk list's, and the week's applications and erasures). */
  async function figures(): Promise<WeeklyDigest> {
    const now = deps.clock.now();
    const [{ list, live }, facts] = await Promise.all([
      deps.atRisk.overview(),
      deps.reports.digestFacts(now.minus({ days: 7 }).toJSDate()),
    ]);
    return weeklyDigest({ ...facts, relationships: live, atRisk: list }, now, settings);
  }

  return {
    figures,

    /** The digest's headline figures for a staff member's App Home; refused for anyone else. */
    async headline(userId: string): Promise<Result<DigestHeadline, 'not_staff'>> {
      if (!(await deps.staff.isStaff(userId))) return refused('not_staff');
      return done(digestHeadline(await figures()));
    },

    /**
     * The scheduler's part, every tick of every copy: once this week's day and hour have come (in the
     * program's zone), the digest is written to the outbox under the week's key. The key makes it once per
     * week however many copies race; a week already queued costs one indexed look-up.
     */
    async enqueueDue(): Promise<DigestTick> {
      if (!deps.schedule) return { digest: 'off' };
      const now = deps.clock.now();
      const due = digestDue(now, deps.programTimezone, deps.schedule);
      if (!due) return { digest: 'not_yet' };
      const key = noticeKeys.weeklyDigest(due.week);
      if (await deps.notices.has(key)) return { digest: 'already_queued', week: due.week };
      const digest = await figures();
      return deps.unitOfWork.run(async (tx) => {
        const added = await tx.notices.enqueue(
          [
            {
              key,
              notice: { type: 'staff_weekly_digest', digest },
              destination: { to: 'channel', channel: deps.adminChannelId },
            },
          ],
          now.toJSDate(),
        );
        if (added === 0) throw new Rollback({ digest: 'already_queued', week: due.week } as const);
        return { digest: 'queued', week: due.week } as const;
      });
    },
  };
}
export type WeeklyDigestService = ReturnType<typeof createWeeklyDigestService>;
