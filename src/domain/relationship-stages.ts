/**
 * The mentoring relationship's state machine: which statuses exist, which moves between them are
 * allowed, and who may make each move.
 *
 *   requested → introduced → (fit: proceed) → stage1 → stage2 → stage3 → stage4 → completed
 *
 * with exits: declined / lapsed / withdrawn / released (from requested), not_a_fit (from introduced) and
 * ended_early (from any open status). Nothing leaves a finished status. A request is released when its
 * mentor leaves the directory or has no free seat left.
 */

export const RELATIONSHIP_STATUSES = [
  'requested',
  'introduced',
  'stage1',
  'stage2',
  'stage3',
  'stage4',
  'completed',
  'declined',
  'lapsed',
  'withdrawn',
  'not_a_fit',
  'ended_early',
  'released',
] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

export const ACTIVE_STAGES = ['stage1', 'stage2', 'stage3', 'stage4'] as const;
export type ActiveStage = (typeof ACTIVE_STAGES)[number];

/**
 * Stages in which the mentee writes and edits their SMART goals and checks in on them: from stage 2
 * (exchanging information and setting goals) to the end of the formal relationship.
 */
export const GOAL_STAGES: readonly RelationshipStatus[] = ['stage2', 'stage3', 'stage4'];

/** Whether the pair's goals may be written, and check-ins made, in this status. */
export function worksOnGoals(status: RelationshipStatus): boolean {
  return GOAL_STAGES.includes(status);
}

/** Statuses that hold one of the mentor's seats (they count against capacity). */
export const OPEN_STATUSES: readonly RelationshipStatus[] = ['introduced', ...ACTIVE_STAGES];

/** Statuses a relationship never leaves. */
export const FINISHED_STATUSES: readonly RelationshipStatus[] = [
  'completed',
  'declined',
  'lapsed',
  'withdrawn',
  'not_a_fit',
  'ended_early',
  'released',
];

export type Actor = 'mentor' | 'mentee' | 'staff' | 'system';

export type TransitionRefusal =
  | 'not_allowed' // no such edge
  | 'not_permitted' // the edge exists, but not for this actor
  | 'needs_agreements'
  | 'needs_goal_form'
  | 'needs_reason';

export interface TransitionFacts {
  /** Stage 1's agreements are recorded: contact frequency, channels, confidentiality acknowledged by both. */
  agreementsComplete: boolean;
  hasGoalForm: boolean;
  reason?: string;
}

export type TransitionCheck = { ok: true } | { ok: false; refusal: TransitionRefusal };

interface Edge {
  from: RelationshipStatus;
  to: RelationshipStatus;
  actors: readonly Actor[];
  guard?: (facts: TransitionFacts) => TransitionRefusal | undefined;
}

const needsAgreements = (facts: TransitionFacts) =>
  facts.agreementsComplete ? undefined : 'needs_agreements';
const needsGoalForm = (facts: TransitionFacts) => (facts.hasGoalForm ? undefined : 'needs_goal_form');
const needsReason = (facts: TransitionFacts) => ((facts.reason ?? '').trim() ? undefined : 'needs_reason');

// Staff may move a relationship forward through the stages alongside the mentor; the fit decision
// (introduced → stage1 / not_a_fit) stays the mentor's own.
const EDGES: readonly Edge[] = [
  { from: 'requested', to: 'introduced', actors: ['mentor'] },
  { from: 'requested', to: 'declined', actors: ['mentor'] },
  { from: 'requested', to: 'lapsed', actors: ['system'] },
  { from: 'requested', to: 'withdrawn', actors: ['mentee', 'staff'] },
  // The mentor left the directory (themselves, or staff unlisted them) or filled their last seat.
  { from: 'requested', to: 'released', actors: ['mentor', 'staff', 'system'] },
  { from: 'introduced', to: 'stage1', actors: ['mentor'] },
  { from: 'introduced', to: 'not_a_fit', actors: ['mentor'] },
  { from: 'stage1', to: 'stage2', actors: ['mentor', 'staff'], guard: needsAgreements },
  { from: 'stage2', to: 'stage3', actors: ['mentor', 'staff'], guard: needsGoalForm },
  { from: 'stage3', to: 'stage4', actors: ['mentor', 'staff'] },
  { from: 'stage4', to: 'completed', actors: ['mentor', 'staff', 'system'] },
  ...OPEN_STATUSES.map((from): Edge => ({
    from,
    to: 'ended_early',
    actors: ['mentor', 'mentee', 'staff'],
    guard: needsReason,
  })),
];

const FORWARD: Partial<Record<RelationshipStatus, RelationshipStatus>> = {
  introduced: 'stage1',
  stage1: 'stage2',
  stage2: 'stage3',
  stage3: 'stage4',
  stage4: 'completed',
};

/** Whether a relationship in this status holds one of the mentor's seats. */
export function isOpen(status: RelationshipStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Whether a relationship in this status is over for good (nothing leaves it). */
export function isFinished(status: RelationshipStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

/** Decides whether `actor` may move a relationship from `from` to `to`, and if not, why not. */
export function checkTransition(
  from: RelationshipStatus,
  to: RelationshipStatus,
  actor: Actor,
  facts: TransitionFacts,
): TransitionCheck {
  const edge = EDGES.find((e) => e.from === from && e.to === to);
  if (!edge) return { ok: false, refusal: 'not_allowed' };
  if (!edge.actors.includes(actor)) return { ok: false, refusal: 'not_permitted' };
  const refusal = edge.guard?.(facts);
  return refusal ? { ok: false, refusal } : { ok: true };
}

/** Lists the statuses `actor` could move a relationship to from `from` (guards not checked). */
export function availableTransitions(from: RelationshipStatus, actor: Actor): RelationshipStatus[] {
  return EDGES.filter((e) => e.from === from && e.actors.includes(actor)).map((e) => e.to);
}

/** The forward step the mentor can take from this status (introduced → stage1 … stage4 → completed). */
export function nextStage(status: RelationshipStatus): RelationshipStatus | undefined {
  return FORWARD[status];
}

/** The stage's number (1-4) for an active stage, else undefined. */
export function stageNumber(status: RelationshipStatus): 1 | 2 | 3 | 4 | undefined {
  const index = (ACTIVE_STAGES as readonly string[]).indexOf(status);
  return index < 0 ? undefined : ((index + 1) as 1 | 2 | 3 | 4);
}
