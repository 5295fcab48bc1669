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
import {
  applicationWording,
  checkInWording,
  directoryUpkeepWording,
  formSavingWording as saving,
  goalWording,
  lifecycleWording,
  wording,
} from '../../content/wording';
import { unlistFieldError, upkeepRefusalText } from '../presenters/directory-upkeep';
import { notSavedMessage, notSavedModal, savingModal, type TypedAnswer } from '../../../blocks/saving';
import type { BotMessage } from '../../../blocks/message';
import { checkInField } from '../../domain/check-ins';
import type { GoalDraft } from '../../domain/goal-form';
import {
  COMMUNICATION_CHANNELS,
  type ApplicationRole,
  type CommunicationChannel,
} from '../../domain/application-form';
import { reportUnexpected } from '../commands/command-router';
import { mention, userIdFromMention } from '../../../blocks/mrkdwn';
import { erasedModal, erasingModal } from '../presenters/data-requests';
import { noticeModal } from '../../../blocks/message';
import type { SlackDeps } from '../deps';
import { applicationFieldErrors, decisionRefusalText } from '../presenters/enrollment';
import { checkInFieldErrors, checkInRefusalText } from '../presenters/check-ins';
import { goalFieldErrors, goalFormView, goalRefusalText } from '../presenters/goals';
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
      let leave: (() => void) | undefined;
      // Once acknowledged, the rest of the submission's work waits its turn (see after-ack.ts).
      const ack: ViewArgs['ack'] = async (response) => {
        acknowledged = true;
        await args.ack(showableIn(args.view, response));
        leave = await deps.afterAck.enter();
      };
      try {
        await handle(args, args.view.state.values as StateValues, ack);
      } catch (error) {
        const apology = reportUnexpected(deps, error, { callbackId });
        if (!acknowledged) await ack({ response_action: 'errors', errors: firstBlockError(args, apology) });
        else await tellAfterClosing(args, apology);
      } finally {
        leave?.();
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
    const checked = deps.upkeep.checkUnlistReason(reason);
    if (checked.kind === 'invalid') {
      await ack({
        response_action: 'errors',
        errors: { [FIELD_BLOCK('reason')]: unlistFieldError(checked) },
      });
      return;
    }
    // Acknowledged with no read: the service checks staff and the mentor inside its transaction, and the
    // form then says what happened (or a DM does, if it was closed meanwhile).
    await ack({
      response_action: 'update',
      view: noticeModal(directoryUpkeepWording.unlistModal.title, directoryUpkeepWording.unlisting),
    });
    const result = await deps.upkeep.unlist(args.body.user.id, mentorId, reason);
    if (result.kind === 'done') {
      const done = directoryUpkeepWording.unlisted(mention(mentorId));
      await showInPlace(args, noticeModal(directoryUpkeepWording.unlistedTitle, done), done);
    } else {
      const why = result.kind === 'invalid' ? unlistFieldError(result) : upkeepRefusalText(result, mentorId);
      await showInPlace(args, noticeModal(directoryUpkeepWording.notUnlistedTitle, why), why);
    }
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

  // Checked in the acknowledgement from what was typed and the facts the form kept when it opened (no read);
  // the form then shows that it is being saved while saving checks again who is acting, the stage and the
  // goals' version, and becomes the confirmation, or comes back with everything typed and why.
  submission(VIEWS.goalForm, async (args, values, ack) => {
    const opened = metadata(args);
    const revision = Number(opened.revision ?? 0);
    const relationshipId = String(opened.relationshipId ?? '');
    const drafts = readGoalDrafts(values as Parameters<typeof readGoalDrafts>[0]);
    const prepared = deps.goals.checkSubmission({
      relationshipId,
      userId: args.body.user.id,
      drafts,
      opened: {
        ...(typeof opened.menteeId === 'string' ? { menteeId: opened.menteeId } : {}),
        ...(typeof opened.zone === 'string' ? { zone: opened.zone } : {}),
        ...(typeof opened.version === 'number' ? { version: opened.version } : {}),
      },
    });
    if (prepared.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: goalFieldErrors(prepared, revision) });
      return;
    }
    if (prepared.kind === 'refused') {
      await ack({ response_action: 'errors', errors: firstBlockError(args, goalRefusalText(prepared)) });
      return;
    }
    await ack({ response_action: 'update', view: savingModal(saving.goals.title, saving.goals.sending) });
    const typed = goalAnswersTyped(drafts);
    // Shown as soon as the goals are committed, before both people's Home tabs are refreshed.
    const confirmed = afterCommit(args, deps.logger, VIEWS.goalForm, (value: { version: number }) => {
      const text = saving.goals.saved(value.version);
      return [savingModal(saving.goals.title, text), text];
    });
    let saved: Awaited<ReturnType<typeof prepared.value.save>>;
    try {
      saved = await prepared.value.save(confirmed.show);
    } catch (error) {
      const told = reportUnexpected(deps, error, { callbackId: VIEWS.goalForm });
      if (!confirmed.shown())
        await showInPlace(
          args,
          notSavedModal(saving.notSavedTitle, told, typed),
          notSavedMessage(told, typed),
        );
      return;
    }
    if (saved.kind === 'done') {
      if (!confirmed.shown()) await confirmed.show(saved.value);
      return;
    }
    const why =
      saved.kind === 'refused'
        ? goalRefusalText(saved)
        : [saving.goals.checkDates, ...Object.values(goalFieldErrors(saved, revision + 1))].join('\n• ');
    // Still theirs to save (another window saved first, or the dates need a look): the form again, with
    // everything typed, building on the goals now in force; otherwise why, with their words to copy.
    const again = (saved.kind === 'refused' && saved.code === 'saved_meanwhile') || saved.kind === 'invalid';
    const mentorId = typeof opened.mentorId === 'string' ? opened.mentorId : undefined;
    const view =
      again && mentorId
        ? goalFormView(
            {
              relationshipId,
              mentorId,
              drafts,
              revision: revision + 1,
              // After "saved meanwhile" the next save replaces the goals now in force; after a date to fix
              // it still builds on the version this form was opened on.
              opened: {
                menteeId: args.body.user.id,
                ...(typeof opened.zone === 'string' ? { zone: opened.zone } : {}),
                ...(saved.kind === 'invalid' && typeof opened.version === 'number'
                  ? { version: opened.version }
                  : {}),
              },
            },
            saving.goals.notSaved(why),
          )
        : notSavedModal(saving.notSavedTitle, why, typed);
    await showInPlace(args, view, notSavedMessage(why, typed));
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

  // Checked in the acknowledgement from what was typed and the goals' version and count the form kept (no
  // read); saving checks again who is acting, the stage and the goals in force, and the "sending…" view
  // becomes the thanks, or why it was not saved with everything typed given back.
  submission(VIEWS.checkIn, async (args, values, ack) => {
    const opened = metadata(args);
    const relationshipId = String(opened.relationshipId ?? '');
    const goalCount =
      typeof opened.goalCount === 'number' ? opened.goalCount : statusInputsOf(args.view.blocks ?? []);
    // Read every field the largest form could have; only those of the form's goals are checked.
    const raw = readValues(values, checkInFields(MAX_GOALS));
    const prepared = deps.checkIns.checkSubmission({
      relationshipId,
      userId: args.body.user.id,
      raw,
      opened: {
        goalFormVersion: Number(opened.goalFormVersion ?? 0),
        goalCount,
        ...(typeof opened.menteeId === 'string' ? { menteeId: opened.menteeId } : {}),
      },
    });
    if (prepared.kind === 'invalid') {
      await ack({
        response_action: 'errors',
        errors: errorsUnderFields(checkInFieldErrors(prepared.fields)),
      });
      return;
    }
    if (prepared.kind === 'refused') {
      await ack({ response_action: 'errors', errors: firstBlockError(args, checkInRefusalText(prepared)) });
      return;
    }
    await ack({
      response_action: 'update',
      view: savingModal(saving.checkIn.title, saving.checkIn.sending),
    });
    const typed = checkInAnswersTyped(raw, goalCount);
    // Shown as soon as the check-in is committed, before both people's Home tabs are refreshed.
    const confirmed = afterCommit(
      args,
      deps.logger,
      VIEWS.checkIn,
      (value: { due: { date?: string; late: boolean } }) => {
        const text = saving.checkIn.sent(value.due.date, value.due.late);
        return [savingModal(saving.checkIn.title, text), text];
      },
    );
    let why: string;
    try {
      const saved = await prepared.value.save(confirmed.show);
      if (saved.kind === 'done') {
        if (!confirmed.shown()) await confirmed.show(saved.value);
        return;
      }
      why = saved.kind === 'refused' ? checkInRefusalText(saved) : wording.outdated.form;
    } catch (error) {
      why = reportUnexpected(deps, error, { callbackId: VIEWS.checkIn });
      if (confirmed.shown()) return;
    }
    await showInPlace(args, notSavedModal(saving.notSavedTitle, why, typed), notSavedMessage(why, typed));
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
async function showInPlace(args: ViewArgs, view: ModalView, fallback: string | BotMessage): Promise<void> {
  try {
    await args.client.views.update({ view_id: args.view.id, view });
  } catch {
    if (typeof fallback === 'string') await tellAfterClosing(args, fallback);
    else if (fallback.blocks.length === 0) await tellAfterClosing(args, fallback.text);
    else await args.client.chat.postMessage({ channel: args.body.user.id, ...fallback });
  }
}

/**
 * The confirmation that replaces a "saving…" view once the change is committed: shown once, and never
 * failing the save it follows (a Slack error is logged; the change is kept).
 */
function afterCommit<T>(
  args: ViewArgs,
  logger: SlackDeps['logger'],
  callbackId: string,
  confirmation: (value: T) => [ModalView, string],
): { show: (value: T) => Promise<void>; shown: () => boolean } {
  let shown = false;
  return {
    shown: () => shown,
    async show(value) {
      if (shown) return;
      shown = true;
      const [view, text] = confirmation(value);
      try {
        await showInPlace(args, view, text);
      } catch (error) {
        logger.warn({ err: error, callbackId }, 'could not show that a form was saved');
      }
    },
  };
}

/** How many goals a check-in form asks about, from its status inputs (forms opened before it said). */
function statusInputsOf(blocks: ViewArgs['view']['blocks']): number {
  const statusBlock = /^field_g\d+_status$/;
  return blocks.filter((block) => block.type === 'input' && statusBlock.test(block.block_id ?? '')).length;
}

/** What the mentee typed into the goal form, under its labels, to give back if it cannot be saved. */
function goalAnswersTyped(drafts: GoalDraft[]): TypedAnswer[] {
  return drafts.flatMap((draft, i) =>
    (['specific', 'measurable', 'achievable', 'relevant', 'actions'] as const).map((field) => ({
      label: `${goalWording.goalHeading(i + 1)}: ${goalWording.labels[field]}`,
      text: draft[field],
    })),
  );
}

/** What the mentee typed into the check-in, under its labels, to give back if it cannot be saved. */
function checkInAnswersTyped(raw: Record<string, unknown>, goalCount: number): TypedAnswer[] {
  const text = (field: string) => (typeof raw[field] === 'string' ? (raw[field] as string) : '');
  const answers = Array.from({ length: goalCount }, (_, i) => [
    {
      label: `${goalWording.goalHeading(i + 1)}: ${checkInWording.evidenceLabel}`,
      text: text(checkInField(i, 'evidence')),
    },
    {
      label: `${goalWording.goalHeading(i + 1)}: ${checkInWording.supportLabel}`,
      text: text(checkInField(i, 'support')),
    },
  ]).flat();
  return [...answers, { label: checkInWording.noteLabel, text: text('note') }];
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
