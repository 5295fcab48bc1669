import { DateTime } from 'luxon';
import { FINISHED_STATUSES, type RelationshipStatus } from './relationship-stages';

/**
 * Data requests: one person's own data on request, their erasure, and the retention of what people wrote in
 * relationships that ended long ago. Pure rules over plain values; the store applies them.
 */

/** Erased ids look like this, so an erased person is recognisable (and never a Slack id). */
export const PSEUDONYM_PREFIX = 'erased-';

export function isPseudonym(userId: string): boolean {
  return userId.startsWith(PSEUDONYM_PREFIX);
}

/** Statuses of a relationship that still runs or waits for an answer: erasure waits until it has ended. */
export function isLive(status: RelationshipStatus): boolean {
  return !FINISHED_STATUSES.includes(status);
}

/**
 * Reflection and evaluation answers that are choices or numbers, not words: they stay after an erasure
 * (the report counts ratings and recommendations); every other answer is what the person wrote.
 */
const KEPT_ANSWER_CHOICES = ['rating', 'recommend', 'continueInformally'] as const;

/** The answers with what the person wrote removed, and how many written answers there were. */
export function withoutWrittenAnswers(answers: Record<string, unknown> | undefined | null): {
  answers: Record<string, unknown>;
  erased: number;
} {
  const kept: Record<string, unknown> = {};
  let erased = 0;
  for (const [key, value] of Object.entries(answers ?? {})) {
    if ((KEPT_ANSWER_CHOICES as readonly string[]).includes(key) && typeof value !== 'object')
      kept[key] = value;
    else if (value !== '' && value !== null && value !== undefined) erased += 1;
  }
  return { answers: kept, erased };
}

/** A text value counts as erased only when there was something to erase. */
export function hadText(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hadText);
  return typeof value === 'string' && value.trim() !== '';
}

/** Relationships that ended before this instant have their free text erased (`RETENTION_MONTHS`). */
export function retentionCutoff(now: Date, months: number): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months }).toJSDate();
}

/** What an erasure covers, by kind of record: shown to staff before they confirm, and audited after. */
export interface ErasureCounts {
  profiles: number;
  applications: number;
  relationships: number;
  goalForms: number;
  checkIns: number;
  reflections: number;
  evaluations: number;
  fitAssessments: number;
  meetings: number;
  notices: number;
}

export const ERASURE_COUNT_KEYS: readonly (keyof ErasureCounts)[] = [
  'profiles',
  'applications',
  'relationships',
  'goalForms',
  'checkIns',
  'reflections',
  'evaluations',
  'fitAssessments',
  'meetings',
  'notices',
];

export function nothingStored(counts: ErasureCounts): boolean {
  return ERASURE_COUNT_KEYS.every((key) => counts[key] === 0);
}
