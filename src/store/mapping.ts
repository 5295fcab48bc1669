/** Turns a lean MongoDB document into a plain record: `_id` becomes a string `id`, `__v` is dropped. */
export function toRecord<T>(doc: unknown): T {
  const { _id, __v: _version, ...rest } = doc as { _id: { toString(): string }; __v?: number };
  return { id: _id.toString(), ...rest } as T;
}

export function toRecordOrUndefined<T>(doc: unknown): T | undefined {
  return doc ? toRecord<T>(doc) : undefined;
}
