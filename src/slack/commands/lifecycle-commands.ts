import { agreementsModal } from '../../../blocks/agreements';
import { endModal, fitModal, stageOverview } from '../../../blocks/lifecycle';
import { lifecycleWording } from '../../content/wording';
import type { SubcommandHandler } from './command-router';

/** `/mentor fit`: the fit assessment for the (first) mentee waiting for one. */
export const openFitAssessment: SubcommandHandler = async (context) => {
  const [waiting] = await context.deps.relationships.awaitingFit(context.userId);
  if (!waiting) {
    await context.reply(lifecycleWording.fit.noneToAssess);
    return;
  }
  await context.ack();
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: fitModal(waiting),
  });
};

/** `/mentoring stage` and `/mentoring status`: where each relationship stands and what comes next. */
export const showStage: SubcommandHandler = async (context) => {
  await context.reply(stageOverview(await context.deps.relationships.openFor(context.userId)));
};

/** `/mentoring agreements`: stage 1's agreements for the person's relationship in stage 1. */
export const openAgreements: SubcommandHandler = async (context) => {
  const form = await context.deps.relationships.agreementsFormFor(undefined, context.userId);
  if (!form.ok) {
    await context.reply(form.message);
    return;
  }
  await context.ack();
  await context.bolt.client.views.open({
    trigger_id: context.bolt.command.trigger_id,
    view: agreementsModal(form.relationship, form.side),
  });
};

/** `/mentoring end`: the modal that asks which relationship, why, and for a confirmation. */
export const endRelationship: SubcommandHandler = async (context) => {
  const open = await context.deps.relationships.openFor(context.userId);
  if (open.length === 0) {
    await context.reply(lifecycleWording.noRelationship);
    return;
  }
  await context.ack();
  await context.bolt.client.views.open({ trigger_id: context.bolt.command.trigger_id, view: endModal(open) });
};
