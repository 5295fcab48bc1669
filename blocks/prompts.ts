import type { Button, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { mentorTips, promptWording as w } from '../src/content/prompts';
import type { ProgramSettings } from '../src/content/wording';
import type { PromptKind } from '../src/domain/prompt-kinds';
import { ACTIONS } from './ids';
import { context, section, type BotMessage } from './message';
import { escapeWithin, mention, truncate } from './mrkdwn';

/** What a scheduled prompt needs to know about its relationship and occasion. */
export interface PromptContext {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  /** The prompt's occurrence within its kind (part of its idempotency key); not shown to anyone. */
  occurrence: string;
  /** check-in date (YYYY-MM-DD) for check_in_nudge / check_in_overdue */
  checkInDate?: string | undefined;
  /** for check-in prompts: the goals' 'specific' texts */
  goals?: string[] | undefined;
  /** the formal end date (YYYY-MM-DD) for close_out_reflection */
  formalEndDate?: string | undefined;
  /** for mentor_tip: which tip, any non-negative integer, taken modulo the number of tips */
  tipNumber?: number | undefined;
  /** quiet_relationship: days since the last activity */
  quietDays?: number | undefined;
}

/** How many different mentor tips there are; `tipNumber` is taken modulo this. */
export const MENTOR_TIP_COUNT: number = mentorTips.length;

/**
 * The action id of the evaluation *link* button. Slack still sends a block_actions payload when a link
 * button is clicked, so the app must acknowledge this id (a no-op listener) to avoid an unhandled action.
 */
export const EVALUATION_LINK_ACTION = `${ACTIONS.openEvaluation}_link`;

const GOALS_SHOWN = 10;
const GOAL_TEXT_MAX = 250;

/**
 * One scheduled prompt as a message: the words from the content module, the people mentioned, and a
 * button where someone acts next. Button values carry the relationship id (the mentor id on the re-list
 * card); listeners re-check who is acting. Pure: same input, same message.
 */
export function promptMessage(kind: PromptKind, ctx: PromptContext, program: ProgramSettings): BotMessage {
  const mentor = mention(ctx.mentorId);
  const mentee = mention(ctx.menteeId);
  const open = (actionId: string, text: string, primary = true) =>
    actions(kind, button(actionId, text, ctx.relationshipId, primary));

  switch (kind) {
    case 'first_meeting_agenda': {
      const t = w.firstMeetingAgenda;
      return {
        text: t.text(mentor, mentee),
        blocks: [
          section(t.heading),
          section(`${t.intro(mentor, mentee)}\n${numbered(t.agenda)}`),
          section(t.record),
          open(ACTIONS.recordAgreements, t.button),
        ],
      };
    }
    case 'second_meeting_questions': {
      const t = w.secondMeetingQuestions;
      return {
        text: t.text(mentee),
        blocks: [
          section(t.heading(mentee)),
          section(`${t.intro}\n${bullets(t.questions)}`),
          context(t.footer),
        ],
      };
    }
    case 'goal_form_invitation': {
      const t = w.goalFormInvitation;
      return {
        text: t.text(mentee),
        blocks: [
          section(t.heading),
          section(`${t.intro(mentee)}\n${bullets(t.smart)}`),
          section(t.together(mentor)),
          open(ACTIONS.openGoalForm, t.button),
        ],
      };
    }
    case 'goal_form_reminder': {
      const t = w.goalFormReminder;
      return {
        text: t.text(mentee),
        blocks: [section(t.body(mentee, mentor)), open(ACTIONS.openGoalForm, t.button)],
      };
    }
    case 'check_in_nudge': {
      const t = w.checkInNudge;
      const date = ctx.checkInDate ? readableDay(ctx.checkInDate) : undefined;
      return {
        text: t.text(mentee, date),
        blocks: [
          section(t.body(mentor, mentee, date)),
          ...goalList(ctx.goals, t.goalsHeading, t.moreGoals),
          section(t.ask(mentee)),
          open(ACTIONS.openCheckIn, t.button),
        ],
      };
    }
    case 'check_in_overdue': {
      const t = w.checkInOverdue;
      const date = ctx.checkInDate ? readableDay(ctx.checkInDate) : undefined;
      return {
        text: t.text(mentee, date),
        blocks: [
          section(t.body(mentor, mentee, date)),
          ...goalList(ctx.goals, t.goalsHeading, t.moreGoals),
          open(ACTIONS.openCheckIn, t.button),
          context(t.footer),
        ],
      };
    }
    case 'stage3_reflection': {
      const t = w.stage3Reflection;
      return {
        text: t.text(mentor, mentee),
        blocks: [
          section(t.heading),
          section(`${t.intro(mentor, mentee)}\n${bullets(t.questions)}`),
          context(t.footer),
        ],
      };
    }
    case 'quiet_relationship': {
      const t = w.quietRelationship;
      const days =
        ctx.quietDays !== undefined && Number.isFinite(ctx.quietDays) && ctx.quietDays >= 0
          ? Math.floor(ctx.quietDays)
          : undefined;
      return {
        text: t.text(mentee),
        blocks: [section(t.body(mentee, days)), section(t.why), context(t.footer)],
      };
    }
    case 'mentor_tip': {
      const t = w.mentorTip;
      const tip = mentorTips[tipIndex(ctx.tipNumber)] ?? mentorTips[0];
      if (!tip) throw new Error('promptMessage: the content module has no mentor tips');
      return {
        text: t.text(tip.title),
        blocks: [
          section(`${t.heading(tip.title)}\n${tip.challenge}`),
          section(`${t.remediesHeading}\n${bullets(tip.remedies)}`),
          context(t.footer),
        ],
      };
    }
    case 'close_out_reflection': {
      const t = w.closeOutReflection;
      const date = ctx.formalEndDate ? readableDay(ctx.formalEndDate) : undefined;
      return {
        text: t.text(mentor, mentee, date),
        blocks: [
          section(t.heading),
          section(`${t.intro(mentor, mentee, date)}\n${numbered(t.agenda(mentee))}`),
          section(t.after),
          open(ACTIONS.openReflection, t.button),
        ],
      };
    }
    case 'evaluation': {
      const t = w.evaluation;
      const link = evaluationLink(program);
      return {
        text: t.text(program),
        blocks: [
          section(t.body(mentor, mentee)),
          section(link ? t.askForm(program) : t.askSurvey(program)),
          link
            ? actions(kind, {
                ...button(EVALUATION_LINK_ACTION, t.formButton, ctx.relationshipId, true),
                url: link,
              })
            : open(ACTIONS.openEvaluation, t.surveyButton),
          context(t.footer(program)),
        ],
      };
    }
    case 'relist_card': {
      const t = w.relistCard;
      return {
        text: t.text(mentor),
        blocks: [
          section(t.body(mentor, mentee)),
          actions(kind, button(ACTIONS.relistMentor, t.button, ctx.mentorId, true)),
          context(t.footer),
        ],
      };
    }
    case 'talk_again_reminder': {
      const t = w.talkAgainReminder;
      return {
        text: t.text(mentee),
        blocks: [section(t.body(mentee)), open(ACTIONS.openFit, t.button), context(t.footer)],
      };
    }
    default:
      return unknownKind(kind);
  }
}

/**
 * The evaluation form link when one is configured and usable as a Slack link button (http(s), within
 * Slack's 3000-character URL limit); otherwise undefined, and the built-in survey is offered instead.
 */
export function evaluationLink(program: ProgramSettings): string | undefined {
  const url = program.evaluationFormUrl?.trim();
  return url && url.length <= 3000 && /^https?:\/\/[^\s<>|]+$/i.test(url) ? url : undefined;
}

/** Kept here too: the prompt tests and the reflection summary imported it from this module first. */
export { escapeWithin };

/** A calendar date as people read it ("Wednesday, October 14, 2026"); kept as given (escaped) if it isn't one. */
export function readableDay(isoDate: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'utc' }) : undefined;
  return day?.isValid ? day.setLocale('en-US').toFormat('cccc, LLLL d, yyyy') : escapeWithin(isoDate, 40);
}

