import type { AdminDisableUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import { SIGNED_OUT_AT } from '../../domain/token.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AdminDisableUserRequest, object, 'store' | 'clock'>('AdminDisableUser', async ({ store, clock }, input, ctx) => {
  await store.transaction(async (tx) => {
    const { pool } = ctx;
    const user = await requireUser(tx, pool, input.Username!);
    const now = clock.now();
    // AWS: "Deactivates a user and revokes all access tokens for the user": signed out too, so
    // that enabling the user again does not bring its earlier tokens back.
    await updateUser(tx, pool, user.sub, (u) => ({ ...u, enabled: false, settings: { ...u.settings, [SIGNED_OUT_AT]: now } }), now);
    await tx.tokens.revokeAllForUser(pool.id, user.sub, now);
  });
  return {};
});
