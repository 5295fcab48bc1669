import type { RelationshipStatus } from './relationship-stages';

/** After `talk_again`, the mentor is reminded to decide this many days later. */
export const TALK_AGAIN_DAYS = 7;

/** The longest pause a pair can ask for at once, in weeks. */
export const MAX_PAUSE_WEEKS = 12;

/** A pause asks for a whole number of weeks, 1 to MAX_PAUSE_WEEKS. */
export function isPauseLength(weeks: number): boolean {
  return Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_PAUSE_WEEKS;
}

/** The close-out reflection opens from stage 3 on, and stays open once the relationship completed. */
export const REFLECTION_STATUSES: readonly RelationshipStatus[] = ['stage3', 'stage4', 'completed'];

/** The program evaluation opens from stage 4 on. */
export const EVALUATION_STATUSES: readonly RelationshipStatus[] = ['stage4', 'completed'];
