import { homeDay, homeView, menteeHomeBlocks, mentorHomeBlocks } from '../../blocks/home';
import type { ProgramSettings } from '../../src/content/wording';
import type { HomeGoal, HomeRelationship } from '../../src/domain/home';
import { homeHints } from '../../src/slack/commands/command-table';
import { checkView } from '../support/block-kit-rules';
import { unescapedInjections } from '../support/mrkdwn-safety';

const EVIL = '<!channel> <!here> <@U0BOSS|boss> <http://evil.example|Reset> & co';
const program: ProgramSettings = { name: 'Alumni Mentoring Program', contact: 'mentoring@example.edu' };
const hints = homeHints(program);

const goals: HomeGoal[] = [
  { title: 'Land a summer internship', completeBy: '2026-08-14', status: 'on_track', ratedOn: '2026-04-14' },
  { title: 'Grow my network', completeBy: '2027-01-29', status: 'at_risk', ratedOn: '2026-04-14' },
  { title: 'Finish my portfolio', completeBy: '2026-07-31' },
];
const relationship = (over: Partial<HomeRelationship> = {}): HomeRelationship => ({
  partnerId: 'UMENTOR',
  partnerName: 'Alice',
  status: 'stage3',
  goals: goals.length,
  formalEndDate: '2027-01-29',
  nextCheckIn: '2026-05-15',
  lateCheckIns: [],
  lastMeeting: '2026-04-02',
  goalProgress: goals,
  today: '2026-04-20',
  ...over,
});
const textOf = (blocks: unknown) => JSON.stringify(blocks);

describe('App Home days', () => {
  it.each([
    ['2026-05-15', '2026-04-20', 'Fri, May 15'],
    ['2027-01-29', '2026-04-20', 'Fri, Jan 29, 2027'],
    ['2026-05-15', undefined, 'Fri, May 15, 2026'],
    ['<!channel>', '2026-04-20', '&lt;!channel&gt;'],
  ])('%s read on %s is %s', (day, today, shown) => {
    expect(homeDay(day, today)).toBe(shown);
  });
});

describe('the mentee’s part of App Home', () => {
  it('each goal with its latest status, its words, its dates; the next check-in and the last meeting', () => {
    const text = textOf(menteeHomeBlocks([relationship()], hints));
    expect(text).toContain(
      ':large_green_circle: *On track* · Land a summer internship · complete by Fri, Aug 14',
    );
    expect(text).toContain('_checked in Tue, Apr 14_');
    expect(text).toContain(
      ':large_orange_circle: *At risk* · Grow my network · complete by Fri, Jan 29, 2027',
    );
    expect(text).toContain('_not checked in yet_ · Finish my portfolio');
    expect(text).toContain('next check-in Fri, May 15');
    expect(text).toContain('last met Thu, Apr 2');
    expect(text).toContain('formal end Fri, Jan 29, 2027');
  });

  it('in a goal stage with no goals yet: how to write them; before that stage, nothing about it', () => {
    const none = { goals: 0, goalProgress: [], formalEndDate: undefined, nextCheckIn: undefined };
    expect(textOf(menteeHomeBlocks([relationship({ ...none, status: 'stage2' })], hints))).toContain(
      'Write your 1 to 3 SMART goals with `/goals`',
    );
    const stage1 = textOf(
      menteeHomeBlocks([relationship({ ...none, status: 'stage1', lastMeeting: undefined })], hints),
    );
    expect(stage1).toContain('no goals written yet');
    expect(stage1).toContain('no meeting logged yet');
    expect(stage1).not.toContain('Write your');
  });

  it('what the mentee wrote is escaped and cut, so nothing typed becomes a mention or a link', () => {
    const view = homeView(
      program,
      {
        asMentee: [
          relationship({
            partnerName: EVIL,
            goalProgress: [{ title: EVIL.repeat(30), completeBy: '2026-08-14', status: 'done' }],
          }),
        ],
      },
      hints,
    );
    expect(unescapedInjections(view)).toEqual([]);
    expect(checkView(view, 'home')).toEqual([]);
    expect(textOf(view)).toContain('…');
  });

  it('many goals and many mentors: the first ones listed, the rest counted, inside every Block Kit limit', () => {
    const many = Array.from({ length: 40 }, (_, n): HomeGoal => ({
      title: `${'&'.repeat(480)} ${n}`,
      completeBy: '2026-08-14',
      status: 'at_risk',
      ratedOn: '2026-04-14',
    }));
    const relationships = Array.from({ length: 30 }, (_, n) =>
      relationship({
        partnerId: `UMENTOR${n}`,
        partnerName: 'N'.repeat(500),
        goals: 40,
        goalProgress: many,
        lateCheckIns: Array(50).fill('2026-04-01'),
      }),
    );
    const view = homeView(program, { asMentee: relationships }, hints);
    expect(checkView(view, 'home')).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = textOf(view);
    expect(text).toContain('…and 35 more goals: `/goals` shows them all.');
    expect(text).toContain('…and 27 more.');
  });
});

describe('the mentor’s part of App Home', () => {
  const mentor = (relationships: HomeRelationship[]) => ({
    relationships,
    open: relationships.length,
    capacity: 3,
    listed: true,
  });

  it('each mentee with how many goals have each status, never the goals’ words, and the last meeting', () => {
    const withoutWords = goals.map(({ title: _title, ...goal }) => goal);
    const text = textOf(
      mentorHomeBlocks(
        mentor([
          relationship({ partnerId: 'UMENTEE', goalProgress: withoutWords }),
          relationship({
            partnerId: 'UOTHER',
            goals: 0,
            goalProgress: [],
            lastMeeting: undefined,
            nextCheckIn: undefined,
          }),
        ]),
        hints,
      ),
    );
    expect(text).toContain('3 goals: 1 at risk, 1 on track, 1 not checked in yet');
    expect(text).toContain('last met Thu, Apr 2');
    expect(text).toContain('next check-in Fri, May 15');
    expect(text).not.toContain('internship');
    expect(text).toContain('no goals written yet');
    expect(text).toContain('no meeting logged yet');
  });

  it('no mentees yet: the seats and how students find them', () => {
    const text = textOf(mentorHomeBlocks(mentor([]), hints));
    expect(text).toContain('0 of 3 seats taken');
    expect(text).toContain('No mentees yet');
  });

  it('a mentor who is also a mentee, with many of each: one view inside 100 blocks', () => {
    const many = Array.from({ length: 60 }, (_, n) =>
      relationship({ partnerId: `UMENTEE${n}`, partnerName: EVIL }),
    );
    const view = homeView(
      program,
      {
        asMentee: many.slice(0, 10),
        asMentor: mentor(many),
        staff: {
          week: '2026-W10',
          asOf: 'Mon, Mar 2',
          atRisk: 4,
          newApplications: 3,
          waitingApplications: 3,
          oldestWaitingDays: 9,
          waitingRequests: 2,
          endingSoon: 1,
          endingWithinDays: 14,
          stages: { stage3: 60 },
        },
      },
      hints,
    );
    expect(checkView(view, 'home')).toEqual([]);
    expect(unescapedInjections(view)).toEqual([]);
    expect(textOf(view)).toContain('…and 45 more. `/mentor mentees` lists them all.');
  });
});
