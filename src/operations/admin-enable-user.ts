import type { AdminEnableUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requirePoolUser } from './admin-users-steps.ts';
import { operation } from './types.ts';
import { updateUser } from './user-steps.ts';

export default operation<AdminEnableUserRequest, object, 'store' | 'clock'>('AdminEnableUser', async ({ store, clock }, input) => {
  await store.transaction(async (tx) => {
    const { pool, user } = await requirePoolUser(tx, input.UserPoolId!, input.Username!);
    await updateUser(tx, pool, user.sub, (u) => ({ ...u, enabled: true }), clock.now());
  });
  return {};
});
