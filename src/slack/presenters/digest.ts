import { digestMessage } from '../../../blocks/digest';
import type { BotMessage } from '../../../blocks/message';
import { mention } from '../../../blocks/mrkdwn';
import { stageCounts } from '../../../blocks/staff-home';
import { digestWording as w, reportWording } from '../../content/wording';
import type { WeeklyDigest } from '../../domain/weekly-digest';

// The weekly digest in the staff channel: ids (as mentions), counts, dates and statuses, worded here.

const stageName = (status: string) => reportWording.statusNames[status] ?? status;

/** The digest's figures as paragraphs, in the order staff read them. */
export function digestParagraphs(digest: WeeklyDigest): string[] {
  const { waitingApplications: apps, waitingRequests: requests, atRisk, endingSoon } = digest;
  const paragraphs = [
    w.span(digest.from, digest.asOf),
    w.newApplications(digest.newApplications.mentor, digest.newApplications.mentee),
    [
      w.waitingApplications(apps.count, apps.byRole.mentor, apps.byRole.mentee, apps.overAWeek),
      ...apps.oldest.map((a) => w.waitingApplication(mention(a.userId), a.role, a.since, a.days)),
    ].join('\n'),
    w.waitingRequests(requests.count, requests.overAWeek, requests.oldest),
    [
      w.atRisk(atRisk.count, atRisk.handledHidden),
      ...atRisk.top.map((entry) =>
        w.atRiskEntry(
          mention(entry.mentorId),
          mention(entry.menteeId),
          stageName(entry.status),
          entry.reasons.map((kind) => w.reasonNames[kind] ?? kind).join(', '),
        ),
      ),
      ...(atRisk.count > 0 ? [w.atRiskMore] : []),
    ].join('\n'),
    [
      w.endingSoon(endingSoon.count, endingSoon.withinDays),
      ...endingSoon.listed.map((r) =>
        w.endingEntry(mention(r.mentorId), mention(r.menteeId), r.formalEndDate),
      ),
    ].join('\n'),
    w.stages(stageCounts(digest.stages)),
  ];
  // Only once the retention rule has erased something: until then the line would always say nothing.
  if (digest.retentionErased.relationships > 0)
    paragraphs.push(w.retentionErased(digest.retentionErased.relationships, digest.retentionErased.fields));
  return paragraphs;
}

/** The digest as posted in the staff channel. */
export function presentDigest(digest: WeeklyDigest): BotMessage {
  return digestMessage(w.title(digest.week), digestParagraphs(digest), w.privacy);
}
