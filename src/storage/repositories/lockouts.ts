import type { FailureCount, LockoutRule } from '../../domain/lockout.ts';

/**
 * Failed password attempts by key (a user, or a name no user holds), shared by every instance on
 * the database. Keys are made by the caller; rows outlive their use by at most the purge interval.
 */
export interface LockoutRepository {
  /**
   * Counts one failed attempt under `key` at `now`, unless the key is locked out then (false:
   * nothing counted). One atomic statement, so attempts made at once, on any instance, are counted
   * one by one and at most `rule.freeAttempts` get past the lock. The n-th failure in a row, from
   * the freeAttempts-th, locks the key for 2^(n - freeAttempts) seconds (at most maxLockMs); a
   * failure resetAfterMs or more after both the previous one and the end of its lock counts from
   * one again.
   */
  count(key: string, now: number, rule: LockoutRule): Promise<boolean>;
  get(key: string): Promise<FailureCount | undefined>;
  /** Forgets the key's failures. */
  clear(key: string): Promise<void>;
  /** Removes the keys whose last failure, and the end of whose lock, are before `before`. */
  purgeBefore(before: number): Promise<number>;
}
