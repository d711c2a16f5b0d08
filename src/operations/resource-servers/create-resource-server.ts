import type { CreateResourceServerRequest, CreateResourceServerResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeResourceServer, RESOURCE_SERVERS_PER_POOL, type ResourceServerRecord } from '../../domain/resource-server.ts';
import type { Wire } from '../../domain/wire.ts';
import { resourceServerExists, resourceServerLimitReached } from '../../errors/index.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';
import { scopesOf } from './scopes.ts';

export default poolOperation<CreateResourceServerRequest, Wire<CreateResourceServerResponse>, 'store' | 'clock'>(
  'CreateResourceServer',
  async ({ store, clock }, input, ctx) => {
    const record: ResourceServerRecord = {
      poolId: ctx.pool.id,
      identifier: input.Identifier!,
      name: input.Name!,
      scopes: scopesOf(input.Scopes),
      createdAt: clock.now(),
    };
    await store.transaction(async (tx) => {
      await requirePool(tx, ctx.pool.id);
      const existing = await tx.resourceServers.list(ctx.pool.id, { limit: RESOURCE_SERVERS_PER_POOL });
      if (existing.next !== undefined || existing.items.length >= RESOURCE_SERVERS_PER_POOL) throw resourceServerLimitReached(RESOURCE_SERVERS_PER_POOL);
      try {
        await tx.resourceServers.create(record);
      } catch (e) {
        if (e instanceof StoreConflict) throw resourceServerExists(record.identifier, record.poolId);
        throw e;
      }
    });
    return { ResourceServer: describeResourceServer(record) };
  },
);