function tipIndex(tipNumber: number | undefined): number {
  const n = tipNumber !== undefined && Number.isFinite(tipNumber) ? Math.floor(Math.abs(tipNumber)) : 0;
  return n % MENTOR_TIP_COUNT;
}

/** The goals to review at a check-in, escaped and cut to stay well inside a section's 3000 characters. */
function goalList(
  goals: string[] | undefined,
  heading: string,
  more: (count: number) => string,
): KnownBlock[] {
  const given = (goals ?? []).map((goal) => goal.trim()).filter(Boolean);
  if (given.length === 0) return [];
  const lines = given.slice(0, GOALS_SHOWN).map((goal) => `• ${escapeWithin(goal, GOAL_TEXT_MAX)}`);
  if (given.length > GOALS_SHOWN) lines.push(more(given.length - GOALS_SHOWN));
  return [section(truncate(`${heading}\n${lines.join('\n')}`, 3000))];
}

function button(actionId: string, text: string, value: string, primary = false): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, 75) },
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

function actions(kind: PromptKind, ...elements: Button[]): KnownBlock {
  return { type: 'actions', block_id: `prompt_${kind}`, elements };
}

const bullets = (items: readonly string[]) => items.map((item) => `• ${item}`).join('\n');
const numbered = (items: readonly string[]) => items.map((item, i) => `${i + 1}. ${item}`).join('\n');

function unknownKind(kind: never): never {
  throw new Error(`promptMessage: unknown prompt kind ${String(kind)}`);
}
