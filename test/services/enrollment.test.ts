import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { ApplicationAnswers, ApplicationRole } from '../../src/domain/application-form';
import type { NewNotice } from '../../src/domain/notices';
import type { ApplicationRecord, ProfileRecord } from '../../src/domain/records';
import { createEnrollmentService, type EnrollmentTx } from '../../src/services/enrollment';
import { Rollback, type UnitOfWork } from '../../src/services/ports';

const APPLICANT = 'UAPPLICANT';
const STAFF = 'USTAFF';
const TAXONOMY = ['Law', 'Marketing', 'Sales'];

const MENTEE_FORM = {
  displayName: 'Bob',
  academicInterests: ['Marketing'],
  careerInterests: [],
  otherInterests: '',
  communicationPreferences: ['slack'],
  bio: 'Junior in marketing.',
  confidentialityAcknowledged: true,
};
const MENTOR_FORM = {
  ...MENTEE_FORM,
  displayName: 'Alice',
  degree: 'BA',
  graduationYear: '2009',
  occupation: 'Director',
  industry: 'Retail',
  capacity: '2',
};

function application(
  role: ApplicationRole,
  extra: Partial<ApplicationRecord> = {},
  answers: Partial<ApplicationAnswers> = {},
): ApplicationRecord {
  const base =
    role === 'mentor'
      ? { ...MENTOR_FORM, graduationYear: 2009, capacity: 2 }
      : { ...MENTEE_FORM, communicationPreferences: ['slack'] };
  return {
    id: 'a1',
    userId: APPLICANT,
    role,
    status: 'submitted',
    answers: { ...base, timezone: 'America/New_York', ...answers } as ApplicationAnswers,
    createdAt: new Date('2026-03-01T12:00:00Z'),
    updatedAt: new Date('2026-03-01T12:00:00Z'),
    ...extra,
  };
}

/**
 * The enrollment service over in-memory fakes: applications and profiles kept in maps, a unit of work that
 * keeps its writes only on commit, a Slack profile for the applicant, staff by id, and the manual clock.
 */
