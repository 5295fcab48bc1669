import { AbstractCursor, Collection } from 'mongodb';

/** Collection methods that reach the server without a cursor (reads through cursors are held at the cursor). */
const DIRECT = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
  'estimatedDocumentCount',
  'distinct',
] as const;
const CURSOR = ['next', 'tryNext', 'hasNext', 'toArray'] as const;
const started = Symbol('held cursor');

/**
 * Holds the bot's MongoDB operations (the real driver talking to the real mongod, only made to wait) while
 * `hold()` is in force: the first `allow` operations go through, every later one waits for `release()`.
 * A cursor waits once, at its first read. `held` counts operations that had to wait.
 */
export class MongoHold {
  held = 0;
  private allowance = Number.POSITIVE_INFINITY;
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  private readonly restore: (() => void)[] = [];

  install(): void {
    const wait = () => this.wait();
    const patch = (target: object, name: string, once: boolean) => {
      const record = target as Record<string, unknown>;
      const original = record[name] as (...args: unknown[]) => Promise<unknown>;
      record[name] = async function (this: Record<symbol, boolean>, ...args: unknown[]) {
        if (!once || !this[started]) {
          if (once) this[started] = true;
          await wait();
        }
        return original.apply(this, args);
      };
      this.restore.push(() => {
        record[name] = original;
      });
    };
    for (const name of DIRECT) patch(Collection.prototype, name, false);
    for (const name of CURSOR) patch(AbstractCursor.prototype, name, true);
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0)) undo();
  }

  hold(allow = 0): void {
    this.held = 0;
    this.allowance = allow;
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.allowance = Number.POSITIVE_INFINITY;
    this.open?.();
    this.gate = undefined;
  }

  private async wait(): Promise<void> {
    if (this.allowance > 0) {
      this.allowance -= 1;
      return;
    }
    this.held += 1;
    await this.gate;
  }
}
