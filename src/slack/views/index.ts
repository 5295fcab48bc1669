import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import {
  applicationModal,
  applicationReceivedModal,
  applicationSendingModal,
  readApplicationState,
  type ViewStateValue,
} from '../../../blocks/application';
import { FIELD_ACTION, FIELD_BLOCK, VIEWS } from '../../../blocks/ids';
import { checkInFields } from '../../../blocks/check-in';
import { MAX_GOALS } from '../../domain/goal-form';
import { EVALUATION_FIELDS, REFLECTION_FIELDS } from '../../domain/reflection';
import { readGoalDrafts } from '../../../blocks/goal-form';
import { applicationWording, directoryUpkeepWording, lifecycleWording, wording } from '../../content/wording';
import { mention } from '../../../blocks/mrkdwn';
import { unlistFieldError, upkeepRefusalText } from '../presenters/directory-upkeep';
import {
  COMMUNICATION_CHANNELS,
  type ApplicationRole,
  type CommunicationChannel,
} from '../../domain/application-form';
import { reportUnexpected } from '../commands/command-router';
import { userIdFromMention } from '../../../blocks/mrkdwn';
import { erasedModal, erasingModal } from '../presenters/data-requests';
import { noticeModal } from '../../../blocks/message';
import type { SlackDeps } from '../deps';
import { applicationFieldErrors, decisionRefusalText } from '../presenters/enrollment';
import { checkInFieldErrors, checkInRefusalText } from '../presenters/check-ins';
import { goalFieldErrors, goalRefusalText } from '../presenters/goals';
import { requestRefusalText } from '../presenters/requests';
import type { CloseOutRefusal } from '../../services/close-out';
import type { LifecycleRefusal } from '../../services/relationships';
import type { Prepared, Result } from '../../services/result';
import {
  evaluationAnswer,
  fitAnswer,
  lifecycleFieldErrors,
  lifecycleRefusalText,
} from '../presenters/lifecycle';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type StateValues = Record<string, Record<string, ViewStateValue>>;

/**
 * Modal submissions. A field a person can fix comes back as a field error (the modal stays open with
 * everything they typed); anything else is logged with a reference and answered with a short apology.
 */
