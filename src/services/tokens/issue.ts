/**
 * Issuing tokens: an RS256 access token and ID token under the pool's current key, as Cognito
 * shapes them, and (at sign-in, or with rotation) an opaque refresh token kept only as a hash.
 */
import { randomUUID } from 'node:crypto';
import { isTrue } from '../../domain/attributes.ts';
import { tokenValidityMinutes, type ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Clock } from '../../ground/clock.ts';
import { uuidV7 } from '../../ground/ids.ts';
import type { Random } from '../../ground/random.ts';
import type { Repositories } from '../../storage/store.ts';
import { signRs256 } from './jws.ts';
import type { KeyRing } from './keys.ts';
import { hashRefreshToken } from './refresh.ts';

export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

export interface IssueInput {
  pool: PoolRecord;
  client: ClientRecord;
  user: UserRecord;
  groups: string[];
  /** Epoch seconds of the sign-in these tokens come from. */
  authTime: number;
  /** Kept across refreshes, so revoking the refresh token revokes every token it issued. */
  originJti?: string;
  /**
   * When the tokens count as issued, for a global sign-out to be compared with (the jti's time and
   * the refresh token row's): by default now; a refresh passes the time it began, so that a
   * sign-out landing while a PreTokenGeneration function runs still refuses what it yields.
   */
  issuedAt?: number;
  /**
   * The device the tokens are issued to: the access token's `device_key` claim (AWS's access token
   * carries one: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html),
   * and the refresh token's device, whose key its refreshes must give.
   */
  deviceKey?: string;
  /** The scopes granted at the OAuth 2.0 endpoints: kept with the refresh token, for its refreshes. */
  grantedScopes?: string[];
  /** Issue a refresh token too (sign-in), or not (refresh without rotation). */
  withRefreshToken: boolean;
  /** Claims a PreTokenGeneration function added or suppressed. */
  idClaims?: { add?: Record<string, unknown>; suppress?: string[] };
  accessClaims?: { add?: Record<string, unknown>; suppress?: string[]; scopes?: string[] };
}

export interface IssuedTokens {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

/** ID token attribute values: the verified flags are booleans there, everything else a string. */
function idTokenAttributes(user: UserRecord, readable: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name.startsWith('dev:') || name === 'sub') continue;
    if (readable && !readable.includes(name)) continue;
    out[name] = name.endsWith('_verified') ? isTrue(value) : name === 'identities' ? identitiesClaim(value) : value;
  }
  return out;
}

/**
 * Cognito's ID token carries a federated user's `identities` as an array of objects, not the
 * attribute's JSON string, and in them `primary` and `dateCreated` are strings ("true",
 * "1682704282933"), where the attribute holds a boolean and a number. A value that is not a JSON
 * array stays the string it is.
 */
function identitiesClaim(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(identityClaim) : value;
  } catch {
    return value;
  }
}

function identityClaim(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null) return entry;
  const out: Record<string, unknown> = { ...entry };
  for (const name of ['primary', 'dateCreated']) if (out[name] !== undefined && out[name] !== null) out[name] = String(out[name]);
  return out;
}

export interface IssuerDeps {
  keys: KeyRing;
  repos: Pick<Repositories, 'tokens'>;
  clock: Clock;
  random: Random;
  /** The `iss` of a pool's tokens. */
  issuer(poolId: string): string;
}

