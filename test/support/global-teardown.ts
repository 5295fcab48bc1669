import type { MongoMemoryReplSet } from 'mongodb-memory-server';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __TEST_MONGO__?: MongoMemoryReplSet }).__TEST_MONGO__?.stop();
}
