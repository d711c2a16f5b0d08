import type { CodeKey, StoredCode } from '../../domain/code.ts';

/** One-time codes, one per user, purpose and attribute, kept as HMACs. */
export interface CodeRepository {
  /** Stores a code, replacing any earlier one with the same key. */
  put(code: StoredCode): Promise<void>;
  get(key: CodeKey): Promise<StoredCode | undefined>;
  /**
   * Counts an answer against the code whose HMAC is `hmac` (not against a newer one that replaced
   * it) before the answer is checked, in one atomic step, if it has had fewer than `max`; returns
   * the new count, or undefined when that code is gone, used, or has had its `max` answers.
   */
  takeAttempt(key: CodeKey, hmac: Buffer, max: number): Promise<number | undefined>;
  /**
   * Atomically marks the code used, if it is still that code, unused, not invalidated, not
   * expired at `now` and has had at most `maxAttempts` answers. True for exactly one caller.
   */
  consume(key: CodeKey, hmac: Buffer, now: number, maxAttempts: number): Promise<boolean>;
  /** Invalidates the code if it is still the one with `hmac`. */
  invalidate(key: CodeKey, hmac: Buffer, now: number): Promise<void>;
  /** Removes codes that expired before `before`; returns how many. */
  purgeExpired(before: number): Promise<number>;
}
