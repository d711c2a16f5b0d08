import { notFound, CognitoError } from '../../errors/cognito-error.ts';
import { BadCursor, type PageRequest } from '../../storage/repositories/paging.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { Repositories } from '../../storage/store.ts';

/** Named preambles that operations share. */

export async function requirePool(repos: Pick<Repositories, 'pools'>, poolId: string): Promise<PoolRecord> {
  const pool = await repos.pools.get(poolId);
  if (!pool) throw notFound(`User pool ${poolId} does not exist.`);
  return pool;
}

export async function requireClient(repos: Pick<Repositories, 'clients'>, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await repos.clients.get(poolId, clientId);
  if (!client) throw notFound(`User pool client ${clientId} does not exist.`);
  return client;
}

/** Runs a listing, turning a token the listing did not issue into Cognito's error. */
export async function listPage<T>(request: PageRequest, list: (p: PageRequest) => Promise<T>): Promise<T> {
  try {
    return await list(request);
  } catch (e) {
    if (e instanceof BadCursor) throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
    throw e;
  }
}

/** Retries `create` with fresh ids on the (astronomically rare) collision. */
export async function withFreshId<T>(make: () => T, create: (value: T) => Promise<void>, isConflict: (e: unknown) => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const value = make();
    try {
      await create(value);
      return value;
    } catch (e) {
      if (!isConflict(e) || attempt >= 4) throw e;
    }
  }
}
