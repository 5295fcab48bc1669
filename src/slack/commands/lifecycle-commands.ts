import { agreementsModal } from '../../../blocks/agreements';
import { endModal, fitModal, stageOverview } from '../../../blocks/lifecycle';
import { userIdFromMention } from '../../../blocks/mrkdwn';
import { presentMentees } from '../presenters/home';
import { lifecycleWording, pauseWording } from '../../content/wording';
import type { LifecycleRefusal, PauseOutcome } from '../../services/relationships';
import type { Result } from '../../services/result';
import { lifecycleRefusalText, pauseAnswer } from '../presenters/lifecycle';
import type { SubcommandHandler } from './command-router';

/** `/mentor fit`: the fit assessment for the (first) mentee waiting for one. */
export const openFitAssessment: SubcommandHandler = async (context) => {
  const form = await context.deps.relationships.fitFormFor(undefined, context.userId);
  if (form.kind !== 'done') {
    if (form.kind === 'refused') await context.reply(lifecycleRefusalText(form));
    return;
  }
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: fitModal(form.value),
  });
};

/** `/mentoring stage` and `/mentoring status`: where each relationship stands and what comes next. */
export const showStage: SubcommandHandler = async (context) => {
  await context.reply(stageOverview(await context.deps.relationships.openFor(context.userId)));
};

/** `/mentor mentees`: each mentee's stage, next and late check-in dates and pause; others are told it is for mentors. */
export const listMentees: SubcommandHandler = async (context) => {
  await context.reply(presentMentees(await context.deps.home.mentees(context.userId)));
};

/** `/mentoring agreements`: stage 1's agreements for the person's relationship in stage 1. */
export const openAgreements: SubcommandHandler = async (context) => {
  const form = await context.deps.relationships.agreementsFormFor(undefined, context.userId);
  if (form.kind !== 'done') {
    if (form.kind === 'refused') await context.reply(lifecycleRefusalText(form));
    return;
  }
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: agreementsModal(form.value.relationship, form.value.side),
  });
};

/** `/mentoring end`: the modal that asks which relationship, why, and for a confirmation. */
export const endRelationship: SubcommandHandler = async (context) => {
  const open = await context.deps.relationships.openFor(context.userId);
  if (open.length === 0) {
    await context.reply(lifecycleWording.noRelationship);
    return;
  }
  await context.bolt.client.views.open({ trigger_id: context.bolt.command.trigger_id, view: endModal(open) });
};

/** `/mentoring pause <weeks> [@partner]`: quiets the pair's prompts for a while. */
export const pausePrompts: SubcommandHandler = async (context) => {
  const [weeksText, partner] = context.args;
  const weeks = Number(weeksText);
  if (!weeksText || context.args.length > 2) {
    await context.reply(pauseWording.usage);
    return;
  }
  const partnerId = partner ? userIdFromMention(partner) : undefined;
  if (partner && !partnerId) {
    await context.reply(pauseWording.usage);
    return;
  }
  await context.reply(pauseReply(await context.deps.relationships.pause(context.userId, weeks, partnerId)));
};

/** `/mentoring resume [@partner]`: lifts a pause. */
export const resumePrompts: SubcommandHandler = async (context) => {
  const [partner] = context.args;
  const partnerId = partner ? userIdFromMention(partner) : undefined;
  if ((partner && !partnerId) || context.args.length > 1) {
    await context.reply(pauseWording.usage);
    return;
  }
  await context.reply(
    pauseReply(await context.deps.relationships.pause(context.userId, undefined, partnerId)),
  );
};

function pauseReply(result: Result<PauseOutcome, LifecycleRefusal>): string {
  if (result.kind === 'done') return pauseAnswer(result.value);
  return result.kind === 'refused' ? lifecycleRefusalText(result) : pauseWording.usage;
}
