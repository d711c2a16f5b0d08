import type { DeleteUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { deletionProtected } from '../../errors/index.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteUserPoolRequest, object, 'store'>('DeleteUserPool', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw deletionProtected();
    }
    await tx.pools.delete(pool.id);
  });
  return {};
});
