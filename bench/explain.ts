import type { Models } from '../src/store/database';
import { operator } from '../src/store/mapping';
import { claimQuery } from '../src/store/prompt-repository';

/** What `explain('executionStats')` says about how much MongoDB read to answer a query. */
export interface QueryCost {
  returned: number;
  keysExamined: number;
  docsExamined: number;
  /** The index the winning plan used; undefined for a collection scan. */
  index: string | undefined;
}

interface ExplainOutput {
  queryPlanner?: { winningPlan?: unknown };
  executionStats?: { nReturned?: number; totalKeysExamined?: number; totalDocsExamined?: number };
}

function costOf(explained: unknown): QueryCost {
  const { queryPlanner, executionStats } = explained as ExplainOutput;
  return {
    returned: executionStats?.nReturned ?? 0,
    keysExamined: executionStats?.totalKeysExamined ?? 0,
    docsExamined: executionStats?.totalDocsExamined ?? 0,
    index: indexNameIn(queryPlanner?.winningPlan),
  };
}

/** The first `indexName` anywhere in a winning plan (its shape differs between the classic and SBE engines). */
function indexNameIn(plan: unknown): string | undefined {
  if (typeof plan !== 'object' || plan === null) return undefined;
  const { indexName } = plan as { indexName?: unknown };
  if (typeof indexName === 'string') return indexName;
  for (const value of Object.values(plan)) {
    const found = Array.isArray(value) ? value.map(indexNameIn).find(Boolean) : indexNameIn(value);
    if (found) return found;
  }
  return undefined;
}

/** The planner's query for a slice to claim, as RelationshipRepository.claimForPlanning runs it. */
export async function explainPlannerQuery(models: Models, now: Date, limit = 200): Promise<QueryCost> {
  const explained: unknown = await models.relationships
    .find({ nextPlanAt: operator({ $lte: now }) }, { _id: 1 })
    .sort({ nextPlanAt: 1 })
    .limit(limit)
    .explain('executionStats');
  return costOf(explained);
}

/** Every item the claim query matches now (the due, claimable prompts), in claim order. */
export async function explainClaimQuery(models: Models, now: Date): Promise<QueryCost> {
  const { filter, sort } = claimQuery(now);
  const explained: unknown = await models.prompts.find(filter).sort(sort).explain('executionStats');
  return costOf(explained);
}

/** One claim, as PromptRepository.claimNext sends it (a findAndModify; explain does not modify). */
export async function explainOneClaim(models: Models, now: Date, leaseMs = 60_000): Promise<QueryCost> {
  const { filter, sort } = claimQuery(now);
  const db = models.prompts.db.db;
  if (!db) throw new Error('explainOneClaim: not connected');
  const explained = await db.command({
    explain: {
      findAndModify: models.prompts.collection.collectionName,
      query: filter,
      sort,
      update: {
        $set: { leaseOwner: 'explain', leaseUntil: new Date(now.getTime() + leaseMs), claimedAt: now },
        $inc: { attempts: 1 },
      },
      new: true,
    },
    verbosity: 'executionStats',
  });
  return costOf(explained);
}

/** Due items the claim query must step over: pending and due, but waiting for a retry or under a lease. */
export async function countDueButWaiting(models: Models, now: Date): Promise<number> {
  return models.prompts.countDocuments({
    state: 'pending',
    dueAt: operator({ $lte: now }),
    $or: [{ nextAttemptAt: operator({ $gt: now }) }, { leaseUntil: operator({ $gt: now }) }],
  });
}
