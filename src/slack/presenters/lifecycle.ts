import { agreementsSaved } from '../../../blocks/agreements';
import { agreementsButton } from '../../../blocks/agreements';
import type { ModalView } from '@slack/types';
import { noticeModal, plainMessage, section, type BotMessage } from '../../../blocks/message';
import { escapeWithin, mention } from '../../../blocks/mrkdwn';
import { weMetButton } from '../../../blocks/meetings';
import { reflectionSummary } from '../../../blocks/reflection';
import { evaluationWording, reflectionWording } from '../../content/prompts';
import {
  agreementWording,
  closeOutWording,
  lifecycleWording as w,
  pauseWording,
  stageWording,
} from '../../content/wording';
import type { Notice } from '../../domain/notices';
import { FIT_NOTE_LIMIT } from '../../domain/fit-assessment';
import { EVALUATION_LIMITS, REFLECTION_LIMITS } from '../../domain/reflection';
import type { Refused } from '../../services/result';
import type { FitOutcome, LifecycleRefusal, PauseOutcome } from '../../services/relationships';
import type { CloseOutRefusal } from '../../services/close-out';

// Relationship lifecycle and close-out: refusals, field errors, answers and notices, worded here.

/** The sentence for a lifecycle or close-out refusal. */
export function lifecycleRefusalText(refusal: Refused<LifecycleRefusal | CloseOutRefusal>): string {
  switch (refusal.code) {
    case 'not_allowed':
    case 'not_permitted':
    case 'needs_agreements':
    case 'needs_goal_form':
    case 'needs_reason':
    case 'changed':
      return w.refusals[refusal.code];
    case 'not_in_pair':
      return w.refusals.notInPair;
    case 'only_mentor':
      return w.fit.onlyMentor;
    case 'none_to_assess':
      return w.fit.noneToAssess;
    case 'agreements_not_in_pair':
      return agreementWording.notInPair;
    case 'none_in_stage1':
      return agreementWording.noneOpen;
    case 'not_stage1':
      return agreementWording.onlyStage1;
    case 'pause_usage':
      return pauseWording.usage;
    case 'no_relationship':
      return w.noRelationship;
    case 'not_partner':
      return pauseWording.notPartner;
    case 'name_partner':
      return pauseWording.namePartner;
    case 'not_paused':
      return pauseWording.notPaused;
    case 'not_yet':
      return closeOutWording.notYet;
  }
}

/** A form's field error codes, worded for the fields of `form`. */
export function lifecycleFieldErrors(
  form: 'fit' | 'agreements' | 'reflection' | 'evaluation',
  fields: Readonly<Record<string, string>>,
): Record<string, string> {
  const word = (field: string, code: string): string => {
    if (form === 'fit') return code === 'too_long' ? w.fit.tooLong(FIT_NOTE_LIMIT) : w.fit.required;
    if (form === 'agreements')
      return agreementWording.errors[field as keyof typeof agreementWording.errors] ?? w.fit.required;
    if (form === 'reflection') {
      const errors = reflectionWording.errors;
      if (code === 'too_long')
        return errors.tooLong(REFLECTION_LIMITS[field as keyof typeof REFLECTION_LIMITS] ?? 0);
      if (field === 'continueInformally') return errors.continueRequired;
      if (field === 'continueHow') return errors.howRequired;
      return errors.required[field as keyof typeof errors.required] ?? errors.continueRequired;
    }
    const errors = evaluationWording.errors;
    if (code === 'too_long')
      return errors.tooLong(EVALUATION_LIMITS[field as keyof typeof EVALUATION_LIMITS] ?? 0);
    return field === 'rating'
      ? errors.ratingRequired
      : field === 'recommend'
        ? errors.recommendRequired
        : errors.workedRequired;
  };
  return Object.fromEntries(Object.entries(fields).map(([field, code]) => [field, word(field, code)]));
}

/**
 * What the fit form shows the mentor once it is saved: after "talk again", in place of the form, when the
 * reminder comes (they are the one acting, so this is their answer, not a DM); otherwise it just closes
 * (the pair's conversation carries the news).
 */
export function fitAnswer(outcome: FitOutcome): ModalView | undefined {
  return outcome.decision === 'talk_again' ? noticeModal(w.fit.modalTitle, w.fit.talkAgain) : undefined;
}

/** What the evaluation form shows, in place of the form, once it is kept: thanks, it arrived. */
export function evaluationAnswer(): ModalView {
  return noticeModal(evaluationWording.modalTitle, evaluationWording.thanks);
}

/** What the person who paused or resumed is told. */
export function pauseAnswer(outcome: PauseOutcome): string {
  return outcome.paused ? pauseWording.pausedYou(outcome.until) : pauseWording.resumedYou;
}

type LifecycleNotice = Extract<
  Notice,
  {
    type:
      | 'pair_fit_outcome'
      | 'mentee_not_a_fit'
      | 'staff_not_a_fit'
      | 'pair_agreements_saved'
      | 'pair_stage_advanced'
      | 'pair_paused'
      | 'pair_ended_early'
      | 'staff_ended_early'
      | 'pair_reflection_shared';
  }
>;

/** The lifecycle's notices as Slack shows them. */
export function presentLifecycleNotice(notice: LifecycleNotice): BotMessage {
  switch (notice.type) {
    case 'pair_fit_outcome': {
      if (notice.outcome === 'not_a_fit') return plainMessage(w.fit.notAFitPair(mention(notice.menteeId)));
      const text = w.fit.proceeded(mention(notice.mentorId), mention(notice.menteeId));
      return { text, blocks: [section(text), agreementsButton(notice.relationshipId)] };
    }
    case 'mentee_not_a_fit':
      return plainMessage(w.fit.notAFitMentee);
    case 'staff_not_a_fit':
      return plainMessage(w.fit.notAFitStaff(mention(notice.mentorId), mention(notice.menteeId)));
    case 'pair_agreements_saved':
      return agreementsSaved(notice.relationship, notice.actorId);
    case 'pair_stage_advanced': {
      const message = plainMessage(
        w.advanced(
          mention(notice.actorId),
          stageWording[notice.stage as keyof typeof stageWording]?.name ?? notice.stage,
        ),
      );
      // A new stage is more meetings: "We met" under it, while the relationship is still open.
      if (notice.relationshipId && notice.stage !== 'completed')
        message.blocks.push({
          type: 'actions',
          block_id: 'pair_we_met',
          elements: [weMetButton(notice.relationshipId)],
        });
      return message;
    }
    case 'pair_paused':
      return plainMessage(
        notice.until === undefined
          ? pauseWording.resumed(mention(notice.actorId))
          : pauseWording.paused(mention(notice.actorId), notice.until),
      );
    case 'pair_ended_early':
      return plainMessage(w.end.ended(mention(notice.actorId), escapeWithin(notice.reason, 2000)));
    case 'staff_ended_early':
      return plainMessage(
        w.end.staff(mention(notice.mentorId), mention(notice.menteeId), mention(notice.actorId)),
      );
    case 'pair_reflection_shared':
      return reflectionSummary(notice.userId, notice.role, notice.answers);
  }
}