export function registerViews(app: App, deps: SlackDeps): void {
  const submission = (
    callbackId: string,
    handle: (args: ViewArgs, values: StateValues, ack: ViewArgs['ack']) => Promise<void>,
  ) =>
    app.view<ViewSubmitAction>(callbackId, async (args) => {
      let acknowledged = false;
      const ack: ViewArgs['ack'] = async (response) => {
        acknowledged = true;
        await args.ack(showableIn(args.view, response));
      };
      try {
        await handle(args, args.view.state.values as StateValues, ack);
      } catch (error) {
        const apology = reportUnexpected(deps, error, { callbackId });
        if (!acknowledged) await ack({ response_action: 'errors', errors: firstBlockError(args, apology) });
        else await tellAfterClosing(args, apology);
      }
    });

  // Checked in the acknowledgement (field errors, no read); the form then shows that it is being sent while
  // the applicant is looked up and the application saved, and becomes the confirmation, or comes back with
  // everything typed and why it was not saved.
  for (const [callbackId, role] of [
    [VIEWS.mentorApplication, 'mentor'],
    [VIEWS.menteeApplication, 'mentee'],
  ] as [string, ApplicationRole][]) {
    submission(callbackId, async (args, values, ack) => {
      const typed = readApplicationState(role, values);
      const prepared = deps.enrollment.prepareSubmit(args.body.user.id, role, typed);
      if (prepared.kind !== 'done') {
        const latestYear = deps.clock.now().setZone('utc').year;
        await ack({ response_action: 'errors', errors: applicationFieldErrors(prepared, latestYear) });
        return;
      }
      await ack({ response_action: 'update', view: applicationSendingModal(role) });
      let answer: ModalView;
      let told: string;
      try {
        const { edited } = (await prepared.value.save()).value;
        answer = applicationReceivedModal(role, deps.program, edited);
        told = applicationWording.received(role, deps.program, edited);
      } catch (error) {
        told = reportUnexpected(deps, error, { callbackId });
        const form = [role, deps.program, deps.config.program.interests, typed] as const;
        answer = applicationModal(
          ...form,
          metadata(args).editing === true,
          applicationWording.notSaved(told),
        );
      }
      await showInPlace(args, answer, told);
    });
  }

  submission(VIEWS.declineApplication, async (args, values, ack) => {
    const reason = values[FIELD_BLOCK('reason')]?.[FIELD_ACTION('reason')]?.value?.trim() ?? '';
    if (!reason) {
      await ack({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: applicationWording.declineModal.reasonRequired },
      });
      return;
    }
    // The reviewer is checked again when saving: opening the modal proved nothing about who submits it.
    const prepared = await deps.enrollment.prepareDecline(
      String(metadata(args).applicationId ?? ''),
      args.body.user.id,
      reason,
    );
    if (prepared.kind !== 'done') {
      await ack({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: decisionRefusalText(prepared) },
      });
      return;
    }
    await ack();
    const decided = await prepared.value.save();
    if (decided.kind !== 'done') await tellAfterClosing(args, decisionRefusalText(decided));
  });

  // Staff unlisting a mentor: the reason checked in the acknowledgement; staff and the mentor checked again
  // on the server (the metadata only names whom the form was opened for); saved after, failures by DM.
  submission(VIEWS.unlistMentor, async (args, values, ack) => {
    const reason = values[FIELD_BLOCK('reason')]?.[FIELD_ACTION('reason')]?.value ?? '';
    const mentorId = String(metadata(args).mentorId ?? '');
    if (!reason.trim()) {
      await ack({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: directoryUpkeepWording.unlistModal.reasonRequired },
      });
      return;
    }
    const checked = await deps.upkeep.unlistForm(args.body.user.id, mentorId);
    if (checked.kind !== 'done') {
      await ack({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: upkeepRefusalText(checked, mentorId) },
      });
      return;
    }
    await ack({
      response_action: 'update',
      view: noticeModal(
        directoryUpkeepWording.unlistedTitle,
        directoryUpkeepWording.unlisted(mention(mentorId)),
      ),
    });
    const result = await deps.upkeep.unlist(args.body.user.id, mentorId, reason);
    if (result.kind !== 'done')
      await tellAfterClosing(
        args,
        result.kind === 'invalid' ? unlistFieldError(result) : upkeepRefusalText(result, mentorId),
      );
  });

  submission(VIEWS.fitAssessment, async (args, values, ack) => {
    const raw = readValues(values, [
      'understandingNotes',
      'valueNotes',
      'academicAlignment',
      'careerAlignment',
      'valueOverTime',
      'decision',
    ]);
    const prepared = await deps.relationships.prepareFit(
      String(metadata(args).relationshipId ?? ''),
      args.body.user.id,
      raw,
    );
    // "Talk again" is answered in place of the form with the reminder's day, known before saving.
    await answerLifecycle(args, ack, 'fit', prepared, FIELD_BLOCK('decision'), (value) =>
      fitAnswer(value.outcome),
    );
    if (prepared.kind === 'done') await saveAfterClosing(args, prepared.value);
  });

  submission(VIEWS.endRelationship, async (args, values, ack) => {
    const raw = readValues(values, ['relationship', 'reason', 'confirm']);
    const reason = typeof raw.reason === 'string' ? raw.reason.trim() : '';
    const confirmed = Array.isArray(raw.confirm) && raw.confirm.length > 0;
    if (!reason || !confirmed) {
      await ack({
        response_action: 'errors',
        errors: errorsUnderFields({
          reason: reason ? undefined : lifecycleWording.refusals.needs_reason,
          confirm: confirmed ? undefined : lifecycleWording.end.confirmRequired,
        }),
      });
      return;
    }
    // The relationship id comes from the form; the service checks the person is in it.
    const prepared = await deps.relationships.prepareEnd(
      String(raw.relationship ?? ''),
      args.body.user.id,
      reason,
    );
    await answerLifecycle(args, ack, 'end', prepared, FIELD_BLOCK('relationship'));
    if (prepared.kind === 'done') await saveAfterClosing(args, prepared.value);
  });

  submission(VIEWS.goalForm, async (args, values, ack) => {
    const { relationshipId, revision } = metadata(args);
    const drafts = readGoalDrafts(values as Parameters<typeof readGoalDrafts>[0]);
    const prepared = await deps.goals.prepareSave(String(relationshipId ?? ''), args.body.user.id, drafts);
    if (prepared.kind === 'invalid')
      await ack({ response_action: 'errors', errors: goalFieldErrors(prepared, Number(revision ?? 0)) });
    else if (prepared.kind === 'refused')
      await ack({ response_action: 'errors', errors: firstBlockError(args, goalRefusalText(prepared)) });
    else {
      await ack();
      const saved = await prepared.value.save();
      if (saved.kind === 'refused') await tellAfterClosing(args, goalRefusalText(saved));
    }
  });

  // Answered once the form is known to be theirs and complete (one read); saving, the pair's notice and
  // their Home tabs follow the acknowledgement.
  submission(VIEWS.agreements, async (args, values, ack) => {
    const raw = readValues(values, ['contactFrequency', 'channels', 'confidentiality']);
    const prepared = await deps.relationships.prepareAgreements(
      String(metadata(args).relationshipId ?? ''),
      args.body.user.id,
      raw,
    );
    await answerLifecycle(args, ack, 'agreements', prepared);
    if (prepared.kind === 'done') await saveAfterClosing(args, prepared.value);
  });

  submission(VIEWS.checkIn, async (args, values, ack) => {
    const { relationshipId, goalFormVersion } = metadata(args);
    // Read every field the largest form could have; the service checks them against the goals in force.
    const raw = readValues(values, checkInFields(MAX_GOALS));
    const prepared = await deps.checkIns.prepareSubmit(
      String(relationshipId ?? ''),
      args.body.user.id,
      Number(goalFormVersion ?? 0),
      raw,
    );
    if (prepared.kind === 'invalid')
      await ack({
        response_action: 'errors',
        errors: errorsUnderFields(checkInFieldErrors(prepared.fields)),
      });
    else if (prepared.kind === 'refused')
      await ack({ response_action: 'errors', errors: firstBlockError(args, checkInRefusalText(prepared)) });
    else {
      await ack();
      const saved = await prepared.value.save();
      if (saved.kind === 'refused') await tellAfterClosing(args, checkInRefusalText(saved));
    }
  });

  // The evaluation's thanks replaces the form in the acknowledgement; keeping it follows.
  for (const [callbackId, fields, prepare, form, shown] of [
    [VIEWS.reflection, REFLECTION_FIELDS, deps.closeOut.prepareReflection, 'reflection', () => undefined],
    [VIEWS.evaluation, EVALUATION_FIELDS, deps.closeOut.prepareEvaluation, 'evaluation', evaluationAnswer],
  ] as const) {
    submission(callbackId, async (args, values, ack) => {
      const prepared = await prepare(
        String(metadata(args).relationshipId ?? ''),
        args.body.user.id,
        readValues(values, [...fields]),
      );
      await answerLifecycle(args, ack, form, prepared, undefined, shown);
      if (prepared.kind === 'done') await saveAfterClosing(args, prepared.value);
    });
  }

  submission(VIEWS.communicationPreferences, async (args, values, ack) => {
    const picked = (values[FIELD_BLOCK('channels')]?.[FIELD_ACTION('channels')]?.selected_options ?? [])
      .map((option) => option.value)
      .filter((value): value is CommunicationChannel =>
        (COMMUNICATION_CHANNELS as readonly string[]).includes(value),
      );
    const { relationshipId, side } = metadata(args);
    const prepared = await deps.requests.preparePreferences(
      String(relationshipId ?? ''),
      args.body.user.id,
      side === 'mentor' ? 'mentor' : 'mentee',
      picked,
    );
    if (prepared.kind !== 'done') {
      const message = prepared.kind === 'refused' ? requestRefusalText(prepared) : wording.outdated.form;
      await ack({ response_action: 'errors', errors: { [FIELD_BLOCK('channels')]: message } });
      return;
    }
    await ack();
    await prepared.value.save();
  });

  // `/mentoring admin forget`: acknowledged at once by an "erasing" view, with no read; the service then
  // checks again that the person submitting is staff and reads the person afresh (the metadata's id is only
  // a hint), erases in one transaction, and the view becomes the outcome.
  submission(VIEWS.forgetPerson, async (args, _values, ack) => {
    const userId = userIdFromMention(`<@${String(metadata(args).userId ?? '')}>`) ?? '';
    await ack({ response_action: 'update', view: erasingModal() });
    let outcome: { view: ModalView; text: string };
    try {
      outcome = erasedModal(await deps.dataRequests.erase(args.body.user.id, userId), userId);
    } catch (error) {
      outcome = erasedModal(
        undefined,
        userId,
        reportUnexpected(deps, error, { callbackId: VIEWS.forgetPerson }),
      );
    }
    await showInPlace(args, outcome.view, outcome.text);
  });
}

