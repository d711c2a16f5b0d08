import { createHash, randomUUID, sign as signCb, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWTPayload } from 'jose';
import { tokenValidityMinutes, type ClientRecord } from '../../domain/client.ts';
import type { Random } from '../../ground/random.ts';
import { CognitoError } from '../../errors/cognito-error.ts';
import type { Clock } from '../../ground/clock.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { Repositories } from '../../storage/store.ts';
import type { UserRecord } from '../../domain/user.ts';
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

const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface Jws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signed: string;
  signature: string;
}

const signAsync = promisify(signCb);
const base64urlJson = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact RS256 JWS of `payload` under `key`, as jose's SignJWT makes one: the header as given,
 * the claims in their own order. RSASSA-PKCS1-v1_5 is deterministic, so the token is the same,
 * byte for byte. Signed through the callback form, in the thread pool as jose's WebCrypto path
 * was: an RSA private-key operation takes most of a millisecond, and every sign-in and refresh
 * makes two of them, which would otherwise hold up every other request.
 */
async function signRs256(header: { alg: 'RS256'; kid: string }, payload: Record<string, unknown>, key: KeyObject): Promise<string> {
  const signed = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  const signature = await signAsync('sha256', Buffer.from(signed), key);
  return `${signed}.${signature.toString('base64url')}`;
}

/** A compact JWS's three parts, its header and payload decoded; undefined when it is not one. */
function parseCompact(token: string): Jws | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signed: `${parts[0]}.${parts[1]}`, signature: parts[2] };
  } catch {
    return undefined;
  }
}

/** An access token as presented: decoded once, not verified yet. */
export interface PresentedToken {
  /** The pool its issuer names. */
  poolId: string;
  /** The app client and the user it names, when it names them. */
  clientId?: string;
  sub?: string;
  jws: Jws;
  /** The token as presented. */
  raw: string;
  /** The key its signature was checked with, when it comes from the memo of verified tokens. */
  verifiedWith?: KeyObject;
}

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

/** Freezes a decoded JSON value, nested objects and arrays too: a cached token's claims are shared by every request that presents it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Access tokens whose signature has been checked: decoded, with the key that checked it. A signed-in
 * user presents the same token on every request for an hour; the RSA check was the largest single
 * cost of GetUser, and decoding and hashing the token the next (a tenth of it). The same bytes under
 * the same key object verify the same way every time, so a hit skips only that work: the key is
 * still looked up (a rotated-out key fails), and expiry, use, scope and revocation are still checked
 * on every request. Only tokens that verified enter, so made-up ones cannot push real ones out.
 * Oldest first out; at most `limit` entries of about 2 KB (the token and its decoded parts).
 */
class VerifiedTokens {
  readonly #limit: number;
  /**
   * By the last 43 characters of the signature (256 bits of it): hashing a key is done on every
   * request, and the whole token is a kilobyte. A hit is then compared with the whole token.
   */
  readonly #seen = new Map<string, PresentedToken>();
  constructor(limit: number) {
    this.#limit = limit;
  }
  get(token: string): PresentedToken | undefined {
    const hit = this.#seen.get(token.slice(-43));
    return hit && hit.raw === token ? hit : undefined;
  }
  add(presented: PresentedToken, key: KeyObject): void {
    // A copy of its own, decoded again from it: the string from the request is a slice of the whole
    // request body (V8 slices long strings out of the JSON it parses), which would stay alive with it.
    const own = Buffer.from(presented.raw, 'latin1').toString('latin1');
    const jws = parseCompact(own);
    if (!jws) return;
    deepFreeze(jws.header);
    deepFreeze(jws.payload);
    const id = own.slice(-43);
    if (this.#seen.size >= this.#limit && !this.#seen.has(id)) this.#seen.delete(this.#seen.keys().next().value!);
    this.#seen.set(id, { poolId: presented.poolId, clientId: presented.clientId, sub: presented.sub, jws, raw: own, verifiedWith: key });
  }
}

export class TokenService {
  readonly #keys: KeyRing;
  readonly #verified = new VerifiedTokens(10_000);
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
    // iat and exp override any a PreTokenGeneration function added, as jose's setters did.
    const sign = (claims: Record<string, unknown>, minutes: number) =>
      signRs256({ alg: 'RS256', kid: key.kid }, { ...claims, iat: now, exp: now + Math.round(minutes * 60) }, key.privateKey);

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

  /** The token decoded, with the pool, client and user it claims, before its signature is checked (to look up its keys and rows). */
  present(token: string): PresentedToken {
    const verified = this.#verified.get(token);
    if (verified) return verified;
    const jws = parseCompact(token);
    const { iss, client_id, sub } = jws?.payload ?? {};
    const prefix = `${this.#issuerBase()}/`;
    if (!jws || typeof iss !== 'string' || !iss.startsWith(prefix)) throw invalid();
    return { poolId: iss.slice(prefix.length), clientId: typeof client_id === 'string' ? client_id : undefined, sub: typeof sub === 'string' ? sub : undefined, jws, raw: token };
  }

  /** The pool an access token claims to come from, read before its signature is checked (to look up its keys). */
  claimedPool(token: string): string {
    return this.present(token).poolId;
  }

  /**
   * Signature, key, expiry, use, scope and revocation of an access token of `poolId`.
   * Cognate's own tokens only: RS256 under one of the pool's keys, checked with node:crypto at
   * once (the WebCrypto path costs twice the CPU and a trip through the thread pool, on every
   * request of a signed-in user), with the registered claims checked as jose's jwtVerify does.
   */
  async verifyAccessToken(token: string | PresentedToken, poolId: string): Promise<AccessClaims> {
    const presented = typeof token === 'string' ? this.present(token) : token;
    const { jws } = presented;
    // A critical header extension is one this verifier does not understand: refused, as jose does.
    if (jws.header.alg !== 'RS256' || typeof jws.header.kid !== 'string' || jws.header.crit !== undefined) throw invalid();
    const key = await this.#keys.publicKey(poolId, jws.header.kid);
    if (!key) throw invalid();
    if (presented.verifiedWith !== key) {
      if (!verify('sha256', Buffer.from(jws.signed), key, Buffer.from(jws.signature, 'base64url'))) throw invalid();
      this.#verified.add(presented, key);
    }
    const payload = jws.payload as JWTPayload;
    const now = Math.floor(this.#clock.now() / 1000);
    for (const claim of ['exp', 'nbf', 'iat'] as const) if (payload[claim] !== undefined && typeof payload[claim] !== 'number') throw invalid();
    if (payload.iss !== this.issuer(poolId)) throw invalid();
    if (payload.nbf !== undefined && payload.nbf > now) throw invalid();
    if (payload.exp !== undefined && payload.exp <= now) throw new CognitoError('NotAuthorizedException', 'Access Token has expired');
    if (payload.token_use !== 'access' || typeof payload.sub !== 'string' || typeof payload.origin_jti !== 'string') throw invalid();
    if (!String(payload.scope ?? '').split(' ').includes(USER_ADMIN_SCOPE)) throw new CognitoError('NotAuthorizedException', 'Access Token does not have required scopes');
    if (await this.#repos.tokens.isOriginRevoked(payload.origin_jti)) throw new CognitoError('NotAuthorizedException', 'Access Token has been revoked');
    return payload as AccessClaims;
  }
}
