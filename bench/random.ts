/** Seeded randomness, so every run of the benchmark seeds the same program and makes the same choices. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough to spread test data (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole or fractional number in [min, max). */
export function between(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

export function pickOne<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pickOne: no items');
  return item;
}

/** One of the values, with the given relative weights. */
export function pickWeighted<T>(random: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = table.at(-1);
  if (last === undefined) throw new Error('pickWeighted: empty table');
  return last[0];
}

/** `count` distinct indexes from [0, size), in random order (partial Fisher-Yates on a sparse map). */
export function sampleIndexes(random: Random, size: number, count: number): number[] {
  const swapped = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < Math.min(count, size); i++) {
    const j = i + Math.floor(random() * (size - i));
    picked.push(swapped.get(j) ?? j);
    swapped.set(j, swapped.get(i) ?? i);
  }
  return picked;
}
