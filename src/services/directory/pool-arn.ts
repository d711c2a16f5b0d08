import type { PoolRecord } from '../../domain/pool.ts';
import { poolRegion } from '../../domain/pool.ts';
import { parsePoolArn } from '../../domain/tags.ts';
import { poolNotFound } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';

/**
 * The pool a ResourceArn names (the tag operations name a pool by its ARN, not its id). The ARN
 * must be the one DescribeUserPool answers: a pool of another account or region is not this
 * server's, and is as missing as one never made.
 */
export async function requirePoolByArn(repos: Pick<Repositories, 'pools'>, arn: string, accountId: string): Promise<PoolRecord> {
  const { region, accountId: account, poolId } = parsePoolArn(arn);
  const pool = account === accountId && region === poolRegion(poolId) ? await repos.pools.get(poolId) : undefined;
  if (!pool) throw poolNotFound(poolId);
  return pool;
}
