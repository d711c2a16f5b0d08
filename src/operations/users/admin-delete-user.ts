import type { AdminDeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { requireUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminDeleteUserRequest, object, 'store' | 'clock'>('AdminDeleteUser', async ({ store, clock }, input, ctx) => {
  await store.transaction(async (tx) => {
    const { pool } = ctx;
    const user = await requireUser(tx, pool, input.Username!);
    // Tokens first, in the same transaction: no token of the user outlives the user.
    await tx.tokens.revokeAllForUser(pool.id, user.sub, clock.now());
    await tx.users.delete(pool.id, user.sub);
  });
  return {};
});
