import { IANAZone, Info, type Zone } from 'luxon';

const HOUR_MS = 60 * 60 * 1000;
/** Marks an hour in which the zone's clock changes: its offsets are worked out each time. */
const CHANGES = Number.POSITIVE_INFINITY;
/** Hours remembered per zone (about eleven years of them); past this many the memory starts over. */
const HOURS_LIMIT = 100_000;
/** Zones remembered (there are some 600 names); past this many the memory starts over. */
const ZONES_LIMIT = 1_000;

/**
 * An IANA time zone that remembers its UTC offset for each hour. Luxon works out a named zone's offset
 * with `Intl.DateTimeFormat.formatToParts` every time it needs one (each DateTime made, moved or set
 * there), and planning asks for the same few zones' offsets millions of times.
 *
 * The answers are luxon's own: an hour is remembered only when its first and last millisecond have the
 * same offset, so the clock does not change inside it (no zone changes its clock twice within an hour);
 * in an hour that holds a clock change, every offset is asked of luxon.
 */
class RememberingZone extends IANAZone {
  private readonly hours = new Map<number, number>();

  override offset(ts: number): number {
    if (!this.isValid || !Number.isFinite(ts)) return super.offset(ts);
    const hour = Math.floor(ts / HOUR_MS);
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      const start = hour * HOUR_MS;
      const first = super.offset(start);
      offset = super.offset(start + HOUR_MS - 1) === first ? first : CHANGES;
      if (this.hours.size >= HOURS_LIMIT) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return offset === CHANGES ? super.offset(ts) : offset;
  }
}

const zones = new Map<string, Zone>();

/**
 * The zone luxon makes of this name, remembering its offsets when it is an IANA zone (one per name,
 * shared). Luxon accepts it wherever it accepts the name, and it equals the zone of that name; a name
 * luxon reads otherwise (`utc`, `UTC+3`, `system`) gives luxon's own zone, and an unknown name an invalid
 * zone, as the name would.
 */
export function rememberedZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    const plain = Info.normalizeZone(name);
    zone = plain instanceof IANAZone ? new RememberingZone(name) : plain;
    if (zones.size >= ZONES_LIMIT) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}