/**
 * Answers a lifecycle or close-out submission from its result: closes the modal (or replaces it with
 * `shown`'s answer to the person who submitted), or shows the field errors worded under their fields, or
 * the refusal under `refusalBlock` (by default the first input).
 */
async function answerLifecycle<T>(
  args: ViewArgs,
  ack: ViewArgs['ack'],
  form: 'fit' | 'agreements' | 'reflection' | 'evaluation' | 'end',
  result: Result<T, LifecycleRefusal | CloseOutRefusal>,
  refusalBlock?: string,
  shown?: (value: T) => ModalView | undefined,
): Promise<void> {
  if (result.kind === 'done') {
    const view = shown?.(result.value);
    await ack(view ? { response_action: 'update', view } : undefined);
  } else if (result.kind === 'invalid')
    await ack({
      response_action: 'errors',
      errors: errorsUnderFields(form === 'end' ? {} : lifecycleFieldErrors(form, result.fields)),
    });
  else {
    const text = lifecycleRefusalText(result);
    await ack({
      response_action: 'errors',
      errors: refusalBlock ? { [refusalBlock]: text } : firstBlockError(args, text),
    });
  }
}

/**
 * After a form was acknowledged (and so closed), what became of saving it goes to the person in their DM
 * with the bot: the modal is gone and a submission carries no conversation to answer in.
 */
