import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import type { AppLogger } from '../logger';
import { isDatabaseUnavailable } from './availability';
import {
  applicationSchema,
  auditEventSchema,
  checkInSchema,
  feedbackSchema,
  fitAssessmentSchema,
  goalFormSchema,
  meetingSchema,
  processedEventSchema,
  noticeSchema,
  profileSchema,
  promptSchema,
  relationshipSchema,
  riskReviewSchema,
  SUPERSEDED_INDEXES,
} from './schemas';

// Operations inside `connection.transaction(fn)` join its session without passing it to each call, so a
// unit of work (see unit-of-work.ts) can hand services the ordinary repositories.
mongoose.set('transactionAsyncLocalStorage', true);

/** Models bound to one connection (each running app has its own, so tests can run several side by side). */
export function bindModels(connection: Connection, now?: () => Date) {
  const models = {
    profiles: connection.model('Profile', profileSchema),
    applications: connection.model('Application', applicationSchema),
    relationships: connection.model('Relationship', relationshipSchema),
    fitAssessments: connection.model('FitAssessment', fitAssessmentSchema),
    goalForms: connection.model('GoalForm', goalFormSchema),
    checkIns: connection.model('CheckIn', checkInSchema),
    feedback: connection.model('Feedback', feedbackSchema),
    meetings: connection.model('Meeting', meetingSchema),
    riskReviews: connection.model('RiskReview', riskReviewSchema),
    prompts: connection.model('Prompt', promptSchema),
    notices: connection.model('Notice', noticeSchema),
    auditEvents: connection.model('AuditEvent', auditEventSchema),
    processedEvents: connection.model('ProcessedEvent', processedEventSchema),
  };
  // `createdAt` and `updatedAt` are the app's time, like every other date it writes: the report, the digest
  // and the export count applications and check-ins by them. Mongoose reads the time for timestamps from the
  // model's `base`, which is shared by every connection in the process, so each model gets its own view of
  // it (everything else still read from the shared one) rather than changing it for other apps.
  if (now)
    for (const model of Object.values(models))
      model.base = Object.create(model.base, { now: { value: now } }) as typeof model.base;
  return models;
}
export type Models = ReturnType<typeof bindModels>;

export interface Database {
  readonly models: Models;
  readonly connection: Connection;
  /** True when MongoDB answers a ping within a second. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** Connects to MongoDB and makes sure every index exists before the app takes requests. */
export async function connectDatabase(
  uri: string,
  logger: AppLogger,
  /** The app's clock, for the documents' timestamps; the system's time without it. */
  now?: () => Date,
): Promise<Database> {
  // Collections and indexes are created here, one at a time, rather than by mongoose in the background:
  // the app never serves before its unique indexes exist, and DDL is not raced against itself.
  const connection = await openConnection(uri, logger);
  // A second guard behind the request parsing: any `{ $…: … }` in a filter that the store did not mark with
  // `operator()` becomes a plain equality. Set on this connection (not mongoose-wide) so several apps in one
  // process behave alike. Mongoose 9 reads it from `connection.options`, which `set` writes; the
  // `createConnection` option of the same name lands in `connection.config`, which queries don't read.
  connection.set('sanitizeFilter', true);
  const models = bindModels(connection, now);
  for (const model of Object.values(models)) {
    await model.createCollection();
    await model.createIndexes();
  }
  for (const [name, indexes] of Object.entries(SUPERSEDED_INDEXES))
    for (const index of indexes)
      // Another copy starting at the same time may have dropped it first.
      await models[name as keyof Models].collection.dropIndex(index).catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'IndexNotFound') throw error;
      });
  logger.info({ database: connection.name }, 'connected to MongoDB');
  return {
    models,
    connection,
    async isReachable() {
      try {
        const db = connection.db;
        if (!db || connection.readyState !== 1) return false;
        await withTimeout(db.admin().ping(), 1000);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await connection.close();
    },
  };
}

/**
 * While MongoDB is down, an operation fails within this time instead of waiting: someone validating a modal
 * must be answered within Slack's 3 s, and a scheduler tick should end rather than hang.
 */
const OPERATION_SERVER_SELECTION_MS = 2000;
/** How long the first connection may keep trying at start (a MongoDB started alongside the bot). */
const CONNECT_DEADLINE_MS = 10_000;

async function openConnection(uri: string, logger: AppLogger): Promise<Connection> {
  const deadline = Date.now() + CONNECT_DEADLINE_MS;
  for (;;) {
    const connection = mongoose.createConnection(uri, {
      serverSelectionTimeoutMS: OPERATION_SERVER_SELECTION_MS,
      // Never queue queries while disconnected (mongoose would hold them for 10 s): fail, and let the
      // person be told to try again in a moment.
      bufferCommands: false,
      autoIndex: false,
      autoCreate: false,
    });
    try {
      return await connection.asPromise();
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (Date.now() >= deadline || !isDatabaseUnavailable(error)) throw error;
      logger.warn({ err: error }, 'MongoDB is not reachable yet; trying again');
    }
  }
}

export interface EmbeddedMongo {
  readonly uri: string;
  stop(): Promise<void>;
}

/**
 * Outside production, with no MONGODB_URI, the app runs its own MongoDB (a one-member replica set, like
 * production) through mongodb-memory-server, keeping its files under DATA_DIR so data survives restarts.
 * The port is remembered beside the data because the replica set's config names it.
 */
export async function startEmbeddedMongo(dataDir: string, logger: AppLogger): Promise<EmbeddedMongo> {
  // A development dependency: an install without them (a production image) must set MONGODB_URI.
  const { MongoMemoryReplSet } = await import('mongodb-memory-server').catch((error: unknown) => {
    throw new Error(
      'MONGODB_URI is not set and the embedded MongoDB is not installed (it comes with `npm install`, not `npm ci --omit=dev`): set MONGODB_URI',
      { cause: error },
    );
  });
  const dbPath = path.resolve(dataDir, 'mongodb');
  const portFile = path.resolve(dataDir, 'mongodb.port');
  mkdirSync(dbPath, { recursive: true });
  const rememberedPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : undefined;
  logger.info({ dbPath }, 'starting the embedded MongoDB (set MONGODB_URI to use your own)');
  const replSet = await MongoMemoryReplSet.create({
    replSet: { count: 1, storageEngine: 'wiredTiger', name: 'mentoring' },
    instanceOpts: [{ dbPath, port: rememberedPort, storageEngine: 'wiredTiger', launchTimeout: 60_000 }],
  });
  const port = replSet.servers[0]?.instanceInfo?.port;
  if (port) writeFileSync(portFile, String(port));
  return {
    uri: replSet.getUri('mentoring'),
    async stop() {
      await replSet.stop({ doCleanup: false, force: false });
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