function world(
  options: {
    applications?: ApplicationRecord[];
    profiles?: Partial<ProfileRecord>[];
    /** Notice keys already in the outbox (a card written but not yet posted). */
    queued?: string[];
    /** Someone else decides this application between the service's read and its write. */
    decidedMeanwhile?: Partial<ApplicationRecord>;
  } = {},
) {
  const clock = new ManualClock(DateTime.fromISO('2026-03-02T15:00:00Z'));
  const applications = new Map((options.applications ?? []).map((a) => [a.id, a]));
  const profiles = (options.profiles ?? []) as ProfileRecord[];
  const notices: NewNotice[] = [];
  const audits: { action: string; actorId: string; subjectId: string; details?: unknown }[] = [];
  const approved: Omit<ProfileRecord, 'openRelationships' | 'approved'>[] = [];
  const tx: EnrollmentTx = {
    applications: {
      async submitOrEdit(userId, role, answers) {
        const waiting = [...applications.values()].find(
          (a) => a.userId === userId && a.role === role && a.status === 'submitted',
        );
        const saved: ApplicationRecord = waiting
          ? { ...waiting, answers }
          : { ...application(role), id: `a${applications.size + 1}`, userId, answers };
        applications.set(saved.id, saved);
        return { application: saved, created: !waiting };
      },
      async decide(id, decision) {
        if (options.decidedMeanwhile) {
          const current = applications.get(id);
          if (current) applications.set(id, { ...current, ...options.decidedMeanwhile });
        }
        const current = applications.get(id);
        if (!current || current.status !== 'submitted') return undefined;
        const decided: ApplicationRecord = {
          ...current,
          status: decision.status,
          reviewerId: decision.reviewerId,
          decidedAt: decision.at,
          ...(decision.declineReason ? { declineReason: decision.declineReason } : {}),
        };
        applications.set(id, decided);
        return decided;
      },
    },
    profiles: {
      async saveApproved(profile) {
        approved.push(profile);
        return { ...profile, openRelationships: 0, approved: true };
      },
    },
    audit: {
      async record(entry) {
        audits.push(entry as (typeof audits)[number]);
      },
    },
    notices: {
      async enqueue(items) {
        notices.push(...items);
        return items.length;
      },
      async has(key) {
        return (options.queued ?? []).includes(key) || notices.some((n) => n.key === key);
      },
    },
  };
  const unitOfWork: UnitOfWork<EnrollmentTx> = {
    async run(work) {
      const before = {
        applications: new Map(applications),
        notices: notices.length,
        audits: audits.length,
        approved: approved.length,
      };
      try {
        return await work(tx);
      } catch (error) {
        applications.clear();
        for (const [id, a] of before.applications) applications.set(id, a);
        notices.length = before.notices;
        audits.length = before.audits;
        approved.length = before.approved;
        if (error instanceof Rollback) return error.result as never;
        throw error;
      }
    },
  };
  const enrollment = createEnrollmentService({
    applications: {
      async get(id) {
        return applications.get(id);
      },
      async findWaiting(userId, role) {
        return [...applications.values()].find(
          (a) => a.userId === userId && a.role === role && a.status === 'submitted',
        );
      },
      async listWaiting() {
        return [...applications.values()]
          .filter((a) => a.status === 'submitted')
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      },
    },
    profiles: {
      async get(userId, role) {
        return profiles.find((p) => p.userId === userId && p.role === role);
      },
    },
    unitOfWork,
    slack: {
      async person(userId) {
        return userId === APPLICANT
          ? {
              id: APPLICANT,
              realName: 'Alice Example',
              timezone: 'America/New_York',
              deleted: false,
              isBot: false,
            }
          : undefined;
      },
    },
    staff: { isStaff: async (userId) => userId === STAFF, knownStaff: () => undefined },
    clock,
    taxonomy: TAXONOMY,
    adminChannelId: 'CADMIN',
  });
  const nothingWritten = () => ({ notices, audits, approved });
  return { enrollment, applications, notices, audits, approved, nothingWritten };
}

const kinds = (notices: NewNotice[]) => notices.map((n) => n.notice.type);

describe('enrollment service: the application form opens with what is known', () => {
  it('a waiting application: its answers, editing', async () => {
    const w = world({ applications: [application('mentee')] });
    expect(await w.enrollment.draft(APPLICANT, 'mentee')).toMatchObject({
      kind: 'done',
      value: { editing: true, prefill: { displayName: 'Bob', bio: 'Junior in marketing.' } },
    });
  });

  it('no waiting application but a profile: the profile, not editing', async () => {
    const w = world({ profiles: [{ userId: APPLICANT, role: 'mentor', displayName: 'Dr Alice' }] });
    expect(await w.enrollment.draft(APPLICANT, 'mentor')).toMatchObject({
      kind: 'done',
      value: { editing: false, prefill: { displayName: 'Dr Alice' } },
    });
  });

  it('neither: the Slack profile’s name and time zone', async () => {
    const w = world();
    expect(await w.enrollment.draft(APPLICANT, 'mentee')).toEqual({
      kind: 'done',
      value: { editing: false, prefill: { displayName: 'Alice Example', timezone: 'America/New_York' } },
    });
  });
});

