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
  /**
   * An answer only the person sees, through the command's response_url (the command is already
   * acknowledged, so a handler may read and write first; Slack takes up to 5 answers within 30 minutes).
   */
  reply(message: { text: string; blocks?: unknown[] } | string): Promise<void>;
  /** Answers with the command's help; `unknown` (as Slack sent it) is echoed back as not understood. */
  showHelp(unknown?: string): Promise<void>;
}

export type SubcommandHandler = (context: SubcommandContext) => Promise<void>;

/** Where the words of a command lead, worked out from the table alone (no I/O). */
export type CommandRoute =
  | {
      readonly kind: 'help';
      /** The command (or nested command) whose help answers. */
      readonly command: string;
      /** The words it didn't understand, as Slack sent them; undefined when help was asked for. */
      readonly unknown?: string;
      readonly staffOnly: boolean;
    }
  | {
      readonly kind: 'run';
      readonly command: string;
      readonly run: SubcommandHandler;
      readonly args: readonly string[];
      readonly staffOnly: boolean;
      /** `admin match` for `/mentoring admin match ...`: for the logs. */
      readonly subcommand: string;
    };

/**
 * Registers a slash command from its entry in the command table: the first word picks a sub-command (a nested
 * entry, like `/mentoring admin`, picks again with the next word). `help`, nothing (unless the command has an
 * entry of its own for that), or a word the command doesn't know all get the command's short help, so nobody
 * is left with silence.
 *
 * Slack is acknowledged before anything is read or asked: help (pure) comes back in the acknowledgement
 * itself, everything else is acknowledged empty and answered through the response_url once the handler
 * has its answer, so no MongoDB read or Slack call ever stands between Slack and its 3 seconds. Staff-only
 * entries are checked here, once, after the acknowledgement and before the handler runs.
 */
export function registerCommand(app: App, spec: CommandSpec, deps: SlackDeps): void {
  app.command(spec.command, async (bolt) => {
    const route = routeCommand(spec, bolt.command.text);
    if (route.kind === 'help' && !route.staffOnly) {
      const help = commandHelpMessage(deps.program, helpFor(deps.program, route.command), route.unknown);
      await bolt.ack(help as Parameters<typeof bolt.ack>[0]);
      return;
    }
    await bolt.ack();
    const leave = await deps.afterAck.enter();
    try {
      await answer(bolt, route);
    } finally {
      leave();
    }
  });

  async function answer(bolt: CommandArgs, route: ReturnType<typeof routeCommand>): Promise<void> {
    const userId = bolt.command.user_id;
    const reply = async (message: Answer) => {
      const answer = typeof message === 'string' ? ephemeral(plainMessage(message)) : message;
      await bolt.respond({ response_type: 'ephemeral', replace_original: false, ...answer } as Parameters<
        typeof bolt.respond
      >[0]);
    };
    const showHelp = (unknown?: string) =>
      reply(commandHelpMessage(deps.program, helpFor(deps.program, route.command), unknown));
    try {
      if (route.staffOnly && !(await deps.staff.isStaff(userId))) {
        await reply(wording.errors.staffOnly);
        return;
      }
      if (route.kind === 'help') {
        await showHelp(route.unknown);
        return;
      }
      await route.run({
        bolt,
        userId,
        deps,
        args: route.args,
        argText: route.args.join(' '),
        reply,
        showHelp,
      });
    } catch (error) {
      const text =
        error instanceof UserFacingError
          ? error.message
          : reportUnexpected(deps, error, {
              command: spec.command,
              subcommand: route.kind === 'run' && route.subcommand ? route.subcommand : undefined,
              userId,
            });
      await reply(text);
    }
  }
}

type Answer = { text: string; blocks?: unknown[] } | string;

/**
 * Where a command's text leads, from the table alone (no I/O): the handler with its arguments, or the help
 * of the command (or nested command) reached, with the words it didn't understand. `staffOnly` when a
 * staff-only entry was passed on the way (the router then checks the person before answering, help included).
 */
export function routeCommand(spec: CommandSpec, text: string): CommandRoute {
  let current = spec;
  let rest: readonly string[] = text.trim().split(/\s+/).filter(Boolean);
  let unknownText = text.trim();
  let staffOnly = false;
  const names: string[] = [];
  for (;;) {
    const found = resolve(current, rest);
    if (!found) {
      const [first] = rest;
      const asked = first === undefined || first.toLowerCase() === 'help';
      return { kind: 'help', command: current.command, unknown: asked ? undefined : unknownText, staffOnly };
    }
    if (found.entry.name) names.push(found.entry.name);
    if (found.entry.who === 'staff') staffOnly = true;
    const { run } = found.entry;
    if (typeof run !== 'function') {
      current = commandSpec(run.nested);
      rest = found.args;
      unknownText = found.args.join(' ');
      continue;
    }
    return {
      kind: 'run',
      command: current.command,
      run,
      args: found.args,
      staffOnly,
      subcommand: names.join(' '),
    };
  }
}

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
