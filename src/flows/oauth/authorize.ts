/**
 * `/oauth2/authorize` (and every managed login page, which carries its parameters): the request
 * checked as Cognito checks it. What cannot go back to the client (an unknown client_id, a
 * redirect_uri that is not a callback URL) is a LoginPageError, shown on an error page; the rest
 * is an OAuthError that goes back to the redirect_uri with the request's state.
 */
import type { ClientRecord } from '../../domain/client.ts';
import { clientAllowsFlow, grantScopes, isRegisteredRedirect, type AuthorizeRequest, type PkceMethod } from '../../domain/oauth.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { domainOfAnotherPool, oauthInvalidRequest, oauthNotEnabled, invalidScope, redirectMismatch, unauthorizedClient, unknownOAuthClient, unsupportedResponseType } from '../../errors/oauth.ts';
import { existingScopes } from '../../services/directory/client-references.ts';
import type { Repositories } from '../../storage/store.ts';

export type Query = Record<string, string | undefined>;

/** An authorize error that goes back to the client, with where to send it. */
export interface Redirectable {
  redirectUri: string;
  state?: string;
  /** The implicit flow answers in the fragment. */
  fragment: boolean;
}

/** The pool a request's Host names, when it is one of the pools' domains (`<prefix>.auth.<region>.amazoncognito.com` or a custom domain). */
export async function poolOfHost(repos: Pick<Repositories, 'poolDomains'>, host: string | undefined, region: string): Promise<string | undefined> {
  if (!host) return undefined;
  // DNS's fully qualified spelling (a trailing dot) reaches the same server: the same domain.
  const name = host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  const suffix = `.auth.${region}.amazoncognito.com`;
  const domain = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
  return (await repos.poolDomains.get(domain))?.poolId;
}

/** The app client a request names, in the pool of the domain it came to (when it came to one). */
export async function oauthClient(repos: Pick<Repositories, 'clients' | 'pools' | 'poolDomains'>, clientId: string | undefined, host: string | undefined, region: string): Promise<{ pool: PoolRecord; client: ClientRecord }> {
  if (!clientId || clientId.length > 128) throw unknownOAuthClient();
  const client = await repos.clients.getById(clientId);
  const pool = client && (await repos.pools.get(client.poolId));
  if (!client || !pool) throw unknownOAuthClient();
  const hostPool = await poolOfHost(repos, host, region);
  if (hostPool !== undefined && hostPool !== pool.id) throw domainOfAnotherPool();
  return { pool, client };
}

/** The redirect_uri, or the client's DefaultRedirectURI when none is given; a callback URL either way. */
function redirectOf(client: ClientRecord, q: Query): string {
  const uri = q.redirect_uri ?? client.config.DefaultRedirectURI;
  if (uri === undefined || !isRegisteredRedirect(client, uri)) throw redirectMismatch();
  return uri;
}

/**
 * The request checked: the client, then where errors may go, then the rest. `onRedirectable`
 * learns where an OAuthError thrown after that point is to be sent.
 */
export async function checkAuthorize(
  repos: Pick<Repositories, 'clients' | 'pools' | 'poolDomains' | 'resourceServers'>, q: Query, host: string | undefined, region: string,
): Promise<{ pool: PoolRecord; client: ClientRecord; request: AuthorizeRequest } | { redirectable: Redirectable; error: Error }> {
  const { pool, client } = await oauthClient(repos, q.client_id, host, region);
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true) throw oauthNotEnabled();
  const redirectUri = redirectOf(client, q);
  const redirectable: Redirectable = { redirectUri, ...(q.state !== undefined ? { state: q.state } : {}), fragment: q.response_type === 'token' };
  try {
    const request = checkRest(client, q, redirectUri);
    const scopes = await existingScopes(repos, pool.id, request.scopes);
    // A scope asked for whose resource server is gone is refused; left to the client's list, it is dropped.
    if (q.scope !== undefined && scopes.length !== request.scopes.length) throw invalidScope();
    return { pool, client, request: { ...request, scopes } };
  } catch (error) {
    return { redirectable, error: error as Error };
  }
}

function checkRest(client: ClientRecord, q: Query, redirectUri: string): AuthorizeRequest {
  const responseType = q.response_type;
  if (responseType === undefined) throw oauthInvalidRequest('Missing required parameter response_type');
  if (responseType !== 'code' && responseType !== 'token') throw unsupportedResponseType();
  if (!clientAllowsFlow(client, responseType === 'code' ? 'code' : 'implicit')) throw unauthorizedClient(`Client is not allowed to use the ${responseType === 'code' ? 'authorization code' : 'implicit'} grant.`);
  const scopes = grantScopes(client, q.scope);
  if (!scopes) throw invalidScope();
  let method: PkceMethod | undefined;
  if (q.code_challenge !== undefined) {
    // Cognito supports S256 only, and requires it named: with plain the challenge is the verifier,
    // and whoever saw the authorize URL could redeem the code.
    if (q.code_challenge_method === undefined) throw oauthInvalidRequest('Missing required parameter code_challenge_method');
    if (q.code_challenge_method !== 'S256') throw oauthInvalidRequest('Unsupported code_challenge_method');
    method = 'S256';
    if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(q.code_challenge)) throw oauthInvalidRequest('Invalid code_challenge');
  } else if (q.code_challenge_method !== undefined) {
    throw oauthInvalidRequest('Missing required parameter code_challenge');
  }
  for (const name of ['state', 'nonce', 'login_hint', 'identity_provider', 'idp_identifier'] as const) {
    // Bounded: each is carried through the pages and, for state and nonce, stored with the code.
    if ((q[name]?.length ?? 0) > 2048) throw oauthInvalidRequest(`Parameter ${name} is too long`);
  }
  return {
    clientId: client.clientId, responseType, redirectUri, scopes,
    ...(q.state !== undefined ? { state: q.state } : {}),
    ...(q.nonce !== undefined ? { nonce: q.nonce } : {}),
    ...(q.code_challenge !== undefined ? { codeChallenge: q.code_challenge, codeChallengeMethod: method } : {}),
    ...(q.identity_provider ? { identityProvider: q.identity_provider } : {}),
    ...(q.idp_identifier ? { idpIdentifier: q.idp_identifier } : {}),
    ...(q.prompt ? { prompt: q.prompt } : {}),
    ...(q.login_hint ? { loginHint: q.login_hint } : {}),
  };
}

/** The authorize parameters a managed login page carries from page to page (and back to /oauth2/authorize). */
export const CARRIED = ['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'login_hint', 'lang'] as const;

export function carried(q: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of CARRIED) if (q[name] !== undefined) out[name] = q[name]!;
  return out;
}
