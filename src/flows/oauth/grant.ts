/**
 * The end of an authorization: the signed-in user's answer to the client's redirect_uri, an
 * authorization code (the code flow) or the tokens themselves in the fragment (the implicit flow).
 * A code is an opaque random value, good once for 5 minutes; the store keeps only its SHA-256,
 * with what the token endpoint must check (client, redirect_uri, PKCE) and grant (scopes, nonce).
 */
import { CODE_VALIDITY_MS, type AuthorizeRequest, type PkceMethod } from '../../domain/oauth.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { FlowContext } from '../context.ts';
import { issueTokens } from '../issue-tokens.ts';
import { hashToken } from '../session.ts';

const CHALLENGE = 'OAUTH_CODE';

/** What a code stands for, as the token endpoint reads it back. */
export interface CodeGrant {
  sub: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  authTime: number;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: PkceMethod;
}

/** A URL with the answer's parameters added to its query (code) or fragment (implicit). */
export function withAnswer(uri: string, params: Record<string, string | undefined>, fragment: boolean): string {
  const url = new URL(uri);
  const p = new URLSearchParams(fragment ? '' : url.search);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, v);
  if (fragment) url.hash = p.toString();
  else url.search = p.toString();
  return url.toString();
}

/** Where the browser goes once `user` is signed in for `request`. */
export async function grantAuthorization(fc: FlowContext, request: AuthorizeRequest, user: UserRecord, authTime: number): Promise<string> {
  if (request.responseType === 'token') {
    const t = await issueTokens(fc, user, { source: 'TokenGeneration_HostedAuth', authTime, withRefreshToken: false, scopes: request.scopes, nonce: request.nonce });
    return withAnswer(request.redirectUri, {
      ...(request.scopes.includes('openid') ? { id_token: t.IdToken } : {}),
      access_token: t.AccessToken, token_type: 'Bearer', expires_in: String(t.ExpiresIn), state: request.state,
    }, true);
  }
  const code = uuidOf(fc.deps.random.bytes(16));
  const now = fc.deps.clock.now();
  const grant: Omit<CodeGrant, 'sub' | 'clientId'> = {
    redirectUri: request.redirectUri, scopes: request.scopes, authTime,
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
    ...(request.codeChallenge !== undefined ? { codeChallenge: request.codeChallenge, codeChallengeMethod: request.codeChallengeMethod } : {}),
  };
  await fc.deps.store.authSessions.put({
    hash: hashToken(code), poolId: fc.pool.id, clientId: fc.client.clientId, sub: user.sub, challenge: CHALLENGE, state: { ...grant }, createdAt: now, expiresAt: now + CODE_VALIDITY_MS,
  });
  return withAnswer(request.redirectUri, { code, state: request.state }, false);
}

/** Takes (uses up) a code of this client's pool; undefined when it is unknown, used, expired or not a code. */
export async function takeCode(fc: Pick<FlowContext, 'deps' | 'pool'>, code: string): Promise<CodeGrant | undefined> {
  if (code.length > 256) return undefined;
  const s = await fc.deps.store.authSessions.take(hashToken(code), fc.deps.clock.now());
  if (!s || s.challenge !== CHALLENGE || s.poolId !== fc.pool.id) return undefined;
  return { ...(s.state as Omit<CodeGrant, 'sub' | 'clientId'>), sub: s.sub, clientId: s.clientId };
}

/** Cognito's codes look like UUIDs: 122 random bits, formatted as a version-4 UUID. */
function uuidOf(b: Buffer): string {
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
