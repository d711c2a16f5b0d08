/** A user: the record the store keeps, and the rules that find, key and describe it. */
import type { AttributeType, GetUserResponse, MFAOptionType, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { isVerified } from './attributes.ts';
import { identityAliases } from './identities.ts';
import type { PoolConfig } from './pool.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER' | 'ARCHIVED' | 'COMPROMISED' | 'UNKNOWN';

export interface StoredPassword {
  /** `$argon2id$v=19$m=..,t=..,p=..$salt$hash` (or an earlier `scrypt$N$r$p$salt$hash`): a slow hash; the password itself is never stored. */
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

/** Whether two users' keys are the same (order aside): an update between them changes no key row. */
export function sameKeys(a: UserKeys, b: UserKeys): boolean {
  const set = (xs: { 0: string; 1: string }[]) => new Set(xs.map((x) => `${x[0]}\u0000${x[1]}`));
  const equal = (x: Set<string>, y: Set<string>) => x.size === y.size && [...x].every((k) => y.has(k));
  return a.usernameKey === b.usernameKey
    && equal(set(a.aliases.map((x) => [x.kind, x.key])), set(b.aliases.map((x) => [x.kind, x.key])))
    && equal(set(a.search.map((x) => [x.attr, x.value])), set(b.search.map((x) => [x.attr, x.value])));
}

export interface UserFilter {
  attr: string;
  op: '=' | '^=';
  value: string;
}

/** Usernames are case-sensitive unless the pool's UsernameConfiguration says otherwise (the API's default). */
export function caseInsensitive(pool: PoolConfig): boolean {
  return pool.UsernameConfiguration?.CaseSensitive === false;
}

export const usernameKey = (pool: PoolConfig, username: string) => (caseInsensitive(pool) ? username.toLowerCase() : username);

export const aliasKey = (pool: PoolConfig, kind: string, value: string) => (kind === 'email' ? value.toLowerCase() : kind === 'preferred_username' ? usernameKey(pool, value) : value);

/**
 * The attributes that sign a user in besides the username: with UsernameAttributes, the email
 * or phone number itself (unique whether verified or not); with AliasAttributes, a verified
 * email or phone number, and preferred_username.
 */
export function signInAliases(pool: PoolConfig, attributes: Record<string, string>): { kind: string; key: string }[] {
  const out: { kind: string; key: string }[] = [];
  for (const kind of pool.UsernameAttributes ?? []) if (attributes[kind]) out.push({ kind, key: aliasKey(pool, kind, attributes[kind]) });
  for (const kind of pool.AliasAttributes ?? []) {
    const value = attributes[kind];
    if (!value) continue;
    if (kind !== 'preferred_username' && !isVerified(attributes, kind)) continue;
    out.push({ kind, key: aliasKey(pool, kind, value) });
  }
  return out;
}

/** The attributes ListUsers can filter on (AWS's list), and the value each is searched by. */
export const SEARCHABLE = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub'] as const;

/** Attributes that follow the pool's username case rule in searches. */
const CASE_FOLDED = new Set(['username', 'email', 'preferred_username']);

/** A value as the search index holds it: folded to lower case where the pool's usernames are case-insensitive. */
export const searchForm = (pool: PoolConfig, attr: string, value: string) => (CASE_FOLDED.has(attr) && caseInsensitive(pool) ? value.toLowerCase() : value);

export function userKeys(pool: PoolConfig, u: UserRecord): UserKeys {
  const search: { attr: string; value: string }[] = [
    { attr: 'username', value: searchForm(pool, 'username', u.username) },
    { attr: 'cognito:user_status', value: u.status },
    { attr: 'status', value: u.enabled ? 'Enabled' : 'Disabled' },
    { attr: 'sub', value: u.sub },
  ];
  for (const attr of ['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username']) {
    if (u.attributes[attr] !== undefined) search.push({ attr, value: searchForm(pool, attr, u.attributes[attr]) });
  }
  // A federated user has no password: its email or phone number signs nobody in, and may be
  // another user's too (Cognito keeps a federated user apart from a native one with its email).
  const signIn = u.status === 'EXTERNAL_PROVIDER' ? [] : signInAliases(pool, u.attributes);
  return { usernameKey: usernameKey(pool, u.username), aliases: [...signIn, ...identityAliases(u)], search };
}

/** Attributes as the API lists them; developer-only ones only for administrators. */
export function attributeList(u: UserRecord, options: { only?: string[]; includeDeveloperOnly?: boolean } = {}): Wire<AttributeType>[] {
  const only = options.only ? new Set(options.only) : undefined;
  return Object.entries(u.attributes)
    .filter(([name]) => (options.includeDeveloperOnly || !name.startsWith('dev:')) && (!only || only.has(name)))
    .map(([Name, Value]) => ({ Name, Value }));
}

/** The UserType of ListUsers, AdminCreateUser and ListUsersInGroup. */
export function describeUser(u: UserRecord, attributesToGet?: string[]): Wire<UserType> {
  return compact({
    Username: u.username,
    Attributes: attributeList(u, { only: attributesToGet, includeDeveloperOnly: true }),
    UserCreateDate: epochSeconds(u.createdAt),
    UserLastModifiedDate: epochSeconds(u.lastModifiedAt),
    Enabled: u.enabled,
    UserStatus: u.status,
  });
}

/**
 * The MFA members of GetUser/AdminGetUser, kept in `settings` under the API's own names by the
 * operations that set them (SetUserMFAPreference, SetUserSettings and their Admin* forms).
 */
export function mfaSettings(u: UserRecord): Pick<Wire<GetUserResponse>, 'MFAOptions' | 'PreferredMfaSetting' | 'UserMFASettingList'> {
  const { MFAOptions, PreferredMfaSetting, UserMFASettingList } = u.settings as {
    MFAOptions?: MFAOptionType[];
    PreferredMfaSetting?: string;
    UserMFASettingList?: string[];
  };
  return compact({
    MFAOptions: MFAOptions?.length ? MFAOptions : undefined,
    PreferredMfaSetting,
    UserMFASettingList: UserMFASettingList?.length ? UserMFASettingList : undefined,
  });
}
