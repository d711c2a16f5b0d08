import { CognitoError, notFound } from '../errors.ts';
import { userNotFound } from '../domain/users.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../storage/types.ts';
import type { AccessClaims } from '../tokens/tokens.ts';
import type { Deps } from './types.ts';

export interface SignedInUser {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  claims: AccessClaims;
}

/**
 * The one step every operation taking an access token runs: the token's pool, its signature,
 * expiry, use, scope and revocation, its app client, and its user, still there and enabled.
 */
export async function authenticate(deps: Pick<Deps, 'store' | 'tokens'>, accessToken: string): Promise<SignedInUser> {
  const { store, tokens } = deps;
  const poolId = tokens.claimedPool(accessToken);
  const pool = await store.pools.get(poolId);
  if (!pool) throw notFound(`User pool ${poolId} does not exist.`);
  const claims = await tokens.verifyAccessToken(accessToken, pool.id);
  const client = await store.clients.get(pool.id, claims.client_id);
  if (!client) throw notFound(`User pool client ${claims.client_id} does not exist.`);
  const user = await store.users.get(pool.id, claims.sub);
  if (!user) throw userNotFound();
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  return { pool, client, user, claims };
}
