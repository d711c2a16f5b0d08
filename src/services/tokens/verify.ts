/**
 * Checking an access token: decoded once as presented (to look up its pool's keys and rows), then
 * its signature, key, expiry, use, scope and revocation. Tokens that verified are kept decoded, so
 * a signed-in user's next request skips the RSA check (verified-memo.ts).
 */
import { verify } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { accessTokenExpired, accessTokenLacksScope, accessTokenRevoked, invalidAccessToken } from '../../errors/index.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Repositories } from '../../storage/store.ts';
import { USER_ADMIN_SCOPE } from './issue.ts';
import { parseCompact } from './jws.ts';
import type { KeyRing } from './keys.ts';
import type { PresentedToken } from './presented.ts';
import { VerifiedTokens } from './verified-memo.ts';

export interface AccessClaims extends JWTPayload {
  sub: string;
  client_id: string;
  username: string;
  origin_jti: string;
  jti: string;
  token_use: 'access';
  scope: string;
  /** The device the tokens were issued to, in a pool that tracks devices. */
  device_key?: string;
  iat: number;
  exp: number;
}

/** Checks access tokens, keeping the ones that verified decoded (verified-memo.ts). */
export class AccessTokenVerifier {
  readonly #keys: KeyRing;
  readonly #verified = new VerifiedTokens(10_000);
  readonly #repos: Pick<Repositories, 'tokens'>;
  readonly #clock: Clock;
  readonly #issuerBase: () => string;

  constructor(options: { keys: KeyRing; repos: Pick<Repositories, 'tokens'>; clock: Clock; issuerBase: () => string }) {
    this.#keys = options.keys;
    this.#repos = options.repos;
    this.#clock = options.clock;
    this.#issuerBase = options.issuerBase;
  }

  /** The token decoded, with the pool, client and user it claims, before its signature is checked (to look up its keys and rows). */
  present(token: string): PresentedToken {
    const verified = this.#verified.get(token);
    if (verified) return verified;
    const jws = parseCompact(token);
    const { iss, client_id, sub } = jws?.payload ?? {};
    const prefix = `${this.#issuerBase()}/`;
    if (!jws || typeof iss !== 'string' || !iss.startsWith(prefix)) throw invalidAccessToken();
    return { poolId: iss.slice(prefix.length), clientId: typeof client_id === 'string' ? client_id : undefined, sub: typeof sub === 'string' ? sub : undefined, jws, raw: token };
  }

  /** Signature, key, expiry, use, scope and revocation of an access token of `poolId`. */
  async verify(token: string | PresentedToken, poolId: string): Promise<AccessClaims> {
    const claims = await this.check(token, poolId);
    if (await this.isRevoked(claims.origin_jti)) throw accessTokenRevoked();
    return claims;
  }

  /** Whether the tokens of `originJti` were revoked (RevokeToken, a global sign-out, the user's deletion). */
  isRevoked(originJti: string): Promise<boolean> {
    return this.#repos.tokens.isOriginRevoked(originJti);
  }

  /**
   * Signature, key, expiry, use and scope (`scope`) of an access token of `poolId`; not its revocation, which
   * authenticate.ts weighs after the user's existence (isRevoked).
   * Cognate's own tokens only: RS256 under one of the pool's keys, checked with node:crypto at
   * once (the WebCrypto path costs twice the CPU and a trip through the thread pool, on every
   * request of a signed-in user), with the registered claims checked as jose's jwtVerify does.
   */
  async check(token: string | PresentedToken, poolId: string, scope: string | null = USER_ADMIN_SCOPE): Promise<AccessClaims> {
    const presented = typeof token === 'string' ? this.present(token) : token;
    const { jws } = presented;
    // A critical header extension is one this verifier does not understand: refused, as jose does.
    if (jws.header.alg !== 'RS256' || typeof jws.header.kid !== 'string' || jws.header.crit !== undefined) throw invalidAccessToken();
    const key = await this.#keys.publicKey(poolId, jws.header.kid);
    if (!key) throw invalidAccessToken();
    if (presented.verifiedWith !== key) {
      if (!verify('sha256', Buffer.from(jws.signed), key, Buffer.from(jws.signature, 'base64url'))) throw invalidAccessToken();
      this.#verified.add(presented, key);
    }
    const payload = jws.payload as JWTPayload;
    const now = Math.floor(this.#clock.now() / 1000);
    for (const claim of ['exp', 'nbf', 'iat'] as const) if (payload[claim] !== undefined && typeof payload[claim] !== 'number') throw invalidAccessToken();
    if (payload.iss !== `${this.#issuerBase()}/${poolId}`) throw invalidAccessToken();
    if (payload.nbf !== undefined && payload.nbf > now) throw invalidAccessToken();
    if (payload.exp !== undefined && payload.exp <= now) throw accessTokenExpired();
    if (payload.token_use !== 'access' || typeof payload.sub !== 'string' || typeof payload.origin_jti !== 'string') throw invalidAccessToken();
    // The API's user operations need aws.cognito.signin.user.admin; userInfo weighs the scopes itself (null).
    if (scope !== null && !String(payload.scope ?? '').split(' ').includes(scope)) throw accessTokenLacksScope();
    return payload as AccessClaims;
  }
}
