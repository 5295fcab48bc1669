import type { KnownBlock, ModalView } from '@slack/types';
import { formSavingWording as w } from '../src/content/wording';
import { fallbackText, section, TEXT_LIMITS, type BotMessage } from './message';
import { escapeWithin, truncate } from './mrkdwn';

/** One thing a person typed into a form, under the label it had there. */
export interface TypedAnswer {
  label: string;
  text: string;
}

/** A modal that says one thing, with a button to close it (no inputs, so no submit). */
function closingModal(title: string, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}

/** Shown in place of a submitted form while it is saved. */
export function savingModal(title: string, markdown: string): ModalView {
  return closingModal(title, [section(markdown)]);
}

/** Slack's limits: 100 blocks in a modal, 50 in a message; two are the reason and the lead-in. */
const MAX_ANSWER_BLOCKS = { modal: 98, message: 48 } as const;

/** The person's own words, escaped and quoted, one section per answer given. */
function typedBlocks(typed: TypedAnswer[], room: number): KnownBlock[] {
  const given = typed.filter((answer) => answer.text.trim().length > 0).slice(0, room);
  if (given.length === 0) return [];
  const quoted = (text: string) =>
    escapeWithin(text, TEXT_LIMITS.sectionText - 400)
      .split('\n')
      .map((line) => `>${line}`)
      .join('\n');
  return [
    section(w.yourWords),
    ...given.map((answer) => section(`*${escapeWithin(answer.label, 200)}*\n${quoted(answer.text)}`)),
  ];
}

/** Why a form was not saved, with what the person typed in it, in place of the form. */
export function notSavedModal(title: string, why: string, typed: TypedAnswer[]): ModalView {
  return closingModal(title, [section(w.notSaved(why)), ...typedBlocks(typed, MAX_ANSWER_BLOCKS.modal - 1)]);
}

/** The same, as a DM to the person, when the form was closed before saving ended. */
export function notSavedMessage(why: string, typed: TypedAnswer[]): BotMessage {
  const blocks = [section(w.notSaved(why)), ...typedBlocks(typed, MAX_ANSWER_BLOCKS.message - 1)];
  return { text: fallbackText(w.notSaved(why)), blocks };
}
