import type { ConsoleSessionRecord } from '../../domain/console-session.ts';

/**
 * The web console's sign-in sessions, shared by every instance on the database, so that a browser
 * signed in through one instance is signed in on all of them, and signed out of all at once. They
 * belong to no pool: an access key, not a user, signs in.
 */
export interface ConsoleSessionRepository {
  put(session: ConsoleSessionRecord): Promise<void>;
  /** The session if it exists and has not expired at `now`. */
  get(hash: string, now: number): Promise<ConsoleSessionRecord | undefined>;
  /**
   * Moves an existing session's expiry (sliding expiry); no-op when absent. Never earlier than it
   * is: two instances extending at once, with clocks a little apart, cannot shorten it.
   */
  extend(hash: string, expiresAt: number): Promise<void>;
  /** Ends one session (sign-out). */
  delete(hash: string): Promise<void>;
  /** Ends every session of an access key; returns how many. */
  deleteForKey(accessKeyId: string): Promise<number>;
  /** Removes sessions expired before `before`; returns how many. */
  purgeExpired(before: number): Promise<number>;
}
