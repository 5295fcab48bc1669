import type { ModalView } from '@slack/types';
import { dataRequestWording as w } from '../src/content/wording';
import { ERASURE_COUNT_KEYS, type ErasureCounts } from '../src/domain/data-requests';
import { VIEWS } from './ids';
import { context, section } from './message';
import { mention } from './mrkdwn';

/** "1 profile, 2 applications, 5 check-ins": the kinds of record an erasure changes, those it has only. */
export function erasureCountsText(counts: ErasureCounts): string {
  const lines = ERASURE_COUNT_KEYS.filter((key) => counts[key] > 0).map((key) =>
    w.countLine(counts[key], w.modal.counts[key] ?? key),
  );
  return lines.join(', ');
}

/**
 * `/mentoring admin forget @person`: names what will be erased before staff confirm. The person's id rides in
 * `private_metadata` only as a hint: the submission checks again who is acting and reads the person afresh.
 */
export function forgetModal(plan: { userId: string; counts: ErasureCounts }): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.forgetPerson,
    private_metadata: JSON.stringify({ userId: plan.userId }),
    title: { type: 'plain_text', text: w.modal.title },
    submit: { type: 'plain_text', text: w.modal.submit },
    close: { type: 'plain_text', text: w.modal.close },
    blocks: [
      section(w.modal.intro(mention(plan.userId))),
      section(`${w.modal.erasedHeading}: ${erasureCountsText(plan.counts)}.`),
      context(w.modal.what),
      context(w.modal.kept),
    ],
  };
}
