import type { AuthSessionRecord } from '../../domain/auth-session.ts';

/** The server's side of challenges in progress. */
export interface AuthSessionRepository {
  put(session: AuthSessionRecord): Promise<void>;
  /** Removes and returns the session if it exists and has not expired at `now`: each session is used once. */
  take(hash: string, now: number): Promise<AuthSessionRecord | undefined>;
  /** The session if it exists and has not expired at `now`, left in place (a signed-in browser's managed login session). */
  get(hash: string, now: number): Promise<AuthSessionRecord | undefined>;
  purgeExpired(before: number): Promise<number>;
}
