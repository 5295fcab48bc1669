import { existsSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DEFAULT_DIGEST_SCHEDULE, parseDigestSchedule, type DigestSchedule } from './domain/weekly-digest';

/**
 * The one place that reads the environment. Everything else receives a frozen `AppConfig`.
 * Each variable carries the sentence a person sees when it is missing or wrong.
 */

const DEFAULT_INTERESTS = [
  'Accounting',
  'Arts and design',
  'Business management',
  'Communications',
  'Computer science',
  'Counseling',
  'Cybersecurity',
  'Data analytics',
  'Education',
  'Entrepreneurship',
  'Film and media',
  'Finance',
  'Government and public policy',
  'Health care',
  'Human resources',
  'International relations',
  'Law',
  'Marketing',
  'Music',
  'Nonprofit management',
  'Psychology',
  'Research',
  'Sales',
  'Software engineering',
];

const slackId = (prefixes: string, what: string) =>
  z
    .string({ error: `required: ${what}` })
    .regex(new RegExp(`^[${prefixes}][A-Z0-9]{2,}$`), `expected ${what}`);

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const intInRange = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SLACK_BOT_TOKEN: z
    .string({ error: 'required: the bot token from the app\'s "OAuth & Permissions" page (xoxb-...)' })
    .startsWith('xoxb-', 'expected a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine(
    (value) => value === undefined || value.startsWith('xapp-'),
    'expected an app-level token starting with xapp- (or leave it unset for HTTP mode)',
  ),
  SLACK_API_URL: z
    .url({ error: 'expected an http(s) URL such as https://slack.com/api/' })
    .default('https://slack.com/api/')
    .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  PORT: intInRange(0, 65535, 3000),
  MONGODB_URI: optionalText.refine(
    (value) => value === undefined || /^mongodb(\+srv)?:\/\//.test(value),
    'expected a connection string starting with mongodb:// or mongodb+srv://',
  ),
  DATA_DIR: z.string().default('.data'),
  ADMIN_CHANNEL_ID: slackId(
    'CG',
    'the id of the staff channel (C... or G...; in Slack: channel details, bottom of the About tab)',
  ),
  STAFF_USER_IDS: commaList.pipe(z.array(slackId('UW', 'Slack user ids (U... or W...), comma separated'))),
  PROGRAM_NAME: z.string().trim().min(1).default('Alumni Mentoring Program'),
  PROGRAM_CONTACT: z.string().trim().min(1).default('the program office'),
  PROGRAM_TIMEZONE: z
    .string()
    .default('America/Chicago')
    .refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone such as America/Chicago'),
  PROMPT_LOCAL_HOUR: intInRange(0, 23, 10),
  EVALUATION_FORM_URL: optionalText.pipe(
    z.url({ error: 'expected a link to the program evaluation form' }).optional(),
  ),
  INTEREST_TAXONOMY: commaList.transform((items) => (items.length > 0 ? items : DEFAULT_INTERESTS)),
  MAX_PENDING_REQUESTS: intInRange(1, 5, 1),
  PROGRAM_MAX_MONTHS: intInRange(1, 36, 12),
  QUIET_RELATIONSHIP_DAYS: intInRange(7, 120, 21),
  // Data requests: unset keeps what people wrote for as long as the records are kept.
  RETENTION_MONTHS: intInRange(1, 240, 0).transform((months) => (months === 0 ? undefined : months)),
  // The staff's weekly digest: a weekday and time in PROGRAM_TIMEZONE, or off.
  DIGEST_SCHEDULE: z
    .string()
    .optional()
    .transform((value, ctx): DigestSchedule | undefined => {
      if (value === undefined || value.trim() === '') return DEFAULT_DIGEST_SCHEDULE;
      const parsed = parseDigestSchedule(value);
      if (parsed === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected a weekday and a 24-hour time such as "monday 09:00", or "off"',
        });
        return z.NEVER;
      }
      return parsed === 'off' ? undefined : parsed;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Rules that relate two variables; checked on the raw environment so they are reported alongside the rest. */
