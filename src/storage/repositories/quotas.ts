/** Counters and token buckets shared by every instance on the database: quotas, rate and per-user limits. */
export interface QuotaRepository {
  /** Adds one to (key, period) if that stays within `limit`; false when the limit is reached. */
  take(key: string, period: string, limit: number): Promise<boolean>;
  /**
   * Takes one token from the bucket `key` (refilled at `perSecond`, holding at most `burst`) in
   * one atomic statement; false when it is empty. Shared by every instance on the database.
   */
  takeToken(key: string, perSecond: number, burst: number, now: number): Promise<boolean>;
  /** Removes counters of periods before `period` (compared as text: ISO dates and hours). */
  purgeBefore(period: string): Promise<number>;
}
