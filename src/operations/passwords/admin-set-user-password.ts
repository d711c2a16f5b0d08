import type { AdminSetUserPasswordRequest } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../domain/password.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { passwordRecord } from '../../services/passwords/record.ts';
import { poolOperation } from '../operation.ts';

/**
 * Permanent: the user is CONFIRMED with this password, whatever its status was (UNCONFIRMED,
 * FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER). Temporary: FORCE_CHANGE_PASSWORD, and
 * the password expires after the pool's TemporaryPasswordValidityDays.
 */
export default poolOperation<AdminSetUserPasswordRequest, object, 'store' | 'clock' | 'random' | 'sealer' | 'passwordHasher'>('AdminSetUserPassword', async ({ store, clock, random, sealer, passwordHasher }, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(store, pool, input.Username!);
  checkPasswordPolicy(pool.config, input.Password!);
  const now = clock.now();
  const permanent = input.Permanent === true;
  const password = await passwordRecord(pool, user, input.Password!, { random, sealer, passwordHasher, now }, !permanent);
  await updateUser(store, pool, user.sub, (u) => ({ ...u, password, status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD' }), now);
  return {};
});
