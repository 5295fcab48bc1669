import type { ModalView } from '@slack/types';
import { checkInModal, checkInSummary, mentorCheckInOverview } from '../../blocks/check-in';
import type { BotMessage } from '../../blocks/message';
import { mention } from '../../blocks/mrkdwn';
import type { Clock } from '../clock';
import { checkInWording as w } from '../content/wording';
import {
  checkInSchedule,
  checkInStanding,
  dateThisCheckInAnswers,
  validateCheckIn,
  type CheckInStanding,
} from '../domain/check-ins';
import type { RelationshipRecord } from '../domain/records';
import type { AuditRepository } from '../store/audit-repository';
import type { CheckInRepository } from '../store/check-in-repository';
import type { GoalFormRepository } from '../store/goal-form-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { SlackPort } from './ports';

type Refusal = { ok: false; message: string };
const CHECK_IN_STAGES = new Set(['stage2', 'stage3', 'stage4']);

/**
 * Check-ins: the mentee reports progress on each goal; the pair reads the summary in their conversation.
 * Which scheduled date a report answers, and which dates are late, follow the domain's rules in the
 * mentee's own calendar.
 */
export function createCheckInService(deps: {
  relationships: Pick<RelationshipRepository, 'get' | 'findOpenFor' | 'recordActivity'>;
  goalForms: Pick<GoalFormRepository, 'latest'>;
  checkIns: Pick<CheckInRepository, 'record' | 'answeredDates'>;
  profiles: Pick<ProfileRepository, 'get'>;
  audit: Pick<AuditRepository, 'record'>;
  slack: Pick<SlackPort, 'post'>;
  clock: Clock;
  programTimezone: string;
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, goalForms, checkIns, clock } = deps;
  const refuse = (message: string): Refusal => ({ ok: false, message });

  async function todayFor(menteeId: string): Promise<string> {
    const zone = (await deps.profiles.get(menteeId, 'mentee'))?.timezone ?? deps.programTimezone;
    return clock.now().setZone(zone).toISODate() ?? '';
  }

  /** The date this check-in answers, and whether it is late, as of the mentee's today. */
  async function dueFor(relationship: RelationshipRecord, goals: { checkIns: string[] }[]) {
    const today = await todayFor(relationship.menteeId);
    const date = dateThisCheckInAnswers(
      checkInSchedule(goals),
      await checkIns.answeredDates(relationship.id),
      today,
    );
    return { date, late: date !== undefined && date < today };
  }

  /** The mentee's relationship and goals, or why they cannot check in. */
  async function menteeGoals(relationship: RelationshipRecord | undefined, userId: string) {
    if (!relationship || !CHECK_IN_STAGES.has(relationship.status)) return refuse(w.noRelationship);
    if (relationship.menteeId !== userId)
      return refuse(
        relationship.mentorId === userId ? w.forMentee(mention(relationship.menteeId)) : w.noRelationship,
      );
    const form = await goalForms.latest(relationship.id);
    if (!form) return refuse(w.noGoals);
    return { ok: true as const, relationship, form };
  }

  /** Answered, late and next check-in dates of a relationship (dates only; for both people and staff). */
  async function standingOf(relationship: RelationshipRecord): Promise<CheckInStanding | undefined> {
    const form = await goalForms.latest(relationship.id);
    if (!form) return undefined;
    return checkInStanding(
      checkInSchedule(form.goals),
      await checkIns.answeredDates(relationship.id),
      await todayFor(relationship.menteeId),
    );
  }

  return {
    /**
     * The check-in form: from `/checkin` (no id: the mentee's own relationship) or a nudge's button
     * (the id is only a hint; the person must be that relationship's mentee).
     */
    async openForm(
      userId: string,
      relationshipId?: string,
    ): Promise<{ ok: true; view: ModalView } | Refusal> {
      const relationship =
        relationshipId !== undefined
          ? await relationships.get(relationshipId)
          : (await relationships.findOpenFor(userId)).find(
              (r) => r.menteeId === userId && CHECK_IN_STAGES.has(r.status),
            );
      const found = await menteeGoals(relationship, userId);
      if (!found.ok) return found;
      const due = await dueFor(found.relationship, found.form.goals);
      return {
        ok: true,
        view: checkInModal(
          found.form.goals,
          { relationshipId: found.relationship.id, goalFormVersion: found.form.version },
          due,
        ),
      };
    },

    async submit(
      relationshipId: string,
      userId: string,
      goalFormVersion: number,
      raw: Record<string, unknown>,
    ): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | Refusal> {
      const found = await menteeGoals(await relationships.get(relationshipId), userId);
      if (!found.ok) return found;
      const { relationship, form } = found;
      if (form.version !== goalFormVersion) return refuse(w.goalsChanged);
      const checked = validateCheckIn(raw, form.goals.length, w.errors);
      if (!checked.ok) return checked;
      const due = await dueFor(relationship, form.goals);
      const at = clock.now().toJSDate();
      await checkIns.record({
        relationshipId,
        dueDate: due.date,
        goalFormVersion,
        submittedBy: userId,
        answers: checked.answers,
      });
      await relationships.recordActivity(relationshipId, at);
      await deps.audit.record({
        at,
        actorId: userId,
        action: 'check_in.submitted',
        subjectType: 'relationship',
        subjectId: relationshipId,
        details: {
          dueDate: due.date ?? null,
          late: due.late,
          statuses: checked.answers.goals.map((g) => g.status),
        },
      });
      if (relationship.channelId)
        await deps.slack.post(
          relationship.channelId,
          checkInSummary(userId, form.goals, checked.answers, due),
        );
      await deps.onChanged([relationship.mentorId, relationship.menteeId]);
      return { ok: true };
    },

    /** Answered, late and next check-in dates of a relationship (dates only; for both people and staff). */
    standing: standingOf,

    /**
     * `/checkin`: a mentee working on goals gets the form; someone who only mentors gets each mentee's
     * next and late dates (never the reports); anyone else a short answer.
     */
    async forCommand(
      userId: string,
    ): Promise<{ ok: true; view: ModalView } | { ok: false; answer: BotMessage | string }> {
      const open = await relationships.findOpenFor(userId);
      const mentoring = open.filter((r) => r.mentorId === userId);
      const isMentee = open.some((r) => r.menteeId === userId && CHECK_IN_STAGES.has(r.status));
      if (!isMentee && mentoring.length > 0) return { ok: false, answer: await mentorOverview(mentoring) };
      const form = await this.openForm(userId);
      return form.ok ? form : { ok: false, answer: form.message };
    },
  };

  /** Each mentee's next and late check-in dates. */
  async function mentorOverview(mentoring: RelationshipRecord[]): Promise<BotMessage> {
    const rows = [];
    for (const relationship of mentoring) {
      const standing = await standingOf(relationship);
      if (standing) rows.push({ menteeId: relationship.menteeId, next: standing.next, late: standing.late });
    }
    return mentorCheckInOverview(rows);
  }
}
export type CheckInService = ReturnType<typeof createCheckInService>;
