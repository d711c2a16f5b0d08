/** Counters and token buckets shared by every instance on the database: quotas, rate and per-user limits. */
export interface QuotaRepository {
  /** Adds one to (key, period) if that stays within `limit`; false when the limit is reached. */
  take(key: string, period: string, limit: number): Promise<boolean>;
  /**
   * Takes one token from the bucket `key` (refilled at `perSecond`, holding at most `burst`) in
   * one atomic statement; false when it is empty. Shared by every instance on the database.
   */
  takeToken(key: string, perSecond: number, burst: number, now: number): Promise<boolean>;
  /**
   * Takes one of the `limit` uses that any `windowMs` may hold (a sliding window: the times of the
   * takes inside it are kept), in one atomic statement; false when all are used. Unlike a token
   * bucket, never more than `limit` in any stretch of `windowMs` ("5 codes per user per hour").
   */
  takeInWindow(key: string, limit: number, windowMs: number, now: number): Promise<boolean>;
  /** Forgets the takes of the window `key`: the next take is the first of a new window. */
  clearWindow(key: string): Promise<void>;
  /** Removes counters of periods before `period` (compared as text: ISO dates and hours). */
  purgeBefore(period: string): Promise<number>;
  /**
   * Removes token buckets untouched since `before` and windows that ended before it. Every bucket
   * refills within a second (the burst is one second's worth), so one idle that long is full: the
   * same as none.
   */
  purgeIdle(before: number): Promise<number>;
}
