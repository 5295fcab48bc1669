import { plainMessage } from '../../blocks/message';
import { mention, slackDate } from '../../blocks/mrkdwn';
import { introductionMessage, mentorRequestCard, preferencesShared } from '../../blocks/requests';
import type { Clock } from '../clock';
import {
  introductionWording as introductionRefusal,
  requestWording as w,
  type ProgramSettings,
} from '../content/wording';
import type { CommunicationChannel } from '../domain/application-form';
import { normaliseInterest } from '../domain/matching';
import type { ProfileRecord, RelationshipRecord } from '../domain/records';
import { isOpen } from '../domain/relationship-stages';
import type { AuditRepository } from '../store/audit-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { SlackPort } from './ports';
import type { StaffDirectory } from './staff';

/** A request waits this long before the mentor is reminded, and lapses after twice as long. */
export const REQUEST_REMINDER_DAYS = 7;
export const REQUEST_LAPSE_DAYS = 14;

export type RequestOutcome =
  { outcome: 'sent'; relationship: RelationshipRecord } | { outcome: 'refused'; message: string };

export type AnswerOutcome =
  | { outcome: 'accepted' | 'declined'; relationship: RelationshipRecord }
  | { outcome: 'refused'; message: string };

/**
 * Mentor requests, from the ask to the pair's group DM: the rules on who may ask whom, the mentor's answer
 * (claiming a seat atomically), the reminder after a week and the lapse after two.
 */
