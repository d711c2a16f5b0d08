import type { GlobalSignOutRequest, GlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { userOperation } from '../operation.ts';

/** Ends every session of the signed-in user: each refresh token and every token issued with one is refused from now on. */
export default userOperation<GlobalSignOutRequest, Wire<GlobalSignOutResponse>, 'store' | 'clock'>('GlobalSignOut', async (deps, input, ctx) => {
  const { pool, user } = ctx;
  await deps.store.tokens.revokeAllForUser(pool.id, user.sub, deps.clock.now());
  return {};
});
