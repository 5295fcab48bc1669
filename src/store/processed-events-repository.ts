import type { Models } from './database';

/** Remembers which Events API deliveries were handled, so Slack's retries don't run a listener twice. */
export function createProcessedEventsRepository(models: Models) {
  return {
    /** True the first time an event id is seen, false for every retry of it. */
    async markFirstSeen(eventId: string, at: Date): Promise<boolean> {
      try {
        await models.processedEvents.create({ eventId, at });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
