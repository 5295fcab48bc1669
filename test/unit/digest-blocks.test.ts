import { digestMessage } from '../../blocks/digest';
import { homeView } from '../../blocks/home';
import { staffHomeBlocks } from '../../blocks/staff-home';
import { digestHeadline, type WeeklyDigest } from '../../src/domain/weekly-digest';
import { presentDigest } from '../../src/slack/presenters/digest';
import { checkMessageBlocks, checkView } from '../support/block-kit-rules';

const digest: WeeklyDigest = {
  week: '2026-W11',
  from: '2026-03-02',
  asOf: '2026-03-09',
  newApplications: { mentor: 1, mentee: 0 },
  waitingApplications: {
    count: 1,
    byRole: { mentor: 1, mentee: 0 },
    overAWeek: 0,
    oldest: [{ userId: 'UM1', role: 'mentor', since: '2026-03-06', days: 3 }],
  },
  waitingRequests: { count: 0, overAWeek: 0 },
  atRisk: {
    count: 1,
    handledHidden: 2,
    top: [{ relationshipId: 'r1', mentorId: 'UM2', menteeId: 'US2', status: 'stage2', reasons: ['quiet'] }],
  },
  endingSoon: { count: 0, withinDays: 14, listed: [] },
  stages: { introduced: 0, stage1: 0, stage2: 1, stage3: 0, stage4: 0 },
  retentionErased: { relationships: 0, fields: 0 },
};

describe('the weekly digest’s Block Kit', () => {
  it('the builder: a header, a section per paragraph, the note', () => {
    expect(digestMessage('Weekly digest · 2026-W11', ['*A*: 1', '*B*: 2'], 'Counts only.')).toEqual({
      text: 'Weekly digest · 2026-W11\n*A*: 1\n*B*: 2',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Weekly digest · 2026-W11' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*A*: 1' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*B*: 2' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Counts only.' }] },
      ],
    });
  });

  it('the digest as posted: every figure in order, people as mentions; no retention line while nothing was erased', () => {
    const message = presentDigest(digest);
    expect(checkMessageBlocks(message.blocks)).toEqual([]);
    expect(message.text.split('\n')).toEqual([
      'Weekly digest · 2026-W11',
      'The week from 2026-03-02 to 2026-03-09.',
      '*New applications* this week: 1 mentor, 0 mentees',
      '*Applications waiting for review*: 1 (1 mentor, 0 mentees), 0 waiting a week or more',
      '• <@UM1> (mentor) since 2026-03-06, 3 days',
      '*Mentor requests waiting for an answer*: none',
      '*Relationships at risk*: 1 (and 2 marked handled); the most urgent:',
      '• <@UM2> and <@US2> · stage 2 · quiet',
      '`/mentoring admin at-risk` lists them all, with their reasons and dates.',
      '*Ending in the next 14 days*: none',
      '*Open relationships by stage*: introduced 0 · stage 1 0 · stage 2 1 · stage 3 0 · stage 4 0',
    ]);
    expect(presentDigest({ ...digest, retentionErased: { relationships: 2, fields: 11 } }).text).toContain(
      '*Erased by the retention rule* this week: the free text of 2 ended relationships (11 fields)',
    );
  });

  it('the staff part of App Home: the at-risk count, the headline figures, the commands', () => {
    const blocks = staffHomeBlocks(digestHeadline(digest), [
      { usage: '/mentoring admin at-risk', summary: 'Relationships that may need the office.' },
    ]);
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Program dashboard' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: ':warning: *1* relationship at risk (`/mentoring admin at-risk`)' },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [
            '*This week* (2026-W11, as of 2026-03-09)',
            '*1* new application this week',
            '*1* application waiting for review (the oldest 3 days)',
            '*0* mentor requests waiting for an answer',
            '*0* ending in the next 14 days',
            '*Open relationships by stage*: introduced 0 · stage 1 0 · stage 2 1 · stage 3 0 · stage 4 0',
          ].join('\n'),
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '*Staff commands*\n`/mentoring admin at-risk` Relationships that may need the office.',
          },
        ],
      },
    ]);
    const view = homeView(
      { name: 'Program', contact: 'the office', evaluationFormUrl: undefined },
      { staff: digestHeadline(digest) },
      { start: [], listMentees: '/mentor mentees' },
    );
    expect(checkView(view, 'home')).toEqual([]);
  });
});
