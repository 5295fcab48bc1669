import type { Clock } from '../clock';
import { EVALUATION_STATUSES, REFLECTION_STATUSES } from '../domain/lifecycle-rules';
import { noticeKeys } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import { validateEvaluation, validateReflection } from '../domain/reflection';
import type { RelationshipStatus } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { FeedbackRepository } from '../store/feedback-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { UnitOfWork } from './ports';
import { done, invalid, refused, type Prepared, type Result } from './result';

/** Why a close-out step is refused; the Slack layer words each code. */
export type CloseOutRefusal =
  /** The person is not one of the pair. */
  | 'not_in_pair'
  /** The form isn't open yet at the relationship's stage. */
  | 'not_yet';

/** The writes a close-out step makes, together. */
export interface CloseOutTx {
  relationships: Pick<RelationshipRepository, 'recordActivity'>;
  feedback: Pick<FeedbackRepository, 'save'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/** Whose form it is: the relationship, their role, and the other person. */
export interface CloseOutForm {
  relationship: RelationshipRecord;
  role: 'mentor' | 'mentee';
  partnerId: string;
}

/**
 * Closing out: each person's reflection (shared with the pair) and the program evaluation (kept for the
 * program office). Re-listing the mentor afterwards is the directory's (`directory-upkeep.ts`).
 */
export function createCloseOutService(deps: {
  relationships: Pick<RelationshipRepository, 'get'>;
  unitOfWork: UnitOfWork<CloseOutTx>;
  clock: Clock;
}) {
  async function personIn(
    relationshipId: string,
    userId: string,
    statuses: readonly RelationshipStatus[],
  ): Promise<Result<CloseOutForm, CloseOutRefusal>> {
    const relationship = await deps.relationships.get(relationshipId);
    if (!relationship || (relationship.mentorId !== userId && relationship.menteeId !== userId))
      return refused('not_in_pair');
    if (!statuses.includes(relationship.status)) return refused('not_yet', { status: relationship.status });
    const role = relationship.mentorId === userId ? ('mentor' as const) : ('mentee' as const);
    return done({
      relationship,
      role,
      partnerId: role === 'mentor' ? relationship.menteeId : relationship.mentorId,
    });
  }

  const audit = (
    tx: CloseOutTx,
    actorId: string,
    action: string,
    relationship: RelationshipRecord,
    at: Date,
  ) => tx.audit.record({ at, actorId, action, subjectType: 'relationship', subjectId: relationship.id });

  /**
   * A reflection checked as far as answering the form needs: theirs, at a stage that asks for it (one read),
   * and complete (pure). `save()` keeps it and shares it in the pair's conversation.
   */
  async function prepareReflection(
    relationshipId: string,
    userId: string,
    raw: Record<string, unknown>,
  ): Promise<Result<Prepared<undefined, CloseOutRefusal>, CloseOutRefusal>> {
    const found = await personIn(relationshipId, userId, REFLECTION_STATUSES);
    if (found.kind !== 'done') return found;
    const checked = validateReflection(raw, {
      required: {
        accomplishments: 'required',
        challenges: 'required',
        remember: 'required',
        ahead: 'required',
      },
      continueRequired: 'required',
      howRequired: 'required',
      tooLong: () => 'too_long',
    });
    if (!checked.ok) return invalid(checked.errors as Record<string, string>);
    const { relationship, role } = found.value;
    return done({
      save: async () => {
        const at = deps.clock.now().toJSDate();
        await deps.unitOfWork.run(async (tx) => {
          await tx.feedback.save({ relationshipId, userId, kind: 'reflection', answers: checked.answers });
          await tx.relationships.recordActivity(relationshipId, at);
          await audit(tx, userId, 'reflection.shared', relationship, at);
          if (relationship.channelId)
            await tx.notices.enqueue(
              [
                {
                  key: noticeKeys.personal(relationshipId, userId, 'reflection', at),
                  notice: { type: 'pair_reflection_shared', userId, role, answers: checked.answers },
                  destination: { to: 'channel', channel: relationship.channelId },
                },
              ],
              at,
            );
        });
        return done();
      },
    });
  }

  /** An evaluation checked as far as answering the form needs (one read, then pure); `save()` keeps it. */
  async function prepareEvaluation(
    relationshipId: string,
    userId: string,
    raw: Record<string, unknown>,
  ): Promise<Result<Prepared<undefined, CloseOutRefusal>, CloseOutRefusal>> {
    const found = await personIn(relationshipId, userId, EVALUATION_STATUSES);
    if (found.kind !== 'done') return found;
    const checked = validateEvaluation(raw, {
      ratingRequired: 'required',
      recommendRequired: 'required',
      workedRequired: 'required',
      tooLong: () => 'too_long',
    });
    if (!checked.ok) return invalid(checked.errors as Record<string, string>);
    return done({
      save: async () => {
        const at = deps.clock.now().toJSDate();
        await deps.unitOfWork.run(async (tx) => {
          await tx.feedback.save({ relationshipId, userId, kind: 'evaluation', answers: checked.answers });
          await audit(tx, userId, 'evaluation.submitted', found.value.relationship, at);
        });
        return done();
      },
    });
  }

  return {
    /** The reflection form for one of the pair, from stage 3 on. */
    reflectionForm: (relationshipId: string, userId: string) =>
      personIn(relationshipId, userId, REFLECTION_STATUSES),

    /** Saves one person's reflection and shares it in the pair's conversation. */
    async submitReflection(
      relationshipId: string,
      userId: string,
      raw: Record<string, unknown>,
    ): Promise<Result<undefined, CloseOutRefusal>> {
      const prepared = await prepareReflection(relationshipId, userId, raw);
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    prepareReflection,

    /** The program evaluation form for one of the pair, from stage 4 on. */
    evaluationForm: (relationshipId: string, userId: string) =>
      personIn(relationshipId, userId, EVALUATION_STATUSES),

    /** Keeps one person's evaluation for the program office; the answer to them confirms it arrived. */
    async submitEvaluation(
      relationshipId: string,
      userId: string,
      raw: Record<string, unknown>,
    ): Promise<Result<undefined, CloseOutRefusal>> {
      const prepared = await prepareEvaluation(relationshipId, userId, raw);
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    prepareEvaluation,
  };
}
export type CloseOutService = ReturnType<typeof createCloseOutService>;
