import { randomBytes } from 'node:crypto';

/** A short id a person can quote to staff, and that appears in the log line for the same failure. */
export function newErrorReference(): string {
  return randomBytes(4).toString('hex');
}

/**
 * A problem the person can fix themselves. The message is shown to them as it is; anything else that is
 * thrown is logged with a reference and answered with a short apology.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
