import type { CommandHelp } from '../../../blocks/help';
import type { HomeHints } from '../../../blocks/home';
import { commandWording, type CommandWordings, type ProgramSettings } from '../../content/wording';
import type { SubcommandHandler } from './command-router';
import { openCheckIn } from './check-in-commands';
import { findMentors, openApplication, requestMentor, setCapacity } from './enrollment-commands';
import { listDirectory, relistMentor, setOwnListing, unlistMentor } from './directory-upkeep-commands';
import { openGoals, readGoalsOf } from './goal-commands';
import {
  endRelationship,
  listMentees,
  openAgreements,
  openFitAssessment,
  pausePrompts,
  resumePrompts,
  showStage,
} from './lifecycle-commands';
import {
  exportPerson,
  exportRecords,
  findMatches,
  forgetPerson,
  listPending,
  matchOnBehalf,
  programReport,
} from './admin-commands';
import { listAtRisk } from './at-risk-commands';
import { logMeeting } from './meeting-commands';

/**
 * Who a sub-command is for. The router checks `staff` itself (once per request, before the handler runs);
 * the others are checked by the services, which answer someone else with their own short refusal.
 * `pair`: either person of a mentoring relationship. The tour test sends each usage from such a person.
 */
export type Audience = 'anyone' | 'mentor' | 'mentee' | 'pair' | 'staff';

/** A command the table describes: the slash commands and `/mentoring admin` (reached through `/mentoring`). */
export type CommandName = keyof CommandWordings;

export interface SubcommandSpec {
  /** The first word after the command; `''` for the command on its own (or with only arguments). */
  readonly name: string;
  /**
   * What follows the name, as the help shows it (`<1-5>`, `@mentee @mentor`, `[@partner]`). With `name: ''`,
   * a first word that is no sub-command's name starts these arguments (`/goals @mentee`).
   */
  readonly args?: string;
  readonly who: Audience;
  /** The help line, from the program's wording. */
  readonly help: (wording: CommandWordings) => string;
  /** What runs: a handler, or another table entry whose sub-command is the next word. */
  readonly run: SubcommandHandler | { readonly nested: CommandName };
}

export interface CommandSpec {
  readonly command: CommandName;
  /** A slash command of its own (declared in manifest.yml), or only reached through another command. */
  readonly slash: boolean;
  readonly subcommands: readonly SubcommandSpec[];
}

/**
 * Every command and sub-command the app answers. The router, every help text, App Home's hints and the
 * manifest test are built from this table; a sub-command exists when, and only when, it is listed here.
 * `help` (and a command with nothing after it, unless it has an entry of its own) answers with the help.
 */
