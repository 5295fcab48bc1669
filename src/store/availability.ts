/**
 * Whether an error means MongoDB is out of reach for now (stopped, restarting, a network fault, a primary
 * stepping down), as opposed to a bug or a refused write. Callers answer such failures with "try again in a
 * moment" and the scheduler waits for its next tick; nothing else needs to know mongoose's error classes.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (typeof name === 'string' && UNAVAILABLE_ERROR_NAMES.has(name)) return true;
    if (name === 'MongoServerError' && typeof code === 'number' && UNAVAILABLE_SERVER_CODES.has(code))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The MongoDB driver's and mongoose's classes for "no server to talk to" (their `name`s). */
const UNAVAILABLE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** Server answers while mongod shuts down or its replica set has no primary (MongoDB's error codes). */
const UNAVAILABLE_SERVER_CODES = new Set([
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);
