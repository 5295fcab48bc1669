import {
  formalEndDate,
  Goal,
  goalChanges,
  GOAL_FIELD_LIMITS,
  GoalDraft,
  GoalFieldError,
  toGoalDraft,
  validateGoalForm,
} from '../../src/domain/goal-form';
import { goalChangeLines, goalErrorText } from '../../src/slack/presenters/goals';

const rules = { today: '2026-09-01', maxProgramMonths: 9 }; // latest complete-by: 2027-06-01

function draft(over: Partial<GoalDraft> = {}): GoalDraft {
  return {
    specific: '  Land a summer internship in UX research ',
    measurable: 'Apply to 10 roles and get 2 interviews',
    achievable: 'Career services reviews my portfolio; my mentor knows the field',
    relevant: 'I want to work as a UX researcher after graduating',
    actions: '- Update my portfolio\n\n2. Do three informational interviews\n• Apply to 10 roles\n',
    completeBy: '2026-12-15',
    checkIns: ['2026-10-01', '2026-11-01', '2026-12-01'],
    ...over,
  };
}

function codesFor(drafts: GoalDraft[]): GoalFieldError[] {
  const result = validateGoalForm(drafts, rules);
  return result.ok ? [] : result.errors;
}

/** What the student reads under each field: the codes worded by the goals presenter. */
type WordedError = Pick<GoalFieldError, 'goal' | 'field'> & { message: string };
function errorsFor(drafts: GoalDraft[]): WordedError[] {
  return codesFor(drafts).map((error) => ({
    goal: error.goal,
    field: error.field,
    message: goalErrorText(error),
  }));
}

