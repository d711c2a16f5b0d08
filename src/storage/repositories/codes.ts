import type { CodeKey, StoredCode } from '../../domain/code.ts';

/** One-time codes, one per user, purpose and attribute, kept as HMACs. */
export interface CodeRepository {
  /** Stores a code, replacing any earlier one with the same key. */
  put(code: StoredCode): Promise<void>;
  get(key: CodeKey): Promise<StoredCode | undefined>;
  /**
   * Counts an answer against the key's code before the answer is checked, in one atomic step, if
   * the code is unused, not invalidated, not expired at `now` and has had fewer than `max`; returns
   * the code as counted (its attempts include this one), or undefined when there is none to count
   * against (get() then says why). The caller checks the answer against the code returned, not
   * against one read before: a newer code may have replaced that one. When `answer` is the code's
   * own key id and HMAC (the answer is right), the same step uses the code up: the code returned
   * then has `consumedAt` = `now`.
   */
  takeAttempt(key: CodeKey, max: number, now: number, answer?: { keyId: string; hmac: Buffer }): Promise<StoredCode | undefined>;
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
