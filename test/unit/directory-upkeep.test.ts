import { DateTime } from 'luxon';
import { readStaffDirectoryPage, staffDirectoryPage, unlistModal } from '../../blocks/directory-upkeep';
import { directoryPage } from '../../blocks/directory';
import { ACTIONS, VIEWS } from '../../blocks/ids';
import {
  activityBucket,
  activityWriteDue,
  noSeatLeft,
  STAFF_DIRECTORY_PAGE_SIZE,
  type ActivityBucket,
} from '../../src/domain/directory-upkeep';
import { capacityAnswer } from '../../src/slack/presenters/directory';
import { checkMessageBlocks, checkView } from '../support/block-kit-rules';

const ZONE = 'America/Chicago';

describe('when a mentor was last active, coarsely', () => {
  const now = DateTime.fromISO('2026-03-10T15:00:00Z'); // Tuesday 09:00 in Chicago
  // prettier-ignore
  const cases: [string, string | undefined, ActivityBucket | undefined][] = [
    ['never recorded', undefined, undefined],
    ['a minute ago', '2026-03-10T14:59:00Z', 'this_week'],
    ['late yesterday evening in Chicago (already today in UTC)', '2026-03-10T04:30:00Z', 'this_week'],
    ['6 calendar days ago', '2026-03-04T23:00:00Z', 'this_week'],
    ['7 calendar days ago', '2026-03-03T15:00:00Z', 'this_month'],
    ['30 calendar days ago, across the clocks changing', '2026-02-08T18:00:00Z', 'this_month'],
    ['31 calendar days ago', '2026-02-07T18:00:00Z', 'earlier'],
    ['a year ago', '2025-03-10T15:00:00Z', 'earlier'],
    ['in the future (another copy’s clock)', '2026-03-10T16:00:00Z', 'this_week'],
  ];
  it.each(cases)('%s: %s', (_what, at, bucket) => {
    expect(activityBucket(at ? new Date(at) : undefined, now, ZONE)).toBe(bucket);
  });

  it('counts calendar days in the program’s zone, the same for every mentee', () => {
    const lateSunday = new Date('2026-03-09T04:30:00Z'); // Sunday 23:30 in Chicago, Monday in UTC
    const sixDaysOnInChicago = DateTime.fromISO('2026-03-14T20:00:00Z'); // Saturday
    expect(activityBucket(lateSunday, sixDaysOnInChicago, ZONE)).toBe('this_week');
    expect(activityBucket(lateSunday, DateTime.fromISO('2026-03-15T20:00:00Z'), ZONE)).toBe('this_month');
  });

  it('is written at most once an hour', () => {
    const at = new Date('2026-03-10T15:00:00Z');
    expect(activityWriteDue(undefined, at)).toBe(true);
    expect(activityWriteDue(new Date('2026-03-10T14:00:01Z'), at)).toBe(false);
    expect(activityWriteDue(new Date('2026-03-10T14:00:00Z'), at)).toBe(true);
  });
});

describe('a mentor with no seat left', () => {
  it.each([
    [2, 0, false],
    [2, 1, false],
    [2, 2, true],
    [1, 3, true],
    [undefined, 0, true],
  ] as const)('capacity %s, open %s: no seat left %s', (capacity, openRelationships, full) => {
    expect(noSeatLeft({ capacity, openRelationships })).toBe(full);
  });
});

