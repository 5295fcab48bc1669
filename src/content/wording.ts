/**
 * Everything the bot says, in one place, so another program can re-word it without touching code.
 * Texts that name the program or its office take them from configuration (`ProgramSettings`).
 * Written for this bot from the program's mentoring guide; keep the guide's facts, use our own words.
 */

export interface ProgramSettings {
  readonly name: string;
  readonly contact: string;
  readonly evaluationFormUrl?: string | undefined;
}

export interface CommandHelp {
  readonly command: string;
  readonly summary: string;
  readonly usages: readonly { readonly usage: string; readonly does: string }[];
}

export function commandHelp(program: ProgramSettings): Record<string, CommandHelp> {
  return {
    '/mentoring': {
      command: '/mentoring',
      summary: `Your place in the ${program.name}: where your mentoring relationship stands and what comes next.`,
      usages: [
        { usage: '/mentoring status', does: 'Your relationships, their stage and your next check-in.' },
        { usage: '/mentoring stage', does: 'What your current stage is for and what comes next.' },
        { usage: '/mentoring end', does: 'End a mentoring relationship early, with a reason.' },
        {
          usage: '/mentoring pause <weeks>',
          does: 'Pause the bot’s prompts for your pair; `resume` starts them again.',
        },
        {
          usage: '/mentoring admin help',
          does: 'Program staff only: reviews, matching, reports and exports.',
        },
      ],
    },
    '/mentoring admin': {
      command: '/mentoring admin',
      summary: `Program staff tools for the ${program.name}. Available to members of the staff channel.`,
      usages: [
        {
          usage: '/mentoring admin match @mentee @mentor',
          does: 'Ask a mentor to take a mentee, on staff’s behalf.',
        },
        {
          usage: '/mentoring admin suggest',
          does: 'Unmatched approved mentees with their three best mentors.',
        },
        { usage: '/mentoring admin pending', does: 'Applications waiting for a decision.' },
      ],
    },
    '/mentor': {
      command: '/mentor',
      summary: 'For alumni who mentor students.',
      usages: [
        { usage: '/mentor apply', does: 'Apply to mentor (or edit an application that is still waiting).' },
        { usage: '/mentor capacity <1-5>', does: 'How many mentees you can take at once.' },
        { usage: '/mentor list', does: 'Show yourself in the mentoring directory.' },
        {
          usage: '/mentor unlist',
          does: 'Hide yourself from the directory (your mentees are not affected).',
        },
        { usage: '/mentor fit', does: 'After your first meeting: assess whether you are the right mentor.' },
        { usage: '/mentor mentees', does: 'Your mentees and where each relationship stands.' },
      ],
    },
    '/mentee': {
      command: '/mentee',
      summary: 'For students looking for an alumni mentor.',
      usages: [
        {
          usage: '/mentee apply',
          does: 'Apply to the program (or edit an application that is still waiting).',
        },
        { usage: '/mentee find [words]', does: 'Browse mentors with a free seat, best matches first.' },
        { usage: '/mentee request @mentor', does: 'Ask a mentor from the directory to work with you.' },
      ],
    },
    '/goals': {
      command: '/goals',
      summary: 'SMART goals: Specific, Measurable, Achievable, Relevant and Time-based.',
      usages: [
        {
          usage: '/goals',
          does: 'Mentees: write or edit your 1–3 goals, with actions and three check-in dates.',
        },
        { usage: '/goals @mentee', does: 'Mentors: read a mentee’s goals.' },
      ],
    },
    '/checkin': {
      command: '/checkin',
      summary: 'Report progress on your goals: a status, the evidence, and any support you need.',
      usages: [{ usage: '/checkin', does: 'Open the check-in form for your current goals.' }],
    },
  };
}

export const wording = {
  help: {
    heading: (command: string) => `How to use ${command}`,
    unknownArgument: (command: string, given: string) =>
      `I don’t know \`${command} ${given}\`. Here is what it can do:`,
    footer: (program: ProgramSettings) => `Questions about the program? Contact ${program.contact}.`,
  },
  errors: {
    unexpected: (reference: string) =>
      `Sorry, something went wrong on our side and nothing was changed. If it happens again, tell the program office and quote reference ${reference}.`,
    staffOnly: 'That is for program staff only. If you need something changed, ask in the staff channel.',
  },
};
