import type { AdminResetUserPasswordRequest } from '@aws-sdk/client-cognito-identity-provider';
import { recoveryDestination } from '../../domain/recovery.ts';
import type { UserRecord } from '../../domain/user.ts';
import { cannotResetInState, userDisabled } from '../../errors/index.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/**
 * Sends the reset code first, then marks the user RESET_REQUIRED: a code that cannot be delivered
 * (no channel for the pool, a CustomMessage function that fails) refuses the request without
 * having disabled the password the user still signs in with.
 */
export default poolOperation<AdminResetUserPasswordRequest, object, 'store' | 'clock' | 'delivery'>('AdminResetUserPassword', async (deps, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(deps.store, pool, input.Username!);
  const check = (u: UserRecord) => {
    if (!u.enabled) throw userDisabled();
    // A user who never chose a password has none to reset (decided, as ForgotPassword answers).
    if (u.status === 'UNCONFIRMED' || u.status === 'FORCE_CHANGE_PASSWORD') throw cannotResetInState();
    return recoveryDestination(pool.config, u);
  };
  const { medium, destination } = check(user);
  await deps.delivery.sendCode({
    pool, user, clientId: null, purpose: 'forgot-password', attribute: '', medium, destination,
    occasion: 'ForgotPassword', clientMetadata: input.ClientMetadata,
  }, ctx);
  await updateUser(deps.store, pool, user.sub, (u) => (check(u), { ...u, status: 'RESET_REQUIRED' }), deps.clock.now());
  return {};
});
