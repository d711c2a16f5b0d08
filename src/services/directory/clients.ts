import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** Base64 HMAC-SHA256 of username + client id under the client secret, as clients compute SECRET_HASH. */
export const secretHash = (clientSecret: string, username: string, clientId: string) =>
  createHmac('sha256', clientSecret).update(username + clientId).digest('base64');

/**
 * A client with a secret requires SECRET_HASH (computed over the username the caller sent);
 * one without ignores it.
 */
export function checkSecretHash(client: ClientRecord, username: string, given: string | undefined): void {
  if (!client.secret) return;
  if (!given) throw new CognitoError('NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`);
  const expected = Buffer.from(secretHash(client.secret, username, client.clientId));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new CognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
  }
}

/** An app client with WriteAttributes may write only those. */
export function checkWritable(client: ClientRecord, names: string[]): void {
  const writable = client.config.WriteAttributes;
  if (writable && names.some((n) => !writable.includes(n))) {
    throw new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
  }
}
