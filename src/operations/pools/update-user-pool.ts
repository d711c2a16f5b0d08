import type { UpdateUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { updatedPoolConfig } from '../../domain/pool.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<UpdateUserPoolRequest, object, 'store' | 'clock'>('UpdateUserPool', async ({ store, clock }, input, ctx) => {
  await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    const config = updatedPoolConfig(pool.config, input);
    await tx.pools.update({ ...pool, name: input.PoolName ?? pool.name, config, lastModifiedAt: clock.now() });
  });
  return {};
});
