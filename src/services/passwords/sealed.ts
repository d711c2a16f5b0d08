/**
 * A password record at rest: its slow hash and its SRP verifier sealed under the master key, so
 * that a copy of the database alone allows no offline guessing (a verifier is far cheaper to
 * attack than the hash). The SRP salt stays in clear: SRP hands it to anyone who starts a sign-in.
 * Records written before sealing (in clear) are read as they are, and sealed when next written.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { PoolRecord } from '../../domain/pool.ts';
import type { StoredPassword, UserRecord } from '../../domain/user.ts';
import { incorrectCredentials } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';
import { KEYS_UNCHANGED } from '../../storage/repositories/users.ts';
import { SealedValueError, type Sealer } from '../sealing/sealer.ts';
import type { PasswordHasher } from './hasher.ts';

export function sealPassword(sealer: Sealer, p: StoredPassword): StoredPassword {
  return { ...p, hash: sealer.seal(p.hash, 'password-hash'), srpVerifier: sealer.seal(p.srpVerifier, 'srp-verifier') };
}

/** The record with its hash and verifier in clear. Throws SealedValueError. */
export function openPassword(sealer: Sealer, p: StoredPassword): StoredPassword {
  return { ...p, hash: sealer.open(p.hash, 'password-hash'), srpVerifier: sealer.open(p.srpVerifier, 'srp-verifier') };
}

/** The record sealed under the current master key; undefined when it already is. Throws SealedValueError. */
export function resealPassword(sealer: Sealer, p: StoredPassword): StoredPassword | undefined {
  if (sealer.isCurrent(p.hash) && sealer.isCurrent(p.srpVerifier)) return undefined;
  return sealPassword(sealer, openPassword(sealer, p));
}

/**
 * The user's password record, opened to check a password or an SRP proof. One that no configured
 * master key opens (the database moved without its key) is logged, and answered as a wrong
 * password would be, before anything counts against the lockout: the user is not to blame.
 */
export function passwordToCheck(sealer: Sealer, log: Pick<FastifyBaseLogger, 'error'>, user: UserRecord): StoredPassword | null {
  if (!user.password) return null;
  try {
    return openPassword(sealer, user.password);
  } catch (e) {
    if (!(e instanceof SealedValueError)) throw e;
    log.error({ userPoolId: user.poolId, sub: user.sub, masterKeyId: e.keyId }, `cannot check the password: ${e.message}`);
    throw incorrectCredentials();
  }
}

/**
 * After a sign-in proved the password: a record in clear, or sealed under an earlier master key, is
 * sealed under the current one (so rotation completes as users sign in); and when the sign-in
 * showed the password itself (not SRP), a hash made under weaker parameters than the current ones
 * is made again under them (so a pool's hashes grow stronger as its users sign in, development's
 * cheap ones included). Bookkeeping: the user's UserLastModifiedDate does not move, and a
 * concurrent write wins (the next sign-in tries again).
 */
export async function renewAfterSignIn(
  repos: Pick<Repositories, 'users'>,
  deps: { sealer: Sealer; passwordHasher: PasswordHasher },
  pool: PoolRecord,
  user: UserRecord,
  proven?: string,
): Promise<UserRecord> {
  if (!user.password) return user;
  const { sealer, passwordHasher } = deps;
  let password = resealPassword(sealer, user.password);
  if (proven !== undefined) {
    const opened = openPassword(sealer, user.password);
    if (passwordHasher.isWeaker(opened.hash)) password = sealPassword(sealer, { ...opened, hash: await passwordHasher.hash(proven) });
  }
  if (!password) return user;
  const next = { ...user, password };
  // A password is no key: the alias and search rows stay as they are.
  return (await repos.users.update(next, KEYS_UNCHANGED)) ? { ...next, version: user.version + 1 } : user;
}
