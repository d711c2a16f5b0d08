import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { clientNotFound, poolNotFound, unauthorizedAttributeWrite } from '../../errors/index.ts';
import type { Repositories } from '../../storage/store.ts';

/** The app client and pool of an operation a user calls with only a ClientId. */
export async function requireClientById(repos: Pick<Repositories, 'clients' | 'pools'>, clientId: string): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const client = await repos.clients.getById(clientId);
  if (!client) throw clientNotFound(clientId);
  const pool = await repos.pools.get(client.poolId);
  if (!pool) throw poolNotFound(client.poolId);
  return { client, pool };
}

/** An app client with WriteAttributes may write only those. */
export function checkWritable(client: ClientRecord, names: string[]): void {
  const writable = client.config.WriteAttributes;
  if (writable && names.some((n) => !writable.includes(n))) {
    throw unauthorizedAttributeWrite();
  }
}

/** The app client a request names within a pool it already resolved: it must exist. */
export async function requireClient(repos: Pick<Repositories, 'clients'>, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await repos.clients.get(poolId, clientId);
  if (!client) throw clientNotFound(clientId);
  return client;
}
