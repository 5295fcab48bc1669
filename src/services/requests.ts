import type { Clock } from '../clock';
import type { CommunicationChannel } from '../domain/application-form';
import { normaliseInterest } from '../domain/matching';
import { noticeKeys, type NewNotice } from '../domain/notices';
import type { ProfileRecord, RelationshipRecord } from '../domain/records';
import { isOpen } from '../domain/relationship-stages';
import {
  REQUEST_LAPSE_DAYS,
  REQUEST_REMINDER_DAYS,
  requestRefusal,
  type RequestRefusalCode,
} from '../domain/requests';
import type { AuditRepository } from '../store/audit-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { NoticeRepository } from '../store/notice-repository';
import { releaseIfFull } from './directory-upkeep';
import { Rollback, type SlackPort, type UnitOfWork } from './ports';
import { done, refused, type Done, type Result } from './result';
import type { StaffDirectory } from './staff';

export { REQUEST_LAPSE_DAYS, REQUEST_REMINDER_DAYS };

/** The writes a request, an answer or a lapse makes, together. */
export interface RequestTx {
  relationships: Pick<
    RelationshipRepository,
    'createRequest' | 'transition' | 'markReminderSent' | 'setCommunicationPreferences' | 'waitingRequestsFor'
  >;
  profiles: Pick<ProfileRepository, 'claimSeat' | 'seatsOf' | 'getMany' | 'markRequested'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue'>;
}

/** A request made: the waiting relationship; refused by the rules or because the pair already exists. */
export type RequestOutcome = Result<RelationshipRecord, RequestRefusalCode | 'already_paired'>;

/** The mentor's answer: the relationship as it now stands. */
export type AnswerOutcome = Result<
  RelationshipRecord,
  'not_your_request' | 'already_answered' | 'no_seat' | 'conversation_failed'
>;

