import { wording } from '../../src/content/wording';
import {
  COMMAND_TABLE,
  SLASH_COMMANDS,
  usageOf,
  type Audience,
  type CommandSpec,
} from '../../src/slack/commands/command-table';
import { enrol, matched, MENTEE_ANSWERS, MENTOR_ANSWERS } from '../support/flows';
import { waitFor } from '../support/wait';
import { seedPair } from '../support/prompt-seeds';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const { alice, bob, dan, staff1 } = PEOPLE;

/** The start of the answer a command gives to words it doesn't know. */
const UNKNOWN = wording.help.unknownArgument('', '').split('`')[0]!;

/** Who sends a usage for each audience: an approved mentor and mentee matched to each other, staff, a newcomer. */
const SENDERS: Record<Audience, string[]> = {
  anyone: [dan.id],
  mentor: [alice.id],
  mentee: [bob.id],
  pair: [alice.id, bob.id],
  staff: [staff1.id],
};

/** What a person types for each argument shape the help shows; a new shape fails the tour until it has one. */
const SAMPLES: Record<string, string> = {
  '<1-5>': '2',
  '<weeks>': '2',
  '[@partner]': '',
  '[words]': 'marketing',
  '[date]': 'today',
  '@mentor': `<@${alice.id}|alice>`,
  '@mentee': `<@${bob.id}|bob>`,
  '[term]': '2026',
  '@person': `<@${bob.id}|bob>`,
  '[page]': '2',
  '[reason]': 'Taking a break this term',
};

/** A usage as the help shows it, with each argument filled in: `['/mentor', 'capacity 2']`. */
function typed(usage: string): [command: string, text: string] {
  const [command = '', ...words] = usage.split(' ');
  const filled = words.map((word) => {
    if (!/^[[<@]/.test(word)) return word;
    const sample = SAMPLES[word];
    if (sample === undefined) throw new Error(`no sample argument for ${word} (in ${usage})`);
    return sample;
  });
  return [command, filled.filter(Boolean).join(' ')];
}

/** The usages a help answer lists, read back from its text (`• \`/mentor capacity &lt;1-5&gt;\`: …`). */
function usagesIn(helpText: string): string[] {
  return [...helpText.matchAll(/^• `([^`]+)`: /gm)].map((match) =>
    match[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
  );
}

const table = COMMAND_TABLE as readonly CommandSpec[];
const tableUsages = table.flatMap((spec) =>
  spec.subcommands.map((entry) => ({ usage: usageOf(spec.command, entry), who: entry.who })),
);

describe('a tour of every usage the help advertises', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    await matched(t, alice.id, bob.id);
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  /** The help each command (and `/mentoring admin`) answers with, as the bot sends it, keyed by command. */
  async function helpAsSent(): Promise<Record<string, string>> {
    const answers: Record<string, string> = {};
    for (const spec of table) {
      // `/mentoring admin` is asked as `/mentoring admin help`, by staff.
      const [slash = '', ...prefix] = spec.command.split(' ');
      const userId = spec.subcommands.every((entry) => entry.who === 'staff') ? staff1.id : alice.id;
      const answer = await t.slack.command(slash, [...prefix, 'help'].join(' '), { userId });
      expect(answer.json?.text).toContain(wording.help.heading(spec.command));
      answers[spec.command] = String(answer.json?.text);
    }
    return answers;
  }

  it('the help lists exactly the usages in the command table, for every command', async () => {
    const sent = await helpAsSent();
    for (const spec of table)
      expect({ [spec.command]: usagesIn(sent[spec.command]!) }).toEqual({
        [spec.command]: spec.subcommands.map((entry) => usageOf(spec.command, entry)),
      });
    expect(SLASH_COMMANDS.length).toBeGreaterThan(0);
  });

  it('no usage the help advertises is answered as unknown, sent by the people it is for', async () => {
    const sent = await helpAsSent();
    const advertised = Object.values(sent).flatMap(usagesIn);
    expect(advertised.length).toBe(tableUsages.length);
    const answeredAsUnknown: string[] = [];
    for (const usage of advertised) {
      const entry = tableUsages.find((candidate) => candidate.usage === usage);
      if (!entry) throw new Error(`the help advertises ${usage}, which the command table doesn't have`);
      const [command, text] = typed(usage);
      for (const userId of SENDERS[entry.who]) {
        const answer = await t.slack.command(command, text, { userId });
        expect(answer.status).toBe(200);
        const said = answer.json ? String(answer.json.text) : '';
        if (said.includes(UNKNOWN)) answeredAsUnknown.push(`${userId}: ${command} ${text}`);
        if (entry.who === 'staff') expect(said).not.toContain(wording.errors.staffOnly);
      }
    }
    expect(answeredAsUnknown).toEqual([]);
  });

  it('a word no command has is still answered as unknown (the tour can fail)', async () => {
    const answer = await t.slack.command('/mentor', 'reports', { userId: alice.id });
    expect(answer.json?.text).toContain(UNKNOWN);
  });

  it('App Home’s welcome names only commands in the table', async () => {
    await t.slack.event({ type: 'app_home_opened', user: dan.id, tab: 'home' });
    await waitFor(() => t.emulator.homeOf(dan.id) !== undefined);
    const home = JSON.stringify(t.emulator.homeOf(dan.id)?.view ?? {});
    const named = [...home.matchAll(/`(\/[a-z]+)`/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const command of named) expect(SLASH_COMMANDS).toContain(command);
  });
});

