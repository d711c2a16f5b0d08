import type { AdminSetUserPasswordRequest } from '@aws-sdk/client-cognito-identity-provider';
import { checkPasswordPolicy } from '../../domain/password.ts';
import { requirePoolUser } from '../../services/directory/pool-users.ts';
import { passwordRecord } from '../../services/passwords/record.ts';
import { operation } from '../operation.ts';
import { updateUser } from '../../services/directory/users.ts';

/**
 * Permanent: the user is CONFIRMED with this password, whatever its status was (UNCONFIRMED,
 * FORCE_CHANGE_PASSWORD, RESET_REQUIRED, EXTERNAL_PROVIDER). Temporary: FORCE_CHANGE_PASSWORD, and
 * the password expires after the pool's TemporaryPasswordValidityDays.
 */
export default operation<AdminSetUserPasswordRequest, object, 'store' | 'clock' | 'random'>('AdminSetUserPassword', async ({ store, clock, random }, input) => {
  const { pool, user } = await requirePoolUser(store, input.UserPoolId!, input.Username!);
  checkPasswordPolicy(pool.config, input.Password!);
  const now = clock.now();
  const permanent = input.Permanent === true;
  const password = await passwordRecord(pool, user, input.Password!, { random, now }, !permanent);
  await updateUser(store, pool, user.sub, (u) => ({ ...u, password, status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD' }), now);
  return {};
});
