import type { CreateUserPoolRequest, CreateUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describePool, newPoolConfig, type PoolRecord } from '../../domain/pool.ts';
import type { Wire } from '../../domain/wire.ts';
import { poolLimitReached } from '../../errors/index.ts';
import { newPoolId } from '../../ground/ids.ts';
import { withFreshId } from '../../services/directory/fresh-id.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { operation } from '../operation.ts';

/** AWS's default quota of user pools per account and region. */
export const MAX_POOLS = 1000;

export default operation<CreateUserPoolRequest, Wire<CreateUserPoolResponse>, 'store' | 'clock' | 'random' | 'config' | 'keys'>(
  'CreateUserPool',
  async ({ store, clock, random, config, keys }, input) => {
    const poolConfig = newPoolConfig(input);
    const now = clock.now();
    const pool = await store.transaction(async (tx) => {
      if ((await tx.pools.count()) >= MAX_POOLS) throw poolLimitReached(MAX_POOLS);
      return withFreshId<PoolRecord>(
        () => ({ id: newPoolId(random, config.region), name: input.PoolName!, createdAt: now, lastModifiedAt: now, config: poolConfig }),
        (p) => tx.pools.create(p),
        (e) => e instanceof StoreConflict,
      );
    });
    // The pool's first signing key; generated outside the transaction (RSA generation takes a while).
    await keys.createKey(store, pool.id);
    return { UserPool: describePool(pool, config.accountId, 0) };
  },
);
