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
