import { applicationModal, applicationReviewCard } from '../../blocks/application';
import { checkInSummary } from '../../blocks/check-in';
import { directoryPage, pageValue, readPageValue, type DirectoryEntry } from '../../blocks/directory';
import { goalsSummary } from '../../blocks/goal-form';
import { commandHelpMessage } from '../../blocks/help';
import { homeView, menteesMessage } from '../../blocks/home';
import { plainMessage } from '../../blocks/message';
import { escapeWithin, mention } from '../../blocks/mrkdwn';
import { mentorRequestCard } from '../../blocks/requests';
import { applicationWording, lifecycleWording, type ProgramSettings } from '../../src/content/wording';
import { parseSearchWords, SEARCH_LIMITS } from '../../src/domain/matching';
import type { Goal } from '../../src/domain/goal-form';
import type { ProfileRecord } from '../../src/domain/records';
import { helpFor, homeHints } from '../../src/slack/commands/command-table';
import { checkMessageBlocks, checkView } from '../support/block-kit-rules';
import { unescapedInjections } from '../support/mrkdwn-safety';

/** What someone hostile types: every mass mention, a labelled mention, a disguised link, an ampersand. */
const EVIL = '<!channel> <!here> <!everyone> <@U0BOSS|boss> <http://evil.example|Reset> & co';
const program: ProgramSettings = { name: 'Alumni Mentoring Program', contact: 'mentoring@example.edu' };

function profile(overrides: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    userId: 'UMENTOR',
    role: 'mentor',
    displayName: EVIL,
    academicInterests: [EVIL],
    careerInterests: [EVIL],
    otherInterests: EVIL,
    communicationPreferences: ['slack'],
    bio: EVIL.repeat(20),
    occupation: EVIL,
    industry: EVIL,
    capacity: 3,
    openRelationships: 0,
    listed: true,
    approved: true,
    ...overrides,
  };
}

/** No injected sequence and no broken Block Kit limit, whatever was typed. */
function expectSafeMessage(message: { text: string; blocks: unknown[] }) {
  expect(unescapedInjections(message)).toEqual([]);
  expect(checkMessageBlocks(message.blocks)).toEqual([]);
  expect(message.text.length).toBeLessThanOrEqual(40_000);
}

describe('the directory echoes search words as text', () => {
  const words = parseSearchWords('<!channel> <http://evil.example|Reset>');
  const entry: DirectoryEntry = {
    match: { userId: 'UMENTOR', score: 2, sharedAcademic: [], sharedCareer: [], matchedWords: words },
    mentor: profile(),
    freeSeats: 3,
  };

  it('says "no matches" with the words escaped', () => {
    const page = directoryPage([], words, 1);
    expect(page.text).toBe(
      'No mentor with a free seat matches “&lt;!channel&gt; &lt;http://evil.example|reset&gt;” right now. Try fewer or broader words, or `/mentee find` to see everyone with a seat.',
    );
    expectSafeMessage(page);
  });

  it('escapes the words in the heading, the reasons and the names', () => {
    const page = directoryPage(
      Array.from({ length: 9 }, () => entry),
      words,
      1,
    );
    expect(page.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*Mentors with a free seat matching “&lt;!channel&gt; &lt;http://evil.example|reset&gt;”* (page 1 of 2), best matches first',
      },
    });
    expectSafeMessage(page);
  });

  it('carries the words in the paging buttons escaped, and gives back exactly the words searched', () => {
    const page = directoryPage(
      Array.from({ length: 9 }, () => entry),
      words,
      1,
    );
    const next = JSON.stringify(page.blocks).match(/"value":"(\{[^}]*\})"/);
    const value = JSON.parse(`"${next?.[1] ?? ''}"`) as string;
    expect(value).toBe('{"page":2,"words":"&lt;!channel&gt; &lt;http://evil.example|reset&gt;"}');
    expect(readPageValue(value)).toEqual({ page: 2, words: '<!channel> <http://evil.example|reset>' });
    expect(parseSearchWords(readPageValue(value).words)).toEqual(words);
  });

  it('keeps 500 typed words within a section and a button value, and every page searches the same words', () => {
    const typed = Array.from({ length: 500 }, (_, i) => `<!here>&w${i}`).join(' ');
    const used = parseSearchWords(typed);
    expect(used).toHaveLength(SEARCH_LIMITS.words);
    const page = directoryPage(
      Array.from({ length: 20 }, () => entry),
      used,
      2,
    );
    expectSafeMessage(page);
    for (const value of JSON.stringify(page.blocks).match(/"value":"\{[^}]*\}"/g) ?? []) {
      const raw = JSON.parse(value.slice('"value":'.length)) as string;
      expect(raw.length).toBeLessThanOrEqual(2000);
      expect(parseSearchWords(readPageValue(raw).words)).toEqual(used);
    }
    expectSafeMessage(directoryPage([], used, 1));
  });

  it('pageValue keeps whole words within 2,000 characters even past the search limits', () => {
    const long = Array.from({ length: 400 }, () => '<<<<<');
    const value = pageValue(3, long);
    expect(value.length).toBeLessThanOrEqual(2000);
    const { words } = readPageValue(value);
    expect(words.split(' ').every((word) => word === '<<<<<')).toBe(true);
    expect(readPageValue('{"page":{"$ne":1},"words":["x"]}')).toEqual({ page: 1, words: '' });
    expect(readPageValue('not json')).toEqual({ page: 1, words: '' });
  });
});

