import { setImmediate as nextTurn } from 'node:timers/promises';

/** What an acknowledged request waits for before its work starts; calling it ends its turn. */
export type Leave = () => void;

/**
 * How many acknowledged requests do their work (MongoDB, rendering, answering Slack) at once. The process,
 * MongoDB and the HTTP server share a few cores: fifty searches at once leave no CPU for answering the
 * fifty-first request within Slack's 3 seconds, and finish no sooner than a few at a time would.
 */
export const AFTER_ACK_CONCURRENCY = 6;
/**
 * Work that has waited this long starts anyway: a modal must open within 3 s of the person's click (its
 * `trigger_id` expires), so no queue may hold it past that.
 */
export const AFTER_ACK_MAX_WAIT_MS = 1_000;

/**
 * A small queue in front of the work listeners do after acknowledging. Acknowledgements never wait on it
 * (they are sent before `enter`), and `enter` always yields one turn of the event loop first, so requests
 * that arrived meanwhile are read, checked and acknowledged before more work starts. First come, first
 * served; an entry that waited `maxWaitMs` starts regardless of the limit.
 */
export class AfterAckQueue {
  private running = 0;
  private readonly waiting: { since: number; start: () => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limit = AFTER_ACK_CONCURRENCY,
    private readonly maxWaitMs = AFTER_ACK_MAX_WAIT_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when this request's work may start, with the function that ends its turn (call it once). */
  async enter(): Promise<Leave> {
    await nextTurn();
    if (this.running >= this.limit || this.waiting.length > 0)
      await new Promise<void>((start) => {
        this.waiting.push({ since: this.now(), start });
        this.watchOverdue();
      });
    else this.running += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.running -= 1;
      this.startNext();
    };
  }

  /** Requests acknowledged and waiting for their turn. */
  get queued(): number {
    return this.waiting.length;
  }

  private startNext(): void {
    while (this.running < this.limit && this.waiting.length > 0) this.begin(this.waiting.shift()!);
    if (this.waiting.length === 0) this.stopWatching();
  }

  private begin(entry: { start: () => void }): void {
    this.running += 1;
    entry.start();
  }

  /** Starts whatever has waited too long, whatever the limit. */
  private watchOverdue(): void {
    if (this.timer) return;
    this.timer = setInterval(
      () => {
        const now = this.now();
        while (this.waiting.length > 0 && now - this.waiting[0]!.since >= this.maxWaitMs)
          this.begin(this.waiting.shift()!);
        if (this.waiting.length === 0) this.stopWatching();
      },
      Math.max(10, Math.floor(this.maxWaitMs / 4)),
    );
    this.timer.unref();
  }

  private stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
