import type { DeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { userOperation } from '../operation.ts';

export default userOperation<DeleteUserRequest, object, 'store' | 'clock'>('DeleteUser', async (deps, input, ctx) => {
  const { pool, user } = ctx;
  // Tokens first, in the same transaction: no token of the user outlives the user.
  await deps.store.transaction(async (tx) => {
    await tx.tokens.revokeAllForUser(pool.id, user.sub, deps.clock.now());
    await tx.users.delete(pool.id, user.sub);
  });
  return {};
});
