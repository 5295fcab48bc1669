import { DateTime } from 'luxon';

/** The current time, injected everywhere so tests can move it. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

/** A clock tests set and advance by hand. */
export class ManualClock implements Clock {
  constructor(private current: DateTime) {}
  now(): DateTime {
    return this.current;
  }
  set(to: DateTime): void {
    this.current = to;
  }
  advance(duration: Parameters<DateTime['plus']>[0]): void {
    this.current = this.current.plus(duration);
  }
}