describe('enrollment service: submitting the form', () => {
  it('done: a new application, the staff card as a notice to the admin channel and the audit entry', async () => {
    const w = world();
    expect(await w.enrollment.submit(APPLICANT, 'mentor', MENTOR_FORM)).toEqual({
      kind: 'done',
      value: { edited: false },
    });
    const [saved] = [...w.applications.values()];
    expect(saved?.answers).toMatchObject({ displayName: 'Alice', capacity: 2, timezone: 'America/New_York' });
    expect(w.notices).toEqual([
      {
        key: `application:${saved!.id}:card`,
        notice: { type: 'staff_application_card', application: saved },
        destination: { to: 'channel', channel: 'CADMIN' },
        recordTo: { applicationReviewCard: saved!.id },
      },
    ]);
    expect(w.audits).toMatchObject([
      { action: 'application.submitted', actorId: APPLICANT, details: { role: 'mentor' } },
    ]);
  });

  it('done, edited: the posted card is updated in place, marked edited', async () => {
    const card = { channel: 'CADMIN', ts: '111.222' };
    const w = world({ applications: [application('mentee', { reviewCard: card })] });
    expect(await w.enrollment.submit(APPLICANT, 'mentee', { ...MENTEE_FORM, bio: 'Now a senior.' })).toEqual({
      kind: 'done',
      value: { edited: true },
    });
    expect(w.notices).toMatchObject([
      {
        key: `application:a1:edited:${Date.parse('2026-03-02T15:00:00Z')}`,
        notice: {
          type: 'staff_application_card',
          edited: true,
          application: { answers: { bio: 'Now a senior.' } },
        },
        destination: { to: 'update', noticeKey: 'application:a1:card', message: card },
      },
    ]);
    expect(w.audits).toMatchObject([{ action: 'application.edited' }]);
  });

  it('done, edited before its card was posted: the update waits for the queued card', async () => {
    const w = world({ applications: [application('mentee')], queued: ['application:a1:card'] });
    expect(await w.enrollment.submit(APPLICANT, 'mentee', MENTEE_FORM)).toMatchObject({
      value: { edited: true },
    });
    expect(w.notices).toMatchObject([
      { destination: { to: 'update', noticeKey: 'application:a1:card', message: undefined } },
    ]);
  });

  it('done, edited when no card was ever written (an application from before the outbox): a new card', async () => {
    const w = world({ applications: [application('mentee')] });
    await w.enrollment.submit(APPLICANT, 'mentee', MENTEE_FORM);
    expect(w.notices).toMatchObject([
      {
        key: 'application:a1:card',
        notice: { type: 'staff_application_card' },
        destination: { to: 'channel', channel: 'CADMIN' },
      },
    ]);
    expect(w.notices[0]!.notice).not.toHaveProperty('edited');
  });

  it('invalid: each bad field with its error code, and nothing is written', async () => {
    const w = world();
    const result = await w.enrollment.submit(APPLICANT, 'mentor', {
      ...MENTOR_FORM,
      displayName: '',
      capacity: '9',
    });
    expect(result).toEqual({
      kind: 'invalid',
      fields: { displayName: 'required', capacity: 'out_of_range' },
    });
    expect(w.applications.size).toBe(0);
    expect(w.nothingWritten()).toEqual({ notices: [], audits: [], approved: [] });
  });
});

