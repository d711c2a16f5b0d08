import { signedOutSince } from '../../domain/token.ts';
import { accessTokenRevoked, clientNotFound, poolNotFound, userDisabled, userNotFound } from '../../errors/index.ts';
import { uuidV7Time } from '../../ground/ids.ts';
import type { Deps } from '../deps.ts';
import type { SignedInUser } from '../request-context.ts';

/**
 * The one step every operation taking an access token runs: the token's pool, its signature,
 * expiry, use and scope, its app client, its user (still there), its revocation, and the user
 * enabled and not signed out since. The rows the token names (pool, client, user, revocation) are
 * read at once, in one read of the store (signedInRows: one statement on PostgreSQL), while the
 * signature is checked; the outcomes are then taken in that order, so the answer is the one the
 * first failing check gives, as if they had run one after the other.
 *
 * A user that no longer exists answers UserNotFoundException before the revocation its deletion
 * made, as Cognito answers a deleted user's token. The user is the token's sub, never its
 * username: a user created again under the same username is someone else, with a new sub, and the
 * old token names nobody.
 */
export async function authenticate(deps: Pick<Deps, 'store' | 'tokens'>, accessToken: string): Promise<SignedInUser> {
  const { store, tokens } = deps;
  const token = tokens.present(accessToken);
  const poolId = token.poolId;
  // The presented origin_jti is the verified one when the token verifies (the same payload); it is
  // looked up now only to save a round, and weighed only once the token has verified.
  const originJti = token.jws.payload.origin_jti;
  const [{ pool, client, user, revoked }, verified] = await Promise.all([
    store.signedInRows({ poolId, clientId: token.clientId, sub: token.sub, originJti: typeof originJti === 'string' ? originJti : undefined }),
    tokens.checkAccessToken(token, poolId).then((claims) => ({ claims }), (error: unknown) => ({ error })),
  ]);
  if (!pool) throw poolNotFound(poolId);
  if ('error' in verified) throw verified.error;
  const { claims } = verified;
  // A verified token names a client and a user (checkAccessToken checks sub and origin_jti; client_id is ours).
  if (!client || client.clientId !== claims.client_id) throw clientNotFound(claims.client_id);
  if (!user || user.sub !== claims.sub) throw userNotFound();
  if (revoked) throw accessTokenRevoked();
  if (!user.enabled) throw userDisabled();
  // The jti of Cognate's tokens tells the millisecond of issue; a token without one, its iat.
  if (signedOutSince(user.settings, uuidV7Time(claims.jti) ?? claims.iat * 1000)) throw accessTokenRevoked();
  return { pool, client, user, claims };
}