export const COMMAND_TABLE = [
  {
    command: '/mentoring',
    slash: true,
    subcommands: [
      { name: 'status', who: 'pair', help: (w) => w['/mentoring'].does.status, run: showStage },
      { name: 'stage', who: 'pair', help: (w) => w['/mentoring'].does.stage, run: showStage },
      { name: 'agreements', who: 'pair', help: (w) => w['/mentoring'].does.agreements, run: openAgreements },
      {
        name: 'pause',
        args: '<weeks> [@partner]',
        who: 'pair',
        help: (w) => w['/mentoring'].does.pause,
        run: pausePrompts,
      },
      {
        name: 'resume',
        args: '[@partner]',
        who: 'pair',
        help: (w) => w['/mentoring'].does.resume,
        run: resumePrompts,
      },
      { name: 'end', who: 'pair', help: (w) => w['/mentoring'].does.end, run: endRelationship },
      {
        name: 'met',
        args: '[date] [@partner]',
        who: 'pair',
        help: (w) => w['/mentoring'].does.met,
        run: logMeeting,
      },
      {
        name: 'admin',
        who: 'staff',
        help: (w) => w['/mentoring'].does.admin,
        run: { nested: '/mentoring admin' },
      },
    ],
  },
  {
    command: '/mentoring admin',
    slash: false,
    subcommands: [
      { name: 'pending', who: 'staff', help: (w) => w['/mentoring admin'].does.pending, run: listPending },
      {
        name: 'match',
        args: '@mentee @mentor',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does.match,
        run: matchOnBehalf,
      },
      { name: 'suggest', who: 'staff', help: (w) => w['/mentoring admin'].does.suggest, run: findMatches },
      // Program health and exports: counts, dates and statuses only.
      {
        name: 'report',
        args: '[term]',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does.report,
        run: programReport,
      },
      { name: 'export', who: 'staff', help: (w) => w['/mentoring admin'].does.export, run: exportRecords },
      // Running the program: relationships at risk.
      {
        name: 'at-risk',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does['at-risk'],
        run: listAtRisk,
      },
      // Data requests: one person's own data, and its erasure.
      {
        name: 'export-user',
        args: '@person',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does['export-user'],
        run: exportPerson,
      },
      {
        name: 'forget',
        args: '@person',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does.forget,
        run: forgetPerson,
      },
      // Keeping the directory current.
      {
        name: 'directory',
        args: '[page]',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does.directory,
        run: listDirectory,
      },
      {
        name: 'relist',
        args: '@mentor',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does.relist,
        run: relistMentor,
      },
      {
        name: 'unlist',
        args: '@mentor [reason]',
        who: 'staff',
        help: (w) => w['/mentoring admin'].does.unlist,
        run: unlistMentor,
      },
    ],
  },
  {
    command: '/mentor',
    slash: true,
    subcommands: [
      { name: 'apply', who: 'anyone', help: (w) => w['/mentor'].does.apply, run: openApplication('mentor') },
      {
        name: 'capacity',
        args: '<1-5>',
        who: 'mentor',
        help: (w) => w['/mentor'].does.capacity,
        run: setCapacity,
      },
      { name: 'list', who: 'mentor', help: (w) => w['/mentor'].does.list, run: setOwnListing(true) },
      { name: 'unlist', who: 'mentor', help: (w) => w['/mentor'].does.unlist, run: setOwnListing(false) },
      { name: 'fit', who: 'mentor', help: (w) => w['/mentor'].does.fit, run: openFitAssessment },
      { name: 'mentees', who: 'mentor', help: (w) => w['/mentor'].does.mentees, run: listMentees },
    ],
  },
  {
    command: '/mentee',
    slash: true,
    subcommands: [
      { name: 'apply', who: 'anyone', help: (w) => w['/mentee'].does.apply, run: openApplication('mentee') },
      { name: 'find', args: '[words]', who: 'mentee', help: (w) => w['/mentee'].does.find, run: findMentors },
      {
        name: 'request',
        args: '@mentor',
        who: 'mentee',
        help: (w) => w['/mentee'].does.request,
        run: requestMentor,
      },
    ],
  },
  {
    command: '/goals',
    slash: true,
    subcommands: [
      { name: '', who: 'mentee', help: (w) => w['/goals'].does.write, run: openGoals },
      { name: '', args: '@mentee', who: 'mentor', help: (w) => w['/goals'].does.read, run: readGoalsOf },
    ],
  },
  {
    command: '/checkin',
    slash: true,
    subcommands: [{ name: '', who: 'pair', help: (w) => w['/checkin'].does.open, run: openCheckIn }],
  },
] as const satisfies readonly CommandSpec[];

/** The slash commands the app answers; `manifest.yml` declares exactly these (a test keeps them in step). */
export const SLASH_COMMANDS = COMMAND_TABLE.filter((spec) => spec.slash).map((spec) => spec.command);

export function commandSpec(command: string): CommandSpec {
  const spec = (COMMAND_TABLE as readonly CommandSpec[]).find((entry) => entry.command === command);
  if (!spec) throw new Error(`${command} is not in the command table`);
  return spec;
}

/** A sub-command as people type it: `/mentor capacity <1-5>`, `/goals @mentee`, `/checkin`. */
export function usageOf(command: string, subcommand: Pick<SubcommandSpec, 'name' | 'args'>): string {
  return [command, subcommand.name, subcommand.args].filter(Boolean).join(' ');
}

/** The usage of one named sub-command; throws for one the table doesn't have, so nothing unbuilt is shown. */
export function usageOfNamed(command: CommandName, name: string): string {
  const subcommand = commandSpec(command).subcommands.find((entry) => entry.name === name);
  if (!subcommand) throw new Error(`${command} ${name} is not in the command table`);
  return usageOf(command, subcommand);
}

/** The help a command answers with: its summary and one line per sub-command in the table. */
export function helpFor(program: ProgramSettings, command: string): CommandHelp {
  const spec = commandSpec(command);
  const wording = commandWording(program);
  return {
    command: spec.command,
    summary: wording[spec.command].summary,
    usages: spec.subcommands.map((subcommand) => ({
      usage: usageOf(spec.command, subcommand),
      does: subcommand.help(wording),
    })),
  };
}

/** What App Home points people to: the commands to start with, and the one that lists all of a mentor's mentees. */
export function homeHints(program: ProgramSettings): HomeHints {
  const wording = commandWording(program);
  return {
    start: (['/mentor', '/mentee', '/mentoring'] as const).map((command) => ({
      command: commandSpec(command).command,
      summary: wording[command].summary,
    })),
    listMentees: usageOfNamed('/mentor', 'mentees'),
    goals: usageOfNamed('/goals', ''),
    // The staff part: every `/mentoring admin` sub-command with its help line.
    staffCommands: commandSpec('/mentoring admin').subcommands.map((subcommand) => ({
      usage: usageOf('/mentoring admin', subcommand),
      summary: subcommand.help(wording),
    })),
  };
}
