import { recoveryDestination } from '../auth-flows/recovery.ts';
import type { AdminResetUserPasswordRequest } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.ts';
import type { UserRecord } from '../storage/types.ts';
import { requirePoolUser } from './admin-users-steps.ts';
import { sendCode } from './send-code-step.ts';
import { operation } from './types.ts';
import { updateUser } from './user-steps.ts';

const noDestination = () => invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');


export default operation<AdminResetUserPasswordRequest, object, 'store' | 'clock' | 'delivery' | 'triggers'>('AdminResetUserPassword', async (deps, input, ctx) => {
  const { pool, user } = await requirePoolUser(deps.store, input.UserPoolId!, input.Username!);
  const check = (u: UserRecord) => {
    if (!u.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
    // A user who never chose a password has none to reset (decided, as ForgotPassword answers).
    if (u.status === 'UNCONFIRMED' || u.status === 'FORCE_CHANGE_PASSWORD') throw new CognitoError('NotAuthorizedException', 'User password cannot be reset in the current state.');
    return recoveryDestination(pool.config, u);
  };
  check(user);
  const reset = await updateUser(deps.store, pool, user.sub, (u) => (check(u), { ...u, status: 'RESET_REQUIRED' }), deps.clock.now());
  const { medium, destination } = recoveryDestination(pool.config, reset);
  await sendCode(deps, ctx, {
    pool, user: reset, clientId: null, purpose: 'forgot-password', attribute: '', medium, destination,
    occasion: 'ForgotPassword', clientMetadata: input.ClientMetadata,
  });
  return {};
});
