/**
 * `POST /oauth2/token`: the authorization_code, refresh_token and client_credentials grants, with
 * Cognito's answers: `{access_token, id_token, refresh_token, token_type, expires_in}` (an ID token
 * only with the openid scope; a refresh token only from a code, or a refresh with rotation), and
 * RFC 6749's error codes.
 */
import { clientAllowsFlow, grantScopes, isCustomScope, pkceMatches } from '../../domain/oauth.ts';
import { isCognitoError } from '../../errors/index.ts';
import { invalidGrant, invalidScope, oauthMissing, unauthorizedClient, unsupportedGrantType } from '../../errors/oauth.ts';
import { existingScopes } from '../../services/directory/client-references.ts';
import type { FlowContext } from '../context.ts';
import { issueTokens } from '../issue-tokens.ts';
import { hashRefreshToken } from '../../services/tokens/refresh.ts';
import { refreshTokens } from '../refresh-token.ts';
import type { AuthenticatedClient } from './client-auth.ts';
import { takeCode } from './grant.ts';
import { machineToken } from './machine-token.ts';

export interface TokenAnswer {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
}

type GrantContext = Omit<FlowContext, 'pool' | 'client' | 'admin'>;

const need = (form: URLSearchParams, name: string): string => {
  const v = form.get(name);
  if (v === null || v === '') throw oauthMissing(name);
  return v;
};

export async function tokenGrant(gc: GrantContext, caller: AuthenticatedClient, form: URLSearchParams): Promise<TokenAnswer> {
  const fc: FlowContext = { ...gc, pool: caller.pool, client: caller.client, admin: false };
  const grantType = need(form, 'grant_type');
  switch (grantType) {
    case 'authorization_code':
      return codeGrant(fc, form);
    case 'refresh_token':
      return refreshGrant(fc, form);
    case 'client_credentials':
      return clientCredentialsGrant(fc, caller, form);
  }
  throw unsupportedGrantType();
}

async function codeGrant(fc: FlowContext, form: URLSearchParams): Promise<TokenAnswer> {
  if (!clientAllowsFlow(fc.client, 'code')) throw unauthorizedClient();
  const code = need(form, 'code');
  const redirectUri = form.get('redirect_uri');
  const grant = await takeCode(fc, code);
  // Used, expired, unknown, another client's: one answer for all, and the code is spent whatever follows.
  if (!grant || grant.clientId !== fc.client.clientId) throw invalidGrant();
  if (redirectUri !== grant.redirectUri) throw invalidGrant();
  if (grant.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier || !pkceMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod ?? 'S256')) throw invalidGrant();
  }
  const user = await fc.deps.store.users.get(fc.pool.id, grant.sub);
  if (!user || !user.enabled) throw invalidGrant();
  const t = await issueTokens(fc, user, { source: 'TokenGeneration_HostedAuth', authTime: grant.authTime, withRefreshToken: true, scopes: grant.scopes, nonce: grant.nonce });
  return answer(t, grant.scopes.includes('openid'));
}

async function refreshGrant(fc: FlowContext, form: URLSearchParams): Promise<TokenAnswer> {
  const token = need(form, 'refresh_token');
  if (fc.client.config.AllowedOAuthFlowsUserPoolClient !== true) throw unauthorizedClient();
  // A refresh token granted at these endpoints keeps its scopes; the API's (no scopes kept) come with an ID token.
  const scopes = (await fc.deps.store.tokens.getRefresh(hashRefreshToken(token)))?.scopes;
  try {
    // The client proved itself at the endpoint: no SECRET_HASH to weigh.
    const t = await refreshTokens(fc, token, { checkSecret: () => {} });
    return answer(t, scopes === undefined || scopes.includes('openid'));
  } catch (e) {
    // Unknown, revoked, expired, another client's, a user gone or disabled: invalid_grant.
    if (isCognitoError(e) && e.type !== 'InternalErrorException') throw invalidGrant();
    throw e;
  }
}

async function clientCredentialsGrant(fc: FlowContext, caller: AuthenticatedClient, form: URLSearchParams): Promise<TokenAnswer> {
  if (!clientAllowsFlow(fc.client, 'client_credentials') || !caller.withSecret) throw unauthorizedClient();
  const asked = form.get('scope') ?? undefined;
  const allowed = grantScopes(fc.client, asked);
  if (!allowed || allowed.some((s) => !isCustomScope(s))) throw invalidScope();
  // The scopes of resource servers that still exist: one asked for that is gone is refused.
  const scopes = await existingScopes(fc.deps.store, fc.pool.id, allowed);
  if (scopes.length === 0 || (asked !== undefined && scopes.length !== allowed.length)) throw invalidScope();
  const t = await machineToken(fc, scopes, form);
  return { access_token: t.AccessToken, expires_in: t.ExpiresIn, token_type: 'Bearer' };
}

function answer(t: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number }, withIdToken: boolean): TokenAnswer {
  return {
    ...(withIdToken && t.IdToken ? { id_token: t.IdToken } : {}),
    access_token: t.AccessToken!,
    ...(t.RefreshToken ? { refresh_token: t.RefreshToken } : {}),
    expires_in: t.ExpiresIn!,
    token_type: 'Bearer',
  };
}
