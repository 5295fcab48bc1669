import pino from 'pino';
import { connectDatabase, type Database } from '../../src/store/database';
import { createProfileRepository, type ProfileRepository } from '../../src/store/profile-repository';
import {
  createRelationshipRepository,
  type RelationshipRepository,
} from '../../src/store/relationship-repository';
import { freshDatabaseUri } from '../support/test-database';

/**
 * The updates that decide under concurrency, against a real MongoDB: several copies of the bot (or two
 * clicks at once) race, and the store's conditional updates alone keep the program's rules.
 */
const AT = new Date('2030-03-04T15:00:00Z');
const RACERS = 10;

let db: Database;
let profiles: ProfileRepository;
let relationships: RelationshipRepository;

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('races'), pino({ level: 'silent' }));
  profiles = createProfileRepository(db.models);
  relationships = createRelationshipRepository(db.models);
});
afterAll(() => db.close());

async function mentorWithCapacity(userId: string, capacity: number): Promise<void> {
  await profiles.saveApproved({
    userId,
    role: 'mentor',
    displayName: userId,
    academicInterests: [],
    careerInterests: [],
    otherInterests: '',
    communicationPreferences: ['slack'],
    bio: '',
    capacity,
    listed: true,
  });
}

const openSeatsOf = async (userId: string) => (await profiles.get(userId, 'mentor'))?.openRelationships;

describe('a mentor’s seats', () => {
  it(`${RACERS} accepts at once for a mentor with 3 seats: exactly 3 take a seat`, async () => {
    await mentorWithCapacity('USEATS', 3);
    const taken = await Promise.all(Array.from({ length: RACERS }, () => profiles.claimSeat('USEATS')));
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect(await openSeatsOf('USEATS')).toBe(3);
  });

  it('releasing more seats than are open never goes below zero', async () => {
    await mentorWithCapacity('URELEASE', 2);
    await profiles.claimSeat('URELEASE');
    await Promise.all(Array.from({ length: RACERS }, () => profiles.releaseSeat('URELEASE')));
    expect(await openSeatsOf('URELEASE')).toBe(0);
  });

  it('lowering capacity while accepts race never leaves more open relationships than seats', async () => {
    await mentorWithCapacity('UCAPACITY', 5);
    const results = await Promise.all([
      ...Array.from({ length: RACERS }, () => profiles.claimSeat('UCAPACITY')),
      profiles.setCapacity('UCAPACITY', 2),
    ]);
    const mentor = await profiles.get('UCAPACITY', 'mentor');
    expect(mentor?.openRelationships).toBeLessThanOrEqual(mentor?.capacity ?? 0);
    expect(results.filter((taken) => taken === true).length).toBe(mentor?.openRelationships);
  });
});

describe('a relationship’s stage', () => {
  it(`${RACERS} transitions from the same stage at once: exactly one happens, and history records it once`, async () => {
    const request = await relationships.createRequest({
      mentorId: 'UMENTOR1',
      menteeId: 'UMENTEE1',
      requestedBy: 'UMENTEE1',
      at: AT,
      actor: 'mentee',
    });
    if (request === 'duplicate') throw new Error('unexpected duplicate');
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        relationships.transition(request.id, 'requested', {
          to: i % 2 === 0 ? 'introduced' : 'declined',
          actor: 'mentor',
          actorId: 'UMENTOR1',
          at: AT,
        }),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome !== undefined);
    expect(winners).toHaveLength(1);
    const stored = await relationships.get(request.id);
    expect(stored?.status).toBe(winners[0]?.status);
    expect(stored?.history.map((h) => h.to)).toEqual(['requested', winners[0]?.status]);
  });

  it('two requests for the same pair at once: one is stored, the other is a duplicate', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, () =>
        relationships.createRequest({
          mentorId: 'UMENTOR2',
          menteeId: 'UMENTEE2',
          requestedBy: 'UMENTEE2',
          at: AT,
          actor: 'mentee',
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome !== 'duplicate')).toHaveLength(1);
  });
});
