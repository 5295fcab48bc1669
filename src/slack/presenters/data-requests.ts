import { noticeModal } from '../../../blocks/message';
import { mention } from '../../../blocks/mrkdwn';
import type { ModalView } from '@slack/types';
import { dataRequestWording as w, wording } from '../../content/wording';
import type { DataRequestRefusal, PersonExport } from '../../services/data-requests';
import type { Refused, Result } from '../../services/result';

// `/mentoring admin export-user` and `/mentoring admin forget`: worded here.

export function dataRequestUsage(command: 'export-user' | 'forget'): string {
  return w.usage(`/mentoring admin ${command}`);
}

export function exportPersonPreparingText(userId: string): string {
  return w.exportPreparing(mention(userId));
}

/** Why a data request was refused (the person is named by mention, never by anything stored about them). */
export function dataRequestRefusalText(result: Refused<DataRequestRefusal>, userId: string): string {
  switch (result.code) {
    case 'unknown_person':
      return w.refusals.unknown_person(mention(userId));
    case 'live_relationships':
      return w.refusals.live_relationships(mention(userId), Number(result.facts.live ?? 0));
    case 'waiting_application':
      return w.refusals.waiting_application(mention(userId));
    default:
      return wording.errors.staffOnly;
  }
}

export function exportPersonAnswer(result: Result<PersonExport, DataRequestRefusal>, userId: string): string {
  if (result.kind === 'refused') return dataRequestRefusalText(result, userId);
  if (result.kind !== 'done') return wording.errors.staffOnly;
  const { channelId, filename, records } = result.value;
  return w.exported(mention(userId), `<#${channelId}>`, filename, records);
}

/** The forget confirmation's first view, while what would be erased is counted. */
export function countingModal(): ModalView {
  return noticeModal(w.modal.title, w.modal.counting);
}

/** The forget confirmation's place when the person can't be erased now: why. */
export function notErasedModal(why: string): ModalView {
  return noticeModal(w.modal.notErasedTitle, why);
}

export function erasingModal(): ModalView {
  return noticeModal(w.modal.title, w.modal.erasing);
}

/** The confirmation modal's place, once the erasure ran: done, or why not. */
export function erasedModal(
  result: Result<{ pseudonym: string }, DataRequestRefusal> | undefined,
  userId: string,
  apology?: string,
): { view: ModalView; text: string } {
  if (!result) return { view: noticeModal(w.modal.notErasedTitle, apology ?? ''), text: apology ?? '' };
  if (result.kind === 'done') {
    const text = w.modal.erased(mention(userId), result.value.pseudonym);
    return { view: noticeModal(w.modal.erasedTitle, text), text };
  }
  const text = result.kind === 'refused' ? dataRequestRefusalText(result, userId) : wording.errors.staffOnly;
  return { view: noticeModal(w.modal.notErasedTitle, text), text };
}
