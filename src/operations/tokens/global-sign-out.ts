import type { GlobalSignOutRequest, GlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { signOutEverywhere } from '../../services/directory/sign-out.ts';
import { userOperation } from '../operation.ts';

/** Ends every session of the signed-in user: every token issued before now is refused from now on,
 * whatever the state of its row (sign-out.ts). */
export default userOperation<GlobalSignOutRequest, Wire<GlobalSignOutResponse>, 'store' | 'clock'>('GlobalSignOut', async (deps, input, ctx) => {
  const { pool, user } = ctx;
  await signOutEverywhere(deps.store, pool, user.sub, deps.clock.now());
  return {};
});
