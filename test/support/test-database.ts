import { randomBytes } from 'node:crypto';

/** A connection string for a database no other test file uses, on the run's shared MongoDB. */
export function freshDatabaseUri(label = 'test'): string {
  const base = process.env.TEST_MONGODB_URI;
  if (!base)
    throw new Error(
      'TEST_MONGODB_URI is not set: run the tests through jest (see test/support/global-setup.ts)',
    );
  const url = new URL(base);
  url.pathname = `/${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}
