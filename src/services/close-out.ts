import type { ModalView } from '@slack/types';
import { plainMessage } from '../../blocks/message';
import { mention } from '../../blocks/mrkdwn';
import { evaluationModal, reflectionModal, reflectionSummary } from '../../blocks/reflection';
import type { Clock } from '../clock';
import { evaluationWording, reflectionWording } from '../content/prompts';
import { closeOutWording as w } from '../content/wording';
import { validateEvaluation, validateReflection } from '../domain/reflection';
import type { RelationshipRecord } from '../domain/records';
import type { AuditRepository } from '../store/audit-repository';
import type { FeedbackRepository } from '../store/feedback-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { SlackPort } from './ports';
import type { StaffDirectory } from './staff';

type Refusal = { ok: false; message: string };
const REFLECTION_STATUSES = new Set(['stage3', 'stage4', 'completed']);
const EVALUATION_STATUSES = new Set(['stage4', 'completed']);

/**
 * Closing out: each person's reflection (shared with the pair), the program evaluation (kept for the
 * program office), and staff re-listing a mentor whose relationship has completed.
 */
export function createCloseOutService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'recordActivity'>;
  feedback: Pick<FeedbackRepository, 'save'>;
  profiles: Pick<ProfileRepository, 'setListed'>;
  staff: StaffDirectory;
  audit: Pick<AuditRepository, 'record'>;
  slack: Pick<SlackPort, 'post' | 'postToPerson'>;
  clock: Clock;
}) {
  const refuse = (message: string): Refusal => ({ ok: false, message });

  async function personIn(relationshipId: string, userId: string, statuses: Set<string>) {
    const relationship = await deps.relationships.get(relationshipId);
    if (!relationship || (relationship.mentorId !== userId && relationship.menteeId !== userId))
      return refuse(w.notInPair);
    if (!statuses.has(relationship.status)) return refuse(w.notYet);
    const role = relationship.mentorId === userId ? ('mentor' as const) : ('mentee' as const);
    return { ok: true as const, relationship, role };
  }

  async function audit(actorId: string, action: string, relationship: RelationshipRecord) {
    await deps.audit.record({
      at: deps.clock.now().toJSDate(),
      actorId,
      action,
      subjectType: 'relationship',
      subjectId: relationship.id,
    });
  }

  return {
    async reflectionForm(
      relationshipId: string,
      userId: string,
    ): Promise<{ ok: true; view: ModalView } | Refusal> {
      const found = await personIn(relationshipId, userId, REFLECTION_STATUSES);
      if (!found.ok) return found;
      const { relationship, role } = found;
      const partner = role === 'mentor' ? relationship.menteeId : relationship.mentorId;
      return { ok: true, view: reflectionModal(relationship.id, role, partner) };
    },

    async submitReflection(
      relationshipId: string,
      userId: string,
      raw: Record<string, unknown>,
    ): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | Refusal> {
      const found = await personIn(relationshipId, userId, REFLECTION_STATUSES);
      if (!found.ok) return found;
      const checked = validateReflection(raw, reflectionWording.errors);
      if (!checked.ok) return { ok: false, errors: checked.errors as Record<string, string> };
      const { relationship, role } = found;
      await deps.feedback.save({ relationshipId, userId, kind: 'reflection', answers: checked.answers });
      await deps.relationships.recordActivity(relationshipId, deps.clock.now().toJSDate());
      await audit(userId, 'reflection.shared', relationship);
      if (relationship.channelId)
        await deps.slack.post(relationship.channelId, reflectionSummary(userId, role, checked.answers));
      return { ok: true };
    },

    async evaluationForm(
      relationshipId: string,
      userId: string,
    ): Promise<{ ok: true; view: ModalView } | Refusal> {
      const found = await personIn(relationshipId, userId, EVALUATION_STATUSES);
      return found.ok ? { ok: true, view: evaluationModal(relationshipId) } : found;
    },

    async submitEvaluation(
      relationshipId: string,
      userId: string,
      raw: Record<string, unknown>,
    ): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | Refusal> {
      const found = await personIn(relationshipId, userId, EVALUATION_STATUSES);
      if (!found.ok) return found;
      const checked = validateEvaluation(raw, evaluationWording.errors);
      if (!checked.ok) return { ok: false, errors: checked.errors as Record<string, string> };
      await deps.feedback.save({ relationshipId, userId, kind: 'evaluation', answers: checked.answers });
      await audit(userId, 'evaluation.submitted', found.relationship);
      await deps.slack.postToPerson(userId, plainMessage(evaluationWording.thanks));
      return { ok: true };
    },

    /** Staff re-list a mentor in the directory from the card posted when a relationship completed. */
    async relist(mentorId: string, actorId: string): Promise<string> {
      if (!(await deps.staff.isStaff(actorId))) return w.staffOnly;
      if (!(await deps.profiles.setListed(mentorId, true))) return w.notAMentor;
      await deps.audit.record({
        at: deps.clock.now().toJSDate(),
        actorId,
        action: 'mentor.relisted',
        subjectType: 'profile',
        subjectId: mentorId,
      });
      return w.relisted(mention(mentorId));
    },
  };
}
export type CloseOutService = ReturnType<typeof createCloseOutService>;
