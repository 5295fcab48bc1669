import type { Clock } from '../clock';
import { agreementsComplete, validateAgreements, type AgreementField } from '../domain/agreements';
import { validateFit, type FitField } from '../domain/fit-assessment';
import { isPauseLength, TALK_AGAIN_DAYS } from '../domain/lifecycle-rules';
import { noticeKeys, type NewNotice, type Notice } from '../domain/notices';
import type { RelationshipRecord } from '../domain/records';
import {
  checkTransition,
  isOpen,
  nextStage,
  type RelationshipStatus,
  type TransitionRefusal,
} from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { FitAssessmentRepository } from '../store/fit-assessment-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import { Rollback, type UnitOfWork } from './ports';
import { done, invalid, refused, type Prepared, type Refused, type Result } from './result';

type Side = 'mentor' | 'mentee';

/** Why a lifecycle step is refused; the Slack layer words each code. */
export type LifecycleRefusal =
  | TransitionRefusal
  /** The relationship moved on (or was changed by someone else) since the form or button was shown. */
  | 'changed'
  /** The person is not one of the pair. */
  | 'not_in_pair'
  /** Only the pair's mentor assesses fit. */
  | 'only_mentor'
  /** `/mentor fit` with no relationship waiting for an assessment. */
  | 'none_to_assess'
  /** Agreements: not one of the pair, no relationship in stage 1, or this one isn't in stage 1. */
  | 'agreements_not_in_pair'
  | 'none_in_stage1'
  | 'not_stage1'
  /** Pause and resume. */
  | 'pause_usage'
  | 'no_relationship'
  | 'not_partner'
  | 'name_partner'
  | 'not_paused';

