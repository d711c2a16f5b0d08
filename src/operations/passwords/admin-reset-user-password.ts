import type { AdminResetUserPasswordRequest } from '@aws-sdk/client-cognito-identity-provider';
import { recoveryDestination } from '../../domain/recovery.ts';
import type { UserRecord } from '../../domain/user.ts';
import { cannotResetInState, userDisabled } from '../../errors/index.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminResetUserPasswordRequest, object, 'store' | 'clock' | 'delivery'>('AdminResetUserPassword', async (deps, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(deps.store, pool, input.Username!);
  const check = (u: UserRecord) => {
    if (!u.enabled) throw userDisabled();
    // A user who never chose a password has none to reset (decided, as ForgotPassword answers).
    if (u.status === 'UNCONFIRMED' || u.status === 'FORCE_CHANGE_PASSWORD') throw cannotResetInState();
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
