/**
 * What every use case answers: one small vocabulary for the whole app. A service returns the data it
 * produced, a refusal code with the facts needed to word it, or field errors; it never returns Slack.
 * Presenters in `src/slack/presenters/` turn a result into Block Kit with `blocks/` and `src/content`, and
 * tests assert the codes, not the words.
 */
export type Result<T = undefined, Code extends string = string> = Done<T> | Refused<Code> | Invalid;

export interface Done<T> {
  readonly kind: 'done';
  readonly value: T;
}

/** Facts a refusal carries for its wording: ids, counts, dates as ISO strings; never what people wrote. */
export type RefusalFacts = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Refused<Code extends string = string> {
  readonly kind: 'refused';
  readonly code: Code;
  readonly facts: RefusalFacts;
}

/**
 * Field errors: a form field's name to an error code (the presenter words it under that field), and for a
 * code whose words need numbers or dates the rules computed (a limit, the latest allowed date), those facts
 * under the same field name.
 */
export interface Invalid {
  readonly kind: 'invalid';
  readonly fields: Readonly<Record<string, string>>;
  readonly facts?: Readonly<Record<string, RefusalFacts>>;
}

export function done(): Done<undefined>;
export function done<T>(value: T): Done<T>;
export function done<T>(value?: T): Done<T | undefined> {
  return { kind: 'done', value };
}

export function refused<Code extends string>(code: Code, facts: RefusalFacts = {}): Refused<Code> {
  return { kind: 'refused', code, facts };
}

export function invalid(
  fields: Readonly<Record<string, string>>,
  facts?: Readonly<Record<string, RefusalFacts>>,
): Invalid {
  return facts && Object.keys(facts).length > 0
    ? { kind: 'invalid', fields, facts }
    : { kind: 'invalid', fields };
}

/**
 * A form checked as far as answering the person needs (who they are in it, whether it is still open: at
 * most one read; its fields: pure), so a listener can answer the form before `save()` writes the change,
 * its audit entry and its notices. `save()` checks again, inside its transaction, what may have changed.
 */
export interface Prepared<T, Code extends string = string> {
  readonly save: () => Promise<Result<T, Code>>;
}

/**
 * A `Prepared` whose `save` can be told as soon as the change is committed (`committed`), before what
 * follows it (App Home tabs refreshed): the person is shown that it is saved without waiting for the rest.
 */
export interface PreparedSave<T, Code extends string = string> {
  readonly save: (committed?: (value: T) => Promise<void>) => Promise<Result<T, Code>>;
}
