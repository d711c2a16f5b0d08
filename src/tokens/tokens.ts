import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { tokenValidityMinutes } from '../domain/client.ts';
import type { Random } from '../domain/ids.ts';
import { CognitoError } from '../errors.ts';
import type { Clock } from '../operations/types.ts';
import type { ClientRecord, PoolRecord, Repositories, UserRecord } from '../storage/types.ts';
import type { KeyRing } from './keys.ts';

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

export interface AccessClaims extends JWTPayload {
  sub: string;
  client_id: string;
  username: string;
  origin_jti: string;
  jti: string;
  token_use: 'access';
  scope: string;
  iat: number;
  exp: number;
}

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('base64url');

const invalid = () => new CognitoError('NotAuthorizedException', 'Invalid Access Token');

/** ID token attribute values: the verified flags are booleans there, everything else a string. */
function idTokenAttributes(user: UserRecord, readable: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name.startsWith('dev:') || name === 'sub') continue;
    if (readable && !readable.includes(name)) continue;
    out[name] = name.endsWith('_verified') ? value === 'true' : value;
  }
  return out;
}

export class TokenService {
  readonly #keys: KeyRing;
  readonly #repos: Pick<Repositories, 'tokens'>;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #issuerBase: () => string;

  constructor(options: { keys: KeyRing; repos: Pick<Repositories, 'tokens'>; clock: Clock; random: Random; issuerBase: () => string }) {
    this.#keys = options.keys;
    this.#repos = options.repos;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#issuerBase = options.issuerBase;
  }

  issuer(poolId: string): string {
    return `${this.#issuerBase()}/${poolId}`;
  }

  async issue(input: IssueInput): Promise<IssuedTokens> {
    const { pool, client, user } = input;
    const now = Math.floor(this.#clock.now() / 1000);
    const validity = tokenValidityMinutes(client.config);
    const originJti = input.originJti ?? randomUUID();
    const eventId = randomUUID();
    const key = await this.#keys.signingKey(pool.id);
    const iss = this.issuer(pool.id);
    const groups = input.groups.length ? { 'cognito:groups': input.groups } : {};
    const strip = (claims: Record<string, unknown>, suppress: string[] = []) => {
      for (const c of suppress) delete claims[c];
      return claims;
    };
    const sign = (claims: Record<string, unknown>, minutes: number) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuedAt(now).setExpirationTime(now + Math.round(minutes * 60)).sign(key.privateKey);

    const accessToken = await sign(
      strip(
        {
          sub: user.sub, ...groups, iss, client_id: client.clientId, origin_jti: originJti, event_id: eventId, token_use: 'access',
          scope: (input.accessClaims?.scopes ?? [USER_ADMIN_SCOPE]).join(' '), auth_time: input.authTime, jti: randomUUID(), username: user.username,
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
          aud: client.clientId, event_id: eventId, token_use: 'id', auth_time: input.authTime, jti: randomUUID(),
          ...input.idClaims?.add,
        },
        input.idClaims?.suppress,
      ),
      validity.id,
    );
    const out: IssuedTokens = { AccessToken: accessToken, IdToken: idToken, ExpiresIn: Math.round(validity.access * 60), TokenType: 'Bearer' };
    if (input.withRefreshToken) {
      const refresh = this.#random.bytes(64).toString('base64url');
      await this.#repos.tokens.putRefresh({
        hash: hashRefreshToken(refresh), poolId: pool.id, clientId: client.clientId, sub: user.sub, originJti, authTime: input.authTime,
        createdAt: this.#clock.now(), expiresAt: this.#clock.now() + validity.refresh * 60_000, revokedAt: null,
      });
      out.RefreshToken = refresh;
    }
    return out;
  }

  /** The pool an access token claims to come from, read before its signature is checked (to look up its keys). */
  claimedPool(token: string): string {
    try {
      const iss = decodeJwt(token).iss;
      const prefix = `${this.#issuerBase()}/`;
      if (typeof iss !== 'string' || !iss.startsWith(prefix)) throw invalid();
      return iss.slice(prefix.length);
    } catch {
      throw invalid();
    }
  }

  /** Signature, key, expiry, use, scope and revocation of an access token of `poolId`. */
  async verifyAccessToken(token: string, poolId: string): Promise<AccessClaims> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw invalid();
    }
    const key = kid && (await this.#keys.publicKey(poolId, kid));
    if (!key) throw invalid();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ['RS256'], issuer: this.issuer(poolId), currentDate: new Date(this.#clock.now()) }));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new CognitoError('NotAuthorizedException', 'Access Token has expired');
      throw invalid();
    }
    if (payload.token_use !== 'access' || typeof payload.sub !== 'string' || typeof payload.origin_jti !== 'string') throw invalid();
    if (!String(payload.scope ?? '').split(' ').includes(USER_ADMIN_SCOPE)) throw new CognitoError('NotAuthorizedException', 'Access Token does not have required scopes');
    if (await this.#repos.tokens.isOriginRevoked(payload.origin_jti)) throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    return payload as AccessClaims;
  }
}
