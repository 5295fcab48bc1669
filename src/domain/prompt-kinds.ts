/**
 * The scheduled prompts of the program (the spec's schedule table), by the name the outbox stores.
 * Their timing lives in `prompt-schedule.ts`; their words in `src/content/prompts.ts`.
 */
export const PROMPT_KINDS = [
  /** Stage 1 starts: the first-meeting agenda, with the agreements button. Pair. */
  'first_meeting_agenda',
  /** About a week into stage 1: questions for the second meeting. Mentor. */
  'second_meeting_questions',
  /** Stage 2 starts: the goal form invitation, with its button. Pair (addressed to the mentee). */
  'goal_form_invitation',
  /** Day 10 and day 14 of stage 2 while no goal form exists. Pair (addressed to the mentee). */
  'goal_form_reminder',
  /** On each check-in date of the goals in force. Pair, with the check-in button. */
  'check_in_nudge',
  /** Three days after a check-in date with no check-in. Pair, with the check-in button. */
  'check_in_overdue',
  /** Mid-way through stage 3: "how am I helping you?", changes seen, adjustments needed. Pair. */
  'stage3_reflection',
  /** No check-in or bot interaction for N days. Mentor. */
  'quiet_relationship',
  /** Every few weeks, a best-practice tip (a challenge and its remedies). Mentor. */
  'mentor_tip',
  /** A week before the formal end date: the close-out reflection, with its button. Pair. */
  'close_out_reflection',
  /** The relationship completed: the program evaluation, to each person by DM. */
  'evaluation',
  /** The relationship completed: a card asking staff to re-list the mentor. Admin channel. */
  'relist_card',
  /** A week after a `talk_again` fit decision: a reminder to decide, with the fit button. Mentor. */
  'talk_again_reminder',
] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** Who a prompt goes to: the pair's group DM, one person's DM, or the staff channel. */
export type PromptAudience = 'pair' | 'mentor' | 'mentee' | 'staff';
