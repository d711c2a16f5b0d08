/**
 * What the console's token inspector says of a pasted token: its header and claims decoded, and
 * whether Cognate would accept it now, with the first reason it would not. An access token of a
 * user goes through the very check every API call makes (authenticate); an app client's
 * (client_credentials) token and an ID token are checked as a resource server checks them:
 * signature under the pool's key, issuer, expiry, use, app client, and revocation.
 */
import { verify } from 'node:crypto';
import { isCognitoError } from '../../errors/index.ts';
import type { Deps } from '../deps.ts';
import { authenticate } from '../directory/authenticate.ts';
import { parseCompact } from './jws.ts';

export interface Inspection {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  accepted: boolean;
  verdict: string;
}

type InspectDeps = Pick<Deps, 'store' | 'tokens' | 'keys' | 'clock'>;

const refused = (jws: { header: Record<string, unknown>; payload: Record<string, unknown> }, verdict: string): Inspection => ({ header: jws.header, claims: jws.payload, accepted: false, verdict });

export async function inspectToken(deps: InspectDeps, token: string): Promise<Inspection> {
  const jws = parseCompact(token.trim());
  if (!jws) return { accepted: false, verdict: 'Not a JWT. (Refresh tokens are opaque: only Cognate can read them, when they are used.)' };
  const issuerBase = `${deps.tokens.endpointBase()}/`;
  const iss = jws.payload.iss;
  if (typeof iss !== 'string' || !iss.startsWith(issuerBase)) return refused(jws, `Not issued by this Cognate: its issuer is not ${issuerBase}<pool id>.`);
  const poolId = iss.slice(issuerBase.length);
  if (!(await deps.store.pools.get(poolId))) return refused(jws, `Its pool ${poolId} does not exist (any more).`);
  try {
    if (jws.payload.token_use === 'access') {
      if (typeof jws.payload.username === 'string') {
        const { user } = await authenticate(deps, token.trim());
        return { header: jws.header, claims: jws.payload, accepted: true, verdict: `Accepted: a valid access token of ${user.username} in ${poolId}.` };
      }
      await deps.tokens.checkAccessToken(token.trim(), poolId, null);
      return { header: jws.header, claims: jws.payload, accepted: true, verdict: `Accepted: a valid access token of the app client ${String(jws.payload.client_id)} (client credentials).` };
    }
    if (jws.payload.token_use === 'id') return await inspectIdToken(deps, jws, poolId);
    return refused(jws, 'Not a Cognito access or ID token: its token_use is neither "access" nor "id".');
  } catch (e) {
    if (!isCognitoError(e)) throw e;
    return refused(jws, `Refused: ${e.type}: ${e.message}`);
  }
}

async function inspectIdToken(deps: InspectDeps, jws: NonNullable<ReturnType<typeof parseCompact>>, poolId: string): Promise<Inspection> {
  const { header, payload } = jws;
  const key = typeof header.kid === 'string' && header.alg === 'RS256' ? await deps.keys.publicKey(poolId, header.kid) : undefined;
  if (!key) return refused(jws, 'Refused: it is not signed (RS256) with one of its pool\'s keys.');
  if (!verify('sha256', Buffer.from(jws.signed), key, Buffer.from(jws.signature, 'base64url'))) return refused(jws, 'Refused: its signature does not match its contents.');
  const now = Math.floor(deps.clock.now() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp <= now) return refused(jws, `Refused: it expired at ${typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : '(no exp)'}.`);
  if (typeof payload.aud !== 'string' || !(await deps.store.clients.get(poolId, payload.aud))) return refused(jws, `Refused: its audience ${String(payload.aud)} is not an app client of ${poolId}.`);
  if (typeof payload.origin_jti === 'string' && (await deps.tokens.isAccessRevoked(payload.origin_jti))) return refused(jws, 'Refused: its tokens were revoked (RevokeToken or a global sign-out).');
  return { header, claims: payload, accepted: true, verdict: `Accepted: a valid ID token of ${String(payload['cognito:username'] ?? payload.sub)} for the app client ${payload.aud}.` };
}
