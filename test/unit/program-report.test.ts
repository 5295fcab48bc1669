import {
  parseTerm,
  programReport,
  summarise,
  type ReportFacts,
  type ReportTerm,
} from '../../src/domain/program-report';

const ZONE = 'America/Chicago';
/** Noon in Chicago on a day, so the calendar day is the same in the program's zone and in UTC. */
const at = (date: string, hour = 12) => new Date(`${date}T${String(hour + 6).padStart(2, '0')}:00:00Z`);
const ALL: ReportTerm = { label: 'all' };

function facts(overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    zone: ZONE,
    now: at('2026-06-01'),
    applications: [],
    mentors: [],
    relationships: [],
    goalForms: [],
    checkIns: [],
    evaluations: [],
    ...overrides,
  };
}

/** A relationship introduced on `introduced`, moved through `moves` (status, date, actor). */
function relationship(
  id: string,
  menteeId: string,
  introduced: string,
  moves: [status: string, date: string, actor?: string][] = [],
): ReportFacts['relationships'][number] {
  const history = [
    { to: 'requested', actor: 'mentee', at: at(introduced, 8) },
    { from: 'requested', to: 'introduced', actor: 'mentor', at: at(introduced) },
  ] as ReportFacts['relationships'][number]['history'][number][];
  let from = 'introduced';
  for (const [to, date, actor = 'mentor'] of moves) {
    history.push({ from, to, actor, at: at(date) } as (typeof history)[number]);
    from = to;
  }
  return {
    id,
    mentorId: `M-${id}`,
    menteeId,
    status: (moves.at(-1)?.[0] ?? 'introduced') as ReportFacts['relationships'][number]['status'],
    requestedAt: at(introduced, 8),
    history,
  };
}

const approvedMentee = (userId: string, decided: string) => ({
  userId,
  role: 'mentee' as const,
  status: 'approved' as const,
  createdAt: at(decided, 6),
  decidedAt: at(decided),
});

describe('a report term', () => {
  it.each([
    ['', { label: 'all' }],
    ['all', { label: 'all' }],
    ['2026', { label: '2026', from: '2026-01-01', to: '2026-12-31' }],
    ['2026-spring', { label: '2026-spring', from: '2026-01-01', to: '2026-05-31' }],
    ['2026-summer', { label: '2026-summer', from: '2026-06-01', to: '2026-08-31' }],
    ['2026-Fall', { label: '2026-fall', from: '2026-09-01', to: '2026-12-31' }],
    ['2026-09-15..2026-10-01', { label: '2026-09-15..2026-10-01', from: '2026-09-15', to: '2026-10-01' }],
  ])('%j covers %j', (text, term) => {
    expect(parseTerm(text)).toEqual(term);
  });

  it.each([
    '26',
    '2026-winter',
    '2026-10-01..2026-09-01',
    '2026-02-30..2026-03-01',
    'last year',
    '2026-09-01',
  ])('does not read %j', (text) => {
    expect(parseTerm(text)).toBeUndefined();
  });
});

describe('a spread of durations', () => {
  it.each([
    [[], { count: 0 }],
    [[3], { count: 1, medianDays: 3, p90Days: 3 }],
    [[4, 2], { count: 2, medianDays: 3, p90Days: 4 }],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { count: 10, medianDays: 5.5, p90Days: 9 }],
    [[10, 1, 2.25], { count: 3, medianDays: 2.3, p90Days: 10 }],
  ])('of %j is %j (median, nearest-rank 90th percentile)', (days, summary) => {
    expect(summarise(days)).toEqual(summary);
  });
});