async function tellAfterClosing(args: ViewArgs, text: string): Promise<void> {
  await args.client.chat.postMessage({ channel: args.body.user.id, text });
}

/** Saves a lifecycle or close-out form already answered; what went wrong reaches the person by DM. */
async function saveAfterClosing(
  args: ViewArgs,
  prepared: Prepared<unknown, LifecycleRefusal | CloseOutRefusal>,
): Promise<void> {
  const saved = await prepared.save();
  if (saved.kind !== 'done') await tellAfterClosing(args, lifecycleRefusalOrForm(saved));
}

/**
 * Replaces the acknowledged view (by its id) with `view`. The acknowledgement's own update gave the view a
 * hash this app never sees, so none is sent; nothing else writes this view. If the person closed it
 * meanwhile, `fallback` reaches them by DM instead.
 */
async function showInPlace(args: ViewArgs, view: ModalView, fallback: string): Promise<void> {
  try {
    await args.client.views.update({ view_id: args.view.id, view });
  } catch {
    await tellAfterClosing(args, fallback);
  }
}

function lifecycleRefusalOrForm(result: Result<unknown, LifecycleRefusal | CloseOutRefusal>): string {
  return result.kind === 'refused' ? lifecycleRefusalText(result) : wording.outdated.form;
}

/** Plain values from a modal's state: text, the one picked option, or the picked options' values. */
function readValues(values: StateValues, fields: string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const field of fields) {
    const state = values[FIELD_BLOCK(field)]?.[FIELD_ACTION(field)];
    if (!state) continue;
    raw[field] =
      state.type === 'plain_text_input'
        ? (state.value ?? '')
        : state.selected_options
          ? state.selected_options.map((o) => o.value)
          : state.selected_option?.value;
  }
  return raw;
}

function metadata(args: ViewArgs): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(args.view.private_metadata || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Errors must sit under an input block; the apology goes under the first one. */
function errorsUnderFields(errors: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).flatMap(([field, message]) => (message ? [[FIELD_BLOCK(field), message]] : [])),
  );
}

function firstBlockError(args: ViewArgs, message: string): Record<string, string> {
  // The error path must never throw itself: a view with no blocks simply has nowhere to show the message.
  const firstInput = (args.view.blocks ?? []).find((block) => block.type === 'input');
  return firstInput?.block_id ? { [firstInput.block_id]: message } : {};
}

type SubmissionAnswer = Parameters<ViewArgs['ack']>[0];

/**
 * Slack refuses field errors that don't name an input block of the submitted view (the person then sees
 * "trouble connecting"). Errors are kept for the inputs the view has; with none of them left, the first
 * message goes under the first input, and a view with no input at all is replaced by the message itself.
 */
function showableIn(view: ViewArgs['view'], response: SubmissionAnswer): SubmissionAnswer {
  if (!response || response.response_action !== 'errors') return response;
  const inputs = (view.blocks ?? []).filter((block) => block.type === 'input').map((block) => block.block_id);
  const messages = Object.entries(response.errors);
  const shown = messages.filter(([blockId]) => inputs.includes(blockId));
  if (shown.length > 0) return { response_action: 'errors', errors: Object.fromEntries(shown) };
  const [firstInput] = inputs;
  const message = messages[0]?.[1] ?? wording.outdated.form;
  if (firstInput) return { response_action: 'errors', errors: { [firstInput]: message } };
  return { response_action: 'update', view: noticeModal(wording.outdated.notSavedTitle, message) };
}
