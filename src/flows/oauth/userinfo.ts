/**
 * `/oauth2/userInfo` and `/oauth2/revoke`. userInfo answers the attributes an access token's
 * scopes open (OIDC Core §5.4): `email` the email and its flag, `phone` the phone number and its
 * flag, `profile` or aws.cognito.signin.user.admin every attribute the client may read; always
 * `sub` and `username`. Values are strings, the verified flags included, as Cognito answers them.
 */
import { signedOutSince } from '../../domain/token.ts';
import { isCognitoError } from '../../errors/index.ts';
import { invalidAccessToken, unsupportedTokenType } from '../../errors/oauth.ts';
import { uuidV7Time } from '../../ground/ids.ts';
import { USER_ADMIN_SCOPE } from '../../services/tokens/issue.ts';
import { hashRefreshToken } from '../../services/tokens/refresh.ts';
import type { FlowDeps } from '../context.ts';
import type { AuthenticatedClient } from './client-auth.ts';

const BY_SCOPE: Record<string, string[]> = {
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

export async function userInfo(deps: Pick<FlowDeps, 'store' | 'tokens'>, token: string | undefined): Promise<Record<string, string>> {
  if (!token) throw invalidAccessToken();
  let poolId: string;
  let claims;
  try {
    const presented = deps.tokens.present(token);
    poolId = presented.poolId;
    claims = await deps.tokens.checkAccessToken(presented, poolId, null);
  } catch (e) {
    if (isCognitoError(e)) throw invalidAccessToken();
    throw e;
  }
  const scopes = String(claims.scope ?? '').split(' ');
  if (!scopes.includes('openid') && !scopes.includes(USER_ADMIN_SCOPE)) throw invalidAccessToken('Access token does not contain openid scope');
  const [user, client, revoked] = await Promise.all([
    deps.store.users.get(poolId, claims.sub),
    deps.store.clients.get(poolId, claims.client_id),
    deps.tokens.isAccessRevoked(claims.origin_jti),
  ]);
  if (!user || !user.enabled || !client || revoked || signedOutSince(user.settings, uuidV7Time(claims.jti) ?? claims.iat * 1000)) throw invalidAccessToken();
  const readable = client.config.ReadAttributes;
  const all = scopes.includes('profile') || scopes.includes(USER_ADMIN_SCOPE);
  const wanted = new Set(Object.entries(BY_SCOPE).flatMap(([scope, names]) => (scopes.includes(scope) ? names : [])));
  const out: Record<string, string> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub' || name.startsWith('dev:')) continue;
    if (readable && !readable.includes(name)) continue;
    if (all || wanted.has(name) || name === 'identities') out[name] = value;
  }
  out.username = user.username;
  return out;
}

/**
 * RFC 7009 revocation of a refresh token and every token issued with it. A token that is unknown,
 * revoked already, or another client's answers success and revokes nothing, as RevokeToken does.
 */
export async function revokeAtEndpoint(deps: Pick<FlowDeps, 'store' | 'clock'>, caller: AuthenticatedClient, token: string): Promise<void> {
  if (token.split('.').length === 3) throw unsupportedTokenType();
  const hash = hashRefreshToken(token);
  const record = await deps.store.tokens.getRefresh(hash);
  if (record && record.clientId === caller.client.clientId) await deps.store.tokens.revokeRefresh(hash, deps.clock.now());
}