export function createRequestService(deps: {
  relationships: Pick<
    RelationshipRepository,
    | 'get'
    | 'createRequest'
    | 'countRequestsBy'
    | 'transition'
    | 'setRequestMessage'
    | 'setCommunicationPreferences'
    | 'requestsNeedingReminder'
    | 'markReminderSent'
    | 'requestsMadeBefore'
  >;
  profiles: Pick<ProfileRepository, 'get' | 'claimSeat' | 'releaseSeat'>;
  audit: Pick<AuditRepository, 'record'>;
  slack: Pick<SlackPort, 'openConversation' | 'post' | 'postToPerson' | 'update'>;
  staff: StaffDirectory;
  clock: Clock;
  program: ProgramSettings;
  adminChannelId: string;
  maxPendingRequests: number;
  /** Called with the people whose App Home shows something that just changed. */
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, profiles, slack, clock } = deps;
  const now = () => clock.now().toJSDate();
  const refuse = (message: string) => ({ outcome: 'refused' as const, message });

  async function request(menteeId: string, mentorId: string, staffId?: string): Promise<RequestOutcome> {
    if (menteeId === mentorId) return refuse(w.refusals.self);
    const mentee = await profiles.get(menteeId, 'mentee');
    if (!mentee?.approved) return refuse(w.refusals.menteeNotApproved);
    const mentor = await profiles.get(mentorId, 'mentor');
    // Staff may match a mentor who has stepped out of the directory; mentees only reach listed ones.
    if (!mentor?.approved || (!mentor.listed && !staffId)) return refuse(w.refusals.mentorUnavailable);
    if (mentor.openRelationships >= (mentor.capacity ?? 0)) return refuse(w.refusals.mentorFull);
    if (!staffId && (await relationships.countRequestsBy(menteeId)) >= deps.maxPendingRequests)
      return refuse(w.refusals.tooManyPending(deps.maxPendingRequests));
    const created = await relationships.createRequest({
      mentorId,
      menteeId,
      requestedBy: staffId ?? menteeId,
      actor: staffId ? 'staff' : 'mentee',
      at: now(),
    });
    if (created === 'duplicate') return refuse(w.refusals.alreadyPaired);
    const card = await slack.postToPerson(mentorId, mentorRequestCard(created, mentee));
    await relationships.setRequestMessage(created.id, card);
    if (staffId)
      await slack.postToPerson(menteeId, plainMessage(w.menteeToldOfStaffMatch(mention(mentorId))));
    await record(staffId ?? menteeId, 'relationship.requested', created, { byStaff: Boolean(staffId) });
    return { outcome: 'sent', relationship: created };
  }

  async function accept(relationshipId: string, actorId: string): Promise<AnswerOutcome> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || relationship.mentorId !== actorId) return refuse(w.mentorCard.notYours);
    if (relationship.status !== 'requested') return refuse(w.mentorCard.answered);
    const [mentor, mentee] = await Promise.all([
      profiles.get(relationship.mentorId, 'mentor'),
      profiles.get(relationship.menteeId, 'mentee'),
    ]);
    if (!mentor || !mentee) return refuse(w.mentorCard.answered);

    // Open the group DM first: if Slack refuses (a deactivated account), nothing has changed yet.
    const conversation = await slack.openConversation([relationship.mentorId, relationship.menteeId]);
    if (!conversation.ok) {
      await slack.post(
        deps.adminChannelId,
        plainMessage(
          w.conversationFailed.staff(
            mention(relationship.mentorId),
            mention(relationship.menteeId),
            conversation.error,
          ),
        ),
      );
      return refuse(w.conversationFailed.mentor);
    }
    if (!(await profiles.claimSeat(relationship.mentorId))) return refuse(w.mentorCard.noSeat);
    const at = now();
    const introduced = await relationships.transition(
      relationship.id,
      'requested',
      { to: 'introduced', actor: 'mentor', actorId, at },
      { channelId: conversation.channelId, stageStartedAt: at },
    );
    if (!introduced) {
      await profiles.releaseSeat(relationship.mentorId);
      return refuse(w.mentorCard.answered);
    }
    await slack.post(
      conversation.channelId,
      introductionMessage(deps.program, introduced, mentor, mentee, sharedInterests(mentor, mentee)),
    );
    await updateRequestCard(introduced, mentee, w.mentorCard.accepted(slackDate(at)));
    await record(actorId, 'relationship.introduced', introduced);
    await deps.onChanged([introduced.mentorId, introduced.menteeId]);
    return { outcome: 'accepted', relationship: introduced };
  }

  async function decline(relationshipId: string, actorId: string): Promise<AnswerOutcome> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || relationship.mentorId !== actorId) return refuse(w.mentorCard.notYours);
    const at = now();
    const declined = await relationships.transition(relationship.id, 'requested', {
      to: 'declined',
      actor: 'mentor',
      actorId,
      at,
    });
    if (!declined) return refuse(w.mentorCard.answered);
    const mentee = await profiles.get(declined.menteeId, 'mentee');
    if (mentee) await updateRequestCard(declined, mentee, w.mentorCard.declined(slackDate(at)));
    await slack.postToPerson(
      declined.menteeId,
      plainMessage(w.menteeTold.declined(mention(declined.mentorId))),
    );
    await record(actorId, 'relationship.declined', declined);
    return { outcome: 'declined', relationship: declined };
  }

  /** Reminds mentors of week-old requests and lapses fortnight-old ones. Safe to run from several copies. */
  async function sweepRequests(): Promise<{ reminded: number; lapsed: number }> {
    const current = clock.now();
    let lapsed = 0;
    for (const old of await relationships.requestsMadeBefore(
      current.minus({ days: REQUEST_LAPSE_DAYS }).toJSDate(),
    )) {
      const done = await relationships.transition(old.id, 'requested', {
        to: 'lapsed',
        actor: 'system',
        at: current.toJSDate(),
        reason: `no answer within ${REQUEST_LAPSE_DAYS} days`,
      });
      if (!done) continue;
      lapsed += 1;
      const mentee = await profiles.get(done.menteeId, 'mentee');
      if (mentee) await updateRequestCard(done, mentee, w.mentorCard.lapsed);
      await slack.postToPerson(done.menteeId, plainMessage(w.menteeTold.lapsed(mention(done.mentorId))));
      await record('system', 'relationship.lapsed', done);
    }
    let reminded = 0;
    for (const waiting of await relationships.requestsNeedingReminder(
      current.minus({ days: REQUEST_REMINDER_DAYS }).toJSDate(),
    )) {
      if (!(await relationships.markReminderSent(waiting.id, current.toJSDate()))) continue;
      reminded += 1;
      await slack.postToPerson(
        waiting.mentorId,
        plainMessage(w.mentorCard.reminder(mention(waiting.menteeId))),
      );
    }
    return { reminded, lapsed };
  }

  /** One person in the pair shares how they like to stay in touch; only that person may. */
  async function sharePreferences(
    relationshipId: string,
    actorId: string,
    side: 'mentor' | 'mentee',
    channels: CommunicationChannel[],
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || !isOpen(relationship.status) || !relationship.channelId)
      return { ok: false, message: w.mentorCard.answered };
    const sideOf =
      relationship.mentorId === actorId ? 'mentor' : relationship.menteeId === actorId ? 'mentee' : undefined;
    if (!sideOf) return { ok: false, message: introductionRefusal.notInPair };
    if (sideOf !== side) return { ok: false, message: introductionRefusal.wrongSide(side) };
    await relationships.setCommunicationPreferences(relationship.id, side, channels, now());
    await slack.post(relationship.channelId, preferencesShared(actorId, channels));
    return { ok: true };
  }

  async function updateRequestCard(relationship: RelationshipRecord, mentee: ProfileRecord, line: string) {
    if (!relationship.requestMessage) return;
    await slack.update(
      relationship.requestMessage.channel,
      relationship.requestMessage.ts,
      mentorRequestCard(relationship, mentee, line),
    );
  }

  async function record(
    actorId: string,
    action: string,
    relationship: RelationshipRecord,
    details: Record<string, unknown> = {},
  ) {
    await deps.audit.record({
      at: now(),
      actorId,
      action,
      subjectType: 'relationship',
      subjectId: relationship.id,
      details: { status: relationship.status, ...details },
    });
  }

  return { request, accept, decline, sweepRequests, sharePreferences };
}
export type RequestService = ReturnType<typeof createRequestService>;

/** Interests both people listed, in the mentor's wording. */
export function sharedInterests(mentor: ProfileRecord, mentee: ProfileRecord): string[] {
  const menteeSet = new Set([...mentee.academicInterests, ...mentee.careerInterests].map(normaliseInterest));
  return [...new Set([...mentor.academicInterests, ...mentor.careerInterests])].filter((i) =>
    menteeSet.has(normaliseInterest(i)),
  );
}
