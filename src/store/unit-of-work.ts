import { Rollback, type UnitOfWork } from '../services/ports';
import type { Database } from './database';

/**
 * A unit of work over `tx`, repositories bound to the same connection: `run` executes in a transaction
 * (mongoose passes its session to every operation made inside, see database.ts), retried on transient
 * conflicts by the driver. `onCommitted` runs after each commit (the process wakes its notice dispatcher).
 */
export function createUnitOfWork<Tx>(
  database: Pick<Database, 'connection'>,
  tx: Tx,
  onCommitted: () => void = () => undefined,
): UnitOfWork<Tx> {
  return {
    async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      let result: T;
      try {
        result = await database.connection.transaction(() => work(tx));
      } catch (error) {
        if (error instanceof Rollback) return error.result as T;
        throw error;
      }
      onCommitted();
      return result;
    },
  };
}
