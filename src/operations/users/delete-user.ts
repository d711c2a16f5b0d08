import type { DeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { authenticate } from '../../services/directory/authenticate.ts';
import { operation } from '../operation.ts';

export default operation<DeleteUserRequest, object, 'store' | 'tokens' | 'clock'>('DeleteUser', async (deps, input) => {
  const { pool, user } = await authenticate(deps, input.AccessToken!);
  // Tokens first, in the same transaction: no token of the user outlives the user.
  await deps.store.transaction(async (tx) => {
    await tx.tokens.revokeAllForUser(pool.id, user.sub, deps.clock.now());
    await tx.users.delete(pool.id, user.sub);
  });
  return {};
});
