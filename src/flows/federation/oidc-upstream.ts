/**
 * The two halves of a sign-in through an upstream OIDC provider, for `/oauth2/authorize` and
 * `/oauth2/idpresponse`: startUpstream gives the URL to send the browser to (with state, nonce and
 * PKCE S256) and the checks to keep; finishUpstream exchanges the code the browser brings back,
 * validates the ID token (issuer, audience, nonce, signature by the provider's JWKS), and merges
 * its claims with the provider's attributes (userinfo) endpoint's answer.
 */
import * as oidc from 'openid-client';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { federationFailed, isCognitoError } from '../../errors/index.ts';
import { openDetails } from '../../services/directory/identity-providers.ts';
import type { Deps } from '../../services/deps.ts';
import { boundedFetch, fetchableUrl, isLoopbackHttp } from '../../services/federation/upstream-http.ts';

export type UpstreamDeps = Pick<Deps, 'sealer' | 'clock' | 'upstream'> & {
  /** Where an upstream failure's detail goes (the caller sees only Cognate's words). */
  log?: { warn(o: object, msg: string): void };
};

export interface UpstreamChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The endpoints an administrator may give instead of (or over) the discovered ones. */
const EXPLICIT: Record<string, string> = { authorize_url: 'authorization_endpoint', token_url: 'token_endpoint', attributes_url: 'userinfo_endpoint', jwks_uri: 'jwks_uri' };
const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const;

/** The ID token's own claims: the provider's userinfo answer never replaces them. */
const TOKEN_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'nonce', 'azp', 'auth_time', 'at_hash', 'c_hash', 'jti']);

function failed(deps: UpstreamDeps, provider: IdentityProviderRecord, reason: string, e?: unknown): Error {
  if (isCognitoError(e)) return e;
  deps.log?.warn({ provider: provider.name, poolId: provider.poolId, err: e instanceof Error ? e.message : String(e ?? '') }, `federated sign-in: ${reason}`);
  return federationFailed(reason);
}

/** Client authentication as the provider allows it: client_secret_basic, or client_secret_post where only that is offered. */
function clientAuth(metadata: oidc.ServerMetadata, secret: string | undefined): oidc.ClientAuth {
  if (!secret) return oidc.None();
  const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return methods.includes('client_secret_basic') || !methods.includes('client_secret_post') ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
}

/** The provider's configuration: discovered from its issuer (or built from the endpoints given), cached per pool, provider and issuer. */
async function configuration(deps: UpstreamDeps, provider: IdentityProviderRecord): Promise<oidc.Configuration> {
  if (provider.type !== 'OIDC') throw federationFailed(`provider type ${provider.type} is not supported for sign-in yet.`);
  const details = openDetails(deps.sealer, provider);
  // The provider's last change is part of the key: an UpdateIdentityProvider is seen at once.
  const key = JSON.stringify([provider.poolId, provider.name, details.oidc_issuer, provider.lastModifiedAt]);
  const cached = deps.upstream.get(key);
  if (cached) return cached;

  const { timeoutSeconds, maxResponseBytes } = deps.upstream.limits;
  const issuer = fetchableUrl(details.oidc_issuer ?? '');
  if (!issuer) throw failed(deps, provider, 'the provider\'s issuer is not an https URL.');
  const fetcher = boundedFetch(maxResponseBytes);
  const explicit: Record<string, string> = {};
  for (const [detail, member] of Object.entries(EXPLICIT)) if (details[detail]) explicit[member] = details[detail];

  let metadata: oidc.ServerMetadata;
  if (explicit.authorization_endpoint && explicit.token_endpoint && explicit.jwks_uri) {
    metadata = { issuer: details.oidc_issuer, ...explicit };
  } else {
    try {
      const discovered = await oidc.discovery(issuer, details.client_id, undefined, oidc.None(), {
        timeout: timeoutSeconds, [oidc.customFetch]: fetcher, execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [],
      });
      metadata = { ...discovered.serverMetadata(), ...explicit };
    } catch (e) {
      throw failed(deps, provider, 'the provider\'s discovery document cannot be read.', e);
    }
  }
  // A discovered endpoint is fetched only where the issuer itself could be.
  for (const member of ENDPOINTS) {
    const value = metadata[member];
    if (value !== undefined && (typeof value !== 'string' || !fetchableUrl(value))) throw failed(deps, provider, `the provider's ${member} is not an https URL.`);
  }
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) throw failed(deps, provider, 'the provider names no authorization, token or JWKS endpoint.');

  const config = new oidc.Configuration(metadata, details.client_id, undefined, clientAuth(metadata, details.client_secret));
  config.timeout = timeoutSeconds;
  config[oidc.customFetch] = fetcher;
  if (ENDPOINTS.some((m) => metadata[m] !== undefined && new URL(metadata[m] as string).protocol === 'http:') || isLoopbackHttp(issuer)) {
    // Loopback http only (fetchableUrl): a provider run locally for development and tests.
    oidc.allowInsecureRequests(config);
  }
  // The ID token's signature is checked against the provider's JWKS, not only trusted for arriving over TLS.
  oidc.enableNonRepudiationChecks(config);
  deps.upstream.set(key, config);
  return config;
}

