import type { DeleteUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { deletionProtected, poolHasDomainOnDelete } from '../../errors/index.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<DeleteUserPoolRequest, object, 'store'>('DeleteUserPool', async ({ store }, input, ctx) => {
  await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    if (pool.config.DeletionProtection === 'ACTIVE') {
      throw deletionProtected();
    }
    // AWS keeps a pool that still holds a domain: the name is freed by DeleteUserPoolDomain first.
    if ((await tx.poolDomains.forPool(pool.id)).length > 0) throw poolHasDomainOnDelete();
    await tx.pools.delete(pool.id);
  });
  return {};
});
