import { MongoMemoryReplSet } from 'mongodb-memory-server';

/** The MongoDB the benchmark runs against: one server, a database per figure. */
export interface BenchMongo {
  /** A connection string for `database` on the server. */
  uriFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * `MONGODB_URI` when set (its databases named `bench_*` are dropped by the caller), else a one-member
 * replica set (as in production) started through mongodb-memory-server, which runs the binary named by
 * `MONGOMS_SYSTEM_BINARY` (see .ci/install-mongodb.sh).
 */
export async function startBenchMongo(): Promise<BenchMongo> {
  const given = process.env.MONGODB_URI;
  if (given) return { uriFor: (database) => withDatabase(given, database), stop: async () => undefined };
  // A generous launch timeout: under Wine on two cores a cold start takes several seconds.
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger' },
    instanceOpts: [{ launchTimeout: 60_000 }],
  });
  const base = replSet.getUri();
  return {
    uriFor: (database) => withDatabase(base, database),
    async stop() {
      await replSet.stop({ doCleanup: true, force: true });
    },
  };
}

function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}