/** The writes a lifecycle step makes, together: the change, its audit entry, the notices. */
export interface RelationshipTx {
  relationships: Pick<RelationshipRepository, 'transition' | 'setAgreements' | 'setTalkAgainOn' | 'setPause'>;
  profiles: Pick<ProfileRepository, 'releaseSeat'>;
  fitAssessments: Pick<FitAssessmentRepository, 'record'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

export interface OpenRelationship {
  relationship: RelationshipRecord;
  side: Side;
  partnerName: string;
}

/** The fit decision made: for "talk again", the day the mentor will be reminded (YYYY-MM-DD). */
export type FitOutcome = { decision: 'proceed' | 'not_a_fit' } | { decision: 'talk_again'; remindOn: string };

/** What `/mentoring pause` and `resume` answer: paused until `until` (a day in the program's zone), or resumed. */
export type PauseOutcome = { paused: true; until: string } | { paused: false };

/**
 * The relationship after the match: the mentor's fit assessment, the four stages (moved on only by the
 * rules in the domain's state machine), the stage 1 agreements, pausing, and ending early. Every call
 * re-checks who is acting; what the other person and staff are told is written as notices with the change.
 */
export function createRelationshipService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'findOpenFor'>;
  profiles: Pick<ProfileRepository, 'displayNames'>;
  hasGoalForm: (relationshipId: string) => Promise<boolean>;
  unitOfWork: UnitOfWork<RelationshipTx>;
  clock: Clock;
  programTimezone: string;
  adminChannelId: string;
  /** Called with the people whose App Home shows something that just changed. */
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, clock } = deps;
  const sideOf = (relationship: RelationshipRecord, userId: string): Side | undefined =>
    relationship.mentorId === userId ? 'mentor' : relationship.menteeId === userId ? 'mentee' : undefined;

  function audit(
    tx: RelationshipTx,
    actorId: string,
    action: string,
    relationship: RelationshipRecord,
    at: Date,
    details = {},
  ) {
    return tx.audit.record({
      at,
      actorId,
      action,
      subjectType: 'relationship',
      subjectId: relationship.id,
      details: { status: relationship.status, ...details },
    });
  }

  /** A notice to the pair's conversation (none when the pair has no conversation). */
  function toPair(relationship: RelationshipRecord, what: string, notice: Notice, at: Date): NewNotice[] {
    return relationship.channelId
      ? [
          {
            key: noticeKeys.lifecycle(relationship.id, what, at),
            notice,
            destination: { to: 'channel', channel: relationship.channelId },
          },
        ]
      : [];
  }
  const toStaff = (relationship: RelationshipRecord, what: string, notice: Notice, at: Date): NewNotice => ({
    key: noticeKeys.lifecycle(relationship.id, `staff:${what}`, at),
    notice,
    destination: { to: 'channel', channel: deps.adminChannelId },
  });
  const toPerson = (
    relationship: RelationshipRecord,
    userId: string,
    what: string,
    notice: Notice,
    at: Date,
  ): NewNotice => ({
    key: noticeKeys.personal(relationship.id, userId, what, at),
    notice,
    destination: { to: 'person', userId },
  });

  /**
   * Checks a move against the rules, then makes it in `tx` with its audit entry; the seat is freed when
   * the relationship closes. Rolls the unit of work back with a refusal when the rules or a race say no.
   */
  async function move(
    tx: RelationshipTx,
    relationship: RelationshipRecord,
    to: RelationshipStatus,
    actorId: string,
    side: Side,
    facts: { hasGoalForm: boolean; at: Date; reason?: string },
  ): Promise<RelationshipRecord> {
    const { at, reason } = facts;
    const check = checkTransition(relationship.status, to, side, {
      agreementsComplete: agreementsComplete(relationship.agreements),
      hasGoalForm: facts.hasGoalForm,
      ...(reason !== undefined ? { reason } : {}),
    });
    if (!check.ok) throw new Rollback(refused(check.refusal, { status: relationship.status, to }));
    const moved = await tx.relationships.transition(
      relationship.id,
      relationship.status,
      { to, actor: side, actorId, at, ...(reason ? { reason } : {}) },
      isOpen(to) ? { stageStartedAt: at } : { endedAt: at },
    );
    if (!moved) throw new Rollback(refused('changed', { status: relationship.status }));
    if (!isOpen(to)) await tx.profiles.releaseSeat(moved.mentorId);
    await audit(tx, actorId, `relationship.${to}`, moved, at, reason ? { reasonGiven: true } : {});
    return moved;
  }

  /**
   * The agreements form checked as far as answering the person needs: theirs, in stage 1 (one read), and
   * complete (pure). `save()` then writes them and tells the pair, so a listener can answer the form in
   * between. `save()` checks the stage again inside its transaction.
   */
  async function prepareAgreements(
    relationshipId: string,
    userId: string,
    raw: Record<string, unknown>,
  ): Promise<Result<{ save: () => Promise<Result<undefined, LifecycleRefusal>> }, LifecycleRefusal>> {
    const form = await agreementsFormFor(relationshipId, userId);
    if (form.kind !== 'done') return form;
    const checked = validateAgreements(raw, {
      contactFrequency: 'required',
      channels: 'required',
      confidentiality: 'required',
    });
    if (!checked.ok) return invalid(checked.errors as Record<AgreementField, string>);
    return done({
      save: async (): Promise<Result<undefined, LifecycleRefusal>> => {
        const at = clock.now().toJSDate();
        const saved = await deps.unitOfWork.run<RelationshipRecord | Refused<LifecycleRefusal>>(
          async (tx) => {
            const saved = await tx.relationships.setAgreements(
              relationshipId,
              form.value.side,
              checked.answers,
              at,
            );
            if (!saved) throw new Rollback(refused('not_stage1'));
            await audit(tx, userId, 'relationship.agreements', saved, at, {
              complete: agreementsComplete(saved.agreements),
            });
            await tx.notices.enqueue(
              toPair(
                saved,
                `agreements:${userId}`,
                { type: 'pair_agreements_saved', relationship: saved, actorId: userId },
                at,
              ),
              at,
            );
            return saved;
          },
        );
        if ('kind' in saved) return saved;
        await deps.onChanged([saved.mentorId, saved.menteeId]);
        return done();
      },
    });
  }

  /**
   * The fit form checked as far as answering the mentor needs: theirs, still waiting for the assessment
   * (one read), and complete (pure); the outcome is known from the decision, so the form can answer with
   * it. `save()` keeps the assessment and makes the decision's move, with its notices.
   */
  async function prepareFit(
    relationshipId: string,
    actorId: string,
    raw: Record<string, unknown>,
  ): Promise<Result<{ outcome: FitOutcome } & Prepared<FitOutcome, LifecycleRefusal>, LifecycleRefusal>> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || relationship.mentorId !== actorId) return refused('only_mentor');
    if (relationship.status !== 'introduced') return refused('changed', { status: relationship.status });
    const checked = validateFit(raw, { required: 'required', tooLong: () => 'too_long' });
    if (!checked.ok) return invalid(checked.errors as Record<FitField, string>);
    const { answers } = checked;
    const now = clock.now();
    const remindOn = now.plus({ days: TALK_AGAIN_DAYS }).toISODate() ?? '';
    const outcome: FitOutcome =
      answers.decision === 'talk_again'
        ? { decision: 'talk_again', remindOn }
        : { decision: answers.decision };
    return done({
      outcome,
      save: async () => {
        const at = clock.now().toJSDate();
        const hasGoalForm = await deps.hasGoalForm(relationshipId);
        const result = await deps.unitOfWork.run<Result<FitOutcome, LifecycleRefusal>>(async (tx) => {
          await tx.fitAssessments.record({
            relationshipId,
            mentorId: actorId,
            ...answers,
            ...(answers.decision === 'talk_again' ? { talkAgainOn: remindOn } : {}),
          });
          const { mentorId, menteeId } = relationship;
          if (answers.decision === 'talk_again') {
            await tx.relationships.setTalkAgainOn(relationshipId, remindOn, at);
            await audit(tx, actorId, 'relationship.fit_talk_again', relationship, at);
            return done({ decision: 'talk_again' as const, remindOn });
          }
          const to = answers.decision === 'proceed' ? 'stage1' : 'not_a_fit';
          await move(tx, relationship, to, actorId, 'mentor', { hasGoalForm, at });
          const fitOutcome: Notice = {
            type: 'pair_fit_outcome',
            relationshipId,
            mentorId,
            menteeId,
            outcome: answers.decision,
          };
          await tx.notices.enqueue(
            answers.decision === 'proceed'
              ? toPair(relationship, 'fit', fitOutcome, at)
              : [
                  ...toPair(relationship, 'fit', fitOutcome, at),
                  toPerson(relationship, menteeId, 'not_a_fit', { type: 'mentee_not_a_fit' }, at),
                  toStaff(relationship, 'not_a_fit', { type: 'staff_not_a_fit', mentorId, menteeId }, at),
                ],
            at,
          );
          return done({ decision: answers.decision });
        });
        if (result.kind === 'done' && result.value.decision !== 'talk_again')
          await deps.onChanged([relationship.mentorId, relationship.menteeId]);
        return result;
      },
    });
  }

  /**
   * An early end checked as far as answering the form needs: one of the pair (one read), and a move the
   * stage rules allow. `save()` makes it (checked again against the stored status) and tells the pair and staff.
   */
  async function prepareEnd(
    relationshipId: string,
    actorId: string,
    reason: string,
  ): Promise<Result<Prepared<undefined, LifecycleRefusal>, LifecycleRefusal>> {
    const relationship = await relationships.get(relationshipId);
    const side = relationship && sideOf(relationship, actorId);
    if (!relationship || !side) return refused('not_in_pair');
    const why = reason.trim();
    // The goal form is no condition of ending early, so neither check reads it.
    const check = checkTransition(relationship.status, 'ended_early', side, {
      agreementsComplete: agreementsComplete(relationship.agreements),
      hasGoalForm: false,
      reason: why,
    });
    if (!check.ok) return refused(check.refusal, { status: relationship.status, to: 'ended_early' });
    return done({
      save: async () => {
        const at = clock.now().toJSDate();
        const moved = await deps.unitOfWork.run<RelationshipRecord | Refused<LifecycleRefusal>>(
          async (tx) => {
            const moved = await move(tx, relationship, 'ended_early', actorId, side, {
              hasGoalForm: false,
              at,
              reason: why,
            });
            const { mentorId, menteeId } = relationship;
            await tx.notices.enqueue(
              [
                ...toPair(
                  relationship,
                  'ended_early',
                  { type: 'pair_ended_early', actorId, reason: why },
                  at,
                ),
                toStaff(
                  relationship,
                  'ended_early',
                  { type: 'staff_ended_early', mentorId, menteeId, actorId },
                  at,
                ),
              ],
              at,
            );
            return moved;
          },
        );
        if ('kind' in moved) return moved;
        await deps.onChanged([moved.mentorId, moved.menteeId]);
        return done();
      },
    });
  }

  async function agreementsFormFor(
    relationshipId: string | undefined,
    userId: string,
  ): Promise<Result<{ relationship: RelationshipRecord; side: Side }, LifecycleRefusal>> {
    const relationship = relationshipId
      ? await relationships.get(relationshipId)
      : (await relationships.findOpenFor(userId)).find((r) => r.status === 'stage1');
    if (!relationship) return refused(relationshipId ? 'agreements_not_in_pair' : 'none_in_stage1');
    const side = sideOf(relationship, userId);
    if (!side) return refused('agreements_not_in_pair');
    if (relationship.status !== 'stage1') return refused('not_stage1', { status: relationship.status });
    return done({ relationship, side });
  }

  return {
    /** This person's open relationships, each with their side in it. */
    async openFor(userId: string): Promise<OpenRelationship[]> {
      const open = await relationships.findOpenFor(userId);
      const sides = open.map((relationship) => sideOf(relationship, userId) ?? 'mentee');
      const partnerOf = (i: number) => (sides[i] === 'mentor' ? open[i]!.menteeId : open[i]!.mentorId);
      // Partners' names in one read per role (a person is mentee in one pair and mentor in up to five).
      const [mentees, mentors] = await Promise.all(
        (['mentee', 'mentor'] as const).map((role) => {
          const ids = open.flatMap((_, i) =>
            (sides[i] === 'mentor') === (role === 'mentee') ? [partnerOf(i)] : [],
          );
          return ids.length === 0 ? new Map<string, string>() : deps.profiles.displayNames(ids, role);
        }),
      );
      return open.map((relationship, i) => ({
        relationship,
        side: sides[i]!,
        partnerName: (sides[i] === 'mentor' ? mentees : mentors)?.get(partnerOf(i)) ?? '',
      }));
    },

    /**
     * The relationship whose fit form this mentor may open: the one named (from a button), or with no id
     * the first waiting for their assessment (`/mentor fit`).
     */
    async fitFormFor(
      relationshipId: string | undefined,
      mentorId: string,
    ): Promise<Result<RelationshipRecord, LifecycleRefusal>> {
      if (relationshipId === undefined) {
        const waiting = (await relationships.findOpenFor(mentorId)).find(
          (r) => r.mentorId === mentorId && r.status === 'introduced',
        );
        return waiting ? done(waiting) : refused('none_to_assess');
      }
      const relationship = await relationships.get(relationshipId);
      return relationship?.mentorId === mentorId && relationship.status === 'introduced'
        ? done(relationship)
        : refused('only_mentor');
    },

    /**
     * The mentor's fit assessment (kept for them alone) and its decision: stage 1 begins, the relationship
     * closes as not a fit (the pair, the mentee and staff told), or a reminder to decide is planned (the
     * mentor, the one acting, is answered with its day; nobody else is told).
     */
    async submitFit(
      relationshipId: string,
      actorId: string,
      raw: Record<string, unknown>,
    ): Promise<Result<FitOutcome, LifecycleRefusal>> {
      const prepared = await prepareFit(relationshipId, actorId, raw);
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    prepareFit,

    /**
     * The stage 1 agreements form for one of the pair: the relationship and their side, or a refusal
     * (not theirs, or not in stage 1). With no id, their first relationship in stage 1.
     */
    agreementsFormFor,

    /** Saves the agreements (with the person's own confidentiality acknowledgement) and tells the pair. */
    async saveAgreements(
      relationshipId: string,
      userId: string,
      raw: Record<string, unknown>,
    ): Promise<Result<undefined, LifecycleRefusal>> {
      const prepared = await prepareAgreements(relationshipId, userId, raw);
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    prepareAgreements,

    /**
     * `/mentoring pause <weeks> [@partner]` and `/mentoring resume [@partner]` (no weeks): either person
     * quiets the bot's prompts for their pair (prompts falling in the pause are dropped, not saved up), or
     * lifts it. With several relationships, the partner must be named.
     */
    async pause(
      userId: string,
      weeks: number | undefined,
      partnerId: string | undefined,
    ): Promise<Result<PauseOutcome, LifecycleRefusal>> {
      if (weeks !== undefined && !isPauseLength(weeks)) return refused('pause_usage');
      const open = (await relationships.findOpenFor(userId)).filter(
        (r) => !partnerId || r.mentorId === partnerId || r.menteeId === partnerId,
      );
      if (open.length === 0) return refused(partnerId ? 'not_partner' : 'no_relationship');
      if (open.length > 1) return refused('name_partner', { open: open.length });
      const relationship = open[0]!;
      const now = clock.now();
      const at = now.toJSDate();
      const resuming = weeks === undefined;
      if (resuming && !(relationship.pausedUntil && relationship.pausedUntil > at))
        return refused('not_paused');
      const until = resuming ? now : now.plus({ weeks });
      const day = until.setZone(deps.programTimezone).toISODate() ?? '';
      const saved = await deps.unitOfWork.run<RelationshipRecord | Refused<LifecycleRefusal>>(async (tx) => {
        const saved = await tx.relationships.setPause(
          relationship.id,
          resuming ? (relationship.pausedAt ?? at) : at,
          until.toJSDate(),
          at,
        );
        if (!saved) throw new Rollback(refused('changed'));
        await audit(tx, userId, resuming ? 'relationship.resumed' : 'relationship.paused', saved, at, {
          ...(weeks ? { weeks } : {}),
        });
        await tx.notices.enqueue(
          toPair(
            saved,
            resuming ? `resumed:${userId}` : `paused:${userId}`,
            resuming
              ? { type: 'pair_paused', actorId: userId }
              : { type: 'pair_paused', actorId: userId, until: day },
            at,
          ),
          at,
        );
        return saved;
      });
      if ('kind' in saved) return saved;
      await deps.onChanged([saved.mentorId, saved.menteeId]);
      return done(resuming ? { paused: false } : { paused: true, until: day });
    },

    /** One of the pair (the rules say the mentor) moves the relationship on to its next stage. */
    async advance(
      relationshipId: string,
      actorId: string,
    ): Promise<Result<RelationshipRecord, LifecycleRefusal>> {
      const relationship = await relationships.get(relationshipId);
      const side = relationship && sideOf(relationship, actorId);
      if (!relationship || !side) return refused('not_in_pair');
      const to = nextStage(relationship.status);
      if (!to || relationship.status === 'introduced')
        return refused('not_allowed', { status: relationship.status });
      const hasGoalForm = await deps.hasGoalForm(relationship.id);
      const at = clock.now().toJSDate();
      const moved = await deps.unitOfWork.run<RelationshipRecord | Refused<LifecycleRefusal>>(async (tx) => {
        const moved = await move(tx, relationship, to, actorId, side, { hasGoalForm, at });
        await tx.notices.enqueue(
          toPair(
            relationship,
            `advanced:${to}`,
            { type: 'pair_stage_advanced', actorId, stage: to, relationshipId: relationship.id },
            at,
          ),
          at,
        );
        return moved;
      });
      if ('kind' in moved) return moved;
      await deps.onChanged([moved.mentorId, moved.menteeId]);
      return done(moved);
    },

    /** Either person ends the relationship early, with a reason both see; staff are told. */
    async endEarly(
      relationshipId: string,
      actorId: string,
      reason: string,
    ): Promise<Result<undefined, LifecycleRefusal>> {
      const prepared = await prepareEnd(relationshipId, actorId, reason);
      return prepared.kind === 'done' ? prepared.value.save() : prepared;
    },

    prepareEnd,
  };
}
export type RelationshipService = ReturnType<typeof createRelationshipService>;
