import { plainMessage, section } from '../../blocks/message';
import { escapeWithin, mention } from '../../blocks/mrkdwn';
import type { Clock } from '../clock';
import { agreementWording, lifecycleWording as w, pauseWording, stageWording } from '../content/wording';
import { agreementsButton, agreementsSaved } from '../../blocks/agreements';
import { agreementsComplete, validateAgreements, type AgreementField } from '../domain/agreements';
import { validateFit, type FitAnswers, type FitField } from '../domain/fit-assessment';
import type { RelationshipRecord } from '../domain/records';
import { checkTransition, isOpen, nextStage, type RelationshipStatus } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { FitAssessmentRepository } from '../store/fit-assessment-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { SlackPort } from './ports';

/** After `talk_again`, the mentor is reminded to decide this many days later. */
const TALK_AGAIN_DAYS = 7;
/** The longest pause a pair can ask for at once. */
const MAX_PAUSE_WEEKS = 12;

export type Refusal = { ok: false; message: string };
type Side = 'mentor' | 'mentee';

/**
 * The relationship after the match: the mentor's fit assessment, the four stages (moved on only by the
 * rules in the domain's state machine), and ending early. Every call re-checks who is acting.
 */
export function createRelationshipService(deps: {
  relationships: Pick<
    RelationshipRepository,
    'get' | 'findOpenFor' | 'transition' | 'setAgreements' | 'setTalkAgainOn' | 'setPause'
  >;
  fitAssessments: Pick<FitAssessmentRepository, 'record'>;
  profiles: Pick<ProfileRepository, 'releaseSeat' | 'get'>;
  hasGoalForm: (relationshipId: string) => Promise<boolean>;
  audit: Pick<AuditRepository, 'record'>;
  slack: Pick<SlackPort, 'post' | 'postToPerson'>;
  clock: Clock;
  programTimezone: string;
  adminChannelId: string;
  /** Called with the people whose App Home shows something that just changed. */
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, slack, clock } = deps;
  const refuse = (message: string): Refusal => ({ ok: false, message });
  const sideOf = (relationship: RelationshipRecord, userId: string): Side | undefined =>
    relationship.mentorId === userId ? 'mentor' : relationship.menteeId === userId ? 'mentee' : undefined;

  async function record(actorId: string, action: string, relationship: RelationshipRecord, details = {}) {
    await deps.audit.record({
      at: clock.now().toJSDate(),
      actorId,
      action,
      subjectType: 'relationship',
      subjectId: relationship.id,
      details: { status: relationship.status, ...details },
    });
  }

  /** Moves a relationship and records who, when and why; a refusal when the rules or a race say no. */
  async function move(
    relationship: RelationshipRecord,
    to: RelationshipStatus,
    actorId: string,
    side: Side,
    reason?: string,
  ): Promise<{ ok: true; relationship: RelationshipRecord } | Refusal> {
    const check = checkTransition(relationship.status, to, side, {
      agreementsComplete: agreementsComplete(relationship.agreements),
      hasGoalForm: await deps.hasGoalForm(relationship.id),
      ...(reason !== undefined ? { reason } : {}),
    });
    if (!check.ok) return refuse(w.refusals[check.refusal]);
    const at = clock.now().toJSDate();
    const moved = await relationships.transition(
      relationship.id,
      relationship.status,
      { to, actor: side, actorId, at, ...(reason ? { reason } : {}) },
      isOpen(to) ? { stageStartedAt: at } : { endedAt: at },
    );
    if (!moved) return refuse(w.refusals.changed);
    if (!isOpen(to)) await deps.profiles.releaseSeat(moved.mentorId);
    await record(actorId, `relationship.${to}`, moved, reason ? { reasonGiven: true } : {});
    await deps.onChanged([moved.mentorId, moved.menteeId]);
    return { ok: true, relationship: moved };
  }

  return {
    /** This person's open relationships, each with their side in it. */
    async openFor(
      userId: string,
    ): Promise<{ relationship: RelationshipRecord; side: Side; partnerName: string }[]> {
      const open = await relationships.findOpenFor(userId);
      return Promise.all(
        open.map(async (relationship) => {
          const side = sideOf(relationship, userId) ?? 'mentee';
          const partner =
            side === 'mentor'
              ? await deps.profiles.get(relationship.menteeId, 'mentee')
              : await deps.profiles.get(relationship.mentorId, 'mentor');
          return { relationship, side, partnerName: partner?.displayName ?? '' };
        }),
      );
    },

    /** Relationships waiting for this mentor's fit assessment. */
    async awaitingFit(mentorId: string): Promise<RelationshipRecord[]> {
      return (await relationships.findOpenFor(mentorId)).filter(
        (r) => r.mentorId === mentorId && r.status === 'introduced',
      );
    },

    /** The relationship whose fit form this mentor may open from a button, or undefined if not theirs. */
    async fitFormFor(relationshipId: string, mentorId: string): Promise<RelationshipRecord | undefined> {
      const relationship = await relationships.get(relationshipId);
      return relationship?.mentorId === mentorId && relationship.status === 'introduced'
        ? relationship
        : undefined;
    },

    async submitFit(
      relationshipId: string,
      actorId: string,
      raw: Record<string, unknown>,
    ): Promise<
      | { ok: true; decision: FitAnswers['decision'] }
      | { ok: false; errors: Partial<Record<FitField, string>> }
      | Refusal
    > {
      const relationship = await relationships.get(relationshipId);
      if (!relationship || relationship.mentorId !== actorId) return refuse(w.fit.onlyMentor);
      if (relationship.status !== 'introduced') return refuse(w.refusals.changed);
      const checked = validateFit(raw, { required: w.fit.required, tooLong: w.fit.tooLong });
      if (!checked.ok) return { ok: false, errors: checked.errors };
      const { answers } = checked;
      await deps.fitAssessments.record({
        relationshipId,
        mentorId: actorId,
        ...answers,
        ...(answers.decision === 'talk_again'
          ? { talkAgainOn: clock.now().plus({ days: TALK_AGAIN_DAYS }).toISODate() ?? undefined }
          : {}),
      });
      const pair = relationship.channelId;
      if (answers.decision === 'proceed') {
        const moved = await move(relationship, 'stage1', actorId, 'mentor');
        if (!moved.ok) return moved;
        if (pair)
          await slack.post(pair, {
            text: w.fit.proceeded(mention(relationship.mentorId), mention(relationship.menteeId)),
            blocks: [
              section(w.fit.proceeded(mention(relationship.mentorId), mention(relationship.menteeId))),
              agreementsButton(relationship.id),
            ],
          });
      } else if (answers.decision === 'not_a_fit') {
        const moved = await move(relationship, 'not_a_fit', actorId, 'mentor');
        if (!moved.ok) return moved;
        if (pair) await slack.post(pair, plainMessage(w.fit.notAFitPair(mention(relationship.menteeId))));
        await slack.postToPerson(relationship.menteeId, plainMessage(w.fit.notAFitMentee));
        await slack.post(
          deps.adminChannelId,
          plainMessage(w.fit.notAFitStaff(mention(relationship.mentorId), mention(relationship.menteeId))),
        );
      } else {
        const day = clock.now().plus({ days: TALK_AGAIN_DAYS }).toISODate() ?? '';
        await relationships.setTalkAgainOn(relationshipId, day, clock.now().toJSDate());
        await record(actorId, 'relationship.fit_talk_again', relationship);
        await slack.postToPerson(actorId, plainMessage(w.fit.talkAgain));
      }
      return { ok: true, decision: answers.decision };
    },

    /**
     * The stage 1 agreements form for one of the pair: the relationship and their side, or a refusal
     * (not theirs, or not in stage 1). With no id, their first relationship in stage 1.
     */
    async agreementsFormFor(
      relationshipId: string | undefined,
      userId: string,
    ): Promise<{ ok: true; relationship: RelationshipRecord; side: Side } | Refusal> {
      const relationship = relationshipId
        ? await relationships.get(relationshipId)
        : (await relationships.findOpenFor(userId)).find((r) => r.status === 'stage1');
      if (!relationship)
        return refuse(relationshipId ? agreementWording.notInPair : agreementWording.noneOpen);
      const side = sideOf(relationship, userId);
      if (!side) return refuse(agreementWording.notInPair);
      if (relationship.status !== 'stage1') return refuse(agreementWording.onlyStage1);
      return { ok: true, relationship, side };
    },

    /** Saves the agreements (with the person's own confidentiality acknowledgement) and tells the pair. */
    async saveAgreements(
      relationshipId: string,
      userId: string,
      raw: Record<string, unknown>,
    ): Promise<{ ok: true } | { ok: false; errors: Partial<Record<AgreementField, string>> } | Refusal> {
      const form = await this.agreementsFormFor(relationshipId, userId);
      if (!form.ok) return form;
      const checked = validateAgreements(raw, agreementWording.errors);
      if (!checked.ok) return checked;
      const saved = await relationships.setAgreements(
        relationshipId,
        form.side,
        checked.answers,
        clock.now().toJSDate(),
      );
      if (!saved) return refuse(agreementWording.onlyStage1);
      await record(userId, 'relationship.agreements', saved, {
        complete: agreementsComplete(saved.agreements),
      });
      if (saved.channelId) await slack.post(saved.channelId, agreementsSaved(saved, userId));
      await deps.onChanged([saved.mentorId, saved.menteeId]);
      return { ok: true };
    },

    /**
     * `/mentoring pause <weeks> [@partner]` and `/mentoring resume [@partner]`: either person quiets the
     * bot's prompts for their pair (prompts falling in the pause are dropped, not saved up), or lifts it.
     * With several relationships, the partner must be named.
     */
    async pause(userId: string, weeks: number | undefined, partnerId: string | undefined): Promise<string> {
      if (weeks !== undefined && (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_PAUSE_WEEKS))
        return pauseWording.usage;
      const open = (await relationships.findOpenFor(userId)).filter(
        (r) => !partnerId || r.mentorId === partnerId || r.menteeId === partnerId,
      );
      if (open.length === 0) return partnerId ? pauseWording.notPartner : w.noRelationship;
      if (open.length > 1) return pauseWording.namePartner;
      const relationship = open[0]!;
      const now = clock.now();
      const resuming = weeks === undefined;
      if (resuming && !(relationship.pausedUntil && relationship.pausedUntil > now.toJSDate()))
        return pauseWording.notPaused;
      const until = resuming ? now : now.plus({ weeks });
      const saved = await relationships.setPause(
        relationship.id,
        resuming ? (relationship.pausedAt ?? now.toJSDate()) : now.toJSDate(),
        until.toJSDate(),
        now.toJSDate(),
      );
      if (!saved) return w.refusals.changed;
      await record(userId, resuming ? 'relationship.resumed' : 'relationship.paused', saved, {
        ...(weeks ? { weeks } : {}),
      });
      const day = until.setZone(deps.programTimezone).toISODate() ?? '';
      if (saved.channelId)
        await slack.post(
          saved.channelId,
          plainMessage(
            resuming ? pauseWording.resumed(mention(userId)) : pauseWording.paused(mention(userId), day),
          ),
        );
      await deps.onChanged([saved.mentorId, saved.menteeId]);
      return resuming ? pauseWording.resumedYou : pauseWording.pausedYou(day);
    },

    /** The mentor (or staff) moves the relationship on to its next stage. */
    async advance(
      relationshipId: string,
      actorId: string,
    ): Promise<{ ok: true; relationship: RelationshipRecord } | Refusal> {
      const relationship = await relationships.get(relationshipId);
      const side = relationship && sideOf(relationship, actorId);
      if (!relationship || !side) return refuse(w.refusals.notInPair);
      const to = nextStage(relationship.status);
      if (!to || relationship.status === 'introduced') return refuse(w.refusals.not_allowed);
      const moved = await move(relationship, to, actorId, side);
      if (!moved.ok) return moved;
      const name = stageWording[to as keyof typeof stageWording]?.name ?? to;
      if (relationship.channelId)
        await slack.post(relationship.channelId, plainMessage(w.advanced(mention(actorId), name)));
      return moved;
    },

    /** Either person ends the relationship early, with a reason both see. */
    async endEarly(relationshipId: string, actorId: string, reason: string): Promise<{ ok: true } | Refusal> {
      const relationship = await relationships.get(relationshipId);
      const side = relationship && sideOf(relationship, actorId);
      if (!relationship || !side) return refuse(w.refusals.notInPair);
      const moved = await move(relationship, 'ended_early', actorId, side, reason.trim());
      if (!moved.ok) return moved;
      if (relationship.channelId)
        await slack.post(
          relationship.channelId,
          plainMessage(w.end.ended(mention(actorId), escapeWithin(reason.trim(), 2000))),
        );
      await slack.post(
        deps.adminChannelId,
        plainMessage(
          w.end.staff(mention(relationship.mentorId), mention(relationship.menteeId), mention(actorId)),
        ),
      );
      return { ok: true };
    },
  };
}
export type RelationshipService = ReturnType<typeof createRelationshipService>;
