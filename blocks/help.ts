import { wording, type ProgramSettings } from '../src/content/wording';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { decodeSlackEntities, escapeMrkdwn, escapeWithin } from './mrkdwn';

/** A command's help as the command table gives it: its summary and a line per usage. */
export interface CommandHelp {
  readonly command: string;
  readonly summary: string;
  readonly usages: readonly { readonly usage: string; readonly does: string }[];
}

/**
 * The short help a command answers with for `help`, an empty argument, or anything it doesn't know.
 * `unknown` is the command text Slack sent (still in Slack's escaped form), echoed back escaped and cut
 * so the person can see the mistake.
 */
export function commandHelpMessage(
  program: ProgramSettings,
  help: CommandHelp,
  unknown?: string,
): EphemeralAnswer {
  const { command } = help;
  const intro = unknown
    ? wording.help.unknownArgument(command, escapeWithin(decodeSlackEntities(unknown), 80))
    : `*${wording.help.heading(command)}*\n${help.summary}`;
  // Usages are written as people type them (`/mentor capacity <1-5>`): escaped, or Slack reads `<1-5>` as a link.
  const lines = help.usages.map(({ usage, does }) => `• \`${escapeMrkdwn(usage)}\`: ${does}`).join('\n');
  return ephemeral({
    text: `${intro}\n${lines}`,
    blocks: [section(intro), section(lines), context(wording.help.footer(program))],
  });
}
