import { CognitoError, notFound } from '../../errors/cognito-error.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { Repositories } from '../../storage/store.ts';

/** The app client and pool of an operation a user calls with only a ClientId. */
export async function requireClientById(repos: Pick<Repositories, 'clients' | 'pools'>, clientId: string): Promise<{ client: ClientRecord; pool: PoolRecord }> {
  const client = await repos.clients.getById(clientId);
  if (!client) throw notFound(`User pool client ${clientId} does not exist.`);
  const pool = await repos.pools.get(client.poolId);
  if (!pool) throw notFound(`User pool ${client.poolId} does not exist.`);
  return { client, pool };
}

/** An app client with WriteAttributes may write only those. */
export function checkWritable(client: ClientRecord, names: string[]): void {
  const writable = client.config.WriteAttributes;
  if (writable && names.some((n) => !writable.includes(n))) {
    throw new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
  }
}

export async function requireClient(repos: Pick<Repositories, 'clients'>, poolId: string, clientId: string): Promise<ClientRecord> {
  const client = await repos.clients.get(poolId, clientId);
  if (!client) throw notFound(`User pool client ${clientId} does not exist.`);
  return client;
}
