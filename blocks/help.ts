import { commandHelp, wording, type ProgramSettings } from '../src/content/wording';
import { context, ephemeral, section, type EphemeralAnswer } from './message';
import { escapeMrkdwn, truncate } from './mrkdwn';

/**
 * The short help a command answers with for `help`, an empty argument, or anything it doesn't know.
 * `unknown` is what the person typed, echoed back (escaped) so they can see the mistake.
 */
export function commandHelpMessage(
  program: ProgramSettings,
  command: string,
  unknown?: string,
): EphemeralAnswer {
  const help = commandHelp(program)[command];
  if (!help) throw new Error(`no help written for ${command}`);
  const intro = unknown
    ? wording.help.unknownArgument(command, escapeMrkdwn(truncate(unknown, 80)))
    : `*${wording.help.heading(command)}*\n${help.summary}`;
  const lines = help.usages.map(({ usage, does }) => `• \`${usage}\`: ${does}`).join('\n');
  return ephemeral({
    text: `${intro}\n${lines}`,
    blocks: [section(intro), section(lines), context(wording.help.footer(program))],
  });
}
