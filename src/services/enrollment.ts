import { applicationReviewCard } from '../../blocks/application';
import { plainMessage } from '../../blocks/message';
import { escapeWithin, mention, slackDate } from '../../blocks/mrkdwn';
import type { Clock } from '../clock';
import { applicationWording, type ProgramSettings } from '../content/wording';
import {
  isMentorAnswers,
  validateApplication,
  type ApplicationAnswers,
  type ApplicationField,
  type ApplicationRole,
  type RawApplication,
} from '../domain/application-form';
import type { ApplicationRecord } from '../domain/records';
import type { ApplicationRepository } from '../store/application-repository';
import type { AuditRepository } from '../store/audit-repository';
import type { ProfileRepository } from '../store/profile-repository';
import type { SlackPort } from './ports';
import type { StaffDirectory } from './staff';

export type Decision =
  | { outcome: 'decided'; application: ApplicationRecord }
  | { outcome: 'already_decided'; application: ApplicationRecord }
  | { outcome: 'not_staff' }
  | { outcome: 'not_found' };

/**
 * Applications, from the form to the staff's decision: one waiting application per person and role,
 * a review card in the admin channel kept in step, and the applicant told the outcome by DM.
 */
export function createEnrollmentService(deps: {
  applications: Pick<
    ApplicationRepository,
    'get' | 'findWaiting' | 'submitOrEdit' | 'setReviewCard' | 'decide' | 'listWaiting'
  >;
  profiles: Pick<ProfileRepository, 'get' | 'saveApproved'>;
  audit: Pick<AuditRepository, 'record'>;
  slack: Pick<SlackPort, 'person' | 'post' | 'postToPerson' | 'update'>;
  staff: StaffDirectory;
  clock: Clock;
  program: ProgramSettings;
  taxonomy: readonly string[];
  adminChannelId: string;
}) {
  const { applications, slack, clock } = deps;

  /** What the form opens with: a waiting application's answers, else the profile, else the Slack profile. */
  async function draft(userId: string, role: ApplicationRole) {
    const waiting = await applications.findWaiting(userId, role);
    if (waiting) return { editing: true, prefill: { ...waiting.answers } as Record<string, unknown> };
    const profile = await deps.profiles.get(userId, role);
    if (profile) return { editing: false, prefill: { ...profile } as Record<string, unknown> };
    const person = await slack.person(userId);
    return { editing: false, prefill: { displayName: person?.realName ?? '', timezone: person?.timezone } };
  }

  /** Validates and saves the form; posts (or refreshes) the staff's review card. */
  async function submit(
    userId: string,
    role: ApplicationRole,
    raw: RawApplication,
  ): Promise<
    { ok: true; edited: boolean } | { ok: false; errors: Partial<Record<ApplicationField, string>> }
  > {
    const checked = validateApplication(role, raw, {
      taxonomy: deps.taxonomy,
      currentYear: clock.now().setZone('utc').year,
    });
    if (!checked.ok) return checked;
    const person = await slack.person(userId);
    const answers: ApplicationAnswers = { ...checked.answers, timezone: person?.timezone };
    const { application, created } = await applications.submitOrEdit(userId, role, answers);
    if (created || !application.reviewCard) {
      const card = await slack.post(deps.adminChannelId, applicationReviewCard(application));
      await applications.setReviewCard(application.id, card);
    } else {
      const card = applicationReviewCard(application);
      card.blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: applicationWording.card.edited }],
      });
      await slack.update(application.reviewCard.channel, application.reviewCard.ts, card);
    }
    await deps.audit.record({
      at: clock.now().toJSDate(),
      actorId: userId,
      action: created ? 'application.submitted' : 'application.edited',
      subjectType: 'application',
      subjectId: application.id,
      details: { role },
    });
    return { ok: true, edited: !created };
  }

  async function decide(
    applicationId: string,
    reviewerId: string,
    decision: { status: 'approved' } | { status: 'declined'; reason: string },
  ): Promise<Decision> {
    if (!(await deps.staff.isStaff(reviewerId))) return { outcome: 'not_staff' };
    const existing = await applications.get(applicationId);
    if (!existing) return { outcome: 'not_found' };
    const at = clock.now();
    const decided = await applications.decide(applicationId, {
      status: decision.status,
      reviewerId,
      at: at.toJSDate(),
      ...(decision.status === 'declined' ? { declineReason: decision.reason } : {}),
    });
    if (!decided) {
      const current = (await applications.get(applicationId)) ?? existing;
      await refreshCard(current);
      return { outcome: 'already_decided', application: current };
    }
    if (decided.status === 'approved') await createProfile(decided);
    await refreshCard(decided);
    const message =
      decision.status === 'approved'
        ? applicationWording.approved(
            decided.role,
            deps.program,
            isMentorAnswers(decided.answers) ? decided.answers.capacity : undefined,
          )
        : applicationWording.declined(decided.role, deps.program, escapeWithin(decision.reason.trim(), 2000));
    await slack.postToPerson(decided.userId, plainMessage(message));
    await deps.audit.record({
      at: at.toJSDate(),
      actorId: reviewerId,
      action: `application.${decided.status}`,
      subjectType: 'application',
      subjectId: decided.id,
      details: { role: decided.role, applicantId: decided.userId },
    });
    return { outcome: 'decided', application: decided };
  }

  async function createProfile(application: ApplicationRecord) {
    const a = application.answers;
    await deps.profiles.saveApproved({
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
    });
  }

  /** Shows on the staff card who decided and when, and removes the buttons. */
  async function refreshCard(application: ApplicationRecord) {
    if (!application.reviewCard || application.status === 'submitted' || !application.reviewerId) return;
    const when = application.decidedAt ? slackDate(application.decidedAt, true) : '';
    const line =
      application.status === 'approved'
        ? applicationWording.card.approvedBy(mention(application.reviewerId), when)
        : applicationWording.card.declinedBy(mention(application.reviewerId), when);
    await slack.update(
      application.reviewCard.channel,
      application.reviewCard.ts,
      applicationReviewCard(application, line),
    );
  }

  return {
    draft,
    submit,
    approve: (applicationId: string, reviewerId: string) =>
      decide(applicationId, reviewerId, { status: 'approved' }),
    decline: (applicationId: string, reviewerId: string, reason: string) =>
      decide(applicationId, reviewerId, { status: 'declined', reason }),
    /** Applications waiting for a decision, oldest first. */
    waiting: () => applications.listWaiting(),
    /** Whether someone may open the decline modal (checked again when it is submitted). */
    canReview: (userId: string) => deps.staff.isStaff(userId),
  };
}
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
