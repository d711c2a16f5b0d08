import type { UserFilter, UserKeys, UserRecord } from '../../domain/user.ts';
import type { Page, PageRequest } from './paging.ts';

/** A pool's users, with the keys they are found by. */
export interface UserRepository {
  /** Throws UserKeyConflict('username' | alias kind) when a key is taken. */
  create(user: UserRecord, keys: UserKeys): Promise<void>;
  get(poolId: string, sub: string): Promise<UserRecord | undefined>;
  getByUsername(poolId: string, usernameKey: string): Promise<UserRecord | undefined>;
  getByAlias(poolId: string, kind: string, key: string): Promise<UserRecord | undefined>;
  /**
   * Replaces the user if it is still at `user.version` (then stored as version + 1); false
   * when another write came first. Throws UserKeyConflict when a new alias is taken. The username
   * (and its key) is the one the user was created with: it never changes. KEYS_UNCHANGED says
   * the caller knows the update changes none of the user's keys (a password, a verified flag): the
   * alias and search rows are then neither read nor written.
   */
  update(user: UserRecord, keys: UserKeys | KeysUnchanged): Promise<boolean>;
  /** Deletes the user with its aliases, group memberships and codes. */
  delete(poolId: string, sub: string): Promise<boolean>;
  /** In creation order, or by the filtered value then creation when filtered; an index, not a scan. */
  list(poolId: string, filter: UserFilter | undefined, page: PageRequest): Promise<Page<UserRecord>>;
  count(poolId: string): Promise<number>;
}

/** See UserRepository.update. */
export const KEYS_UNCHANGED = 'unchanged';
export type KeysUnchanged = typeof KEYS_UNCHANGED;