describe('/mentor mentees', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot(); // Monday 2 March 2026
    await enrol(t, alice.id, 'mentor', MENTOR_ANSWERS);
    await enrol(t, bob.id, 'mentee', MENTEE_ANSWERS);
    await matched(t, alice.id, bob.id);
  }, 60_000);
  afterAll(() => t.stop());
  afterEach(() => expect(t.emulator.violations).toEqual([]));

  it('shows a mentor each mentee with the stage and their seats, privately', async () => {
    const answer = await t.slack.command('/mentor', 'mentees', { userId: alice.id });
    expect(answer.json?.response_type).toBe('ephemeral');
    const text = JSON.stringify(answer.json);
    expect(text).toContain(`<@${bob.id}>`);
    expect(text).toContain('*Introduced*');
    expect(text).toContain('1 of 2 seats taken');
    expect(text).not.toContain('I don’t know');
  });

  it('shows the next and late check-in dates and a pause, never what anyone wrote', async () => {
    const pair = await seedPair(t, {
      status: 'stage3',
      stageStarts: { introduced: '2026-01-05T15:00:00Z', stage1: '2026-01-12T15:00:00Z' },
      goal: { checkIns: ['2026-02-25', '2026-03-16', '2026-04-15'], completeBy: '2026-06-30' },
    });
    const paused = await t.slack.command('/mentoring', 'pause 2', { userId: pair.menteeId });
    expect(paused.json?.text).toContain('paused until');
    const answer = await t.slack.command('/mentor', 'mentees', { userId: pair.mentorId });
    const text = JSON.stringify(answer.json);
    expect(text).toContain(`<@${pair.menteeId}>`);
    expect(text).toContain('Stage 3');
    expect(text).toContain('next check-in 2026-03-16');
    expect(text).toContain('late check-in: 2026-02-25');
    expect(text).toContain('reminders paused until 2026-03-16');
    expect(text).toContain('formal end 2026-06-30');
    // Neither the goal nor the mentee's name as they wrote it.
    expect(text).not.toContain('summer internship');
    expect(text).not.toContain(`Person ${pair.menteeId}`);
  });

  it('answers a mentee, or anyone who isn’t a mentor, kindly and privately', async () => {
    for (const userId of [bob.id, dan.id]) {
      const answer = await t.slack.command('/mentor', 'mentees', { userId });
      expect(answer.json?.response_type).toBe('ephemeral');
      expect(answer.json?.text).toContain('This is for approved mentors');
      expect(answer.json?.text).not.toContain('I don’t know');
    }
  });
});
