export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER' | 'ARCHIVED' | 'COMPROMISED' | 'UNKNOWN';

export interface StoredPassword {
  /** `scrypt$N$r$p$salt$hash`: a slow hash; the password itself is never stored. */
  hash: string;
  /** SRP salt and verifier (hex), for USER_SRP_AUTH. */
  srpSalt: string;
  srpVerifier: string;
  setAt: number;
  /** A temporary password (AdminCreateUser) stops working at this time. */
  expiresAt: number | null;
}

export interface UserRecord {
  poolId: string;
  /** The user's sub: a UUID, immutable. */
  sub: string;
  /** The user's Username as created (the sub itself in pools that sign in with email or phone). */
  username: string;
  status: UserStatus;
  enabled: boolean;
  /** Every attribute, `sub` and the `_verified` flags included, as strings. */
  attributes: Record<string, string>;
  /** New values awaiting verification (UserAttributeUpdateSettings). */
  pending: Record<string, string>;
  password: StoredPassword | null;
  /** MFA and other per-user settings, owned by the operations that use them. */
  settings: Record<string, unknown>;
  createdAt: number;
  lastModifiedAt: number;
  /** Bumped by every update; an update names the version it read (optimistic concurrency). */
  version: number;
}

/**
 * What a user is found by, derived by the domain on every write: the normalized username,
 * the sign-in aliases it holds (unique in the pool), and the values ListUsers may filter on.
 */
export interface UserKeys {
  usernameKey: string;
  aliases: { kind: string; key: string }[];
  search: { attr: string; value: string }[];
}

export interface UserFilter {
  attr: string;
  op: '=' | '^=';
  value: string;
}
