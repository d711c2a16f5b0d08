import type { PoolRecord } from '../../domain/pool.ts';
import { poolNotFound } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';

/** The pool a request names: it must exist. */
export async function requirePool(repos: Pick<Repositories, 'pools'>, poolId: string): Promise<PoolRecord> {
  const pool = await repos.pools.get(poolId);
  if (!pool) throw poolNotFound(poolId);
  return pool;
}