describe('the program report', () => {
  it('counts people once per role, by their latest application in the term', () => {
    const report = programReport(
      facts({
        applications: [
          { userId: 'U1', role: 'mentee', status: 'declined', createdAt: at('2026-01-10') },
          { userId: 'U1', role: 'mentee', status: 'approved', createdAt: at('2026-02-10') },
          { userId: 'U1', role: 'mentor', status: 'submitted', createdAt: at('2026-02-11') },
          { userId: 'U2', role: 'mentor', status: 'approved', createdAt: at('2025-11-01') },
          { userId: 'U3', role: 'mentor', status: 'declined', createdAt: at('2026-03-01') },
        ],
      }),
      parseTerm('2026')!,
    );
    expect(report.people).toEqual({
      mentor: { submitted: 1, approved: 0, declined: 1 },
      mentee: { submitted: 0, approved: 1, declined: 0 },
    });
  });

  it('counts relationships live in the term by where they stand now', () => {
    const report = programReport(
      facts({
        relationships: [
          relationship('A', 'U1', '2026-01-05', [['stage1', '2026-01-20']]),
          relationship('B', 'U2', '2025-10-01', [['not_a_fit', '2025-10-10']]), // over before the term
          relationship('C', 'U3', '2025-12-01', [
            ['stage1', '2025-12-10'],
            ['ended_early', '2026-01-03', 'mentee'],
          ]),
          relationship('D', 'U4', '2026-07-01'), // after the term
        ],
      }),
      parseTerm('2026-spring')!,
    );
    expect(report.relationshipsByStatus).toEqual({ stage1: 1, ended_early: 1 });
    expect(report.relationshipsInTerm).toBe(2);
  });

  it('times each mentee’s first introduction from the approval before it', () => {
    const report = programReport(
      facts({
        applications: [
          approvedMentee('U1', '2026-01-01'),
          approvedMentee('U2', '2026-01-01'),
          approvedMentee('U3', '2026-01-01'),
          approvedMentee('U4', '2026-01-01'), // never introduced: not counted
        ],
        relationships: [
          relationship('A', 'U1', '2026-01-03'),
          relationship('B', 'U2', '2026-01-11'),
          relationship('B2', 'U2', '2026-03-01'), // a second introduction: not a match time
          relationship('C', 'U3', '2026-01-21'),
        ],
      }),
      ALL,
    );
    expect(report.timeToMatch).toEqual({ count: 3, medianDays: 10, p90Days: 20 });
  });

  it('times the first meeting from meetings when they are recorded, else from the fit decision', () => {
    const relationships = [
      relationship('A', 'U1', '2026-01-01', [['stage1', '2026-01-04']]),
      relationship('B', 'U2', '2026-01-01', [['not_a_fit', '2026-01-08']]),
      relationship('C', 'U3', '2026-01-01'), // no decision yet
    ];
    expect(programReport(facts({ relationships }), ALL).timeToFirstMeeting).toEqual({
      count: 2,
      medianDays: 5,
      p90Days: 7,
      source: 'fit_decision',
    });
    const meetings = [
      { relationshipId: 'A', at: at('2026-01-02') },
      { relationshipId: 'A', at: at('2026-01-09') },
      { relationshipId: 'C', at: at('2026-01-05') },
    ];
    expect(programReport(facts({ relationships, meetings }), ALL).timeToFirstMeeting).toEqual({
      count: 2,
      medianDays: 2.5,
      p90Days: 4,
      source: 'meetings',
    });
  });

  it.each([
    ['answered before the date', '2026-03-01', '2026-02-27', { onTime: 1, late: 0, missed: 0 }],
    ['answered on the date', '2026-03-01', '2026-03-01', { onTime: 1, late: 0, missed: 0 }],
    ['answered after the date', '2026-03-01', '2026-03-04', { onTime: 0, late: 1, missed: 0 }],
    ['not answered, date passed', '2026-03-01', undefined, { onTime: 0, late: 0, missed: 1 }],
    ['not answered, date still ahead', '2026-07-01', undefined, { onTime: 0, late: 0, missed: 0 }],
    ['not answered, date is today', '2026-06-01', undefined, { onTime: 0, late: 0, missed: 0 }],
  ])('a check-in date %s counts as on time, late or missed: %j', (_what, date, answered, expected) => {
    const report = programReport(
      facts({
        relationships: [relationship('A', 'U1', '2026-01-01', [['stage1', '2026-01-02']])],
        goalForms: [{ relationshipId: 'A', goals: [{ checkIns: [date] }] }],
        checkIns: answered
          ? [{ relationshipId: 'A', dueDate: date, submittedAt: at(answered), statuses: [] }]
          : [],
      }),
      ALL,
    );
    expect(report.checkIns).toEqual(expected);
  });

  it('leaves out check-in dates outside the term, and dates after a relationship ended', () => {
    const report = programReport(
      facts({
        relationships: [
          relationship('A', 'U1', '2026-01-01', [
            ['stage1', '2026-01-02'],
            ['ended_early', '2026-03-10', 'mentor'],
          ]),
        ],
        goalForms: [
          { relationshipId: 'A', goals: [{ checkIns: ['2025-12-20', '2026-03-01', '2026-04-01'] }] },
        ],
      }),
      parseTerm('2026')!,
    );
    expect(report.checkIns).toEqual({ onTime: 0, late: 0, missed: 1 });
  });

  it('counts each goal in force by its latest check-in status', () => {
    const report = programReport(
      facts({
        relationships: [relationship('A', 'U1', '2026-01-01', [['stage2', '2026-01-02']])],
        goalForms: [{ relationshipId: 'A', goals: [{ checkIns: [] }, { checkIns: [] }, { checkIns: [] }] }],
        checkIns: [
          {
            relationshipId: 'A',
            submittedAt: at('2026-02-01'),
            statuses: [
              { goalIndex: 0, status: 'at_risk' },
              { goalIndex: 1, status: 'on_track' },
            ],
          },
          {
            relationshipId: 'A',
            submittedAt: at('2026-03-01'),
            statuses: [{ goalIndex: 0, status: 'done' }],
          },
        ],
      }),
      ALL,
    );
    expect(report.goals).toEqual({ not_started: 0, on_track: 1, at_risk: 0, done: 1, no_check_in: 1 });
  });

  it('counts endings in the term by how they ended, and who ended early', () => {
    const report = programReport(
      facts({
        relationships: [
          relationship('A', 'U1', '2026-01-01', [
            ['stage1', '2026-01-02'],
            ['stage2', '2026-01-03'],
            ['stage3', '2026-01-04'],
            ['stage4', '2026-01-05'],
            ['completed', '2026-05-01', 'system'],
          ]),
          relationship('B', 'U2', '2026-01-01', [['ended_early', '2026-02-01', 'mentee']]),
          relationship('C', 'U3', '2026-01-01', [['ended_early', '2026-02-01', 'staff']]),
          relationship('D', 'U4', '2026-01-01', [['not_a_fit', '2026-01-09']]),
          relationship('E', 'U5', '2025-01-01', [['ended_early', '2025-02-01', 'mentor']]), // before the term
          relationship('F', 'U6', '2026-03-01', [['released', '2026-03-02', 'system']]), // the mentor filled up
        ],
      }),
      parseTerm('2026')!,
    );
    expect(report.endings).toEqual({
      completed: 1,
      endedEarly: 2,
      endedEarlyBy: { mentor: 0, mentee: 1, staff: 1 },
      notAFit: 1,
      declined: 0,
      lapsed: 0,
      withdrawn: 0,
      released: 1,
    });
  });

  it('averages the ratings of evaluations of relationships completed in the term, by role', () => {
    const completed = (id: string, menteeId: string) =>
      relationship(id, menteeId, '2026-01-01', [
        ['stage4', '2026-03-01'],
        ['completed', '2026-04-01', 'system'],
      ]);
    const report = programReport(
      facts({
        relationships: [completed('A', 'U1'), completed('B', 'U2'), relationship('C', 'U3', '2026-01-01')],
        evaluations: [
          { relationshipId: 'A', userId: 'M-A', rating: 5, recommend: 'yes' },
          { relationshipId: 'A', userId: 'U1', rating: 4, recommend: 'yes' },
          { relationshipId: 'B', userId: 'U2', rating: 2, recommend: 'no' },
          { relationshipId: 'C', userId: 'U3', rating: 1, recommend: 'no' }, // not completed: left out
        ],
      }),
      ALL,
    );
    expect(report.evaluations).toEqual({
      asked: 4,
      received: 3,
      averageRating: 3.7,
      byRole: { mentor: { received: 1, averageRating: 5 }, mentee: { received: 2, averageRating: 3 } },
      wouldRecommend: 2,
    });
  });

  it('counts today’s seats of approved mentors', () => {
    const report = programReport(
      facts({
        mentors: [
          { approved: true, listed: true, capacity: 3, openRelationships: 1 },
          { approved: true, listed: false, capacity: 2, openRelationships: 2 },
          { approved: false, listed: false, capacity: 5, openRelationships: 0 },
        ],
      }),
      ALL,
    );
    expect(report.seats).toEqual({ mentors: 2, listed: 1, offered: 5, used: 3 });
  });

  it('reads calendar days in the program’s time zone', () => {
    // 03:00 UTC on 1 January is still 31 December in Chicago.
    const report = programReport(
      facts({
        applications: [
          { userId: 'U1', role: 'mentee', status: 'submitted', createdAt: new Date('2026-01-01T03:00:00Z') },
        ],
      }),
      parseTerm('2026')!,
    );
    expect(report.people.mentee.submitted).toBe(0);
  });
});
