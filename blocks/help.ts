import { commandHelp, wording, type ProgramSettings } from '../src/content/wording';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { decodeSlackEntities, escapeMrkdwn, escapeWithin } from './mrkdwn';

/**
 * The short help a command answers with for `help`, an empty argument, or anything it doesn't know.
 * `unknown` is the command text Slack sent (still in Slack's escaped form), echoed back escaped and cut
 * so the person can see the mistake.
 */
export function commandHelpMessage(
  program: ProgramSettings,
  command: string,
  unknown?: string,
): EphemeralAnswer {
  // Usages are written as people type them (`/mentor capacity <1-5>`): escaped, or Slack reads `<1-5>` as a link.
  const help = commandHelp(program)[command];
  if (!help) throw new Error(`no help written for ${command}`);
  const intro = unknown
    ? wording.help.unknownArgument(command, escapeWithin(decodeSlackEntities(unknown), 80))
    : `*${wording.help.heading(command)}*\n${help.summary}`;
  const lines = help.usages.map(({ usage, does }) => `• \`${escapeMrkdwn(usage)}\`: ${does}`).join('\n');
  return ephemeral({
    text: `${intro}\n${lines}`,
    blocks: [section(intro), section(lines), context(wording.help.footer(program))],
  });
}
