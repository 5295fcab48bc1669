import { z } from 'zod';

/**
 * What an application holds, and the rules each answer must meet. The Slack modal maps its inputs to a
 * `RawApplication`; `validateApplication` turns that into clean answers or one error code per bad field.
 */

export const COMMUNICATION_CHANNELS = ['slack', 'video', 'phone', 'email'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

export const APPLICATION_LIMITS = {
  name: 80,
  otherInterests: 300,
  bio: 1000,
  degree: 120,
  occupation: 120,
  industry: 120,
  maxInterests: 10,
} as const;

/** The earliest graduation year the form accepts (the latest is the current year). */
export const EARLIEST_GRADUATION_YEAR = 1940;

export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 5;

export interface MenteeAnswers {
  displayName: string;
  academicInterests: string[];
  careerInterests: string[];
  otherInterests: string;
  communicationPreferences: CommunicationChannel[];
  bio: string;
  timezone: string | undefined;
  confidentialityAcknowledged: true;
}

export interface MentorAnswers extends MenteeAnswers {
  degree: string;
  graduationYear: number;
  occupation: string;
  industry: string;
  capacity: number;
}

export type ApplicationAnswers = MenteeAnswers | MentorAnswers;
export type ApplicationRole = 'mentor' | 'mentee';

/** Answers as they come from the form: text is text, lists are lists, nothing is trusted yet. */
export type RawApplication = Record<string, unknown>;

/** The fields of each form, in the order they are asked. */
export const APPLICATION_FIELDS = {
  mentee: [
    'displayName',
    'academicInterests',
    'careerInterests',
    'otherInterests',
    'communicationPreferences',
    'bio',
    'confidentialityAcknowledged',
  ],
  mentor: [
    'displayName',
    'degree',
    'graduationYear',
    'occupation',
    'industry',
    'academicInterests',
    'careerInterests',
    'otherInterests',
    'communicationPreferences',
    'capacity',
    'bio',
    'confidentialityAcknowledged',
  ],
} as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)['mentor'][number];

/**
 * Why an answer is refused, as a code; the Slack layer words it under its field (the presenter for
 * enrollment, with the wording in src/content), using the limits above for the numbers.
 */
export type ApplicationErrorCode =
  /** Nothing given where an answer is needed (a name, a bio, a way to stay in touch, the acknowledgement). */
  | 'required'
  /** Longer than the field's limit in `APPLICATION_LIMITS`. */
  | 'too_long'
  /** More interests picked than `APPLICATION_LIMITS.maxInterests`. */
  | 'too_many'
  /** An interest that is not in the configured list. */
  | 'not_in_list'
  /** No interest picked from either list and none described in words. */
  | 'no_interest'
  /** A graduation year or capacity outside what the program allows. */
  | 'out_of_range';

export type ApplicationErrors = Partial<Record<ApplicationField, ApplicationErrorCode>>;

const issue = (code: ApplicationErrorCode) => ({ code: 'custom' as const, message: code });

const text = (max: number, required = false) =>
  z
    .unknown()
    .transform((value) => (typeof value === 'string' ? value.trim() : ''))
    .superRefine((value, ctx) => {
      if (required && value === '') ctx.addIssue(issue('required'));
      else if ([...value].length > max) ctx.addIssue(issue('too_long'));
    });

const list = z
  .unknown()
  .transform((value) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [],
  );

/**
 * Checks an application. `taxonomy` is the configured interest list (answers must come from it);
 * `currentYear` bounds the graduation year. Returns all the field errors at once.
 */
export function validateApplication(
  role: ApplicationRole,
  raw: RawApplication,
  rules: { taxonomy: readonly string[]; currentYear: number },
): { ok: true; answers: ApplicationAnswers } | { ok: false; errors: ApplicationErrors } {
  const interests = list.superRefine((values, ctx) => {
    if (values.length > APPLICATION_LIMITS.maxInterests) ctx.addIssue(issue('too_many'));
    else if (values.some((value) => !rules.taxonomy.includes(value))) ctx.addIssue(issue('not_in_list'));
  });
  const common = {
    displayName: text(APPLICATION_LIMITS.name, true),
    academicInterests: interests,
    careerInterests: interests,
    otherInterests: text(APPLICATION_LIMITS.otherInterests),
    // A value that is no channel (an old or forged form) reads as none picked.
    communicationPreferences: list.pipe(
      z.array(z.enum(COMMUNICATION_CHANNELS, { error: 'required' })).min(1, 'required'),
    ),
    bio: text(APPLICATION_LIMITS.bio, true),
    timezone: z.string().optional(),
    confidentialityAcknowledged: z.unknown().refine((value) => value === true, 'required'),
  };
  const mentorOnly = {
    degree: text(APPLICATION_LIMITS.degree, true),
    graduationYear: z
      .unknown()
      .transform((value) => Number(typeof value === 'string' ? value.trim() : value))
      .refine(
        (year) => Number.isInteger(year) && year >= EARLIEST_GRADUATION_YEAR && year <= rules.currentYear,
        'out_of_range',
      ),
    occupation: text(APPLICATION_LIMITS.occupation, true),
    industry: text(APPLICATION_LIMITS.industry, true),
    capacity: z
      .unknown()
      .transform((value) => Number(value))
      .refine((n) => Number.isInteger(n) && n >= MIN_CAPACITY && n <= MAX_CAPACITY, 'out_of_range'),
  };
  const schema = role === 'mentor' ? z.object({ ...common, ...mentorOnly }) : z.object(common);
  // A field left empty may be missing from the form's state altogether; read it as "nothing given".
  const given = Object.fromEntries(APPLICATION_FIELDS[role].map((field) => [field, raw[field] ?? null]));
  const parsed = schema.safeParse({ ...given, timezone: raw.timezone ?? undefined });
  const errors: ApplicationErrors = {};
  if (!parsed.success) {
    for (const problem of parsed.error.issues) {
      const field = problem.path[0] as ApplicationField;
      errors[field] ??= problem.message as ApplicationErrorCode;
    }
  }
  // Interests: at least one picked, or described in words.
  if (parsed.success || (!errors.academicInterests && !errors.careerInterests && !errors.otherInterests)) {
    const academic = list.parse(raw.academicInterests);
    const career = list.parse(raw.careerInterests);
    const other = typeof raw.otherInterests === 'string' ? raw.otherInterests.trim() : '';
    if (academic.length === 0 && career.length === 0 && other === '')
      errors.academicInterests = 'no_interest';
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, answers: parsed.data as ApplicationAnswers };
}

export function isMentorAnswers(answers: ApplicationAnswers): answers is MentorAnswers {
  return 'capacity' in answers;
}
