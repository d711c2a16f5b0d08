import { policyOf } from '../../domain/password.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { StoredPassword, UserRecord } from '../../domain/user.ts';
import type { Random } from '../../ground/random.ts';
import type { Sealer } from '../sealing/sealer.ts';
import type { PasswordHasher } from './hasher.ts';
import { sealPassword } from './sealed.ts';
import { createVerifier } from './srp.ts';

/**
 * What is stored when a password is set: its slow hash (under the server's current parameters),
 * and the SRP verifier over the name the client will use in the SRP exchange (USER_ID_FOR_SRP: the
 * stored username, which is the sub in pools that sign in with email or phone), both sealed under
 * the master key. A temporary password expires after the pool's TemporaryPasswordValidityDays.
 */
export async function passwordRecord(
  pool: PoolRecord,
  user: Pick<UserRecord, 'username'>,
  password: string,
  deps: { random: Random; sealer: Sealer; passwordHasher: PasswordHasher; now: number },
  temporary = false,
): Promise<StoredPassword> {
  const { salt, verifier } = createVerifier(pool.id, user.username, password, (n) => deps.random.bytes(n));
  const days = policyOf(pool.config).TemporaryPasswordValidityDays ?? 7;
  return sealPassword(deps.sealer, {
    hash: await deps.passwordHasher.hash(password),
    srpSalt: salt,
    srpVerifier: verifier,
    setAt: deps.now,
    expiresAt: temporary ? deps.now + days * 86_400_000 : null,
  });
}
