import type { Clock } from '../clock';
import {
  isMentorAnswers,
  validateApplication,
  type ApplicationAnswers,
  type ApplicationErrorCode,
  type ApplicationErrors,
  type ApplicationRole,
  type RawApplication,
} from '../domain/application-form';
import { noticeKeys } from '../domain/notices';
import type { ApplicationRecord } from '../domain/records';
import type { ApplicationRepository } from '../store/application-repository';
import type { AuditRepository } from '../store/audit-repository';
import type { NoticeRepository } from '../store/notice-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { SlackPort, UnitOfWork } from './ports';
import { done, invalid, refused, type Done, type Invalid, type Prepared, type Result } from './result';
import type { StaffDirectory } from './staff';

/** The writes an application's submission or decision makes, together. */
export interface EnrollmentTx {
  applications: Pick<ApplicationRepository, 'submitOrEdit' | 'decide'>;
  profiles: Pick<ProfileRepository, 'saveApproved'>;
  audit: Pick<AuditRepository, 'record'>;
  notices: Pick<NoticeRepository, 'enqueue' | 'has'>;
}

/** Why a decision is refused: not staff, an unknown application, or one already decided. */
export type DecisionRefusal = 'not_staff' | 'not_found' | 'already_decided';

/** A decision made: the application as decided, or why not. */
export type Decision = Result<ApplicationRecord, DecisionRefusal>;

/** A saved application (`edited` when it replaced a waiting one), or its field errors as codes (`ApplicationErrorCode`). */
export type Submission = Done<{ edited: boolean }> | Invalid;

/**
 * Applications, from the form to the staff's decision: one waiting application per person and role,
 * a review card in the admin channel kept in step, and the applicant told the outcome by DM.
 */
