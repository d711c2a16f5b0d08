import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { Repositories } from '../../storage/store.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { USER_ADMIN_SCOPE, issueClientToken, issueTokens, type IssueInput, type IssuedTokens } from './issue.ts';
import type { KeyRing } from './keys.ts';
import type { PresentedToken } from './presented.ts';
import { AccessTokenVerifier, type AccessClaims } from './verify.ts';

/** The pools' tokens: issued (issue.ts), checked (verify.ts), under keys the KeyRing keeps (keys.ts). */
export class TokenService {
  readonly #keys: KeyRing;
  readonly #repos: Pick<Repositories, 'tokens'>;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #issuerBase: () => string;
  readonly #verifier: AccessTokenVerifier;

  constructor(options: { keys: KeyRing; repos: Pick<Repositories, 'tokens'>; clock: Clock; random: Random; issuerBase: () => string }) {
    this.#keys = options.keys;
    this.#repos = options.repos;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#issuerBase = options.issuerBase;
    this.#verifier = new AccessTokenVerifier(options);
  }

  /** The `iss` of the pool's tokens: `<issuer base>/<pool id>`. */
  issuer(poolId: string): string {
    return `${this.#issuerBase()}/${poolId}`;
  }

  issue(input: IssueInput): Promise<IssuedTokens> {
    return issueTokens({ keys: this.#keys, repos: this.#repos, clock: this.#clock, random: this.#random, issuer: (id) => this.issuer(id) }, input);
  }

  /** A client_credentials grant's access token (issue.ts issueClientToken). */
  issueForClient(input: { pool: PoolRecord; client: ClientRecord; scopes: string[]; add?: Record<string, unknown>; suppress?: string[] }): Promise<{ AccessToken: string; ExpiresIn: number }> {
    return issueClientToken({ keys: this.#keys, repos: this.#repos, clock: this.#clock, random: this.#random, issuer: (id) => this.issuer(id) }, input);
  }

  /** Where the pools' OAuth 2.0 endpoints are served: the root of the issuer base URL. */
  endpointBase(): string {
    return this.#issuerBase();
  }

  /** The token decoded, with the pool, client and user it claims, before its signature is checked. */
  present(token: string): PresentedToken {
    return this.#verifier.present(token);
  }

  /** Every check of an access token: signature, key, expiry, use, scope and revocation. */
  verifyAccessToken(token: string | PresentedToken, poolId: string): Promise<AccessClaims> {
    return this.#verifier.verify(token, poolId);
  }

  /** The checks of verifyAccessToken but revocation, for a caller that weighs revocation itself. */
  checkAccessToken(token: string | PresentedToken, poolId: string, scope: string | null = USER_ADMIN_SCOPE): Promise<AccessClaims> {
    return this.#verifier.check(token, poolId, scope);
  }

  /** Whether the tokens sharing `originJti` were revoked. */
  isAccessRevoked(originJti: string): Promise<boolean> {
    return this.#verifier.isRevoked(originJti);
  }
}