/** An access token and an ID token for `input.user`, and a refresh token when asked for. */
export async function issueTokens(deps: IssuerDeps, input: IssueInput): Promise<IssuedTokens> {
  const { pool, client, user } = input;
  const nowMs = deps.clock.now();
  const now = Math.floor(nowMs / 1000);
  const issuedAt = Math.min(input.issuedAt ?? nowMs, nowMs);
  // Version-7 UUIDs carry the millisecond of issue, which a global sign-out is compared with.
  const jti = () => uuidV7(deps.random, issuedAt);
  const validity = tokenValidityMinutes(client.config);
  const originJti = input.originJti ?? jti();
  const eventId = randomUUID();
  const key = await deps.keys.signingKey(pool.id);
  const iss = deps.issuer(pool.id);
  const groups = input.groups.length ? { 'cognito:groups': input.groups } : {};
  const strip = (claims: Record<string, unknown>, suppress: string[] = []) => {
    for (const c of suppress) delete claims[c];
    return claims;
  };
  // iat and exp override any a PreTokenGeneration function added, as jose's setters did.
  const sign = (claims: Record<string, unknown>, minutes: number) =>
    signRs256({ alg: 'RS256', kid: key.kid }, { ...claims, iat: now, exp: now + Math.round(minutes * 60) }, key.privateKey);

  const accessToken = await sign(
    strip(
      {
        sub: user.sub, ...(input.deviceKey ? { device_key: input.deviceKey } : {}), ...groups, iss, client_id: client.clientId, origin_jti: originJti, event_id: eventId, token_use: 'access',
        scope: (input.accessClaims?.scopes ?? [USER_ADMIN_SCOPE]).join(' '), auth_time: input.authTime, jti: jti(), username: user.username,
        ...input.accessClaims?.add,
      },
      input.accessClaims?.suppress,
    ),
    validity.access,
  );
  const idToken = await sign(
    strip(
      {
        sub: user.sub, ...groups, ...idTokenAttributes(user, client.config.ReadAttributes), iss, 'cognito:username': user.username, origin_jti: originJti,
        aud: client.clientId, event_id: eventId, token_use: 'id', auth_time: input.authTime, jti: jti(),
        ...input.idClaims?.add,
      },
      input.idClaims?.suppress,
    ),
    validity.id,
  );
  const out: IssuedTokens = { AccessToken: accessToken, IdToken: idToken, ExpiresIn: Math.round(validity.access * 60), TokenType: 'Bearer' };
  if (input.withRefreshToken) {
    const refresh = deps.random.bytes(64).toString('base64url');
    await deps.repos.tokens.putRefresh({
      hash: hashRefreshToken(refresh), poolId: pool.id, clientId: client.clientId, sub: user.sub, originJti, authTime: input.authTime,
      createdAt: issuedAt, expiresAt: nowMs + validity.refresh * 60_000, revokedAt: null, ...(input.deviceKey ? { deviceKey: input.deviceKey } : {}),
      ...(input.grantedScopes ? { scopes: input.grantedScopes } : {}),
    });
    out.RefreshToken = refresh;
  }
  return out;
}

/**
 * A client_credentials access token: the client acts for itself, so its `sub` is the client id, no
 * user, no ID or refresh token, and only the resource servers' scopes it was granted. Shaped as
 * Cognito's machine-to-machine tokens (sub, token_use, scope, auth_time, iss, exp, iat, version, jti, client_id).
 */
export async function issueClientToken(
  deps: IssuerDeps, input: { pool: PoolRecord; client: ClientRecord; scopes: string[]; add?: Record<string, unknown>; suppress?: string[] },
): Promise<{ AccessToken: string; ExpiresIn: number }> {
  const nowMs = deps.clock.now();
  const now = Math.floor(nowMs / 1000);
  const minutes = tokenValidityMinutes(input.client.config).access;
  const key = await deps.keys.signingKey(input.pool.id);
  const claims: Record<string, unknown> = { ...input.add };
  for (const c of input.suppress ?? []) delete claims[c];
  Object.assign(claims, {
    sub: input.client.clientId, token_use: 'access', scope: input.scopes.join(' '), auth_time: now, iss: deps.issuer(input.pool.id),
    exp: now + Math.round(minutes * 60), iat: now, version: 2, jti: uuidV7(deps.random, nowMs), client_id: input.client.clientId,
  });
  return { AccessToken: await signRs256({ alg: 'RS256', kid: key.kid }, claims, key.privateKey), ExpiresIn: Math.round(minutes * 60) };
}
