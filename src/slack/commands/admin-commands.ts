import { forgetModal } from '../../../blocks/data-requests';
import { userIdFromMention } from '../../../blocks/mrkdwn';
import {
  countingModal,
  dataRequestRefusalText,
  notErasedModal,
  dataRequestUsage,
  exportPersonAnswer,
  exportPersonPreparingText,
} from '../presenters/data-requests';
import { requestSentText } from '../presenters/requests';
import { exportAnswer, exportPreparingText, reportAnswer } from '../presenters/report';
import { matchUsageText, pendingAnswer, suggestionsAnswer } from '../presenters/staff';
import type { SubcommandHandler } from './command-router';

/** `/mentoring admin match @mentee @mentor`: a request to the mentor on staff's behalf (staff only, checked by the router). */
export const matchOnBehalf: SubcommandHandler = async (context) => {
  const [menteeText = '', mentorText = ''] = context.args;
  const menteeId = userIdFromMention(menteeText);
  const mentorId = userIdFromMention(mentorText);
  if (!menteeId || !mentorId) {
    await context.reply(matchUsageText());
    return;
  }
  const result = await context.deps.requests.request(menteeId, mentorId, context.userId);
  await context.reply(requestSentText(result, mentorId, menteeId));
};

/** `/mentoring admin pending`: applications waiting for a decision. */
export const listPending: SubcommandHandler = async (context) => {
  await context.reply(pendingAnswer((await context.deps.enrollment.waiting()).value));
};

/** `/mentoring admin suggest`: unmatched approved mentees with their best mentors (ranking takes a moment). */
export const findMatches: SubcommandHandler = async (context) => {
  await context.reply(suggestionsAnswer((await context.deps.directory.suggestions()).value));
};

/** `/mentoring admin report [term]`: the program's figures, privately, with a button to post them. */
export const programReport: SubcommandHandler = async (context) => {
  await context.reply(reportAnswer(await context.deps.reports.report(context.userId, context.argText)));
};

/**
 * `/mentoring admin export`: says at once that the files are coming (building and uploading them takes a
 * moment), then uploads them to the staff channel and says what was uploaded.
 */
export const exportRecords: SubcommandHandler = async (context) => {
  // The export starts at once; the "preparing" answer goes out meanwhile (its failure is reported when awaited).
  const exporting = context.deps.exports.export(context.userId);
  exporting.catch(() => undefined);
  await context.reply(exportPreparingText());
  await context.reply(exportAnswer(await exporting));
};

/**
 * `/mentoring admin export-user @person`: says at once that the file is coming, then uploads the person's own
 * data as JSON to the staff channel (the export's two-step upload) and says what was uploaded.
 */
export const exportPerson: SubcommandHandler = async (context) => {
  const userId = context.args.length === 1 ? userIdFromMention(context.args[0] ?? '') : undefined;
  if (!userId) {
    await context.reply(dataRequestUsage('export-user'));
    return;
  }
  const exporting = context.deps.dataRequests.exportPerson(context.userId, userId);
  exporting.catch(() => undefined);
  await context.reply(exportPersonPreparingText(userId));
  await context.reply(exportPersonAnswer(await exporting, userId));
};

/**
 * `/mentoring admin forget @person`: the confirmation naming what will be erased, or why not. The modal opens
 * first, with the command's trigger (which Slack honours for 3 seconds), saying it is counting; the counts
 * (a dozen reads, one of them over the whole outbox) then replace it, however long they take.
 */
export const forgetPerson: SubcommandHandler = async (context) => {
  const userId = context.args.length === 1 ? userIdFromMention(context.args[0] ?? '') : undefined;
  if (!userId) {
    await context.reply(dataRequestUsage('forget'));
    return;
  }
  const opened = await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: countingModal(),
  });
  const plan = await context.deps.dataRequests.erasurePlan(context.userId, userId);
  const view =
    plan.kind === 'done'
      ? forgetModal(plan.value)
      : notErasedModal(plan.kind === 'refused' ? dataRequestRefusalText(plan, userId) : '');
  await context.bolt.client.views.update({
    view_id: opened.view?.id ?? '',
    ...(opened.view?.hash ? { hash: opened.view.hash } : {}),
    view,
  });
};
