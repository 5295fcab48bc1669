import type { KnownBlock } from '@slack/types';
import { atRiskWording as w, stageWording } from '../src/content/wording';
import type { AtRiskReason } from '../src/domain/at-risk';
import { ACTIONS } from './ids';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { mention, slackDate } from './mrkdwn';

/** One relationship on the staff's at-risk list (dates, counts and statuses: nothing anyone wrote). */
export interface AtRiskListEntry {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  status: string;
  reasons: readonly AtRiskReason[];
  stamp: string;
  hasConversation: boolean;
  handled?: { by: string; at: Date } | undefined;
}

/**
 * How many relationships one answer lists: each takes a section and a row of buttons, so 20 stay well
 * inside a message's 50 blocks with the heading and the notes under them.
 */
export const AT_RISK_SHOWN = 20;

/** What the list's buttons carry: the relationship and the stamp of the reasons it was shown with. */
export function atRiskButtonValue(relationshipId: string, stamp: string): string {
  return JSON.stringify({ r: relationshipId, s: stamp });
}

/** Reads a button's value back; anything else reads as nothing (and is answered as out of date). */
export function readAtRiskButtonValue(value: string | undefined): { relationshipId: string; stamp: string } {
  try {
    const parsed = JSON.parse(value ?? '') as { r?: unknown; s?: unknown };
    return {
      relationshipId: typeof parsed.r === 'string' ? parsed.r : '',
      stamp: typeof parsed.s === 'string' ? parsed.s : '',
    };
  } catch {
    return { relationshipId: '', stamp: '' };
  }
}

/** One reason as staff read it. */
export function reasonLine(reason: AtRiskReason): string {
  const r = w.reasons;
  switch (reason.kind) {
    case 'quiet':
      return r.quiet(reason.days, reason.since);
    case 'request_waiting':
      return r.request_waiting(reason.days, reason.since);
    case 'prompts_parked':
      return r.prompts_parked(reason.count, reason.asOf);
    case 'check_in_missed':
      return r.check_in_missed(reason.dates);
    case 'pause_overrun':
      return r.pause_overrun(reason.plannedUntil, reason.daysOver);
    case 'goal_at_risk':
      return r.goal_at_risk(reason.goals, reason.asOf);
    case 'end_passed':
      return r.end_passed(reason.formalEndDate, reason.daysOver);
  }
}

/** `/mentoring admin at-risk`: the relationships worst first, each with its reasons and its two buttons. */
export function atRiskMessage(entries: readonly AtRiskListEntry[], handledHidden: number): EphemeralAnswer {
  const hiddenNote = handledHidden > 0 ? [context(w.handledHidden(handledHidden))] : [];
  if (entries.length === 0) return ephemeral({ text: w.none, blocks: [section(w.none), ...hiddenNote] });
  const blocks: KnownBlock[] = [section(w.heading(entries.length))];
  for (const entry of entries.slice(0, AT_RISK_SHOWN)) {
    const who =
      entry.status === 'requested'
        ? w.request(mention(entry.mentorId), mention(entry.menteeId))
        : w.pair(
            mention(entry.mentorId),
            mention(entry.menteeId),
            stageWording[entry.status as keyof typeof stageWording]?.name ?? entry.status,
          );
    const lines = entry.reasons.slice(0, 10).map((reason) => `• ${reasonLine(reason)}`);
    if (entry.handled)
      lines.push(`_${w.lastHandled(mention(entry.handled.by), slackDate(entry.handled.at))}_`);
    blocks.push(section(`${who}\n${lines.join('\n')}`));
    const value = atRiskButtonValue(entry.relationshipId, entry.stamp);
    blocks.push({
      type: 'actions',
      block_id: `at_risk_${entry.relationshipId}`.slice(0, 255),
      elements: [
        ...(entry.hasConversation
          ? [
              {
                type: 'button' as const,
                action_id: ACTIONS.nudgePair,
                text: { type: 'plain_text' as const, text: w.nudgeButton },
                value,
              },
            ]
          : []),
        {
          type: 'button',
          action_id: ACTIONS.markHandled,
          text: { type: 'plain_text', text: w.handledButton },
          value,
        },
      ],
    });
  }
  if (entries.length > AT_RISK_SHOWN) blocks.push(context(w.more(entries.length - AT_RISK_SHOWN)));
  blocks.push(...hiddenNote);
  return ephemeral({ text: w.heading(entries.length), blocks });
}