/** One of the pair shares how they like to stay in touch. */
export type PreferencesRefusal = 'relationship_not_open' | 'not_in_pair' | 'wrong_side';
export type PreferencesOutcome = Result<undefined, PreferencesRefusal>;

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
    | 'requestsNeedingReminder'
    | 'requestsMadeBefore'
  >;
  profiles: Pick<ProfileRepository, 'get'>;
  unitOfWork: UnitOfWork<RequestTx>;
  slack: Pick<SlackPort, 'openConversation'>;
  staff: Pick<StaffDirectory, 'isStaff'>;
  clock: Clock;
  adminChannelId: string;
  maxPendingRequests: number;
  /** Called with the people whose App Home shows something that just changed. */
  onChanged: (userIds: string[]) => Promise<void>;
}) {
  const { relationships, profiles, slack, clock } = deps;
  const now = () => clock.now().toJSDate();

  async function request(menteeId: string, mentorId: string, staffId?: string): Promise<RequestOutcome> {
    const [mentee, mentor, pendingRequests] = await Promise.all([
      profiles.get(menteeId, 'mentee'),
      profiles.get(mentorId, 'mentor'),
      staffId ? 0 : relationships.countRequestsBy(menteeId),
    ]);
    const refusal = requestRefusal({
      menteeId,
      mentorId,
      mentee,
      mentor,
      byStaff: Boolean(staffId),
      pendingRequests,
      maxPending: deps.maxPendingRequests,
    });
    if (refusal)
      return refused(refusal, refusal === 'too_many_pending' ? { limit: deps.maxPendingRequests } : {});
    if (!mentee) return refused('mentee_not_approved');
    const at = now();
    const created = await deps.unitOfWork.run<RelationshipRecord | 'duplicate' | 'unavailable'>(
      async (tx) => {
        // Checked again inside the transaction: the mentor may have stepped out or filled up meanwhile.
        if (!(await tx.profiles.markRequested(mentorId, Boolean(staffId), at)))
          throw new Rollback('unavailable' as const);
        const created = await tx.relationships.createRequest({
          mentorId,
          menteeId,
          requestedBy: staffId ?? menteeId,
          actor: staffId ? 'staff' : 'mentee',
          at,
        });
        if (created === 'duplicate') throw new Rollback('duplicate' as const);
        await tx.notices.enqueue(
          [
            {
              key: noticeKeys.requestCard(created.id),
              notice: { type: 'mentor_request_card', relationship: created, mentee: mentee },
              destination: { to: 'person', userId: mentorId },
              recordTo: { relationshipRequestMessage: created.id },
            },
            ...(staffId
              ? [
                  {
                    key: noticeKeys.menteeNews(created.id, 'staff_match'),
                    notice: { type: 'mentee_request_news' as const, news: 'staff_match' as const, mentorId },
                    destination: { to: 'person' as const, userId: menteeId },
                  },
                ]
              : []),
          ],
          at,
        );
        await record(tx, staffId ?? menteeId, 'relationship.requested', created, {
          byStaff: Boolean(staffId),
        });
        return created;
      },
    );
    if (created === 'duplicate') return refused('already_paired', { mentorId });
    if (created === 'unavailable') return refused(staffId ? 'mentor_full' : 'mentor_unavailable');
    return done(created);
  }

  async function accept(relationshipId: string, actorId: string): Promise<AnswerOutcome> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || relationship.mentorId !== actorId) return refused('not_your_request');
    if (relationship.status !== 'requested')
      return refused('already_answered', { relationshipId, status: relationship.status });
    const [mentor, mentee] = await Promise.all([
      profiles.get(relationship.mentorId, 'mentor'),
      profiles.get(relationship.menteeId, 'mentee'),
    ]);
    if (!mentor || !mentee) return refused('already_answered', { relationshipId });

    // Open the group DM first: if Slack refuses (a deactivated account), nothing has changed yet.
    const conversation = await slack.openConversation([relationship.mentorId, relationship.menteeId]);
    if (!conversation.ok) {
      const at = now();
      await deps.unitOfWork.run((tx) =>
        tx.notices.enqueue(
          [
            {
              key: noticeKeys.conversationFailed(relationship.id, at),
              notice: {
                type: 'staff_conversation_failed',
                mentorId: relationship.mentorId,
                menteeId: relationship.menteeId,
                error: conversation.error,
              },
              destination: { to: 'channel', channel: deps.adminChannelId },
            },
          ],
          at,
        ),
      );
      return refused('conversation_failed', { relationshipId });
    }
    const channelId = conversation.channelId;
    const at = now();
    // Seat, stage, notices and audit together: a refused seat or a lost race changes nothing.
    const introduced = await deps.unitOfWork.run<RelationshipRecord | 'no_seat' | 'answered'>(async (tx) => {
      if (!(await tx.profiles.claimSeat(relationship.mentorId))) throw new Rollback('no_seat' as const);
      const introduced = await tx.relationships.transition(
        relationship.id,
        'requested',
        { to: 'introduced', actor: 'mentor', actorId, at },
        { channelId, stageStartedAt: at },
      );
      if (!introduced) throw new Rollback('answered' as const);
      await tx.notices.enqueue(
        [
          {
            key: noticeKeys.introduction(introduced.id),
            notice: {
              type: 'pair_introduction',
              relationship: introduced,
              mentor,
              mentee,
              sharedInterests: sharedInterests(mentor, mentee),
            },
            destination: { to: 'channel', channel: channelId },
          },
          requestCardUpdate(introduced, mentee, 'accepted', at),
        ],
        at,
      );
      await record(tx, actorId, 'relationship.introduced', introduced);
      // That seat was the last one: the requests still waiting on this mentor are released.
      await releaseIfFull(tx, relationship.mentorId, 'system', actorId, at);
      return introduced;
    });
    if (introduced === 'no_seat') return refused('no_seat', { relationshipId });
    if (introduced === 'answered') return refused('already_answered', { relationshipId });
    await deps.onChanged([introduced.mentorId, introduced.menteeId]);
    return done(introduced);
  }

  async function decline(relationshipId: string, actorId: string): Promise<AnswerOutcome> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || relationship.mentorId !== actorId) return refused('not_your_request');
    if (relationship.status !== 'requested')
      return refused('already_answered', { relationshipId, status: relationship.status });
    const at = now();
    const mentee = await profiles.get(relationship.menteeId, 'mentee');
    const declined = await deps.unitOfWork.run(async (tx) => {
      const declined = await tx.relationships.transition(relationship.id, 'requested', {
        to: 'declined',
        actor: 'mentor',
        actorId,
        at,
      });
      if (!declined) return undefined;
      await tx.notices.enqueue(
        [
          ...(mentee ? [requestCardUpdate(declined, mentee, 'declined', at)] : []),
          menteeNews(declined, 'declined'),
        ],
        at,
      );
      await record(tx, actorId, 'relationship.declined', declined);
      return declined;
    });
    if (!declined) return refused('already_answered', { relationshipId });
    return done(declined);
  }

  /** Reminds mentors of week-old requests and lapses fortnight-old ones. Safe to run from several copies. */
  async function sweepRequests(): Promise<Done<{ reminded: number; lapsed: number }>> {
    const current = clock.now();
    let lapsed = 0;
    for (const old of await relationships.requestsMadeBefore(
      current.minus({ days: REQUEST_LAPSE_DAYS }).toJSDate(),
    )) {
      const at = current.toJSDate();
      const mentee = await profiles.get(old.menteeId, 'mentee');
      const done = await deps.unitOfWork.run(async (tx) => {
        const done = await tx.relationships.transition(old.id, 'requested', {
          to: 'lapsed',
          actor: 'system',
          at,
          reason: `no answer within ${REQUEST_LAPSE_DAYS} days`,
        });
        if (!done) return undefined;
        await tx.notices.enqueue(
          [...(mentee ? [requestCardUpdate(done, mentee, 'lapsed', at)] : []), menteeNews(done, 'lapsed')],
          at,
        );
        await record(tx, 'system', 'relationship.lapsed', done);
        return done;
      });
      if (!done) continue;
      lapsed += 1;
    }
    let reminded = 0;
    for (const waiting of await relationships.requestsNeedingReminder(
      current.minus({ days: REQUEST_REMINDER_DAYS }).toJSDate(),
    )) {
      const at = current.toJSDate();
      // The mark and the reminder together: several copies sweeping send it once, and a lost post is retried.
      const marked = await deps.unitOfWork.run(async (tx) => {
        if (!(await tx.relationships.markReminderSent(waiting.id, at))) return false;
        await tx.notices.enqueue(
          [
            {
              key: noticeKeys.requestReminder(waiting.id),
              notice: { type: 'mentor_request_reminder', menteeId: waiting.menteeId },
              destination: { to: 'person', userId: waiting.mentorId },
            },
          ],
          at,
        );
        return true;
      });
      if (marked) reminded += 1;
    }
    return done({ reminded, lapsed });
  }

  /** One person in the pair shares how they like to stay in touch; only that person may. */
  async function sharePreferences(
    relationshipId: string,
    actorId: string,
    side: 'mentor' | 'mentee',
    channels: CommunicationChannel[],
  ): Promise<PreferencesOutcome> {
    const prepared = await preparePreferences(relationshipId, actorId, side, channels);
    return prepared.kind === 'done' ? prepared.value.save() : prepared;
  }

  /**
   * Checks who shares (one read) before anything is written, so a listener can answer the form first;
   * `save()` then writes the preferences and the pair's notice in one transaction.
   */
  async function preparePreferences(
    relationshipId: string,
    actorId: string,
    side: 'mentor' | 'mentee',
    channels: CommunicationChannel[],
  ): Promise<Result<{ save: () => Promise<PreferencesOutcome> }, PreferencesRefusal>> {
    const relationship = await relationships.get(relationshipId);
    if (!relationship || !isOpen(relationship.status) || !relationship.channelId)
      return refused('relationship_not_open', { relationshipId });
    const channelId = relationship.channelId;
    const sideOf =
      relationship.mentorId === actorId ? 'mentor' : relationship.menteeId === actorId ? 'mentee' : undefined;
    if (!sideOf) return refused('not_in_pair');
    if (sideOf !== side) return refused('wrong_side', { side });
    return done({
      save: async (): Promise<PreferencesOutcome> => {
        const at = now();
        await deps.unitOfWork.run(async (tx) => {
          await tx.relationships.setCommunicationPreferences(relationship.id, side, channels, at);
          await tx.notices.enqueue(
            [
              {
                key: noticeKeys.preferencesShared(relationship.id, side, at),
                notice: { type: 'pair_preferences_shared', userId: actorId, channels },
                destination: { to: 'channel', channel: channelId },
              },
            ],
            at,
          );
        });
        return done();
      },
    });
  }

  function requestCardUpdate(
    relationship: RelationshipRecord,
    mentee: ProfileRecord,
    outcome: 'accepted' | 'declined' | 'lapsed',
    at: Date,
  ): NewNotice {
    return {
      key: noticeKeys.requestCardUpdate(relationship.id, outcome),
      notice: { type: 'request_card_update', relationship, mentee, outcome, at },
      destination: {
        to: 'update',
        noticeKey: noticeKeys.requestCard(relationship.id),
        message: relationship.requestMessage,
      },
    };
  }

  function menteeNews(relationship: RelationshipRecord, news: 'declined' | 'lapsed'): NewNotice {
    return {
      key: noticeKeys.menteeNews(relationship.id, news),
      notice: { type: 'mentee_request_news', news, mentorId: relationship.mentorId },
      destination: { to: 'person', userId: relationship.menteeId },
    };
  }

  async function record(
    tx: RequestTx,
    actorId: string,
    action: string,
    relationship: RelationshipRecord,
    details: Record<string, unknown> = {},
  ) {
    await tx.audit.record({
      at: now(),
      actorId,
      action,
      subjectType: 'relationship',
      subjectId: relationship.id,
      details: { status: relationship.status, ...details },
    });
  }

  return { request, accept, decline, sweepRequests, sharePreferences, preparePreferences };
}
export type RequestService = ReturnType<typeof createRequestService>;

/** Interests both people listed, in the mentor's wording. */
export function sharedInterests(mentor: ProfileRecord, mentee: ProfileRecord): string[] {
  const menteeSet = new Set([...mentee.academicInterests, ...mentee.careerInterests].map(normaliseInterest));
  return [...new Set([...mentor.academicInterests, ...mentor.careerInterests])].filter((i) =>
    menteeSet.has(normaliseInterest(i)),
  );
}
