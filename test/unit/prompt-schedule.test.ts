import { DateTime } from 'luxon';
import { planPrompts, tipTimes, type ScheduleFacts } from '../../src/domain/prompt-schedule';

const facts = (over: Partial<ScheduleFacts>): ScheduleFacts => ({
  relationshipId: 'r1',
  status: 'stage1',
  stageStarts: {},
  hasGoalForm: false,
  checkInDates: [],
  answeredCheckIns: [],
  menteeZone: 'America/Chicago',
  mentorZone: 'America/Chicago',
  ...over,
});
const keys = (f: ScheduleFacts) =>
  planPrompts(f)
    .filter((p) => p.kind !== 'mentor_tip')
    .map((p) => `${p.kind}:${p.occurrence}`);

describe('the prompt schedule', () => {
  const start = new Date('2026-03-02T15:00:00Z');

  it('has nothing for a request, a decline or a relationship ended early', () => {
    for (const status of ['requested', 'declined', 'ended_early', 'not_a_fit', 'lapsed'] as const)
      expect(planPrompts(facts({ status, stageStarts: { stage1: start } }))).toEqual([]);
  });

  it('stage 1: the agenda at once, the second-meeting questions a week on, the quiet nudge after 21 days', () => {
    const plan = planPrompts(facts({ stageStarts: { stage1: start } }));
    const byKind = Object.fromEntries(plan.map((p) => [p.kind, p]));
    expect(byKind.first_meeting_agenda).toMatchObject({ window: 'now', audience: 'pair' });
    expect(byKind.second_meeting_questions?.notBefore.toISO()).toBe('2026-03-09T15:00:00.000Z');
    expect(byKind.quiet_relationship).toMatchObject({ occurrence: '2026-03-02', audience: 'mentor' });
  });

  it('stage 2: the invitation and reminders on days 10 and 14, none once the form exists', () => {
    const stage2 = facts({ status: 'stage2', stageStarts: { stage1: start, stage2: start } });
    expect(keys(stage2)).toEqual([
      'goal_form_invitation:once',
      'goal_form_reminder:day10',
      'goal_form_reminder:day14',
      'quiet_relationship:2026-03-02',
    ]);
    expect(keys({ ...stage2, hasGoalForm: true })).toEqual(['quiet_relationship:2026-03-02']);
  });

  it('a nudge and an overdue reminder for each unanswered check-in date, from the start of that day in the mentee’s zone', () => {
    const plan = planPrompts(
      facts({
        status: 'stage3',
        stageStarts: { stage3: start },
        checkInDates: ['2026-04-15', '2026-05-15'],
        answeredCheckIns: ['2026-05-15'],
        menteeZone: 'Asia/Tokyo',
      }),
    ).filter((p) => p.kind.startsWith('check_in'));
    expect(plan.map((p) => [p.kind, p.notBefore.toISO()])).toEqual([
      ['check_in_nudge', '2026-04-15T00:00:00.000+09:00'],
      ['check_in_overdue', '2026-04-18T00:00:00.000+09:00'],
    ]);
  });

  it('drops whatever falls inside a pause', () => {
    const paused = facts({
      status: 'stage3',
      stageStarts: { stage3: start },
      checkInDates: ['2026-03-10', '2026-04-15'],
      pausedAt: new Date('2026-03-05T00:00:00Z'),
      pausedUntil: new Date('2026-04-02T00:00:00Z'),
    });
    expect(keys(paused).filter((k) => k.startsWith('check_in'))).toEqual([
      'check_in_nudge:2026-04-15',
      'check_in_overdue:2026-04-15',
    ]);
  });

  describe('a pause holds exactly the prompts that would reach the pair inside it', () => {
    const CHICAGO = 'America/Chicago';
    /** A local wall-clock time as a Date. */
    const local = (iso: string, zone = CHICAGO) => DateTime.fromISO(iso, { zone }).toJSDate();
    // Tuesday 10 March 2026 is a check-in day; its nudge is due at 10:00 (CDT, 15:00 UTC), its overdue
    // reminder on Friday the 13th at 10:00.
    const checkInDay = (pausedAt: Date, pausedUntil: Date, zones = { mentee: CHICAGO, mentor: CHICAGO }) =>
      planPrompts(
        facts({
          status: 'stage3',
          stageStarts: { stage3: start },
          checkInDates: ['2026-03-10'],
          pausedAt,
          pausedUntil,
          menteeZone: zones.mentee,
          mentorZone: zones.mentor,
        }),
      )
        .filter((p) => p.kind.startsWith('check_in'))
        .map((p) => `${p.kind} ${p.deliverAt.toISO()}`);

    it.each([
      [
        'a 2-week pause from 08:00 on a check-in day holds that day’s 10:00 nudge and its reminder',
        local('2026-03-10T08:00'),
        local('2026-03-24T08:00'),
        [],
      ],
      [
        'a pause ending at 08:00 on a check-in day lets that day’s 10:00 nudge through',
        local('2026-02-24T08:00'),
        local('2026-03-10T08:00'),
        ['check_in_nudge 2026-03-10T15:00:00.000Z', 'check_in_overdue 2026-03-13T15:00:00.000Z'],
      ],
      [
        'a pause ending at 10:00 exactly: the nudge is due as it ends',
        local('2026-02-24T10:00'),
        local('2026-03-10T10:00'),
        ['check_in_nudge 2026-03-10T15:00:00.000Z', 'check_in_overdue 2026-03-13T15:00:00.000Z'],
      ],
      [
        'a pause ending at 11:00 on a check-in day holds its 10:00 nudge, not the reminder after it',
        local('2026-02-24T11:00'),
        local('2026-03-10T11:00'),
        ['check_in_overdue 2026-03-13T15:00:00.000Z'],
      ],
      [
        'a pause from 11:00 on a check-in day comes after that day’s nudge',
        local('2026-03-10T11:00'),
        local('2026-03-24T11:00'),
        ['check_in_nudge 2026-03-10T15:00:00.000Z'],
      ],
    ])('%s', (_name, pausedAt, pausedUntil, expected) => {
      expect(checkInDay(pausedAt, pausedUntil)).toEqual(expected);
    });

    it('judges by the pair’s own hour: a London mentee and a Chicago mentor meet at 14:00 in London (09:00 in Chicago), after a pause ending at 13:00 there', () => {
      const zones = { mentee: 'Europe/London', mentor: CHICAGO };
      expect(
        checkInDay(
          local('2026-02-24T12:00', 'Europe/London'),
          local('2026-03-10T12:00', 'Europe/London'),
          zones,
        ),
      ).toEqual(['check_in_nudge 2026-03-10T14:00:00.000Z', 'check_in_overdue 2026-03-13T14:00:00.000Z']);
    });

    it('a Tokyo mentee’s check-in day starts at midnight in Tokyo, but its nudge comes at 10:00 there, after a pause ending at 09:00', () => {
      const plan = planPrompts(
        facts({
          status: 'stage3',
          stageStarts: { stage3: start },
          checkInDates: ['2026-02-03'],
          pausedAt: local('2026-01-20T09:00', 'Asia/Tokyo'),
          pausedUntil: local('2026-02-03T09:00', 'Asia/Tokyo'),
          menteeZone: 'Asia/Tokyo',
          mentorZone: 'America/New_York',
        }),
      );
      // 10:00 on Tuesday in Tokyo is 20:00 on Monday in New York.
      expect(plan.find((p) => p.kind === 'check_in_nudge')?.deliverAt.toISO()).toBe(
        '2026-02-03T01:00:00.000Z',
      );
    });

    describe('a mentor tip falling on the day a pause starts or ends (stage 1 from 07:00 on 2 March: the first tip is due Monday 6 April at 07:00, delivered at 10:00)', () => {
      const stage1 = local('2026-03-02T06:00'); // CST; 07:00 CDT once the clocks change
      const tip1 = (pausedAt: Date, pausedUntil: Date) =>
        planPrompts(facts({ stageStarts: { stage1 }, pausedAt, pausedUntil }))
          .filter((p) => p.occurrence === 'tip1')
          .map((p) => p.deliverAt.toISO());

      it('the tip’s moment, the earliest it may go, is 07:00 on Monday 6 April', () => {
        expect(tipTimes('r1', DateTime.fromJSDate(stage1), [21, 35])[0]?.at.setZone(CHICAGO).toISO()).toBe(
          '2026-04-06T07:00:00.000-05:00',
        );
      });
      it.each([
        [
          'a pause ending at 08:00 that day: the tip still comes at 10:00',
          local('2026-03-23T08:00'),
          local('2026-04-06T08:00'),
          ['2026-04-06T15:00:00.000Z'],
        ],
        [
          'a pause starting at 08:00 that day: held',
          local('2026-04-06T08:00'),
          local('2026-04-20T08:00'),
          [],
        ],
      ])('%s', (_name, pausedAt, pausedUntil, expected) => {
        expect(tip1(pausedAt, pausedUntil)).toEqual(expected);
      });
    });
  });

  describe('the quiet-relationship nudge: 21 days after the last check-in, activity, stage start or the end of a pause', () => {
    const lastActivityAt = new Date('2026-03-02T15:00:00Z');
    it.each([
      [
        'no pause: 21 days after the last activity',
        undefined,
        undefined,
        '2026-03-02',
        '2026-03-23T15:00:00.000Z',
      ],
      [
        'a 2-week pause: 21 days after it ends, not days after',
        new Date('2026-03-09T15:00:00Z'),
        new Date('2026-03-23T15:00:00Z'),
        '2026-03-23',
        '2026-04-13T15:00:00.000Z',
      ],
      [
        'a pause still under way: 21 days after it is due to end',
        new Date('2026-03-09T15:00:00Z'),
        new Date('2026-04-06T15:00:00Z'),
        '2026-04-06',
        '2026-04-27T15:00:00.000Z',
      ],
      [
        'a pause resumed early (it ends on resuming): 21 days after that',
        new Date('2026-03-09T15:00:00Z'),
        new Date('2026-03-12T15:00:00Z'),
        '2026-03-12',
        '2026-04-02T15:00:00.000Z',
      ],
      [
        'a pause over before the last activity: 21 days after the activity',
        new Date('2026-02-09T15:00:00Z'),
        new Date('2026-02-23T15:00:00Z'),
        '2026-03-02',
        '2026-03-23T15:00:00.000Z',
      ],
    ])('%s', (_name, pausedAt, pausedUntil, occurrence, deliverAt) => {
      const quiet = planPrompts(
        facts({
          status: 'stage3',
          stageStarts: { stage3: new Date('2026-02-02T15:00:00Z') },
          lastActivityAt,
          ...(pausedAt && pausedUntil ? { pausedAt, pausedUntil } : {}),
        }),
      ).filter((p) => p.kind === 'quiet_relationship');
      expect(quiet.map((p) => [p.occurrence, p.deliverAt.toISO()])).toEqual([[occurrence, deliverAt]]);
    });
  });

  describe('whose hour each prompt is delivered in', () => {
    const plan = planPrompts(
      facts({
        status: 'stage3',
        stageStarts: { stage1: new Date('2026-01-05T15:00:00Z'), stage3: new Date('2026-02-02T15:00:00Z') },
        checkInDates: ['2026-02-09'],
        lastActivityAt: new Date('2026-02-02T15:00:00Z'),
        menteeZone: 'America/New_York',
        mentorZone: 'Asia/Tokyo',
      }),
    );
    const first = (kind: string) => plan.find((p) => p.kind === kind);

    it('a pair’s prompt in an hour that suits both: New York mentee, Tokyo mentor, 19:00 and 09:00', () => {
      expect(first('check_in_nudge')).toMatchObject({ zones: ['America/New_York', 'Asia/Tokyo'] });
      expect(first('check_in_nudge')?.deliverAt.toISO()).toBe('2026-02-10T00:00:00.000Z');
    });
    it('the mentor’s own prompts at 10:00 in Tokyo (21 days after the activity is midnight starting Tuesday there)', () => {
      expect(first('quiet_relationship')).toMatchObject({ zones: ['Asia/Tokyo'] });
      expect(first('quiet_relationship')?.deliverAt.setZone('Asia/Tokyo').toFormat('ccc HH:mm')).toBe(
        'Tue 10:00',
      );
    });
  });

  it('completed: the evaluation to each person and the re-list card to staff, at once', () => {
    expect(keys(facts({ status: 'completed', stageStarts: { completed: start } }))).toEqual([
      'evaluation:mentor',
      'evaluation:mentee',
      'relist_card:once',
    ]);
  });

  it('tips come every 21 to 35 days, the same for the same relationship, different for another', () => {
    const from = DateTime.fromJSDate(start);
    const tips = tipTimes('r1', from, [21, 35]);
    let previous: DateTime = from;
    for (const tip of tips) {
      const gap = tip.at.diff(previous, 'days').days;
      expect(gap).toBeGreaterThanOrEqual(21);
      expect(gap).toBeLessThanOrEqual(35);
      previous = tip.at;
    }
    expect(tipTimes('r1', from, [21, 35]).map((t) => t.at.toISO())).toEqual(tips.map((t) => t.at.toISO()));
    expect(tipTimes('r2', from, [21, 35]).map((t) => t.at.toISO())).not.toEqual(
      tips.map((t) => t.at.toISO()),
    );
  });
});
