import type { AdminDisableUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminDisableUserRequest, object, 'store' | 'clock'>('AdminDisableUser', async ({ store, clock }, input, ctx) => {
  await store.transaction(async (tx) => {
    const { pool } = ctx;
    const user = await requireUser(tx, pool, input.Username!);
    const now = clock.now();
    await updateUser(tx, pool, user.sub, (u) => ({ ...u, enabled: false }), now);
    // Its refresh tokens stop working, and so do the tokens issued with them; authenticate refuses the rest.
    await tx.tokens.revokeAllForUser(pool.id, user.sub, now);
  });
  return {};
});
