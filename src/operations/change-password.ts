import type { ChangePasswordRequest, ChangePasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.ts';
import { checkPasswordPolicy, verifyPassword } from '../domain/password.ts';
import type { Wire } from '../domain/wire.ts';
import { incorrectCredentials } from '../auth-flows/errors.ts';
import { checkLockout, recordFailure, withoutFailures } from '../auth-flows/lockout.ts';
import { authenticate } from './access-token.ts';
import { passwordRecord } from './password-steps.ts';
import { operation } from './types.ts';
import { updateUser } from './user-steps.ts';

/**
 * The signed-in user changes their password, proving the current one (PreviousPassword may be left
 * out only by a user who has none). Wrong answers count towards the sign-in lockout; while locked
 * out, LimitExceededException. Sessions already open stay open, as in Cognito.
 */
export default operation<ChangePasswordRequest, Wire<ChangePasswordResponse>, 'store' | 'clock' | 'random' | 'tokens'>('ChangePassword', async (deps, input) => {
  const { store, clock, random } = deps;
  const { pool, user } = await authenticate(deps, input.AccessToken!);
  checkPasswordPolicy(pool.config, input.ProposedPassword!);
  if (user.password) {
    if (input.PreviousPassword === undefined) {
      throw invalidParameter("1 validation error detected: Value null at 'previousPassword' failed to satisfy constraint: Member must not be null");
    }
    try {
      checkLockout(user, clock.now());
    } catch {
      throw new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    }
    if (!(await verifyPassword(input.PreviousPassword, user.password.hash))) {
      await recordFailure(store, pool, user.sub, clock.now());
      throw incorrectCredentials();
    }
  }
  const now = clock.now();
  const password = await passwordRecord(pool, user, input.ProposedPassword!, { random, now });
  await updateUser(store, pool, user.sub, (u) => ({ ...u, password, settings: withoutFailures(u.settings) }), now);
  return {};
});