/** The scopes to ask for: the provider's authorize_scopes, with openid (an ID token is required). */
function scopes(details: Record<string, string>): string {
  const list = (details.authorize_scopes ?? '').split(/[\s,]+/).filter(Boolean);
  return (list.includes('openid') ? list : ['openid', ...list]).join(' ');
}

/** Where to send the browser, and the checks to keep (sealed or server-side) until it comes back. */
export async function startUpstream(deps: UpstreamDeps, provider: IdentityProviderRecord, o: { redirectUri: string }): Promise<{ url: string; checks: UpstreamChecks }> {
  const config = await configuration(deps, provider);
  const checks: UpstreamChecks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: o.redirectUri,
    scope: scopes(openDetails(deps.sealer, provider)),
    state: checks.state,
    nonce: checks.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, checks };
}

/** An upstream error code as text safe to show: OAuth's error codes are a small alphabet, anything else is dropped. */
const errorCode = (value: string) => (/^[\w.-]{1,64}$/.test(value) ? value : 'an error');

/**
 * The claims of the provider's user: the validated ID token's, with the attributes endpoint's
 * answer (requested with `attributes_request_method`, GET or POST). `callbackUrl` is the URL the
 * browser came back to: its origin and path must be the redirectUri given to startUpstream.
 */
export async function finishUpstream(deps: UpstreamDeps, provider: IdentityProviderRecord, callbackUrl: URL, checks: UpstreamChecks): Promise<Record<string, unknown>> {
  const params = callbackUrl.searchParams;
  if (params.get('state') !== checks.state) throw failed(deps, provider, 'the state does not match the sign-in that was started.');
  const error = params.get('error');
  if (error !== null) throw federationFailed(`the provider answered ${errorCode(error)}.`);
  if (!params.get('code')) throw federationFailed('the provider sent no authorization code.');

  const config = await configuration(deps, provider);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { expectedState: checks.state, expectedNonce: checks.nonce, pkceCodeVerifier: checks.codeVerifier, idTokenExpected: true });
  } catch (e) {
    throw failed(deps, provider, 'the authorization code could not be exchanged for a valid ID token.', e);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw failed(deps, provider, 'the provider sent no ID token.');
  const claims: Record<string, unknown> = { ...idClaims };

  const details = openDetails(deps.sealer, provider);
  const attributesUrl = config.serverMetadata().userinfo_endpoint;
  if (attributesUrl) {
    const method = details.attributes_request_method === 'POST' ? 'POST' : 'GET';
    let answer: unknown;
    try {
      const res = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(attributesUrl), method);
      if (!res.ok) throw new Error(`status ${res.status}`);
      answer = await res.json();
    } catch (e) {
      throw failed(deps, provider, 'the provider\'s attributes endpoint did not answer.', e);
    }
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) throw failed(deps, provider, 'the provider\'s attributes endpoint answered something other than an object.');
    const info = answer as Record<string, unknown>;
    // OIDC Core 5.3.2: the userinfo sub must be the ID token's, or the answer is not this user's.
    if (info.sub !== undefined && info.sub !== idClaims.sub) throw failed(deps, provider, 'the provider\'s attributes are another user\'s.');
    for (const [name, value] of Object.entries(info)) if (!TOKEN_CLAIMS.has(name)) claims[name] = value;
  }
  return claims;
}
