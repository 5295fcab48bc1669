import pino, { type Logger as PinoLogger } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';

export type AppLogger = PinoLogger;

/**
 * Fields that must never reach a log line: Slack credentials, and what people typed about themselves.
 * pino removes them wherever they sit at these paths.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  'signingSecret',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  'email',
  '*.email',
  'real_name',
  '*.real_name',
  'profile',
  '*.profile',
  'answers',
  '*.answers',
  'notes',
  '*.notes',
  'fitNotes',
  '*.fitNotes',
  'text',
  '*.text',
  'blocks',
  '*.blocks',
  'view',
  '*.view',
];

/** The app's one logger: JSON lines in production, pretty when developing. */
export function createLogger(options: {
  level: string;
  pretty?: boolean;
  destination?: pino.DestinationStream;
}): AppLogger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'alumni-mentoring' },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(base);
}

/** Debug lines from the Slack SDKs that carry a whole payload. */
const WHOLE_PAYLOAD_LINE = /^(http request (body|result|headers)|ack\(\) (call begins|response sent) \(body)/;

const toPinoLevel: Record<LogLevel, pino.Level> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/**
 * Bolt and the WebClient take a `@slack/logger` Logger; this routes their lines through pino,
 * so they share the redaction rules and the output format.
 */
export function slackLoggerFrom(logger: AppLogger, component: string): SlackLogger {
  let child = logger.child({ component });
  const write =
    (level: pino.Level) =>
    (...messages: unknown[]) => {
      const [first, ...rest] = messages;
      // The Web API client logs whole request and response bodies at debug level: names, emails and
      // everything people typed. Those lines never reach our logs.
      if (typeof first === 'string' && WHOLE_PAYLOAD_LINE.test(first)) return;
      if (first instanceof Error) child[level]({ err: first }, rest.map(String).join(' '));
      else child[level](messages.map((m) => (typeof m === 'string' ? m : safeJson(m))).join(' '));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // Bolt lowers its logger to its own level; ours is set once from LOG_LEVEL, so this is a no-op.
    setLevel: () => undefined,
    getLevel: () =>
      (Object.entries(toPinoLevel).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (key, v) => (/token|secret|authorization/i.test(key) ? '[redacted]' : v));
  } catch {
    return String(value);
  }
}