describe('the SMART goal form', () => {
  describe('a complete form', () => {
    it('is accepted and tidied: answers trimmed, one action per line without bullets', () => {
      expect(validateGoalForm([draft()], rules)).toEqual({
        ok: true,
        goals: [
          {
            specific: 'Land a summer internship in UX research',
            measurable: 'Apply to 10 roles and get 2 interviews',
            achievable: 'Career services reviews my portfolio; my mentor knows the field',
            relevant: 'I want to work as a UX researcher after graduating',
            actions: ['Update my portfolio', 'Do three informational interviews', 'Apply to 10 roles'],
            completeBy: '2026-12-15',
            checkIns: ['2026-10-01', '2026-11-01', '2026-12-01'],
          },
        ],
      });
    });

    it.each([
      ['one goal', [draft()]],
      ['three goals', [draft(), draft({ completeBy: '2027-06-01' }), draft({ completeBy: '2026-12-02' })]],
      [
        'answers exactly at their length limit',
        [draft({ specific: 'x'.repeat(500), actions: 'y'.repeat(2000) })],
      ],
      ['a complete-by date on the last day the program allows', [draft({ completeBy: '2027-06-01' })]],
      [
        'a check-in the day after today and one the day before complete-by',
        [draft({ checkIns: ['2026-09-02', '2026-11-01', '2026-12-14'] })],
      ],
    ])('accepts %s', (_name, drafts) => {
      expect(validateGoalForm(drafts, rules).ok).toBe(true);
    });
  });

  describe('what the student is asked to fix', () => {
    it.each<[string, GoalDraft[], WordedError[]]>([
      ['no goals at all', [], [{ goal: 0, field: 'specific', message: 'Add at least one goal.' }]],
      [
        'a fourth goal',
        [draft(), draft(), draft(), draft()],
        [{ goal: 3, field: 'specific', message: 'Keep to 3 goals: remove one.' }],
      ],
      [
        'a blank "specific" answer',
        [draft({ specific: '   ' })],
        [{ goal: 0, field: 'specific', message: 'Say exactly what you want to achieve.' }],
      ],
      [
        'a blank "measurable" answer',
        [draft({ measurable: '' })],
        [{ goal: 0, field: 'measurable', message: 'Say what evidence will show your progress.' }],
      ],
      [
        'a blank "achievable" answer',
        [draft({ achievable: '\n' })],
        [
          {
            goal: 0,
            field: 'achievable',
            message: 'Say why this is reachable in the time and what will help.',
          },
        ],
      ],
      [
        'a blank "relevant" answer',
        [draft({ relevant: '' })],
        [{ goal: 0, field: 'relevant', message: 'Say how this goal serves your long-term aim.' }],
      ],
      [
        'actions that are only blank lines and bullets',
        [draft({ actions: '\n  -  \n\n•\n' })],
        [{ goal: 0, field: 'actions', message: 'List at least one action, one per line.' }],
      ],
      [
        'an answer over its limit',
        [draft({ measurable: 'm'.repeat(GOAL_FIELD_LIMITS.measurable + 1) })],
        [{ goal: 0, field: 'measurable', message: 'Keep this to 500 characters or fewer (it has 501).' }],
      ],
      [
        'actions over their limit',
        [draft({ actions: 'a'.repeat(2001) })],
        [{ goal: 0, field: 'actions', message: 'Keep this to 2000 characters or fewer (it has 2001).' }],
      ],
      [
        'no complete-by date',
        [draft({ completeBy: '' })],
        [{ goal: 0, field: 'completeBy', message: 'Pick a complete-by date.' }],
      ],
      [
        'a complete-by date that does not exist',
        [draft({ completeBy: '2027-02-30' })],
        [{ goal: 0, field: 'completeBy', message: 'Pick a valid date (YYYY-MM-DD).' }],
      ],
      [
        'a complete-by date of today',
        [draft({ completeBy: '2026-09-01', checkIns: ['', '', ''] })],
        [
          { goal: 0, field: 'completeBy', message: 'Pick a date after today.' },
          { goal: 0, field: 'checkIns.0', message: 'Pick a date for this check-in.' },
          { goal: 0, field: 'checkIns.1', message: 'Pick a date for this check-in.' },
          { goal: 0, field: 'checkIns.2', message: 'Pick a date for this check-in.' },
        ],
      ],
      [
        'a complete-by date beyond the program’s length',
        [draft({ completeBy: '2027-06-02' })],
        [
          {
            goal: 0,
            field: 'completeBy',
            message: 'Pick a date on or before 2027-06-01 (the program runs at most 9 months).',
          },
        ],
      ],
      [
        'a missing check-in',
        [draft({ checkIns: ['2026-10-01', '', '2026-12-01'] })],
        [{ goal: 0, field: 'checkIns.1', message: 'Pick a date for this check-in.' }],
      ],
      [
        'only two check-ins sent',
        [draft({ checkIns: ['2026-10-01', '2026-11-01'] })],
        [{ goal: 0, field: 'checkIns.2', message: 'Pick a date for this check-in.' }],
      ],
      [
        'a check-in today',
        [draft({ checkIns: ['2026-09-01', '2026-11-01', '2026-12-01'] })],
        [{ goal: 0, field: 'checkIns.0', message: 'Pick a date after today.' }],
      ],
      [
        'a check-in on the complete-by date',
        [draft({ checkIns: ['2026-10-01', '2026-11-01', '2026-12-15'] })],
        [{ goal: 0, field: 'checkIns.2', message: 'Pick a date before the complete-by date.' }],
      ],
      [
        'check-ins out of order: only the first offender is flagged',
        [draft({ checkIns: ['2026-11-20', '2026-10-01', '2026-11-01'] })],
        [{ goal: 0, field: 'checkIns.1', message: 'Pick a date after check-in 1.' }],
      ],
      [
        'two check-ins on the same day',
        [draft({ checkIns: ['2026-10-01', '2026-11-01', '2026-11-01'] })],
        [{ goal: 0, field: 'checkIns.2', message: 'Pick a date after check-in 2.' }],
      ],
      [
        'a check-in before an earlier one, with a gap in between',
        [draft({ checkIns: ['2026-11-01', 'soon', '2026-10-01'] })],
        [
          { goal: 0, field: 'checkIns.1', message: 'Pick a valid date (YYYY-MM-DD).' },
          { goal: 0, field: 'checkIns.2', message: 'Pick a date after check-in 1.' },
        ],
      ],
      [
        'problems in several goals are all reported, goal by goal',
        [draft({ relevant: '' }), draft(), draft({ specific: '', completeBy: '2026-08-01' })],
        [
          { goal: 0, field: 'relevant', message: 'Say how this goal serves your long-term aim.' },
          { goal: 2, field: 'specific', message: 'Say exactly what you want to achieve.' },
          { goal: 2, field: 'completeBy', message: 'Pick a date after today.' },
        ],
      ],
    ])('%s', (_name, drafts, expected) => {
      expect(errorsFor(drafts)).toEqual(expected);
    });

    it('says why as a code, with the numbers and dates the words need', () => {
      expect(codesFor([draft({ measurable: 'm'.repeat(501), completeBy: '2027-06-02' })])).toEqual([
        { goal: 0, field: 'measurable', code: 'too_long', facts: { limit: 500, length: 501 } },
        { goal: 0, field: 'completeBy', code: 'too_late', facts: { latest: '2027-06-01', months: 9 } },
      ]);
      expect(codesFor([draft({ checkIns: ['2026-11-20', '2026-10-01', '2026-11-01'] })])).toEqual([
        { goal: 0, field: 'checkIns.1', code: 'not_after_previous', facts: { previous: 0 } },
      ]);
      expect(codesFor([]).map((e) => e.code)).toEqual(['no_goals']);
      expect(codesFor([draft({ specific: '', completeBy: '' })]).map((e) => [e.field, e.code])).toEqual([
        ['specific', 'required'],
        ['completeBy', 'required'],
      ]);
    });

    it('gives each field at most one message (Slack shows one per input)', () => {
      const errors = errorsFor([
        draft({ completeBy: '2026-10-15', checkIns: ['2026-08-01', '2026-11-01', '2026-10-20'] }),
      ]);
      expect(errors).toEqual([
        { goal: 0, field: 'checkIns.0', message: 'Pick a date after today.' },
        { goal: 0, field: 'checkIns.1', message: 'Pick a date before the complete-by date.' },
        { goal: 0, field: 'checkIns.2', message: 'Pick a date before the complete-by date.' },
      ]);
    });

    it('reads a malformed submission as empty answers rather than failing', () => {
      const broken = [{ specific: 42, checkIns: 'soon' }] as unknown as GoalDraft[];
      expect(errorsFor(broken).map((e) => e.field)).toEqual([
        'specific',
        'measurable',
        'achievable',
        'relevant',
        'actions',
        'completeBy',
        'checkIns.0',
        'checkIns.1',
        'checkIns.2',
      ]);
    });
  });

  describe('the program length counts calendar months', () => {
    it.each([
      ['2026-01-31', 1, '2026-02-28', true],
      ['2026-01-31', 1, '2026-03-01', false],
      ['2026-12-15', 3, '2027-03-15', true],
      ['2026-12-15', 3, '2027-03-16', false],
    ])('from %s, %s month(s) allows a complete-by of %s: %s', (today, months, completeBy, ok) => {
      const result = validateGoalForm([draft({ completeBy, checkIns: ['', '', ''] })], {
        today,
        maxProgramMonths: months,
      });
      const fields = result.ok ? [] : result.errors.map((e) => e.field);
      expect(fields.includes('completeBy')).toBe(!ok);
    });
  });
});

