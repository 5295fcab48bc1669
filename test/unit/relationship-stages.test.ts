import {
  ACTIVE_STAGES,
  Actor,
  availableTransitions,
  checkTransition,
  isFinished,
  isOpen,
  nextStage,
  OPEN_STATUSES,
  RELATIONSHIP_STATUSES,
  RelationshipStatus,
  stageNumber,
  TransitionFacts,
  TransitionRefusal,
} from '../../src/domain/relationship-stages';

const ACTORS: Actor[] = ['mentor', 'mentee', 'staff', 'system'];
const ready = { agreementsComplete: true, hasGoalForm: true, reason: 'Moving abroad for work' };

// Every move the product allows, and who may make it.
const ALLOWED: [RelationshipStatus, RelationshipStatus, Actor[]][] = [
  ['requested', 'introduced', ['mentor']],
  ['requested', 'declined', ['mentor']],
  ['requested', 'lapsed', ['system']],
  ['requested', 'withdrawn', ['mentee', 'staff']],
  ['requested', 'released', ['mentor', 'staff', 'system']],
  ['introduced', 'stage1', ['mentor']],
  ['introduced', 'not_a_fit', ['mentor']],
  ['stage1', 'stage2', ['mentor', 'staff']],
  ['stage2', 'stage3', ['mentor', 'staff']],
  ['stage3', 'stage4', ['mentor', 'staff']],
  ['stage4', 'completed', ['mentor', 'staff', 'system']],
  ['introduced', 'ended_early', ['mentor', 'mentee', 'staff']],
  ['stage1', 'ended_early', ['mentor', 'mentee', 'staff']],
  ['stage2', 'ended_early', ['mentor', 'mentee', 'staff']],
  ['stage3', 'ended_early', ['mentor', 'mentee', 'staff']],
  ['stage4', 'ended_early', ['mentor', 'mentee', 'staff']],
];