describe('help echoes what was typed as text', () => {
  it('shows an unknown argument escaped once, as the person typed it', () => {
    // Slack sends "&" and "<" the person typed as entities; mentions and links as control sequences.
    const help = commandHelpMessage(
      program,
      helpFor(program, '/mentor'),
      'R&amp;D &lt;3 <!channel> <http://evil.example|Reset>',
    );
    expect(help.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'I don’t know `/mentor R&amp;D &lt;3 &lt;!channel&gt; &lt;http://evil.example|Reset&gt;`. Here is what it can do:',
      },
    });
    expectSafeMessage(help);
  });

  it('cuts a very long argument', () => {
    const help = commandHelpMessage(program, helpFor(program, '/mentor'), '<!here>'.repeat(2000));
    expectSafeMessage(help);
    expect(help.text.length).toBeLessThan(1500);
  });
});

describe('answers people gave stay text wherever they are shown', () => {
  const goal: Goal = {
    specific: EVIL.repeat(7),
    measurable: EVIL.repeat(7),
    achievable: EVIL,
    relevant: EVIL,
    actions: Array.from({ length: 30 }, () => EVIL),
    completeBy: '2026-09-01',
    checkIns: ['2026-05-01', '2026-06-01', '2026-07-01'],
  };

  it('the staff card for an application', () => {
    const card = applicationReviewCard({
      id: 'app1',
      userId: 'UAPPLICANT',
      role: 'mentor',
      status: 'submitted',
      answers: {
        displayName: EVIL,
        degree: EVIL,
        graduationYear: 2001,
        occupation: EVIL,
        industry: EVIL,
        academicInterests: [EVIL],
        careerInterests: [EVIL],
        otherInterests: EVIL,
        communicationPreferences: ['slack'],
        capacity: 2,
        bio: '&'.repeat(1000),
        confidentialityAcknowledged: true,
      },
      createdAt: new Date('2026-01-01T00:00:00Z'),
    } as Parameters<typeof applicationReviewCard>[0]);
    expectSafeMessage(card);
  });

  it('the application form, prefilled with a Slack profile name longer than the field', () => {
    const modal = applicationModal('mentee', program, ['Law'], { displayName: 'N'.repeat(200) }, false);
    expect(checkView(modal, 'modal')).toEqual([]);
  });

  it('the mentor’s request card', () => {
    const card = mentorRequestCard(
      { id: 'r1', menteeId: 'UMENTEE', mentorId: 'UMENTOR', requestedBy: 'UMENTEE' },
      profile({ userId: 'UMENTEE', role: 'mentee', bio: '<'.repeat(1000) }),
    );
    expectSafeMessage(card);
  });

  it('a check-in with every answer at its longest', () => {
    const summary = checkInSummary(
      'UMENTEE',
      [goal],
      {
        goals: [
          { goalIndex: 0, status: 'on_track', evidence: '<'.repeat(1500), supportNeeded: '&'.repeat(1500) },
        ],
        note: '>'.repeat(2000),
      },
      { date: '2026-05-01', late: false },
    );
    expectSafeMessage(summary);
  });

  it('the goals summary', () => {
    expectSafeMessage(goalsSummary('UMENTEE', [goal, goal, goal], 2));
  });

  it('App Home with a hostile partner name', () => {
    const view = homeView(
      program,
      { asMentee: [{ partnerId: 'UMENTOR', partnerName: EVIL, status: 'stage1', goals: 0 }] },
      homeHints(program),
    );
    expect(unescapedInjections(view)).toEqual([]);
    expect(checkView(view, 'home')).toEqual([]);
  });

  it('/mentor mentees never shows what a mentee wrote, not even their name, and stays inside 50 blocks', () => {
    const relationships = Array.from({ length: 60 }, (_, n) => ({
      partnerId: `UMENTEE${n}`,
      partnerName: EVIL,
      status: 'stage3',
      goals: 3,
      formalEndDate: '2026-08-14',
      nextCheckIn: '2026-05-15',
      lateCheckIns: ['2026-04-15'],
      pausedUntil: '2026-05-01',
    }));
    const answer = menteesMessage({ relationships, open: 60, capacity: 5, listed: true });
    expect(JSON.stringify(answer)).not.toContain('boss');
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(answer)).toContain('and 15 more');
    expectSafeMessage(answer);
  });

  it('a decline reason and an end-early reason, each line quoted', () => {
    const reason = escapeWithin(`${EVIL}\nsecond line`, 2000);
    const declined = plainMessage(applicationWording.declined('mentee', program, reason));
    expect(declined.text).toContain('\n>&lt;!channel&gt;');
    expect(declined.text).toContain('\n>second line\n');
    expectSafeMessage(declined);
    expectSafeMessage(plainMessage(lifecycleWording.end.ended(mention('UMENTEE'), reason)));
  });

  it('a button value forged into a mention stays text', () => {
    expectSafeMessage(plainMessage(`Sent to ${mention('U1> <!channel')}`));
  });
});
