import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { commandHelpMessage } from '../../../blocks/help';
import { ephemeral, plainMessage } from '../../../blocks/message';
import { wording } from '../../content/wording';
import type { SlackDeps } from '../deps';
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
}

export type SubcommandHandler = (context: SubcommandContext) => Promise<void>;

/**
 * Registers a slash command whose first word picks a sub-command. `help`, nothing, or a word the
 * command doesn't know all get the command's short help, so nobody is left with silence.
 */
export function registerSubcommands(
  app: App,
  command: string,
  handlers: Record<string, SubcommandHandler>,
  deps: SlackDeps,
  options: {
    /** Runs for the bare command, with no words after it. */
    defaultHandler?: SubcommandHandler;
    /** Runs, with every word as an argument, when the first word is not a sub-command (instead of help). */
    otherwise?: SubcommandHandler;
    helpKey?: string;
  } = {},
): void {
  app.command(command, async (bolt) => {
    const words = bolt.command.text.trim().split(/\s+/).filter(Boolean);
    const [first, ...rest] = words;
    const name = first?.toLowerCase();
    const known = name === undefined ? options.defaultHandler : name === 'help' ? undefined : handlers[name];
    const handler = known ?? (name !== undefined && name !== 'help' ? options.otherwise : undefined);
    const args = known || name === undefined ? rest : words;
    const helpKey = options.helpKey ?? command;
    let acknowledged = false;
    const context: SubcommandContext = {
      bolt,
      userId: bolt.command.user_id,
      args,
      argText: args.join(' '),
      deps,
      async reply(message) {
        acknowledged = true;
        const answer = typeof message === 'string' ? ephemeral(plainMessage(message)) : message;
        await bolt.ack({ response_type: 'ephemeral', ...answer } as Parameters<typeof bolt.ack>[0]);
      },
      async ack() {
        acknowledged = true;
        await bolt.ack();
      },
      async followUp(message) {
        const answer = typeof message === 'string' ? ephemeral(plainMessage(message)) : message;
        await bolt.respond({ response_type: 'ephemeral', replace_original: false, ...answer } as Parameters<
          typeof bolt.respond
        >[0]);
      },
    };
    try {
      if (!handler) {
        const unknown = name === undefined || name === 'help' ? undefined : bolt.command.text.trim();
        await context.reply(commandHelpMessage(deps.program, helpKey, unknown));
        return;
      }
      await handler(context);
    } catch (error) {
      const text =
        error instanceof UserFacingError
          ? error.message
          : reportUnexpected(deps, error, { command, subcommand: name, userId: bolt.command.user_id });
      if (!acknowledged) await context.reply(text);
      else await context.followUp(text);
    }
  });
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