describe('the staff directory’s Block Kit', () => {
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      userId: `U${String(i).padStart(8, '0')}`,
      listed: i % 2 === 0,
      capacity: 5,
      used: i % 6,
      ...(i % 3 === 0
        ? {}
        : { lastActiveAt: new Date('2026-03-01T12:00:00Z'), lastActive: 'this_month' as const }),
    }));
  const totals = { mentors: 2000, listed: 1000, offered: 10000, used: 4000, listedFull: 3, listedQuiet: 12 };

  it('a full page of 40 stays inside Slack’s limits, with Previous and Next carrying only the page', () => {
    const answer = staffDirectoryPage({
      entries: entries(STAFF_DIRECTORY_PAGE_SIZE),
      totals,
      page: 2,
      pages: 50,
    });
    expect(checkMessageBlocks(answer.blocks)).toEqual([]);
    expect(answer.blocks.length).toBeLessThanOrEqual(8);
    const text = JSON.stringify(answer.blocks);
    expect(text).toContain(
      '2000 approved mentors, 1000 listed (3 with no free seat, 12 not active for a month)',
    );
    expect(text).toContain('<@U00000001> · 1 of 5 seats used · last active this month (<!date^');
    expect(text).toContain('<@U00000000> · 0 of 5 seats used · last active not yet recorded · listed');
    expect(text).toContain('_not listed_');
    const nav = answer.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    expect(nav.elements.map((e) => [e.action_id, e.value])).toEqual([
      [`${ACTIONS.staffDirectoryPage}_prev`, '1'],
      [`${ACTIONS.staffDirectoryPage}_next`, '3'],
    ]);
  });

  it('one page: no buttons; no mentors: says so', () => {
    const one = staffDirectoryPage({ entries: entries(3), totals, page: 1, pages: 1 });
    expect(one.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(staffDirectoryPage({ entries: [], totals, page: 1, pages: 1 }).text).toBe(
      'There are no approved mentors yet.',
    );
  });

  it('reads only a page number back from a button', () => {
    expect(readStaffDirectoryPage('3')).toBe(3);
    for (const value of ['0', '-1', '1e3', '{"page":2}', undefined, '9999999'])
      expect(readStaffDirectoryPage(value)).toBe(1);
  });

  it('the unlist form: a required reason under Slack’s limits, prefilled, the mentor named only as a hint', () => {
    const view = unlistModal('UALICE', '  Away this term  ');
    expect(checkView(view, 'modal')).toEqual([]);
    expect(view.callback_id).toBe(VIEWS.unlistMentor);
    expect(JSON.parse(view.private_metadata ?? '{}')).toEqual({ mentorId: 'UALICE' });
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Away this term"');
    expect(JSON.stringify(unlistModal('UALICE').blocks)).not.toContain('initial_value');
  });
});

describe('the mentee’s directory page', () => {
  it('shows each mentor’s last active bucket beside the free seats, and nothing when unknown', () => {
    const mentor = (userId: string) => ({
      userId,
      displayName: userId,
      occupation: 'Engineer',
      industry: 'Tech',
    });
    const match = (userId: string) => ({
      userId,
      score: 0,
      sharedAcademic: [],
      sharedCareer: [],
      matchedWords: [],
    });
    const page = directoryPage(
      [
        { match: match('UONE'), mentor: mentor('UONE'), freeSeats: 1, lastActive: 'this_week' },
        { match: match('UTWO'), mentor: mentor('UTWO'), freeSeats: 2, lastActive: 'earlier' },
        { match: match('UTHREE'), mentor: mentor('UTHREE'), freeSeats: 3 },
      ],
      [],
      1,
    );
    const text = JSON.stringify(page.blocks);
    expect(text).toContain('1 seat free · active this week');
    expect(text).toContain('2 seats free · last active over a month ago');
    expect(text).toContain('3 seats free_');
  });
});

describe('a mentor lowering their capacity to the relationships open', () => {
  it('is told how many waiting requests went back to their students', () => {
    expect(capacityAnswer({ kind: 'done', value: { capacity: 2, released: 0 } })).toBe(
      'Done: you can now mentor up to 2 mentee(s) at once.',
    );
    expect(capacityAnswer({ kind: 'done', value: { capacity: 1, released: 1 } })).toContain(
      'With no seat left, the request waiting on you went back to the student, who was told.',
    );
    expect(capacityAnswer({ kind: 'done', value: { capacity: 1, released: 3 } })).toContain(
      'the 3 requests waiting on you went back to the students, who were told.',
    );
  });
});
