import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import { declineReasonModal } from '../../../blocks/application';
import { readPageValue } from '../../../blocks/directory';
import { ACTIONS } from '../../../blocks/ids';
import { EVALUATION_LINK_ACTION } from '../../../blocks/prompts';
import { preferencesModal } from '../../../blocks/requests';
import { closeOutWording, wording } from '../../content/wording';
import { agreementsModal } from '../../../blocks/agreements';
import { fitModal } from '../../../blocks/lifecycle';
import { evaluationModal, reflectionModal } from '../../../blocks/reflection';
import type { CloseOutRefusal } from '../../services/close-out';
import type { GoalRefusal } from '../../services/goals';
import type { LifecycleRefusal } from '../../services/relationships';
import type { Invalid, Refused } from '../../services/result';
import { lifecycleRefusalText } from '../presenters/lifecycle';
import { readStaffDirectoryPage } from '../../../blocks/directory-upkeep';
import { relistAnswer, staffDirectoryAnswer } from '../presenters/directory-upkeep';
import { reportAnswer, reportPostedText } from '../presenters/report';
import { readGoalDrafts, type GoalFormMetadata } from '../../../blocks/goal-form';
import { reportUnexpected } from '../commands/command-router';
import type { SlackDeps } from '../deps';
import { UserFacingError } from '../errors';
import { tellWhoClicked } from '../tell-who-clicked';
import { directoryAnswer } from '../presenters/directory';
import { decisionRefusalText } from '../presenters/enrollment';
import { checkInFormView, checkInRefusalText } from '../presenters/check-ins';
import { goalFormView, goalRefusalText } from '../presenters/goals';
import { requestRefusalText, requestSentText } from '../presenters/requests';
import { readAtRiskButtonValue } from '../../../blocks/at-risk';
import { handledAnswer, nudgeAnswer } from '../presenters/at-risk';
import { meetingAnswer } from '../presenters/meetings';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Buttons. Each acknowledges first, then asks a service, which re-checks who is acting: the ids in a
 * button's value only say what the button is about, never who may use it.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  const button = (actionId: string | RegExp, handle: (args: ButtonArgs) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, async (args) => {
      await args.ack();
      const leave = await deps.afterAck.enter();
      try {
        await handle(args);
      } catch (error) {
        const text =
          error instanceof UserFacingError
            ? error.message
            : reportUnexpected(deps, error, { actionId: String(actionId) });
        await tellPerson(args, text);
      } finally {
        leave();
      }
    });

  button(ACTIONS.approveApplication, async (args) => {
    const result = await deps.enrollment.approve(args.action.value ?? '', args.body.user.id);
    if (result.kind === 'refused' && result.code !== 'not_found')
      throw new UserFacingError(decisionRefusalText(result));
  });

  button(ACTIONS.declineApplication, async (args) => {
    const reviewer = await deps.enrollment.checkReviewer(args.body.user.id);
    if (reviewer.kind !== 'done') throw new UserFacingError(decisionRefusalText(reviewer));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: declineReasonModal(args.action.value ?? ''),
    });
  });

  button(ACTIONS.requestMentor, async (args) => {
    const result = await deps.requests.request(args.body.user.id, args.action.value ?? '');
    await tellPerson(args, requestSentText(result, args.action.value ?? ''));
  });

  button(new RegExp(`^${ACTIONS.directoryPage}`), async (args) => {
    const { page, words } = readPageValue(args.action.value);
    const result = await deps.directory.find(args.body.user.id, words, page);
    const answer = directoryAnswer(result);
    if (result.kind === 'done' && typeof answer !== 'string' && args.respond)
      await args.respond({ ...answer, replace_original: true });
  });

  button(ACTIONS.acceptRequest, async (args) => {
    const result = await deps.requests.accept(args.action.value ?? '', args.body.user.id);
    if (result.kind !== 'done') throw new UserFacingError(requestRefusalText(result));
  });

  button(ACTIONS.declineRequest, async (args) => {
    const result = await deps.requests.decline(args.action.value ?? '', args.body.user.id);
    if (result.kind !== 'done') throw new UserFacingError(requestRefusalText(result));
  });

  button(ACTIONS.openFit, async (args) => {
    const form = await deps.relationships.fitFormFor(args.action.value ?? '', args.body.user.id);
    if (form.kind !== 'done') throw new UserFacingError(refusalOf(form));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: fitModal(form.value) });
  });

  button(ACTIONS.advanceStage, async (args) => {
    const result = await deps.relationships.advance(args.action.value ?? '', args.body.user.id);
    if (result.kind !== 'done') throw new UserFacingError(refusalOf(result));
  });

  button(ACTIONS.recordAgreements, async (args) => {
    const form = await deps.relationships.agreementsFormFor(args.action.value ?? '', args.body.user.id);
    if (form.kind !== 'done') throw new UserFacingError(refusalOf(form));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: agreementsModal(form.value.relationship, form.value.side),
    });
  });

  button(ACTIONS.openCheckIn, async (args) => {
    const form = await deps.checkIns.openForm(args.body.user.id, args.action.value ?? '');
    if (form.kind !== 'done')
      throw new UserFacingError(form.kind === 'refused' ? checkInRefusalText(form) : wording.outdated.form);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: checkInFormView(form.value) });
  });

  button(ACTIONS.openGoalForm, async (args) => {
    const form = await deps.goals.openForm(args.body.user.id, args.action.value ?? '');
    if (form.kind !== 'done') throw new UserFacingError(goalAnswerOf(form));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: goalFormView(form.value) });
  });

  button(ACTIONS.openReflection, async (args) => {
    const form = await deps.closeOut.reflectionForm(args.action.value ?? '', args.body.user.id);
    if (form.kind !== 'done') throw new UserFacingError(refusalOf(form));
    const { relationship, role, partnerId } = form.value;
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: reflectionModal(relationship.id, role, partnerId),
    });
  });

  button(ACTIONS.openEvaluation, async (args) => {
    const form = await deps.closeOut.evaluationForm(args.action.value ?? '', args.body.user.id);
    if (form.kind !== 'done') throw new UserFacingError(refusalOf(form));
    await args.client.views.open({
      trigger_id: args.body.trigger_id,
      view: evaluationModal(form.value.relationship.id),
    });
  });

  // A link button opens the configured evaluation form in the browser; Slack still expects an ack.
  button(EVALUATION_LINK_ACTION, async () => {});

  // The re-list card posted when a relationship completed: staff re-checked, the mentor told.
  button(ACTIONS.relistMentor, async (args) => {
    const mentorId = args.action.value ?? '';
    const result = await deps.upkeep.relist(args.body.user.id, mentorId);
    await tellPerson(
      args,
      result.kind === 'refused' && result.code === 'not_staff'
        ? closeOutWording.staffOnly
        : relistAnswer(result, mentorId),
    );
  });

  // `/mentoring admin directory`'s Previous / Next: staff checked again, the page read afresh.
  button(new RegExp(`^${ACTIONS.staffDirectoryPage}`), async (args) => {
    const result = await deps.upkeep.list(args.body.user.id, readStaffDirectoryPage(args.action.value));
    const answer = staffDirectoryAnswer(result);
    if (typeof answer === 'string' || !args.respond)
      throw new UserFacingError(typeof answer === 'string' ? answer : wording.errors.staffOnly);
    await args.respond({ ...answer, replace_original: true });
  });

  // The private report's "Post to the channel": staff checked again and the figures worked out afresh by
  // the service, which writes the post to the outbox; the person who clicked is answered here.
  button(ACTIONS.postReport, async (args) => {
    const result = await deps.reports.post(args.body.user.id, args.action.value ?? '');
    if (result.kind !== 'done') {
      const answer = reportAnswer(result);
      throw new UserFacingError(typeof answer === 'string' ? answer : wording.errors.staffOnly);
    }
    await tellPerson(args, reportPostedText());
  });

  // "We met": the pair's meeting today; the service checks the person clicking is one of an open pair.
  button(ACTIONS.logMeeting, async (args) => {
    const result = await deps.meetings.weMet(args.action.value ?? '', args.body.user.id);
    await tellPerson(args, meetingAnswer(result));
  });

  // The staff's at-risk list: each click re-checks staff and the relationship's reasons as they are now.
  button(ACTIONS.nudgePair, async (args) => {
    const { relationshipId, stamp } = readAtRiskButtonValue(args.action.value);
    await tellPerson(args, nudgeAnswer(await deps.atRisk.nudge(relationshipId, stamp, args.body.user.id)));
  });

  button(ACTIONS.markHandled, async (args) => {
    const { relationshipId, stamp } = readAtRiskButtonValue(args.action.value);
    await tellPerson(
      args,
      handledAnswer(await deps.atRisk.markHandled(relationshipId, stamp, args.body.user.id)),
    );
  });

  // Add / remove a goal inside the open goal form: rebuilt from what was typed, for its owner only.
  for (const [actionId, change] of [
    [ACTIONS.addGoal, () => ({ add: true as const })],
    [ACTIONS.removeGoal, (value: string) => ({ remove: Number(value) })],
  ] as const) {
    button(actionId, async (args) => {
      const view = args.body.view;
      if (!view) return;
      const metadata = JSON.parse(view.private_metadata || '{}') as Partial<GoalFormMetadata>;
      const rebuilt = await deps.goals.rebuildForm(
        String(metadata.relationshipId ?? ''),
        args.body.user.id,
        readGoalDrafts((view.state?.values ?? {}) as Parameters<typeof readGoalDrafts>[0]),
        change(args.action.value ?? ''),
        Number(metadata.revision ?? 0),
        {
          ...(typeof metadata.zone === 'string' ? { zone: metadata.zone } : {}),
          ...(typeof metadata.version === 'number' ? { version: metadata.version } : {}),
        },
      );
      if (rebuilt.kind !== 'done') throw new UserFacingError(goalAnswerOf(rebuilt));
      await args.client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: goalFormView(rebuilt.value),
      });
    });
  }

  for (const [actionId, side] of [
    [ACTIONS.shareMentorPreferences, 'mentor'],
    [ACTIONS.shareMenteePreferences, 'mentee'],
  ] as const) {
    button(actionId, async (args) => {
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: preferencesModal(args.action.value ?? '', side),
      });
    });
  }
}

/** A lifecycle refusal's sentence (a button never submits fields, so `invalid` can't come back). */
function refusalOf(result: Refused<LifecycleRefusal | CloseOutRefusal> | Invalid): string {
  return result.kind === 'refused' ? lifecycleRefusalText(result) : wording.outdated.form;
}

/** A goal refusal's sentence (a button never submits fields, so `invalid` can't come back). */
function goalAnswerOf(result: Refused<GoalRefusal> | Invalid): string {
  return result.kind === 'refused' ? goalRefusalText(result) : wording.outdated.form;
}

/** An answer only the person who clicked sees: in the message's conversation when there is one. */
async function tellPerson(args: ButtonArgs, text: string): Promise<void> {
  await tellWhoClicked(args, text, wording.notice.title);
}
