import { requireUser } from '../../services/directory/users.ts';
import { recoveryDestination } from '../../domain/recovery.ts';
import { CognitoError, invalidParameter } from '../../errors/cognito-error.ts';
import type { UserRecord } from '../../domain/user.ts';
import { poolOperation } from '../operation.ts';
import { updateUser } from '../../services/directory/users.ts';
import type { AdminResetUserPasswordRequest } from '@aws-sdk/client-cognito-identity-provider';

const noDestination = () => invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');


export default poolOperation<AdminResetUserPasswordRequest, object, 'store' | 'clock' | 'delivery'>('AdminResetUserPassword', async (deps, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(deps.store, pool, input.Username!);
  const check = (u: UserRecord) => {
    if (!u.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    // A user who never chose a password has none to reset (decided, as ForgotPassword answers).
    if (u.status === 'UNCONFIRMED' || u.status === 'FORCE_CHANGE_PASSWORD') throw new CognitoError('NotAuthorizedException', 'User password cannot be reset in the current state.');
    return recoveryDestination(pool.config, u);
  };
  check(user);
  const reset = await updateUser(deps.store, pool, user.sub, (u) => (check(u), { ...u, status: 'RESET_REQUIRED' }), deps.clock.now());
  const { medium, destination } = recoveryDestination(pool.config, reset);
  await deps.delivery.sendCode({
    pool, user: reset, clientId: null, purpose: 'forgot-password', attribute: '', medium, destination,
    occasion: 'ForgotPassword', clientMetadata: input.ClientMetadata,
  }, ctx);
  return {};
});