describe('enrollment service: staff decide', () => {
  it('approve, done: the mentor listed with their capacity, the card updated, the applicant told, audited', async () => {
    const w = world({ applications: [application('mentor')] });
    const result = await w.enrollment.approve('a1', STAFF);
    expect(result).toMatchObject({
      kind: 'done',
      value: { id: 'a1', status: 'approved', reviewerId: STAFF },
    });
    expect(w.approved).toMatchObject([
      { userId: APPLICANT, role: 'mentor', displayName: 'Alice', capacity: 2, listed: true },
    ]);
    expect(kinds(w.notices)).toEqual(['staff_card_update', 'applicant_decision_dm']);
    expect(w.notices[0]).toMatchObject({
      key: 'application:a1:decided',
      destination: { to: 'update', noticeKey: 'application:a1:card' },
    });
    expect(w.notices[1]).toEqual({
      key: 'application:a1:decision',
      notice: { type: 'applicant_decision_dm', role: 'mentor', status: 'approved', capacity: 2 },
      destination: { to: 'person', userId: APPLICANT },
    });
    expect(w.audits).toMatchObject([
      {
        action: 'application.approved',
        actorId: STAFF,
        subjectId: 'a1',
        details: { role: 'mentor', applicantId: APPLICANT },
      },
    ]);
  });

  it('approve a mentee, done: a profile kept out of the directory, no capacity in the DM', async () => {
    const w = world({ applications: [application('mentee')] });
    await w.enrollment.approve('a1', STAFF);
    expect(w.approved).toMatchObject([{ role: 'mentee', listed: false }]);
    expect(w.approved[0]).not.toHaveProperty('capacity');
    expect(w.notices[1]!.notice).toEqual({
      type: 'applicant_decision_dm',
      role: 'mentee',
      status: 'approved',
    });
  });

  it('decline, done: the reason kept and in the applicant’s DM; no profile', async () => {
    const w = world({ applications: [application('mentee')] });
    const result = await w.enrollment.decline('a1', STAFF, 'The program is full this term.');
    expect(result).toMatchObject({
      kind: 'done',
      value: { status: 'declined', declineReason: 'The program is full this term.' },
    });
    expect(w.approved).toEqual([]);
    expect(w.notices[1]!.notice).toEqual({
      type: 'applicant_decision_dm',
      role: 'mentee',
      status: 'declined',
      reason: 'The program is full this term.',
    });
    expect(w.audits).toMatchObject([{ action: 'application.declined' }]);
  });

  it.each([
    ['approve', (w: ReturnType<typeof world>) => w.enrollment.approve('a1', APPLICANT)],
    ['decline', (w: ReturnType<typeof world>) => w.enrollment.decline('a1', APPLICANT, 'No.')],
  ])('%s by someone not staff: refused not_staff, and nothing is written', async (_what, act) => {
    const w = world({ applications: [application('mentor')] });
    expect(await act(w)).toEqual({ kind: 'refused', code: 'not_staff', facts: {} });
    expect(w.applications.get('a1')?.status).toBe('submitted');
    expect(w.nothingWritten()).toEqual({ notices: [], audits: [], approved: [] });
  });

  it('an unknown application: refused not_found, and nothing is written', async () => {
    const w = world();
    expect(await w.enrollment.approve('a404', STAFF)).toEqual({
      kind: 'refused',
      code: 'not_found',
      facts: { applicationId: 'a404' },
    });
    expect(w.nothingWritten()).toEqual({ notices: [], audits: [], approved: [] });
  });

  it('already decided: refused already_decided with who decided it, and nothing is written', async () => {
    const w = world({
      applications: [application('mentor', { status: 'declined', reviewerId: 'UOTHERSTAFF' })],
    });
    expect(await w.enrollment.approve('a1', STAFF)).toEqual({
      kind: 'refused',
      code: 'already_decided',
      facts: { applicationId: 'a1', status: 'declined', reviewerId: 'UOTHERSTAFF' },
    });
    expect(w.nothingWritten()).toEqual({ notices: [], audits: [], approved: [] });
  });

  it('decided by someone else a moment earlier: refused already_decided with their decision', async () => {
    const w = world({
      applications: [application('mentor')],
      decidedMeanwhile: { status: 'approved', reviewerId: 'UOTHERSTAFF' },
    });
    expect(await w.enrollment.decline('a1', STAFF, 'No.')).toMatchObject({
      kind: 'refused',
      code: 'already_decided',
      facts: { status: 'approved', reviewerId: 'UOTHERSTAFF' },
    });
    expect(w.nothingWritten()).toEqual({ notices: [], audits: [], approved: [] });
  });
});

describe('enrollment service: what staff see', () => {
  it('waiting: the applications still to decide, oldest first', async () => {
    const w = world({
      applications: [
        application('mentor', { id: 'a2', createdAt: new Date('2026-03-01T13:00:00Z') }),
        application('mentee', { id: 'a1', createdAt: new Date('2026-02-27T09:00:00Z') }),
        application('mentee', { id: 'a3', status: 'approved' }),
      ],
    });
    const result = await w.enrollment.waiting();
    expect(result.value.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('checkReviewer: done for staff, refused not_staff for anyone else', async () => {
    const w = world();
    expect(await w.enrollment.checkReviewer(STAFF)).toEqual({ kind: 'done', value: undefined });
    expect(await w.enrollment.checkReviewer(APPLICANT)).toEqual({
      kind: 'refused',
      code: 'not_staff',
      facts: {},
    });
  });
});