export function createEnrollmentService(deps: {
  applications: Pick<ApplicationRepository, 'get' | 'findWaiting' | 'listWaiting'>;
  profiles: Pick<ProfileRepository, 'get'>;
  unitOfWork: UnitOfWork<EnrollmentTx>;
  slack: Pick<SlackPort, 'person'>;
  staff: StaffDirectory;
  clock: Clock;
  taxonomy: readonly string[];
  adminChannelId: string;
}) {
  const { applications, slack, clock } = deps;

  /** What the form opens with: a waiting application's answers, else the profile, else the Slack profile. */
  async function draft(
    userId: string,
    role: ApplicationRole,
  ): Promise<Done<{ editing: boolean; prefill: Record<string, unknown> }>> {
    const waiting = await applications.findWaiting(userId, role);
    if (waiting) return done({ editing: true, prefill: { ...waiting.answers } as Record<string, unknown> });
    const profile = await deps.profiles.get(userId, role);
    if (profile) return done({ editing: false, prefill: { ...profile } as Record<string, unknown> });
    const person = await slack.person(userId);
    return done({
      editing: false,
      prefill: { displayName: person?.realName ?? '', timezone: person?.timezone },
    });
  }

  /**
   * Validates the form (pure, no read): its field errors, or `save()`, which looks the applicant's time zone
   * up in Slack and saves. The staff's review card (posted, or updated after an edit) is a notice written in
   * the same transaction as the application and its audit entry; it goes out after the commit.
   */
  function prepareSubmit(
    userId: string,
    role: ApplicationRole,
    raw: RawApplication,
  ): Done<{ save: () => Promise<Done<{ edited: boolean }>> }> | Invalid {
    const checked = validateApplication(role, raw, {
      taxonomy: deps.taxonomy,
      currentYear: clock.now().setZone('utc').year,
    });
    if (!checked.ok) return invalid(fieldErrors(checked.errors));
    return done({ save: () => save(userId, role, checked.answers) });
  }

  async function save(
    userId: string,
    role: ApplicationRole,
    valid: ApplicationAnswers,
  ): Promise<Done<{ edited: boolean }>> {
    const person = await slack.person(userId);
    const answers: ApplicationAnswers = { ...valid, timezone: person?.timezone };
    const at = clock.now().toJSDate();
    const created = await deps.unitOfWork.run(async (tx) => {
      const { application, created } = await tx.applications.submitOrEdit(userId, role, answers);
      const cardKey = noticeKeys.applicationCard(application.id);
      const newCard = created || (!application.reviewCard && !(await tx.notices.has(cardKey)));
      await tx.notices.enqueue(
        [
          newCard
            ? {
                key: cardKey,
                notice: { type: 'staff_application_card', application },
                destination: { to: 'channel', channel: deps.adminChannelId },
                recordTo: { applicationReviewCard: application.id },
              }
            : {
                key: noticeKeys.applicationEdited(application.id, at),
                notice: { type: 'staff_application_card', application, edited: true },
                destination: { to: 'update', noticeKey: cardKey, message: application.reviewCard },
              },
        ],
        at,
      );
      await tx.audit.record({
        at,
        actorId: userId,
        action: created ? 'application.submitted' : 'application.edited',
        subjectType: 'application',
        subjectId: application.id,
        details: { role },
      });
      return created;
    });
    return done({ edited: !created });
  }

  /** Validates and saves the form (see `prepareSubmit`). */
  async function submit(userId: string, role: ApplicationRole, raw: RawApplication): Promise<Submission> {
    const prepared = prepareSubmit(userId, role, raw);
    return prepared.kind === 'done' ? prepared.value.save() : prepared;
  }

  /**
   * A decline checked as far as answering the reason form needs: not someone known not to be staff (without
   * asking Slack), and the application still waiting (one read). `save()` checks the reviewer is staff,
   * asking Slack if need be, and decides (refused if someone decided first).
   */
  async function prepareDecline(
    applicationId: string,
    reviewerId: string,
    reason: string,
  ): Promise<Result<Prepared<ApplicationRecord, DecisionRefusal>, DecisionRefusal>> {
    if (deps.staff.knownStaff(reviewerId) === false) return refused('not_staff');
    const existing = await applications.get(applicationId);
    if (!existing) return refused('not_found', { applicationId });
    if (existing.status !== 'submitted')
      return refused('already_decided', {
        applicationId,
        status: existing.status,
        reviewerId: existing.reviewerId,
      });
    return done({ save: () => decide(applicationId, reviewerId, { status: 'declined', reason }) });
  }

  /**
   * Decides a waiting application: the decision, the approved profile, the audit entry and the notices
   * (the applicant's DM, the staff card showing who decided) in one transaction.
   */
  async function decide(
    applicationId: string,
    reviewerId: string,
    decision: { status: 'approved' } | { status: 'declined'; reason: string },
  ): Promise<Decision> {
    if (!(await deps.staff.isStaff(reviewerId))) return refused('not_staff');
    const existing = await applications.get(applicationId);
    if (!existing) return refused('not_found', { applicationId });
    const at = clock.now().toJSDate();
    const decided = await deps.unitOfWork.run(async (tx) => {
      const decided = await tx.applications.decide(applicationId, {
        status: decision.status,
        reviewerId,
        at,
        ...(decision.status === 'declined' ? { declineReason: decision.reason } : {}),
      });
      if (!decided) return undefined;
      if (decided.status === 'approved') await tx.profiles.saveApproved(approvedProfile(decided));
      await tx.notices.enqueue(
        [
          {
            key: noticeKeys.applicationDecided(decided.id),
            notice: { type: 'staff_card_update', application: decided },
            destination: {
              to: 'update',
              noticeKey: noticeKeys.applicationCard(decided.id),
              message: decided.reviewCard,
            },
          },
          {
            key: noticeKeys.applicationDecision(decided.id),
            notice: {
              type: 'applicant_decision_dm',
              role: decided.role,
              status: decision.status,
              ...(decision.status === 'declined'
                ? { reason: decision.reason }
                : isMentorAnswers(decided.answers)
                  ? { capacity: decided.answers.capacity }
                  : {}),
            },
            destination: { to: 'person', userId: decided.userId },
          },
        ],
        at,
      );
      await tx.audit.record({
        at,
        actorId: reviewerId,
        action: `application.${decided.status}`,
        subjectType: 'application',
        subjectId: decided.id,
        details: { role: decided.role, applicantId: decided.userId },
      });
      return decided;
    });
    if (!decided) {
      // Someone decided first; their transaction wrote the card's update.
      const current = (await applications.get(applicationId)) ?? existing;
      return refused('already_decided', {
        applicationId,
        status: current.status,
        reviewerId: current.reviewerId,
      });
    }
    return done(decided);
  }

  function approvedProfile(application: ApplicationRecord) {
    const a = application.answers;
    return {
      userId: application.userId,
      role: application.role,
      displayName: a.displayName,
      timezone: a.timezone,
      academicInterests: a.academicInterests,
      careerInterests: a.careerInterests,
      otherInterests: a.otherInterests,
      communicationPreferences: a.communicationPreferences,
      bio: a.bio,
      ...(isMentorAnswers(a)
        ? {
            degree: a.degree,
            graduationYear: a.graduationYear,
            occupation: a.occupation,
            industry: a.industry,
            capacity: a.capacity,
          }
        : {}),
      // Approved mentors go straight into the directory; they can step out with /mentor unlist.
      listed: application.role === 'mentor',
      // Applying (or editing the application) was the person's last activity so far.
      lastActiveAt: application.updatedAt,
    };
  }

  return {
    draft,
    submit,
    prepareSubmit,
    prepareDecline,
    approve: (applicationId: string, reviewerId: string) =>
      decide(applicationId, reviewerId, { status: 'approved' }),
    decline: (applicationId: string, reviewerId: string, reason: string) =>
      decide(applicationId, reviewerId, { status: 'declined', reason }),
    /** Applications waiting for a decision, oldest first. */
    waiting: async (): Promise<Done<ApplicationRecord[]>> => done(await applications.listWaiting()),
    /** Whether someone may open the decline modal (checked again when it is submitted). */
    checkReviewer: async (userId: string): Promise<Result<undefined, 'not_staff'>> =>
      (await deps.staff.isStaff(userId)) ? done() : refused('not_staff'),
  };
}
/** The form's field error codes, only the fields that have one. */
function fieldErrors(errors: ApplicationErrors): Record<string, ApplicationErrorCode> {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, code]) => (code ? [[field, code]] : [])));
}
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
