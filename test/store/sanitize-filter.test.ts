import mongoose from 'mongoose';
import pino from 'pino';

import { connectDatabase, type Database } from '../../src/store/database';
import { operator } from '../../src/store/mapping';
import { createProfileRepository, type ProfileRepository } from '../../src/store/profile-repository';
import {
  createRelationshipRepository,
  type RelationshipRepository,
} from '../../src/store/relationship-repository';
import { freshDatabaseUri } from '../support/test-database';

/** What a forged request could put where a user id or relationship id belongs. */
const NOT_EMPTY = { $ne: '' } as unknown as string;
const AT = new Date('2030-03-04T15:00:00Z');

let db: Database;
let profiles: ProfileRepository;
let relationships: RelationshipRepository;

beforeAll(async () => {
  db = await connectDatabase(freshDatabaseUri('sanitize'), pino({ level: 'silent' }));
  profiles = createProfileRepository(db.models);
  relationships = createRelationshipRepository(db.models);
  await profiles.saveApproved({
    userId: 'UOTHER',
    role: 'mentor',
    displayName: 'Someone else',
    academicInterests: [],
    careerInterests: [],
    otherInterests: '',
    communicationPreferences: ['slack'],
    bio: 'Not yours.',
    capacity: 2,
    listed: true,
  });
  await relationships.createRequest({
    mentorId: 'UOTHER',
    menteeId: 'UOTHERMENTEE',
    requestedBy: 'UOTHERMENTEE',
    at: AT,
    actor: 'mentee',
  });
});
afterAll(async () => {
  await db.close();
});

/** The outcome of a look-up: what it found, or the name of the error mongoose stopped it with. */
async function outcome(lookup: Promise<unknown>): Promise<unknown> {
  return lookup.catch((error: unknown) => ({ error: (error as Error).name }));
}

describe("the app's connection treats an operator in a filter value as a plain value", () => {
  it('a profile look-up by a user id of { $ne: "" } does not find someone else’s profile', async () => {
    expect(await outcome(profiles.get(NOT_EMPTY, 'mentor'))).toEqual({ error: 'CastError' });
    expect(await outcome(profiles.changeListed(NOT_EMPTY, false))).toEqual({ error: 'CastError' });
    expect(await outcome(profiles.setCapacity(NOT_EMPTY, 5))).toEqual({ error: 'CastError' });
    expect(await outcome(profiles.claimSeat(NOT_EMPTY))).toEqual({ error: 'CastError' });
    expect(await profiles.get('UOTHER', 'mentor')).toMatchObject({
      capacity: 2,
      listed: true,
      openRelationships: 0,
    });
  });

  it('a relationship look-up by a person or an id of { $ne: "" } finds nothing', async () => {
    expect(await outcome(relationships.findOpenFor(NOT_EMPTY))).toEqual({ error: 'CastError' });
    expect(await outcome(relationships.countRequestsBy(NOT_EMPTY))).toEqual({ error: 'CastError' });
    expect(await outcome(relationships.get(NOT_EMPTY))).toBeUndefined();
    expect(await outcome(relationships.setPause(NOT_EMPTY, AT, AT, AT))).toBeUndefined();
    expect(await relationships.countRequestsBy('UOTHERMENTEE')).toBe(1);
  });

  it('the same filter written straight against a model is neutralised too, unless the store marks it', async () => {
    const forged = { userId: { $ne: '' } };
    expect(await outcome(db.models.profiles.findOne(forged).lean())).toEqual({ error: 'CastError' });
    expect(await outcome(db.models.profiles.countDocuments({ $or: [forged] }))).toEqual({
      error: 'CastError',
    });
    // The store's own operators say so with operator(), and work as before.
    expect(await db.models.profiles.countDocuments({ userId: operator({ $ne: '' }) })).toBe(1);
  });

  it('is set on this connection only, not for every mongoose connection in the process', async () => {
    expect(db.connection.get('sanitizeFilter')).toBe(true);
    expect(mongoose.get('sanitizeFilter')).toBeFalsy();
  });
});
