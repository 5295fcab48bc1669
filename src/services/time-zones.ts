import type { Clock } from '../clock';
import type { ProfileRepository } from '../store/profile-repository';
import type { RelationshipRepository } from '../store/relationship-repository';
import type { SlackPort } from './ports';
import { done, type Done } from './result';

/** A stored zone is read from Slack again when older than this (a missed `user_change` is caught up). */
export const TIMEZONE_REFRESH_DAYS = 7;
/**
 * People whose zone is read from Slack per scheduler tick at most: half of `users.info`'s tier 4 (about
 * 100 calls a minute), so enrolment's own `users.info` calls keep the other half.
 */
export const TIMEZONE_REFRESHES_PER_TICK = 50;
/** The refresh stops after this long in a tick (it runs before planning and dispatching). */
const REFRESH_BUDGET_MS = 5_000;

export interface ZoneChange {
  /** Whether the stored zone changed (then the person's relationships were marked for planning). */
  changed: boolean;
  /** Relationships marked for planning. */
  marked: number;
}

export interface RefreshResult {
  checked: number;
  changed: number;
  failed: number;
  /** Slack answered 429: the rest wait for the next tick. */
  rateLimited: boolean;
}

/**
 * People's time zones, as prompts are timed by them: stored when Slack tells the app a person changed
 * (`user_change`), and read again from Slack for zones not confirmed for a week (a few per tick, so the
 * planner never has to ask Slack). A zone that changes marks the person's relationships for planning.
 */
export function createTimeZoneService(deps: {
  profiles: Pick<
    ProfileRepository,
    'setTimezone' | 'staleTimezones' | 'claimTimezoneCheck' | 'releaseTimezoneCheck'
  >;
  relationships: Pick<RelationshipRepository, 'markForPlanningOf'>;
  /** Only `person` (users.info); through a client that hands a rate limit straight back. */
  slack: Pick<SlackPort, 'person'>;
  clock: Clock;
  /** Default TIMEZONE_REFRESHES_PER_TICK. */
  perTick?: number;
}) {
  const { profiles, clock } = deps;
  const perTick = deps.perTick ?? TIMEZONE_REFRESHES_PER_TICK;

  async function store(userId: string, timezone: string | undefined): Promise<ZoneChange> {
    const at = clock.now().toJSDate();
    const changed = await profiles.setTimezone(userId, timezone, at);
    const marked = changed ? await deps.relationships.markForPlanningOf([userId], at) : 0;
    return { changed, marked };
  }

  return {
    /** Slack says a person changed (`user_change` carries their `tz`): store the zone they are in now. */
    async personChanged(userId: string, timezone: string | undefined): Promise<Done<ZoneChange>> {
      return done(await store(userId, timezone));
    },

    /**
     * Reads from Slack the zones stored longest ago (over a week), up to `perTick` people and a few
     * seconds; a person another copy of the bot is checking is left to it. A failed read is tried again
     * on a later tick; a rate limit ends this tick's reads.
     */
    async refreshStale(): Promise<RefreshResult> {
      const started = performance.now();
      const result: RefreshResult = { checked: 0, changed: 0, failed: 0, rateLimited: false };
      const before = clock.now().minus({ days: TIMEZONE_REFRESH_DAYS }).toJSDate();
      for (const userId of await profiles.staleTimezones(before, perTick)) {
        if (performance.now() - started > REFRESH_BUDGET_MS) break;
        const at = clock.now().toJSDate();
        const { claimed, previous } = await profiles.claimTimezoneCheck(userId, before, at);
        if (!claimed) continue;
        try {
          const person = await deps.slack.person(userId);
          // Someone who left the workspace keeps their stored zone; it is not asked about for a week.
          if ((await store(userId, person?.timezone)).changed) result.changed++;
          result.checked++;
        } catch (error) {
          await profiles.releaseTimezoneCheck(userId, at, previous);
          result.failed++;
          if (typeof (error as { retryAfter?: unknown }).retryAfter === 'number') {
            result.rateLimited = true;
            break;
          }
        }
      }
      return result;
    },
  };
}
export type TimeZoneService = ReturnType<typeof createTimeZoneService>;
