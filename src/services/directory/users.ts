import type { PoolConfig, PoolRecord } from '../../domain/pool.ts';
import { aliasKey, sameKeys, userKeys, usernameKey, type UserRecord } from '../../domain/user.ts';
import { type CognitoError, aliasExists, concurrentModification, passwordResetRequired, userAccountExists, userExists, userNotConfirmed, userNotFound, usernameValueTaken } from '../../errors/index.ts';
import { UserKeyConflict } from '../../storage/repositories/conflicts.ts';
import { KEYS_UNCHANGED } from '../../storage/repositories/users.ts';
import type { Repositories } from '../../storage/store.ts';

type Pool = Pick<PoolRecord, 'id' | 'config'>;

/**
 * The error for a username or alias another user holds, worded as Cognito does for each case. An
 * email or phone number that signs another user in is, when creating a user where it is the
 * username (UsernameAttributes), a username taken (SignUp and AdminCreateUser declare
 * UsernameExistsException only); when changing or verifying a user's attributes, an alias taken
 * (AliasExistsException, the error UpdateUserAttributes, AdminUpdateUserAttributes,
 * VerifyUserAttribute and ConfirmSignUp declare), whichever way the pool signs in with it.
 */
export function keyConflictError(pool: PoolConfig, kind: string, creating: 'sign-up' | 'admin-create' | 'update'): CognitoError {
  if (kind === 'username' || kind === 'sub') {
    return creating === 'admin-create' ? userAccountExists() : userExists();
  }
  if (creating !== 'update' && (pool.UsernameAttributes ?? []).includes(kind as 'email' | 'phone_number')) {
    return usernameValueTaken(kind);
  }
  return aliasExists(kind);
}

/** Stores a new user; a username or alias another user holds is refused in Cognito's words for `creating`. */
export async function createUser(repos: Pick<Repositories, 'users'>, pool: Pool, user: UserRecord, creating: 'sign-up' | 'admin-create'): Promise<void> {
  try {
    await repos.users.create(user, userKeys(pool.config, user));
  } catch (e) {
    if (e instanceof UserKeyConflict) throw keyConflictError(pool.config, e.kind, creating);
    throw e;
  }
}

/**
 * Reads the user, applies `change`, and writes it back if nobody wrote in between; otherwise
 * reads again and retries. `change` may throw a CognitoError to refuse. Bookkeeping (a sign-out's
 * time) leaves the user's UserLastModifiedDate where it was.
 */
export async function updateUser(
  repos: Pick<Repositories, 'users'>,
  pool: Pool,
  sub: string,
  change: (user: UserRecord) => UserRecord | Promise<UserRecord>,
  now: number,
  options: { bookkeeping?: boolean } = {},
): Promise<UserRecord> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = await repos.users.get(pool.id, sub);
    if (!current) throw userNotFound();
    const changed = await change(current);
    const next = options.bookkeeping ? changed : { ...changed, lastModifiedAt: now };
    // Most updates (a verified flag, a setting, a password) change none of the user's keys: the
    // store then neither reads nor rewrites the alias and search rows.
    const keys = userKeys(pool.config, next);
    try {
      if (await repos.users.update(next, sameKeys(keys, userKeys(pool.config, current)) ? KEYS_UNCHANGED : keys)) return { ...next, version: current.version + 1 };
    } catch (e) {
      if (e instanceof UserKeyConflict) throw keyConflictError(pool.config, e.kind, 'update');
      throw e;
    }
  }
  throw concurrentModification();
}

/**
 * Finds a user as the Admin* operations and sign-in do: by username, then by an alias the pool
 * signs in with, then by sub.
 */
export async function findUser(repos: Pick<Repositories, 'users'>, pool: { id: string; config: PoolConfig }, username: string): Promise<UserRecord | undefined> {
  const byName = await repos.users.getByUsername(pool.id, usernameKey(pool.config, username));
  if (byName) return byName;
  for (const kind of [...(pool.config.UsernameAttributes ?? []), ...(pool.config.AliasAttributes ?? [])]) {
    const u = await repos.users.getByAlias(pool.id, kind, aliasKey(pool.config, kind, username));
    if (u) return u;
  }
  return /^[0-9a-f-]{36}$/.test(username) ? repos.users.get(pool.id, username) : undefined;
}

/** The user a request names (see findUser): it must exist. */
export async function requireUser(repos: Pick<Repositories, 'users'>, pool: { id: string; config: PoolConfig }, username: string): Promise<UserRecord> {
  const u = await findUser(repos, pool, username);
  if (!u) throw userNotFound();
  return u;
}

/** A signed-in user must be confirmed and not awaiting a password reset to verify attributes. */
export function requireActiveStatus(user: UserRecord): void {
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed();
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
}
