import type { DeleteUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../../errors/cognito-error.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteUserPoolRequest, object, 'store'>('DeleteUserPool', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw invalidParameter('The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.');
    }
    await tx.pools.delete(pool.id);
  });
  return {};
});
