import type { CodeKey, StoredCode } from '../../domain/code.ts';

/** One-time codes, one per user, purpose and attribute, kept as HMACs. */
export interface CodeRepository {
  /** Stores a code, replacing any earlier one with the same key. */
  put(code: StoredCode): Promise<void>;
  get(key: CodeKey): Promise<StoredCode | undefined>;
  /**
   * Counts a wrong answer against the code whose HMAC is `hmac` (not against a newer one that
   * replaced it); returns the new count, or undefined when that code is gone or already used.
   */
  recordFailure(key: CodeKey, hmac: Buffer): Promise<number | undefined>;
  /**
   * Atomically marks the code used, if it is still that code, unused, not invalidated, not
   * expired at `now` and has fewer than `maxFailures` wrong answers. True for exactly one caller.
   */
  consume(key: CodeKey, hmac: Buffer, now: number, maxFailures: number): Promise<boolean>;
  /** Invalidates the code if it is still the one with `hmac`. */
  invalidate(key: CodeKey, hmac: Buffer, now: number): Promise<void>;
  /** Removes codes that expired before `before`; returns how many. */
  purgeExpired(before: number): Promise<number>;
}
