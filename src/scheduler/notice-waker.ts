import type { Clock } from '../clock';
import type { AppLogger } from '../logger';

/**
 * Wakes the notice dispatcher of this process: after a commit that wrote notices (so they reach Slack in
 * a second, not at the next tick) and, with `retryTimer`, when the soonest held notice is due to be tried
 * again (so a notice held while Slack was down goes out soon after it is back). Runs never overlap: a wake
 * during a run makes it run once more. The one-minute tick stays the fallback (and serves other copies).
 */
export function createNoticeWaker(deps: {
  dispatch: () => Promise<unknown>;
  /** When the soonest pending notice may be tried again. */
  nextAttemptAt: () => Promise<Date | undefined>;
  clock: Clock;
  logger: AppLogger;
  /** Arms a real timer for retries (off under a test's manual clock, where the test moves time). */
  retryTimer: boolean;
}) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function armTimer() {
    if (!deps.retryTimer || stopped) return;
    const next = await deps.nextAttemptAt();
    if (!next || stopped) return;
    const delay = Math.min(60_000, Math.max(1000, next.getTime() - deps.clock.now().toMillis()));
    clearTimeout(timer);
    timer = setTimeout(wake, delay);
    timer.unref();
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await deps.dispatch();
          await armTimer();
        } catch (error) {
          deps.logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'notices: dispatch on wake-up failed; the tick will try again',
          );
        }
      } while (again && !stopped);
    })().finally(() => (running = undefined));
  }

  return {
    wake,
    /** Resolves when no run is in progress. */
    async idle() {
      await running;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
export type NoticeWaker = ReturnType<typeof createNoticeWaker>;
