import type { HomeView } from '@slack/types';
import { commandHelp, type ProgramSettings } from '../src/content/wording';
import { context, section } from './message';

/** The App Home someone sees before they have a role in the program: what the bot is and how to start. */
export function welcomeHome(program: ProgramSettings): HomeView {
  const help = commandHelp(program);
  const start = ['/mentor', '/mentee', '/mentoring']
    .map((command) => help[command])
    .filter((entry) => entry !== undefined)
    .map((entry) => `• \`${entry.command}\`: ${entry.summary}`)
    .join('\n');
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: program.name.slice(0, 150) } },
      section(
        'Alumni mentors and student mentees meet here: apply, find a match, set SMART goals and check in, with reminders at the right moments.',
      ),
      section(`*Getting started*\n${start}`),
      context(`Questions? Contact ${program.contact}.`),
    ],
  };
}
