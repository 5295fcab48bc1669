import { trusted } from 'mongoose';

/** Turns a lean MongoDB document into a plain record: `_id` becomes a string `id`, `__v` is dropped. */
export function toRecord<T>(doc: unknown): T {
  const { _id, __v: _version, ...rest } = doc as { _id: { toString(): string }; __v?: number };
  return { id: _id.toString(), ...rest } as T;
}

export function toRecordOrUndefined<T>(doc: unknown): T | undefined {
  return doc ? toRecord<T>(doc) : undefined;
}

/**
 * Marks an operator the store itself writes into a filter (`$in`, `$lte`, `$expr`, …) as trusted. The app's
 * connection has mongoose's `sanitizeFilter` on, which turns any other `{ $…: … }` value in a filter into a
 * plain equality (`{ $eq: … }`), so an object that slipped in from a request (`{ "$ne": "" }` as a user
 * id) can only ever match itself, never someone else's document.
 */
export function operator<T extends object>(condition: T): T {
  return trusted(condition);
}
