import {
  checkInSchedule,
  checkInStanding,
  dateThisCheckInAnswers,
  validateCheckIn,
} from '../../src/domain/check-ins';
import { agreementsComplete, validateAgreements } from '../../src/domain/agreements';

const messages = {
  statusRequired: 'status?',
  evidenceRequired: 'evidence?',
  tooLong: (max: number) => `max ${max}`,
};

describe('a check-in', () => {
  it('needs a status for every goal, and evidence unless the goal has not started', () => {
    const result = validateCheckIn(
      { g0_status: 'on_track', g0_evidence: '', g1_status: 'not_started', g2_status: 'maybe' },
      3,
      messages,
    );
    expect(result).toEqual({ ok: false, errors: { g0_evidence: 'evidence?', g2_status: 'status?' } });
  });

  it('keeps support needed and the note, trimmed, and bounds their length', () => {
    expect(
      validateCheckIn(
        { g0_status: 'done', g0_evidence: ' Offer letter ', g0_support: ' none ', note: ' thanks ' },
        1,
        messages,
      ),
    ).toEqual({
      ok: true,
      answers: {
        goals: [{ goalIndex: 0, status: 'done', evidence: 'Offer letter', supportNeeded: 'none' }],
        note: 'thanks',
      },
    });
    const long = validateCheckIn({ g0_status: 'done', g0_evidence: 'x'.repeat(1501) }, 1, messages);
    expect(long).toEqual({ ok: false, errors: { g0_evidence: 'max 1500' } });
  });
});

describe('check-in dates', () => {
  const goals = [
    { checkIns: ['2026-04-15', '2026-05-15', '2026-06-15'] },
    { checkIns: ['2026-05-15', '2026-07-01', '2026-04-01'] },
  ];

  it('are every goal’s dates, in order, each once', () => {
    expect(checkInSchedule(goals)).toEqual([
      '2026-04-01',
      '2026-04-15',
      '2026-05-15',
      '2026-06-15',
      '2026-07-01',
    ]);
  });

  it('a date gone by with no check-in is late; the next is the first unanswered from today', () => {
    const schedule = checkInSchedule(goals);
    expect(checkInStanding(schedule, ['2026-04-01'], '2026-04-20')).toEqual({
      answered: ['2026-04-01'],
      late: ['2026-04-15'],
      next: '2026-05-15',
    });
    expect(checkInStanding(schedule, [], '2026-04-15')).toMatchObject({
      late: ['2026-04-01'],
      next: '2026-04-15',
    });
  });

  it('a check-in answers the earliest unanswered date already due or within a week; otherwise none', () => {
    const schedule = checkInSchedule(goals);
    expect(dateThisCheckInAnswers(schedule, [], '2026-04-20')).toBe('2026-04-01');
    expect(dateThisCheckInAnswers(schedule, ['2026-04-01', '2026-04-15'], '2026-05-08')).toBe('2026-05-15');
    expect(dateThisCheckInAnswers(schedule, ['2026-04-01', '2026-04-15'], '2026-05-07')).toBeUndefined();
  });
});

describe('stage 1 agreements', () => {
  const errors = { contactFrequency: 'f', channels: 'c', confidentiality: 'k' };

  it('need a frequency, a known channel and the person’s confidentiality tick', () => {
    expect(validateAgreements({ contactFrequency: 'daily', channels: ['pigeon'] }, errors)).toEqual({
      ok: false,
      errors,
    });
    expect(
      validateAgreements(
        { contactFrequency: 'monthly', channels: ['email'], confidentiality: ['yes'] },
        errors,
      ),
    ).toEqual({ ok: true, answers: { contactFrequency: 'monthly', channels: ['email'] } });
  });

  it('are complete only when both people have acknowledged confidentiality', () => {
    const agreed = { contactFrequency: 'weekly' as const, channels: ['slack' as const] };
    expect(agreementsComplete({ ...agreed, confidentialityAckMentor: new Date() })).toBe(false);
    expect(
      agreementsComplete({
        ...agreed,
        confidentialityAckMentor: new Date(),
        confidentialityAckMentee: new Date(),
      }),
    ).toBe(true);
    expect(
      agreementsComplete({
        channels: [],
        confidentialityAckMentor: new Date(),
        confidentialityAckMentee: new Date(),
      }),
    ).toBe(false);
  });
});
