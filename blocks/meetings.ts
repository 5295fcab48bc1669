import type { Button, KnownBlock } from '@slack/types';
import { atRiskWording, meetingWording as w, type ProgramSettings } from '../src/content/wording';
import { ACTIONS } from './ids';
import { context, section, type BotMessage } from './message';
import { mention } from './mrkdwn';
import { readableDay } from './prompts';

/**
 * "We met": logs today's meeting for the relationship it is shown for. Its value only names the
 * relationship; the listener checks that whoever clicks is its mentor or mentee, and that it is open.
 */
export function weMetButton(relationshipId: string): Button {
  return {
    type: 'button',
    action_id: ACTIONS.logMeeting,
    text: { type: 'plain_text', text: w.button },
    value: relationshipId,
  };
}

/** The pair's conversation told that one of them logged a meeting, with the button for the next one. */
export function meetingLoggedMessage(relationshipId: string, actorId: string, date: string): BotMessage {
  const text = w.logged(mention(actorId), readableDay(date));
  return {
    text,
    blocks: [
      section(text),
      { type: 'actions', block_id: 'pair_we_met', elements: [weMetButton(relationshipId)] },
    ],
  };
}

/** Staff's nudge from the at-risk list: a kind word from the office, and "We met" for a meeting not yet logged. */
export function staffNudgeMessage(
  program: ProgramSettings,
  notice: { relationshipId: string; mentorId: string; menteeId: string },
): BotMessage {
  const t = atRiskWording.nudge;
  const blocks: KnownBlock[] = [
    section(t.body(program, mention(notice.mentorId), mention(notice.menteeId))),
    section(t.time),
    section(t.ask(program)),
    { type: 'actions', block_id: 'pair_we_met', elements: [weMetButton(notice.relationshipId)] },
  ];
  return { text: t.text(program), blocks };
}

/** Under the introduction: what "We met" is for. */
export function weMetHint(): KnownBlock {
  return context(w.introductionHint);
}
