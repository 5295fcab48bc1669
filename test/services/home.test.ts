import { DateTime } from 'luxon';
import { ManualClock } from '../../src/clock';
import type { RelationshipRecord } from '../../src/domain/records';
import { createHomeService } from '../../src/services/home';
import { refused } from '../../src/services/result';

const clock = new ManualClock(DateTime.fromISO('2026-03-02T12:00:00Z'));
const relationship = {
  id: 'r1',
  mentorId: 'UMENTOR',
  menteeId: 'UMENTEE',
  status: 'stage2',
} as RelationshipRecord;

function service(approvedMentor: boolean) {
  return createHomeService({
    relationships: { findOpenFor: async () => [relationship] },
    goalForms: { latest: async () => undefined },
    checkInStanding: async () => ({ next: '2026-04-01', late: [], answered: [] }) as never,
    meetings: {
      latest: async (id: string) =>
        id === 'r1'
          ? { relationshipId: 'r1', date: '2026-02-26', loggedBy: 'UMENTEE', loggedAt: new Date() }
          : undefined,
    },
    profiles: {
      get: async (_id: string, role: string) =>
        (role === 'mentor'
          ? { approved: approvedMentor, openRelationships: 1, capacity: 2, listed: true, displayName: 'M' }
          : { displayName: 'Mentee' }) as never,
    },
    staffHome: async () => refused('not_staff'),
    staff: { isStaff: async () => false } as never,
    clock,
    programTimezone: 'UTC',
  });
}

describe('home service', () => {
  it('mentees: done with each mentee, stage and next check-in, and the seats', async () => {
    const result = await service(true).mentees('UMENTOR');
    expect(result).toMatchObject({
      kind: 'done',
      value: {
        open: 1,
        capacity: 2,
        relationships: [{ partnerId: 'UMENTEE', nextCheckIn: '2026-04-01', lastMeeting: '2026-02-26' }],
      },
    });
  });

  it('mentees: refused not_a_mentor for someone who is not an approved mentor', async () => {
    expect(await service(false).mentees('UMENTOR')).toMatchObject({ kind: 'refused', code: 'not_a_mentor' });
  });

  it('data: the Home data (no Block Kit) for each role the person has', async () => {
    const data = await service(true).data('UMENTEE');
    expect(data.asMentee).toEqual([expect.objectContaining({ partnerId: 'UMENTOR', status: 'stage2' })]);
    expect(data.staff).toBeUndefined();
  });
});
