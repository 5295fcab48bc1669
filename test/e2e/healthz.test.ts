import { MongoMemoryServer } from 'mongodb-memory-server';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('GET /healthz', () => {
  let mongo: MongoMemoryServer;
  let t: TestBot;

  beforeAll(async () => {
    // A MongoDB of this file's own, so it can be stopped without touching the other tests' server.
    mongo = await MongoMemoryServer.create({ instance: { launchTimeout: 60_000 } });
    t = await startTestBot({ env: { MONGODB_URI: mongo.getUri('health') } });
  });
  afterAll(async () => {
    await t.stop();
    await mongo.stop();
  });

  it('answers 200 while MongoDB is reachable', async () => {
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', mongodb: 'up' });
  });

  it('answers 503 once MongoDB has stopped, within a couple of seconds', async () => {
    await mongo.stop({ doCleanup: false });
    const started = Date.now();
    const response = await fetch(`${t.baseUrl}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', mongodb: 'down' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