const goal = (over: Partial<Goal> = {}): Goal => ({
  specific: 'Land an internship',
  measurable: 'Two interviews',
  achievable: 'Portfolio ready',
  relevant: 'UX career',
  actions: ['Update portfolio', 'Apply to 10 roles'],
  completeBy: '2027-03-01',
  checkIns: ['2026-10-01', '2026-11-01', '2026-12-01'],
  ...over,
});

describe('the formal end date', () => {
  it.each([
    [
      'the latest complete-by date among the goals',
      [goal(), goal({ completeBy: '2027-05-10' }), goal({ completeBy: '2026-12-20' })],
      '2027-05-10',
    ],
    ['the only goal’s date', [goal()], '2027-03-01'],
    [
      'a later year beats a later month',
      [goal({ completeBy: '2026-12-31' }), goal({ completeBy: '2027-01-01' })],
      '2027-01-01',
    ],
    ['none without goals', [], undefined],
  ])('is %s', (_name, goals, expected) => {
    expect(formalEndDate(goals)).toBe(expected);
  });
});

describe('telling the mentor what changed in the goals', () => {
  it.each<[string, Goal[], Goal[], string[]]>([
    ['nothing', [goal()], [goal()], []],
    [
      'a complete-by date moved',
      [goal(), goal()],
      [goal(), goal({ completeBy: '2027-04-15' })],
      ['Goal 2: complete-by moved from 2027-03-01 to 2027-04-15'],
    ],
    ['a goal added', [goal()], [goal(), goal(), goal()], ['Goal 2 added', 'Goal 3 added']],
    ['a goal removed', [goal(), goal()], [goal()], ['Goal 2 removed']],
    ['the actions', [goal()], [goal({ actions: ['Update portfolio'] })], ['Goal 1: actions changed']],
    [
      'the SMART answers',
      [goal()],
      [goal({ specific: 'Land a paid internship', relevant: 'Design career' })],
      ['Goal 1: specific changed', 'Goal 1: relevant changed'],
    ],
    [
      'a check-in date',
      [goal()],
      [goal({ checkIns: ['2026-10-01', '2026-11-08', '2026-12-01'] })],
      ['Goal 1: check-in 2 moved from 2026-11-01 to 2026-11-08'],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(goalChangeLines(before, after)).toEqual(expected);
  });

  it('as data: which goal, what changed, from and to', () => {
    expect(
      goalChanges(
        [goal(), goal()],
        [goal({ relevant: 'Design career', checkIns: ['2026-10-01', '2026-11-08', '2026-12-01'] })],
      ),
    ).toEqual([
      { goal: 0, change: 'answer', field: 'relevant' },
      { goal: 0, change: 'check_in', checkIn: 1, from: '2026-11-01', to: '2026-11-08' },
      { goal: 1, change: 'removed' },
    ]);
  });
});

describe('editing saved goals', () => {
  it('pre-fills the form with what was saved, and saving it again changes nothing', () => {
    const saved = [goal(), goal({ completeBy: '2027-05-01' })];
    const result = validateGoalForm(saved.map(toGoalDraft), rules);
    expect(result).toEqual({ ok: true, goals: saved });
  });
});
