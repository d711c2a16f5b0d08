import type { AdminEnableUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminEnableUserRequest, object, 'store' | 'clock'>('AdminEnableUser', async ({ store, clock }, input, ctx) => {
  await store.transaction(async (tx) => {
    const { pool } = ctx;
    const user = await requireUser(tx, pool, input.Username!);
    await updateUser(tx, pool, user.sub, (u) => ({ ...u, enabled: true }), clock.now());
  });
  return {};
});
