import { ephemeral, plainMessage, type BotMessage, type EphemeralAnswer } from '../../../blocks/message';
import { escapeWithin, mention } from '../../../blocks/mrkdwn';
import { reportMessage } from '../../../blocks/report';
import { reportWording as w, wording } from '../../content/wording';
import type { ProgramReport } from '../../domain/program-report';
import type { ExportSummary } from '../../services/exports';
import type { ReportRefusal } from '../../services/program-report';
import type { Result } from '../../services/result';

// `/mentoring admin report` and `/mentoring admin export`: figures and files, worded here.

/** The figures as paragraphs, in the order staff read them. */
function paragraphs(report: ProgramReport): string[] {
  const statuses = Object.entries(report.relationshipsByStatus)
    .map(([status, count]) => `${w.statusNames[status] ?? status} ${count}`)
    .join(' · ');
  return [
    `${w.title(report.term.label)}\n${w.span(report.term.from, report.term.to, report.asOf)}`,
    [
      w.peopleHeading,
      w.people('Mentors', report.people.mentor),
      w.people('Mentees', report.people.mentee),
    ].join('\n'),
    `${w.relationshipsHeading(report.relationshipsInTerm)}${statuses ? `\n${statuses}` : ''}`,
    w.timeToMatch(w.duration(report.timeToMatch)),
    w.timeToFirstMeeting(w.duration(report.timeToFirstMeeting), report.timeToFirstMeeting.source),
    w.checkIns(report.checkIns),
    w.goals(report.goals),
    w.endings(report.endings),
    w.evaluations(report.evaluations),
    w.seats(report.seats),
  ];
}

/** The private answer: the report with a button to post it, or why there is none. */
export function reportAnswer(result: Result<ProgramReport, ReportRefusal>): EphemeralAnswer | string {
  if (result.kind === 'refused')
    return result.code === 'bad_term'
      ? w.badTerm(escapeWithin(String(result.facts.term ?? ''), 100))
      : wording.errors.staffOnly;
  if (result.kind !== 'done') return wording.errors.staffOnly;
  return ephemeral(
    reportMessage(paragraphs(result.value), w.privacy, {
      label: w.postButton,
      term: result.value.term.label,
    }),
  );
}

/** The same report as posted in the staff channel, saying who posted it. */
export function postedReport(report: ProgramReport, staffId: string): BotMessage {
  return reportMessage(paragraphs(report), `${w.privacy} ${w.postedBy(mention(staffId))}`);
}

export function reportPostedText(): string {
  return w.posted;
}

export function exportPreparingText(): string {
  return w.exportPreparing;
}

export function exportAnswer(result: Result<ExportSummary, 'not_staff'>): EphemeralAnswer | string {
  if (result.kind !== 'done') return wording.errors.staffOnly;
  return ephemeral(plainMessage(w.exported(`<#${result.value.channelId}>`, result.value.files)));
}
