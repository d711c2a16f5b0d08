/**
 * Cognito's lockout after failed password sign-ins: from the fifth failure in a row the user is
 * locked out for 2^(n-5) seconds (n failures), at most 15 minutes; attempts while locked out answer
 * "Password attempts exceeded" and do not count. A successful sign-in, or 15 minutes without a
 * failure after the last lock has ended, starts again from zero. The store applies the rule
 * (LockoutRepository.count), in one statement, so that attempts made at once are counted one by one.
 *
 * The quiet time runs from the end of the lock, not from the last failure: the longest lock is as
 * long as the quiet time, so counting from the failure would give the five free attempts back each
 * time a 15-minute lock ends (about 30 guesses an hour, for ever). AWS words the reset as "not
 * initiate any sign-in attempts for 15 consecutive minutes at any time after a lockout".
 */
export interface LockoutRule {
  /** Failures in a row before the first lock. */
  freeAttempts: number;
  /** A failure this long after the previous one, and after the end of its lock, counts from one again. */
  resetAfterMs: number;
  /** The longest lock. */
  maxLockMs: number;
}

export const LOCKOUT: LockoutRule = { freeAttempts: 5, resetAfterMs: 15 * 60_000, maxLockMs: 15 * 60_000 };

/** What the store keeps of a key's failures. */
export interface FailureCount {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number | null;
}

/** Whether attempts under these failures are refused at `now`. */
export function lockedOut(f: FailureCount | undefined, now: number): boolean {
  return !!f && f.lockedUntil !== null && now < f.lockedUntil;
}
