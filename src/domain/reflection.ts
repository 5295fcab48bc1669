import { z } from 'zod';

/**
 * Stage 4's two forms: the close-out reflection (each person of the pair may write one) and the built-in
 * program evaluation survey (used when no evaluation form link is configured). The Slack modals map their
 * inputs to plain values; these checks turn them into clean answers or one message per bad field.
 * Messages are passed in (the program's wording lives in the content module), as in `fit-assessment.ts`.
 */

/** In the order the modal offers them: the middle answer in the middle. */
export const CONTINUE_CHOICES = ['yes', 'maybe', 'no'] as const;
export type ContinueChoice = (typeof CONTINUE_CHOICES)[number];

export const RECOMMEND_CHOICES = ['yes', 'no'] as const;
export type RecommendChoice = (typeof RECOMMEND_CHOICES)[number];

export const MIN_RATING = 1;
export const MAX_RATING = 5;

/** The reflection's questions, in the order the modal asks them. */
export const REFLECTION_FIELDS = [
  'accomplishments',
  'challenges',
  'remember',
  'ahead',
  'supportNeeded',
  'continueInformally',
  'continueHow',
  'thanks',
] as const;
export type ReflectionField = (typeof REFLECTION_FIELDS)[number];
export type ReflectionTextField = Exclude<ReflectionField, 'continueInformally'>;

/**
 * Which answers a reflection needs. Required: accomplishments, challenges, what you will remember, what
 * lies ahead (the heart of the final conversation) and whether to continue informally; "how" becomes
 * required when the answer is `yes`. Optional: support still needed (there may be none), how (for `maybe`
 * or `no`) and thanks (a kind word, never a chore).
 */
export const REFLECTION_REQUIRED = ['accomplishments', 'challenges', 'remember', 'ahead'] as const;
type RequiredReflectionText = (typeof REFLECTION_REQUIRED)[number];

/** Character limits per text answer, well inside Block Kit's 3000 for a plain-text input. */
export const REFLECTION_LIMITS = {
  accomplishments: 2000,
  challenges: 2000,
  remember: 1000,
  ahead: 1000,
  supportNeeded: 1000,
  continueHow: 500,
  thanks: 1000,
} as const satisfies Record<ReflectionTextField, number>;

export interface ReflectionAnswers {
  accomplishments: string;
  challenges: string;
  remember: string;
  ahead: string;
  /** '' when not given. */
  supportNeeded: string;
  continueInformally: ContinueChoice;
  /** '' when not given (allowed unless `continueInformally` is `yes`). */
  continueHow: string;
  /** '' when not given. */
  thanks: string;
}

/** The built-in evaluation survey's questions, in the order the modal asks them. */
export const EVALUATION_FIELDS = ['rating', 'recommend', 'worked', 'improve'] as const;
export type EvaluationField = (typeof EVALUATION_FIELDS)[number];

/** Required: the rating, whether you would recommend the program, and what worked. Optional: what to improve. */
export const EVALUATION_LIMITS = { worked: 1500, improve: 1500 } as const;

export interface EvaluationAnswers {
  rating: number;
  recommend: RecommendChoice;
  worked: string;
  /** '' when not given. */
  improve: string;
}

export interface ReflectionMessages {
  required: Record<RequiredReflectionText, string>;
  continueRequired: string;
  howRequired: string;
  tooLong: (max: number) => string;
}

export interface EvaluationMessages {
  ratingRequired: string;
  recommendRequired: string;
  workedRequired: string;
  tooLong: (max: number) => string;
}

export type ReflectionResult =
  { ok: true; answers: ReflectionAnswers } | { ok: false; errors: Partial<Record<ReflectionField, string>> };

export type EvaluationResult =
  { ok: true; answers: EvaluationAnswers } | { ok: false; errors: Partial<Record<EvaluationField, string>> };

/** Text as typed, trimmed; anything that is not text reads as nothing typed. Length in characters a person counts. */
const text = (max: number, tooLong: (max: number) => string, requiredMessage?: string) =>
  z
    .unknown()
    .transform((value) => (typeof value === 'string' ? value.trim() : ''))
    .superRefine((value, ctx) => {
      if (requiredMessage && value === '') ctx.addIssue({ code: 'custom', message: requiredMessage });
      else if ([...value].length > max) ctx.addIssue({ code: 'custom', message: tooLong(max) });
    });

const choice = <T extends string>(values: readonly T[], message: string) =>
  z
    .unknown()
    .refine((value) => (values as readonly unknown[]).includes(value), message)
    .transform((value) => value as T);

/** Collects the first message per field from a failed parse. */
function fieldErrors<F extends string>(error: z.ZodError): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of error.issues) errors[issue.path[0] as F] ??= issue.message;
  return errors;
}

/** A field left empty may be missing from the modal's state altogether; read it as "nothing given". */
const given = (raw: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((field) => [field, raw[field] ?? null]));

/** Checks a close-out reflection, returning clean answers or every field error at once. */
export function validateReflection(
  raw: Record<string, unknown>,
  messages: ReflectionMessages,
): ReflectionResult {
  const limit = (field: ReflectionTextField, required?: string) =>
    text(REFLECTION_LIMITS[field], messages.tooLong, required);
  const schema = z.object({
    accomplishments: limit('accomplishments', messages.required.accomplishments),
    challenges: limit('challenges', messages.required.challenges),
    remember: limit('remember', messages.required.remember),
    ahead: limit('ahead', messages.required.ahead),
    supportNeeded: limit('supportNeeded'),
    continueInformally: choice(CONTINUE_CHOICES, messages.continueRequired),
    continueHow: limit('continueHow'),
    thanks: limit('thanks'),
  });
  const parsed = schema.safeParse(given(raw, REFLECTION_FIELDS));
  const errors: Partial<Record<ReflectionField, string>> = parsed.success
    ? {}
    : fieldErrors<ReflectionField>(parsed.error);
  // Checked here rather than in an object refinement, which zod skips once any field has failed.
  const how = typeof raw.continueHow === 'string' ? raw.continueHow.trim() : '';
  if (raw.continueInformally === 'yes' && how === '') errors.continueHow ??= messages.howRequired;
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, answers: parsed.data };
}

/** Checks the built-in evaluation survey, returning clean answers or every field error at once. */
export function validateEvaluation(
  raw: Record<string, unknown>,
  messages: EvaluationMessages,
): EvaluationResult {
  const schema = z.object({
    rating: z
      .unknown()
      .transform((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value))
      .refine(
        (value) =>
          Number.isInteger(value) && (value as number) >= MIN_RATING && (value as number) <= MAX_RATING,
        messages.ratingRequired,
      )
      .transform((value) => value as number),
    recommend: choice(RECOMMEND_CHOICES, messages.recommendRequired),
    worked: text(EVALUATION_LIMITS.worked, messages.tooLong, messages.workedRequired),
    improve: text(EVALUATION_LIMITS.improve, messages.tooLong),
  });
  const parsed = schema.safeParse(given(raw, EVALUATION_FIELDS));
  if (!parsed.success) return { ok: false, errors: fieldErrors<EvaluationField>(parsed.error) };
  return { ok: true, answers: parsed.data };
}
