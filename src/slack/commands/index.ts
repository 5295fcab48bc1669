import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { registerSubcommands, type SubcommandHandler } from './command-router';
import { commandHelpMessage } from '../../../blocks/help';
import { wording } from '../../content/wording';

/** The slash commands the app answers; `manifest.yml` declares exactly these (a test keeps them in step). */
export const SLASH_COMMANDS = ['/mentoring', '/mentor', '/mentee', '/goals', '/checkin'] as const;

export function registerCommands(app: App, deps: SlackDeps): void {
  registerSubcommands(app, '/mentoring', { admin: staffAdmin }, deps);
  registerSubcommands(app, '/mentor', {}, deps);
  registerSubcommands(app, '/mentee', {}, deps);
  registerSubcommands(app, '/goals', {}, deps);
  registerSubcommands(app, '/checkin', {}, deps);
}

/** `/mentoring admin ...`: staff only, checked here on the server for every sub-command. */
const staffAdmin: SubcommandHandler = async (context) => {
  if (!(await context.deps.staff.isStaff(context.userId))) {
    await context.reply(wording.errors.staffOnly);
    return;
  }
  const [sub] = context.args;
  const unknown = sub === undefined || sub.toLowerCase() === 'help' ? undefined : context.argText;
  await context.reply(commandHelpMessage(context.deps.program, '/mentoring admin', unknown));
};
