/**
 * The sign-in lockout (domain/lockout.ts) around password checks, and around answers to custom
 * challenges under a counter of their own. Each check is counted as a failure before it runs, in
 * one atomic statement of the store (the truth for every instance), and forgotten, with every
 * earlier failure, once the password proves right: so of any number of
 * attempts made at once, five at most are checked before the lock, and a sequence of attempts is
 * answered as if each were counted after its check. The counters are bookkeeping, kept apart from
 * the user's record, whose UserLastModifiedDate does not move.
 *
 * Where the client hides whether users exist, a name no user holds is counted too, under its own
 * key, so that it is locked out as a user would be; such keys are bounded by the request-rate
 * quotas and purged once they no longer count, like a user's.
 */
import { createHash } from 'node:crypto';
import { LOCKOUT, lockedOut } from '../domain/lockout.ts';
import type { PoolRecord } from '../domain/pool.ts';
import { usernameKey } from '../domain/user.ts';
import { passwordAttemptsExceeded, type CognitoError } from '../errors/index.ts';
import type { Repositories } from '../storage/store.ts';

type Lockouts = Pick<Repositories, 'lockouts'>;

/** Whose attempts: a user (by sub), or a name no user holds. */
export type Attempter = { sub: string } | { unknownName: string };

/**
 * What a counter counts: password checks (SRP proofs and ChangePassword's included), answers to
 * custom challenges (CUSTOM_CHALLENGE), or sign-in codes (a TOTP, an MFA or passwordless code).
 * Kept apart: AWS's lockout "doesn't apply to custom challenges", so wrong answers do not lock a
 * user's password out, and a right answer, which a pool's function may make as easy as it likes,
 * forgets neither wrong passwords nor wrong codes (else one easy challenge between guesses would
 * give the guesses at a code back).
 */
export type Counted = 'password' | 'answer' | 'code';
const PREFIX: Record<Counted, string> = { password: 'p', answer: 'a', code: 'c' };

/**
 * The counter's key: what it counts ('p' or 'a'), then the first 16 bytes of a SHA-256 of the pool
 * and whose attempts they are, in base64url; 23 characters. It does not show whose it is, and 128
 * bits keep keys apart even from a name chosen to land on a user's key. Kept short because each
 * made-up name a hiding client is asked about leaves a row until it no longer counts.
 */
export function lockoutKey(pool: Pick<PoolRecord, 'id' | 'config'>, who: Attempter, counted: Counted = 'password'): string {
  const id = 'sub' in who ? `sub\0${who.sub}` : `name\0${usernameKey(pool.config, who.unknownName)}`;
  return `${PREFIX[counted]}${createHash('sha256').update(`${pool.id}\0${id}`).digest().subarray(0, 16).toString('base64url')}`;
}

/** Refuses ("Password attempts exceeded") while `who` is locked out, counting nothing. */
export async function checkLockout(repos: Lockouts, pool: PoolRecord, who: Attempter, now: number, counted: Counted = 'password'): Promise<void> {
  if (lockedOut(await repos.lockouts.get(lockoutKey(pool, who, counted)), now)) throw passwordAttemptsExceeded();
}

/**
 * One password (or SRP proof) check as a counted attempt: refused with `lockedOutError` while `who`
 * is locked out, else counted, then run; a right password forgets the failures. If the store
 * cannot count, nothing is checked.
 */
export function countedCheck(
  repos: Lockouts,
  pool: PoolRecord,
  who: Attempter,
  now: number,
  check: () => Promise<boolean> | boolean,
  lockedOutError: () => CognitoError = passwordAttemptsExceeded,
): Promise<boolean> {
  return counted(repos, lockoutKey(pool, who), now, check, lockedOutError);
}

/**
 * One answer to a challenge (or one sign-in code) as a counted attempt, as countedCheck counts a
 * password, under its own counter: the same rule (from the fifth wrong answer in a row, locked
 * out), and a right answer forgets the wrong ones. AWS documents no lockout for these, so while
 * locked out the answer is the password lockout's ("Password attempts exceeded").
 */
export function countedAnswer(repos: Lockouts, pool: PoolRecord, who: Attempter, now: number, check: () => Promise<boolean>, kind: 'answer' | 'code' = 'answer'): Promise<boolean> {
  return counted(repos, lockoutKey(pool, who, kind), now, check, passwordAttemptsExceeded);
}

async function counted(repos: Lockouts, key: string, now: number, check: () => Promise<boolean> | boolean, lockedOutError: () => CognitoError): Promise<boolean> {
  if (!(await repos.lockouts.count(key, now, LOCKOUT))) throw lockedOutError();
  const right = await check();
  if (right) await repos.lockouts.clear(key);
  return right;
}

/** Forgets the user's failures (a new password set by recovery starts clean). */
export async function clearFailures(repos: Lockouts, pool: PoolRecord, sub: string): Promise<void> {
  await repos.lockouts.clear(lockoutKey(pool, { sub }));
}
