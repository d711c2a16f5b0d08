import type { AdminUserGlobalSignOutRequest, AdminUserGlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { signOutEverywhere } from '../../services/directory/sign-out.ts';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** GlobalSignOut for an administrator: every token of the user issued before now is refused. */
export default poolOperation<AdminUserGlobalSignOutRequest, Wire<AdminUserGlobalSignOutResponse>, 'store' | 'clock'>('AdminUserGlobalSignOut', async (deps, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(deps.store, pool, input.Username!);
  await signOutEverywhere(deps.store, pool, user.sub, deps.clock.now());
  return {};
});
