/**
 * The sign-in lockout (domain/lockout.ts) around password checks. Each check is counted as a
 * failure before it runs, in one atomic statement of the store (the truth for every instance),
 * and forgotten, with every earlier failure, once the password proves right: so of any number of
 * attempts made at once, five at most are checked before the lock, and a sequence of attempts is
 * answered as if each were counted after its check. The counters are bookkeeping, kept apart from
 * the user's record, whose UserLastModifiedDate does not move.
 */
import { createHash } from 'node:crypto';
import { LOCKOUT, lockedOut } from '../domain/lockout.ts';
import type { PoolRecord } from '../domain/pool.ts';
import { passwordAttemptsExceeded, type CognitoError } from '../errors/index.ts';
import type { Repositories } from '../storage/store.ts';

type Lockouts = Pick<Repositories, 'lockouts'>;

/** A user's counter, under a key that does not show whose it is. */
const lockoutKey = (pool: PoolRecord, sub: string) => createHash('sha256').update(`${pool.id}\0sub\0${sub}`).digest('base64url');

/** Refuses ("Password attempts exceeded") while the user is locked out, counting nothing. */
export async function checkLockout(repos: Lockouts, pool: PoolRecord, sub: string, now: number): Promise<void> {
  if (lockedOut(await repos.lockouts.get(lockoutKey(pool, sub)), now)) throw passwordAttemptsExceeded();
}

/**
 * One password (or SRP proof) check as a counted attempt: refused with `lockedOutError` while the
 * user is locked out, else counted, then run; a right password forgets the failures. If the store
 * cannot count, nothing is checked.
 */
export async function countedCheck(
  repos: Lockouts,
  pool: PoolRecord,
  sub: string,
  now: number,
  check: () => Promise<boolean> | boolean,
  lockedOutError: () => CognitoError = passwordAttemptsExceeded,
): Promise<boolean> {
  const key = lockoutKey(pool, sub);
  if (!(await repos.lockouts.count(key, now, LOCKOUT))) throw lockedOutError();
  const right = await check();
  if (right) await repos.lockouts.clear(key);
  return right;
}

/** Forgets the user's failures (a new password set by recovery starts clean). */
export async function clearFailures(repos: Lockouts, pool: PoolRecord, sub: string): Promise<void> {
  await repos.lockouts.clear(lockoutKey(pool, sub));
}
