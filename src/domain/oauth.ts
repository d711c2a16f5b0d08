/**
 * The OAuth 2.0 authorization request and grant rules of Cognito's endpoints, pure: which
 * response types and scopes a client may ask for, redirect URIs, PKCE. The endpoints themselves
 * are flows/oauth and protocol/oauth.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ClientRecord } from './client.ts';
import { COGNITO_SCOPES } from './client-oauth.ts';

export type ResponseType = 'code' | 'token';
export type PkceMethod = 'S256' | 'plain';

/** What `/oauth2/authorize` was asked, once checked: carried through the managed login pages and into the code. */
export interface AuthorizeRequest {
  clientId: string;
  responseType: ResponseType;
  redirectUri: string;
  /** The scopes granted: those asked for (all of the client's when none were), each one the client's. */
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: PkceMethod;
  identityProvider?: string;
  idpIdentifier?: string;
  /** `login`: ask again even with a session; `none`: never show a page. */
  prompt?: string;
  loginHint?: string;
}

/** An authorization code's lifetime: Cognito's codes are good for 5 minutes, once. */
export const CODE_VALIDITY_MS = 5 * 60_000;
/** How long a managed login session lasts: Cognito's session cookie is valid for an hour. */
export const LOGIN_SESSION_MS = 60 * 60_000;

/** The scopes that ask for the ID token's and userInfo's user attributes: Cognito grants them only with `openid`. */
const NEEDS_OPENID = new Set(['email', 'phone', 'profile']);

/** Whether the client may use the OAuth 2.0 endpoints at all, and with this flow. */
export function clientAllowsFlow(client: ClientRecord, flow: 'code' | 'implicit' | 'client_credentials'): boolean {
  return client.config.AllowedOAuthFlowsUserPoolClient === true && (client.config.AllowedOAuthFlows ?? []).includes(flow);
}

/**
 * The scopes granted for a `scope` parameter: all the client's when none is asked for, else the
 * ones asked for, which must all be the client's (undefined when one is not: invalid_scope).
 */
export function grantScopes(client: ClientRecord, asked: string | undefined): string[] | undefined {
  const allowed = client.config.AllowedOAuthScopes ?? [];
  const wanted = asked === undefined ? allowed : [...new Set(asked.split(' ').filter(Boolean))];
  if (wanted.some((s) => !allowed.includes(s))) return undefined;
  // email, phone and profile mean nothing without openid (Cognito drops them from the token then).
  return wanted.includes('openid') ? wanted : wanted.filter((s) => !NEEDS_OPENID.has(s));
}

/** A redirect URI is one of the client's callback URLs, character for character, as Cognito compares them. */
export function isRegisteredRedirect(client: ClientRecord, uri: string): boolean {
  return (client.config.CallbackURLs ?? []).includes(uri);
}

export function isRegisteredLogout(client: ClientRecord, uri: string): boolean {
  return (client.config.LogoutURLs ?? []).includes(uri);
}

/** RFC 7636's verifier: 43 to 128 unreserved characters. */
export const isValidVerifier = (v: string) => /^[A-Za-z0-9\-._~]{43,128}$/.test(v);

/** Whether a code_verifier answers the request's code_challenge. */
export function pkceMatches(verifier: string, challenge: string, method: PkceMethod): boolean {
  if (!isValidVerifier(verifier)) return false;
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Scopes of a resource server (`identifier/name`), as client_credentials grants them. */
export const isCustomScope = (s: string) => !COGNITO_SCOPES.has(s);