function crossVariableProblems(env: Record<string, string | undefined>): string[] {
  const isSet = (name: string) => (env[name] ?? '').trim() !== '';
  const problems: string[] = [];
  if (!isSet('SLACK_APP_TOKEN') && !isSet('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET: required in HTTP mode (no SLACK_APP_TOKEN): the signing secret from "Basic Information"',
    );
  }
  if (env.NODE_ENV === 'production' && !isSet('MONGODB_URI')) {
    problems.push(
      'MONGODB_URI: required when NODE_ENV=production (the embedded database is for trying the bot out)',
    );
  }
  return problems;
}

type ParsedEnvironment = z.infer<typeof environmentSchema>;

/** Everything the app needs to know about where it runs and how the program is set up. */
export interface AppConfig {
  readonly environment: ParsedEnvironment['NODE_ENV'];
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | undefined;
    readonly appToken: string | undefined;
    readonly apiUrl: string;
    readonly socketMode: boolean;
  };
  readonly http: { readonly port: number };
  readonly mongo: { readonly uri: string | undefined; readonly dataDir: string };
  readonly staff: { readonly adminChannelId: string; readonly userIds: readonly string[] };
  readonly program: {
    readonly name: string;
    readonly contact: string;
    readonly timezone: string;
    readonly promptLocalHour: number;
    readonly evaluationFormUrl: string | undefined;
    readonly interests: readonly string[];
    readonly maxPendingRequests: number;
    readonly maxProgramMonths: number;
    readonly quietRelationshipDays: number;
  };
  readonly privacy: {
    /** The free text of relationships that ended more than this many months ago is erased; unset: kept. */
    readonly retentionMonths: number | undefined;
  };
  /** The weekly digest's day and time in the program's zone; undefined when it is turned off. */
  readonly digest: { readonly schedule: DigestSchedule | undefined };
  readonly logLevel: ParsedEnvironment['LOG_LEVEL'];
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; problems: string[] };

/** Parses an environment into configuration, or lists every problem, one line each, naming the variable. */
export function parseConfig(rawEnv: Record<string, string | undefined>): ConfigResult {
  // A variable left empty (as in a copied .env.example) means "use the default", not "invalid".
  const env = Object.fromEntries(
    Object.entries(rawEnv).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = environmentSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`)),
    ...crossVariableProblems(env),
  ];
  if (!parsed.success || problems.length > 0) {
    return { ok: false, problems: [...new Set(problems)] };
  }
  const e = parsed.data;
  const config: AppConfig = {
    environment: e.NODE_ENV,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      socketMode: e.SLACK_APP_TOKEN !== undefined,
    },
    http: { port: e.PORT },
    mongo: { uri: e.MONGODB_URI, dataDir: e.DATA_DIR },
    staff: { adminChannelId: e.ADMIN_CHANNEL_ID, userIds: e.STAFF_USER_IDS },
    program: {
      name: e.PROGRAM_NAME,
      contact: e.PROGRAM_CONTACT,
      timezone: e.PROGRAM_TIMEZONE,
      promptLocalHour: e.PROMPT_LOCAL_HOUR,
      evaluationFormUrl: e.EVALUATION_FORM_URL,
      interests: e.INTEREST_TAXONOMY,
      maxPendingRequests: e.MAX_PENDING_REQUESTS,
      maxProgramMonths: e.PROGRAM_MAX_MONTHS,
      quietRelationshipDays: e.QUIET_RELATIONSHIP_DAYS,
    },
    privacy: { retentionMonths: e.RETENTION_MONTHS },
    digest: { schedule: e.DIGEST_SCHEDULE },
    logLevel: e.LOG_LEVEL,
  };
  return { ok: true, config: deepFreeze(config) };
}

/** Reads `.env` (when present) into the process environment, then parses it. The only reader of process.env. */
export function readConfigFromEnvironment(envFile = '.env'): ConfigResult {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
