/** What the administrators' user operations share: the pool and the user they name. */
import { requireUser } from './users.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { Repositories } from '../../storage/store.ts';
import type { UserRecord } from '../../domain/user.ts';
import { requirePool } from './pools.ts';

/** The pool, then the user in it (by username, alias or sub), as every Admin* operation starts. */
export async function requirePoolUser(repos: Pick<Repositories, 'pools' | 'users'>, poolId: string, username: string): Promise<{ pool: PoolRecord; user: UserRecord }> {
  const pool = await requirePool(repos, poolId);
  return { pool, user: await requireUser(repos, pool, username) };
}
