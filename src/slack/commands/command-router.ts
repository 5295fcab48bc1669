import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { commandHelpMessage } from '../../../blocks/help';
import { ephemeral, plainMessage } from '../../../blocks/message';
import { wording } from '../../content/wording';
import type { SlackDeps } from '../deps';
import { commandSpec, helpFor, type CommandSpec, type SubcommandSpec } from './command-table';
import { isDatabaseUnavailable } from '../../store/availability';
import { newErrorReference, UserFacingError } from '../errors';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a sub-command handler gets: Bolt's arguments plus the words after the sub-command. */
export interface SubcommandContext {
  readonly bolt: CommandArgs;
  readonly userId: string;
  /** The words after the sub-command, as typed (mentions arrive as `<@U123|name>`). */
  readonly args: readonly string[];
  readonly argText: string;
  readonly deps: SlackDeps;
  /** Acknowledges with an answer only the person sees. Call `reply` or `ack` once, within 3 seconds. */
  reply(message: { text: string; blocks?: unknown[] } | string): Promise<void>;
  /** Acknowledges with no answer (for example before opening a modal, which answers for itself). */
  ack(): Promise<void>;
  /** After acknowledging: a further answer only the person sees. */
  followUp(message: { text: string; blocks?: unknown[] } | string): Promise<void>;
  /** Acknowledges with the command's help; `unknown` (as Slack sent it) is echoed back as not understood. */
  showHelp(unknown?: string): Promise<void>;
}

export type SubcommandHandler = (context: SubcommandContext) => Promise<void>;

/**
 * Registers a slash command from its entry in the command table: the first word picks a sub-command (a nested
 * entry, like `/mentoring admin`, picks again with the next word). `help`, nothing (unless the command has an
 * entry of its own for that), or a word the command doesn't know all get the command's short help, so nobody
 * is left with silence. Staff-only entries are checked here, once, before anything runs.
 */
export function registerCommand(app: App, spec: CommandSpec, deps: SlackDeps): void {
  app.command(spec.command, async (bolt) => {
    const words = bolt.command.text.trim().split(/\s+/).filter(Boolean);
    let acknowledged = false;
    let subcommand: string | undefined;
    const base = {
      bolt,
      userId: bolt.command.user_id,
      deps,
      async reply(message: Answer) {
        acknowledged = true;
        const answer = typeof message === 'string' ? ephemeral(plainMessage(message)) : message;
        await bolt.ack({ response_type: 'ephemeral', ...answer } as Parameters<typeof bolt.ack>[0]);
      },
      async ack() {
        acknowledged = true;
        await bolt.ack();
      },
      async followUp(message: Answer) {
        const answer = typeof message === 'string' ? ephemeral(plainMessage(message)) : message;
        await bolt.respond({ response_type: 'ephemeral', replace_original: false, ...answer } as Parameters<
          typeof bolt.respond
        >[0]);
      },
    };
    try {
      let current = spec;
      let rest: readonly string[] = words;
      let unknownText = bolt.command.text.trim();
      let staffChecked = false;
      for (;;) {
        const found = resolve(current, rest);
        const help = helpFor(deps.program, current.command);
        const showHelp = (unknown?: string) => base.reply(commandHelpMessage(deps.program, help, unknown));
        if (!found) {
          const [first] = rest;
          const asked = first === undefined || first.toLowerCase() === 'help';
          await showHelp(asked ? undefined : unknownText);
          return;
        }
        subcommand = [subcommand, found.entry.name].filter(Boolean).join(' ') || undefined;
        if (found.entry.who === 'staff' && !staffChecked) {
          if (!(await deps.staff.isStaff(base.userId))) {
            await base.reply(wording.errors.staffOnly);
            return;
          }
          staffChecked = true;
        }
        const { run } = found.entry;
        if (typeof run !== 'function') {
          current = commandSpec(run.nested);
          rest = found.args;
          unknownText = found.args.join(' ');
          continue;
        }
        await run({ ...base, args: found.args, argText: found.args.join(' '), showHelp });
        return;
      }
    } catch (error) {
      const text =
        error instanceof UserFacingError
          ? error.message
          : reportUnexpected(deps, error, {
              command: spec.command,
              subcommand,
              userId: bolt.command.user_id,
            });
      if (!acknowledged) await base.reply(text);
      else await base.followUp(text);
    }
  });
}

type Answer = { text: string; blocks?: unknown[] } | string;

/**
 * The table entry these words ask for, and the words that are its arguments; undefined for `help` and for
 * words the command doesn't know. Sub-command names are matched without regard to case.
 */
export function resolve(
  spec: CommandSpec,
  words: readonly string[],
): { entry: SubcommandSpec; args: readonly string[] } | undefined {
  const [first, ...rest] = words;
  const bare = spec.subcommands.filter((entry) => entry.name === '');
  if (first === undefined) {
    const entry = bare.find((candidate) => candidate.args === undefined);
    return entry && { entry, args: [] };
  }
  const name = first.toLowerCase();
  if (name === 'help') return undefined;
  const named = spec.subcommands.find((entry) => entry.name !== '' && entry.name === name);
  if (named) return { entry: named, args: rest };
  const withArguments = bare.find((candidate) => candidate.args !== undefined);
  return withArguments && { entry: withArguments, args: words };
}

/**
 * Logs an unexpected failure with a reference and returns the apology the person sees. While MongoDB is out
 * of reach the answer is a short "try again in a moment" (and the log a one-line warning, not a stack trace).
 */
export function reportUnexpected(deps: SlackDeps, error: unknown, context: Record<string, unknown>): string {
  if (isDatabaseUnavailable(error)) {
    deps.logger.warn({ error: describe(error), ...context }, 'request failed: MongoDB is unavailable');
    return wording.errors.unavailable;
  }
  const reference = newErrorReference();
  deps.logger.error({ err: error, reference, ...context }, 'request failed');
  return wording.errors.unexpected(reference);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
