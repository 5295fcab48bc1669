import { MongoMemoryReplSet } from 'mongodb-memory-server';

/**
 * One real MongoDB for the whole run: `MONGODB_URI` when given, else a one-member replica set started by
 * mongodb-memory-server (which uses `MONGOMS_SYSTEM_BINARY` when set, else its own download).
 * Each test file then works in a database of its own (see `test-database.ts`).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  // A generous launch timeout: a first start on a busy two-core machine can take well over the default 10 s.
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: [{ launchTimeout: 60_000 }],
  });
  (globalThis as { __TEST_MONGO__?: MongoMemoryReplSet }).__TEST_MONGO__ = replSet;
  process.env.TEST_MONGODB_URI = replSet.getUri();
}
