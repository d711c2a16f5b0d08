/**
 * Cognito's lockout after failed password sign-ins: from the fifth failure in a row the user is
 * locked out for 2^(n-5) seconds (n failures), at most 15 minutes; attempts while locked out answer
 * "Password attempts exceeded" and do not count. A successful sign-in, or 15 minutes without a
 * failure, starts again from zero. The counter lives in the user's settings (the store is the
 * truth for every instance), written optimistically and retried; it is bookkeeping, so the user's
 * UserLastModifiedDate does not move.
 */
import type { PoolRecord } from '../domain/pool.ts';
import { userKeys, type UserRecord } from '../domain/user.ts';
import { passwordAttemptsExceeded } from '../errors/index.ts';
import type { Repositories } from '../storage/store.ts';

const KEY = 'signInFailures';
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60_000;
const RESET_AFTER_MS = 15 * 60_000;

interface Failures {
  count: number;
  lastFailureAt: number;
  lockedUntil: number | null;
}

function current(user: UserRecord, now: number): Failures | undefined {
  const f = user.settings[KEY] as Failures | undefined;
  return f && now - f.lastFailureAt < RESET_AFTER_MS ? f : undefined;
}

/** Refuses a sign-in attempt while the user is locked out. */
export function checkLockout(user: UserRecord, now: number): void {
  const f = current(user, now);
  if (f?.lockedUntil && now < f.lockedUntil) throw passwordAttemptsExceeded();
}

/** Rewrites a user's settings, retrying when another write came first; undefined if the user is gone. */
async function updateSettings(repos: Pick<Repositories, 'users'>, pool: PoolRecord, sub: string, change: (s: Record<string, unknown>) => Record<string, unknown>): Promise<UserRecord | undefined> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const u = await repos.users.get(pool.id, sub);
    if (!u) return undefined;
    const next = { ...u, settings: change(u.settings) };
    if (await repos.users.update(next, userKeys(pool.config, next))) return { ...next, version: u.version + 1 };
  }
  return undefined;
}

/** Counts a wrong password (or SRP proof). */
export async function recordFailure(repos: Pick<Repositories, 'users'>, pool: PoolRecord, sub: string, now: number): Promise<void> {
  await updateSettings(repos, pool, sub, (settings) => {
    const f = settings[KEY] as Failures | undefined;
    const count = (f && now - f.lastFailureAt < RESET_AFTER_MS ? f.count : 0) + 1;
    const lockedUntil = count >= FREE_ATTEMPTS ? now + Math.min(2 ** (count - FREE_ATTEMPTS) * 1000, MAX_LOCK_MS) : null;
    return { ...settings, [KEY]: { count, lastFailureAt: now, lockedUntil } satisfies Failures };
  });
}

/** Forgets earlier failures after a success (no write when there were none). */
export async function clearFailures(repos: Pick<Repositories, 'users'>, pool: PoolRecord, user: UserRecord): Promise<UserRecord> {
  if (!(KEY in user.settings)) return user;
  return (await updateSettings(repos, pool, user.sub, withoutFailures)) ?? user;
}

/** Settings without the counter (a new password set by recovery starts clean). */
export function withoutFailures(settings: Record<string, unknown>): Record<string, unknown> {
  const { [KEY]: _gone, ...rest } = settings;
  return rest;
}
