import type { AddCustomAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { addCustomAttributes, requireNames } from '../../domain/schema.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<AddCustomAttributesRequest, object, 'store' | 'clock'>('AddCustomAttributes', async ({ store, clock }, input, ctx) => {
  requireNames(input.CustomAttributes!, 'customAttributes');
  await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    const SchemaAttributes = addCustomAttributes(pool.config.SchemaAttributes ?? [], input.CustomAttributes!);
    await tx.pools.update({ ...pool, config: { ...pool.config, SchemaAttributes }, lastModifiedAt: clock.now() });
  });
  return {};
});
