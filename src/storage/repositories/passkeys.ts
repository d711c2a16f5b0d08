import type { PasskeyRecord } from '../../domain/passkey.ts';
import type { Page, PageRequest } from './paging.ts';

/** What adding a passkey did. */
export type PasskeyAdded = 'added' | 'exists' | 'limit' | 'no-user';

/** Users' passkeys (WebAuthn credentials); they go with their user. */
export interface PasskeyRepository {
  /**
   * Adds a passkey, atomically with the check of the user's count: 'exists' if its credential id is
   * already registered in the pool, 'limit' if the user holds `max` already, 'no-user' if the user is gone.
   */
  add(passkey: PasskeyRecord, max: number): Promise<PasskeyAdded>;
  /** The user's passkeys, oldest first. */
  list(poolId: string, sub: string, page: PageRequest): Promise<Page<PasskeyRecord>>;
  get(poolId: string, sub: string, credentialId: string): Promise<PasskeyRecord | undefined>;
  /**
   * Moves the signature counter to `counter` if it is above the stored one (or both are 0: an
   * authenticator that keeps no counter); false otherwise, in one statement, so that of two
   * requests presenting the same counter one wins.
   */
  advanceCounter(poolId: string, sub: string, credentialId: string, counter: number): Promise<boolean>;
  delete(poolId: string, sub: string, credentialId: string): Promise<boolean>;
  /** Every passkey of every pool, oldest first (for `cognate reseal`). */
  listAll(page: PageRequest): Promise<Page<PasskeyRecord>>;
  /**
   * Stores the same public key sealed anew (under another master key), if the passkey still holds
   * `sealed`; false otherwise (deleted meanwhile), so that a concurrent write wins.
   */
  reseal(poolId: string, sub: string, credentialId: string, sealed: string, resealed: string): Promise<boolean>;
}
