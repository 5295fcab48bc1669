import type { ApplicationRecord, ProfileRecord } from '../../src/domain/records';
import type { MatchSuggestion } from '../../src/services/directory';
import { pendingAnswer, suggestionsAnswer } from '../../src/slack/presenters/staff';
import { checkMessageBlocks } from '../support/block-kit-rules';

const application = (n: number) =>
  ({
    id: `a${n}`,
    userId: `UAPP${n}`,
    role: n % 2 ? 'mentor' : 'mentee',
    createdAt: new Date('2026-03-01T12:00:00Z'),
  }) as ApplicationRecord;

const suggestion = (n: number, mentors = 3): MatchSuggestion => ({
  mentee: { userId: `UMENTEE${n}`, displayName: `Sam <${n}> & co` } as ProfileRecord,
  top: Array.from({ length: mentors }, (_, m) => ({
    mentor: { userId: `UMENTOR${m}` } as ProfileRecord,
    match: {
      userId: `UMENTOR${m}`,
      score: 2,
      sharedAcademic: ['Law'],
      sharedCareer: ['Sales'],
      matchedWords: [],
    },
    freeSeats: 1,
  })),
});

describe('what staff see from /mentoring admin', () => {
  it('pending: nothing waiting is said in words', () => {
    expect(pendingAnswer([])).toBe('No applications are waiting.');
  });

  it('pending: each application with its role and day; past 40 the rest are counted', () => {
    const answer = pendingAnswer(Array.from({ length: 41 }, (_, n) => application(n)));
    if (typeof answer === 'string') throw new Error('expected a message');
    expect(checkMessageBlocks(answer.blocks)).toEqual([]);
    expect(answer.text).toContain('(41)');
    expect(answer.text).toContain('<@UAPP0>, mentee, since');
    expect(answer.text).not.toContain('<@UAPP40>');
    expect(answer.text).toContain('…and 1 more.');
  });

  it('suggest: none unmatched is said in words', () => {
    expect(suggestionsAnswer([])).toBe(
      'Every approved mentee has a request or a mentor. Nothing to suggest.',
    );
  });

  it('suggest: each mentee (name escaped) with their mentors and shared interests, within 50 blocks', () => {
    const answer = suggestionsAnswer([
      suggestion(0),
      suggestion(1, 0),
      ...Array.from({ length: 58 }, (_, n) => suggestion(n + 2)),
    ]);
    if (typeof answer === 'string') throw new Error('expected a message');
    expect(checkMessageBlocks(answer.blocks)).toEqual([]);
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain('*Sam &lt;0&gt; &amp; co* (<@UMENTEE0>): <@UMENTOR0> (2 shared)');
    expect(text).toContain('(<@UMENTEE1>): no mentor with a free seat');
    expect(text).toContain('…and 15 more.');
  });
});
