import { z } from 'zod';

/**
 * What an application holds, and the rules each answer must meet. The Slack modal maps its inputs to a
 * `RawApplication`; `validateApplication` turns that into clean answers or one message per bad field.
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

export const APPLICATION_MESSAGES = {
  nameRequired: 'Tell us the name you go by.',
  tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
  interestsRequired: 'Pick at least one, or describe your interests in the box below.',
  tooManyInterests: (max: number) => `Pick at most ${max}.`,
  unknownInterest: 'Pick from the list; anything else can go in the box below.',
  channelsRequired: 'Pick at least one way to stay in touch.',
  bioRequired: 'A few sentences help your match get to know you.',
  required: 'This is needed for the directory.',
  graduationYear: (latest: number) => `Enter the year you graduated, from 1940 to ${latest}.`,
  capacity: `Pick how many mentees you can take at once, from ${MIN_CAPACITY} to ${MAX_CAPACITY}.`,
  confidentiality: 'Please acknowledge the confidentiality agreement to take part.',
};

const text = (max: number, requiredMessage?: string) =>
  z
    .unknown()
    .transform((value) => (typeof value === 'string' ? value.trim() : ''))
    .superRefine((value, ctx) => {
      if (requiredMessage && value === '') ctx.addIssue({ code: 'custom', message: requiredMessage });
      else if ([...value].length > max)
        ctx.addIssue({ code: 'custom', message: APPLICATION_MESSAGES.tooLong(max) });
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
):
  | { ok: true; answers: ApplicationAnswers }
  | { ok: false; errors: Partial<Record<ApplicationField, string>> } {
  const interests = list.superRefine((values, ctx) => {
    if (values.length > APPLICATION_LIMITS.maxInterests)
      ctx.addIssue({
        code: 'custom',
        message: APPLICATION_MESSAGES.tooManyInterests(APPLICATION_LIMITS.maxInterests),
      });
    else if (values.some((value) => !rules.taxonomy.includes(value)))
      ctx.addIssue({ code: 'custom', message: APPLICATION_MESSAGES.unknownInterest });
  });
  const common = {
    displayName: text(APPLICATION_LIMITS.name, APPLICATION_MESSAGES.nameRequired),
    academicInterests: interests,
    careerInterests: interests,
    otherInterests: text(APPLICATION_LIMITS.otherInterests),
    communicationPreferences: list.pipe(
      z.array(z.enum(COMMUNICATION_CHANNELS)).min(1, APPLICATION_MESSAGES.channelsRequired),
    ),
    bio: text(APPLICATION_LIMITS.bio, APPLICATION_MESSAGES.bioRequired),
    timezone: z.string().optional(),
    confidentialityAcknowledged: z
      .unknown()
      .refine((value) => value === true, APPLICATION_MESSAGES.confidentiality),
  };
  const mentorOnly = {
    degree: text(APPLICATION_LIMITS.degree, APPLICATION_MESSAGES.required),
    graduationYear: z
      .unknown()
      .transform((value) => Number(typeof value === 'string' ? value.trim() : value))
      .refine(
        (year) => Number.isInteger(year) && year >= 1940 && year <= rules.currentYear,
        APPLICATION_MESSAGES.graduationYear(rules.currentYear),
      ),
    occupation: text(APPLICATION_LIMITS.occupation, APPLICATION_MESSAGES.required),
    industry: text(APPLICATION_LIMITS.industry, APPLICATION_MESSAGES.required),
    capacity: z
      .unknown()
      .transform((value) => Number(value))
      .refine(
        (n) => Number.isInteger(n) && n >= MIN_CAPACITY && n <= MAX_CAPACITY,
        APPLICATION_MESSAGES.capacity,
      ),
  };
  const schema = role === 'mentor' ? z.object({ ...common, ...mentorOnly }) : z.object(common);
  // A field left empty may be missing from the form's state altogether; read it as "nothing given".
  const given = Object.fromEntries(APPLICATION_FIELDS[role].map((field) => [field, raw[field] ?? null]));
  const parsed = schema.safeParse({ ...given, timezone: raw.timezone ?? undefined });
  const errors: Partial<Record<ApplicationField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ApplicationField;
      errors[field] ??= issue.message;
    }
  }
  // Interests: at least one picked, or described in words.
  if (parsed.success || (!errors.academicInterests && !errors.careerInterests && !errors.otherInterests)) {
    const academic = list.parse(raw.academicInterests);
    const career = list.parse(raw.careerInterests);
    const other = typeof raw.otherInterests === 'string' ? raw.otherInterests.trim() : '';
    if (academic.length === 0 && career.length === 0 && other === '')
      errors.academicInterests = APPLICATION_MESSAGES.interestsRequired;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, answers: parsed.data as ApplicationAnswers };
}

export function isMentorAnswers(answers: ApplicationAnswers): answers is MentorAnswers {
  return 'capacity' in answers;
}
