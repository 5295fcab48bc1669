import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerCommand } from './command-router';
import { COMMAND_TABLE, SLASH_COMMANDS } from './command-table';

export { SLASH_COMMANDS };

/** Registers every slash command in the command table (each with its sub-commands and its help). */
export function registerCommands(app: App, deps: SlackDeps): void {
  for (const spec of COMMAND_TABLE) if (spec.slash) registerCommand(app, spec, deps);
}