describe('the relationship stages', () => {
  describe('which relationships hold a mentor seat', () => {
    it.each([
      ['requested', false, false],
      ['introduced', true, false],
      ['stage1', true, false],
      ['stage2', true, false],
      ['stage3', true, false],
      ['stage4', true, false],
      ['completed', false, true],
      ['declined', false, true],
      ['lapsed', false, true],
      ['withdrawn', false, true],
      ['not_a_fit', false, true],
      ['ended_early', false, true],
      ['released', false, true],
    ] as const)('a %s relationship: open %s, finished %s', (status, open, finished) => {
      expect(isOpen(status)).toBe(open);
      expect(isFinished(status)).toBe(finished);
    });

    it('counts introduced through stage 4 against capacity', () => {
      expect(OPEN_STATUSES).toEqual(['introduced', ...ACTIVE_STAGES]);
    });
  });

  describe('who may make each move', () => {
    const cases = ALLOWED.flatMap(([from, to, allowed]) =>
      ACTORS.map((actor) => [from, to, actor, allowed.includes(actor)] as const),
    );
    it.each(cases)('%s → %s by the %s is allowed: %s', (from, to, actor, allowed) => {
      expect(checkTransition(from, to, actor, ready)).toEqual(
        allowed ? { ok: true } : { ok: false, refusal: 'not_permitted' },
      );
    });
  });

  describe('moves the product does not have', () => {
    const allowedPairs = new Set(ALLOWED.map(([from, to]) => `${from}→${to}`));
    const missing = RELATIONSHIP_STATUSES.flatMap((from) =>
      RELATIONSHIP_STATUSES.filter((to) => !allowedPairs.has(`${from}→${to}`)).map(
        (to) => [from, to] as const,
      ),
    );
    it.each(missing)('%s → %s is refused for everyone', (from, to) => {
      for (const actor of ACTORS) {
        expect(checkTransition(from, to, actor, ready)).toEqual({ ok: false, refusal: 'not_allowed' });
      }
    });

    it('nothing ever leaves a finished relationship', () => {
      const finished = RELATIONSHIP_STATUSES.filter(isFinished);
      expect(finished).toHaveLength(7);
      for (const from of finished) {
        for (const actor of ACTORS) expect(availableTransitions(from, actor)).toEqual([]);
      }
    });
  });

  describe('moves with conditions', () => {
    // prettier-ignore
    const cases: [string, RelationshipStatus, RelationshipStatus, Actor, TransitionFacts, TransitionRefusal | null][] = [
      ['stage 3 needs the goal form', 'stage2', 'stage3', 'mentor', { agreementsComplete: true, hasGoalForm: false }, 'needs_goal_form'],
      ['even staff need the goal form for stage 3', 'stage2', 'stage3', 'staff', { agreementsComplete: true, hasGoalForm: false }, 'needs_goal_form'],
      ['stage 3 opens once goals are in', 'stage2', 'stage3', 'mentor', { agreementsComplete: true, hasGoalForm: true }, null],
      ['stage 2 needs the stage 1 agreements', 'stage1', 'stage2', 'mentor', { agreementsComplete: false, hasGoalForm: false }, 'needs_agreements'],
      ['stage 2 does not need goals yet', 'stage1', 'stage2', 'mentor', { agreementsComplete: true, hasGoalForm: false }, null],
      ['ending early needs a reason', 'stage3', 'ended_early', 'mentee', { agreementsComplete: true, hasGoalForm: true }, 'needs_reason'],
      ['a blank reason is no reason', 'stage1', 'ended_early', 'mentor', { agreementsComplete: true, hasGoalForm: true, reason: '   ' }, 'needs_reason'],
      ['a real reason ends it', 'introduced', 'ended_early', 'staff', { agreementsComplete: true, hasGoalForm: false, reason: 'Graduated' }, null],
      ['a request is withdrawn, not ended early', 'requested', 'ended_early', 'mentee', { agreementsComplete: true, hasGoalForm: false }, 'not_allowed'],
      ['who acts is checked before the condition', 'stage2', 'stage3', 'mentee', { agreementsComplete: true, hasGoalForm: false }, 'not_permitted'],
    ];
    it.each(cases)('%s', (_name, from, to, actor, facts, refusal) => {
      expect(checkTransition(from, to, actor, facts)).toEqual(
        refusal ? { ok: false, refusal } : { ok: true },
      );
    });
  });

  describe('the mentor’s next step and the stage number', () => {
    it.each<[RelationshipStatus, RelationshipStatus | undefined, number | undefined]>([
      ['requested', undefined, undefined],
      ['introduced', 'stage1', undefined],
      ['stage1', 'stage2', 1],
      ['stage2', 'stage3', 2],
      ['stage3', 'stage4', 3],
      ['stage4', 'completed', 4],
      ['completed', undefined, undefined],
      ['ended_early', undefined, undefined],
      ['not_a_fit', undefined, undefined],
    ])('from %s the next step is %s and the stage number is %s', (status, next, number) => {
      expect(nextStage(status)).toBe(next);
      expect(stageNumber(status)).toBe(number);
    });

    it('every next step is a move the mentor is allowed to make', () => {
      for (const status of RELATIONSHIP_STATUSES) {
        const next = nextStage(status);
        if (next) expect(checkTransition(status, next, 'mentor', ready)).toEqual({ ok: true });
      }
    });
  });

  describe('what each person can do from here', () => {
    it.each<[RelationshipStatus, Actor, RelationshipStatus[]]>([
      ['requested', 'mentor', ['introduced', 'declined', 'released']],
      ['requested', 'mentee', ['withdrawn']],
      ['requested', 'system', ['lapsed', 'released']],
      ['introduced', 'mentor', ['stage1', 'not_a_fit', 'ended_early']],
      ['stage2', 'mentee', ['ended_early']],
      ['stage4', 'system', ['completed']],
    ])('from %s the %s can move to %j', (from, actor, targets) => {
      expect(availableTransitions(from, actor)).toEqual(targets);
    });
  });
});
