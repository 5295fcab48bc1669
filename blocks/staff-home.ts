import type { KnownBlock } from '@slack/types';
import { digestWording as d, homeWording as w, reportWording } from '../src/content/wording';
import type { DigestHeadline } from '../src/domain/weekly-digest';
import { context, section } from './message';
import { escapeMrkdwn } from './mrkdwn';

/** A staff command App Home lists: its usage and help line, from the command table. */
export interface StaffCommandHint {
  readonly usage: string;
  readonly summary: string;
}

/** Stages as the digest and the report name them, with their counts (`stage 1 3 · stage 2 1`). */
export function stageCounts(stages: Partial<Record<string, number>>): string {
  return Object.entries(stages)
    .map(([status, n]) => `${reportWording.statusNames[status] ?? status} ${n ?? 0}`)
    .join(' · ');
}

/**
 * The staff part of App Home: the at-risk count and the weekly digest's headline figures (counts and dates,
 * never what anyone wrote), then the staff commands.
 */
export function staffHomeBlocks(
  staff: DigestHeadline,
  commands: readonly StaffCommandHint[] = [],
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: w.staffHeading } },
    section(d.home.atRisk(staff.atRisk)),
    section(
      [
        d.home.headline(staff.week, staff.asOf),
        d.home.newApplications(staff.newApplications),
        d.home.waiting(staff.waitingApplications, staff.oldestWaitingDays),
        d.home.requests(staff.waitingRequests),
        d.home.ending(staff.endingSoon, staff.endingWithinDays),
        d.stages(stageCounts(staff.stages)),
      ].join('\n'),
    ),
  ];
  if (commands.length > 0)
    blocks.push(
      context(
        `${d.home.commandsHeading}\n${commands
          .map((c) => `\`${escapeMrkdwn(c.usage)}\` ${escapeMrkdwn(c.summary)}`)
          .join('\n')}`,
      ),
    );
  return blocks;
}
