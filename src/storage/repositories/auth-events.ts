import type { AuthEventRecord } from '../../domain/auth-event.ts';
import type { Page, PageRequest } from './paging.ts';

/** Users' auth events (threat protection); they go with the user (and the pool). */
export interface AuthEventRepository {
  record(event: AuthEventRecord): Promise<void>;
  get(poolId: string, sub: string, eventId: string): Promise<AuthEventRecord | undefined>;
  /** A user's events, newest first. */
  list(poolId: string, sub: string, page: PageRequest): Promise<Page<AuthEventRecord>>;
  /** The addresses and device names of the user's newest `limit` successful sign-ins. */
  signInHistory(poolId: string, sub: string, limit: number): Promise<{ ip: string; device: string }[]>;
  /** Sets the feedback; false when there is no such event. */
  setFeedback(poolId: string, sub: string, eventId: string, feedback: NonNullable<AuthEventRecord['feedback']>): Promise<boolean>;
  /**
   * Sets the feedback and forgets the notification's token, if the event still holds `tokenHash`:
   * false otherwise (used meanwhile), so that a token works once.
   */
  useFeedbackToken(poolId: string, sub: string, eventId: string, tokenHash: string, feedback: NonNullable<AuthEventRecord['feedback']>): Promise<boolean>;
}
