import { createPrivateKey, createPublicKey, generateKeyPair as generateKeyPairCb, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningKeyRecord } from '../../domain/keys.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Sealer } from '../sealing/sealer.ts';

const generateKeyPair = promisify(generateKeyPairCb);

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** How long a pool's signing key and its public keys are cached; a rotation elsewhere is seen within it. */
const CACHE_MS = 60_000;

/** Per-pool RSA keys: created with the pool, rotatable, published as the pool's JWKS. */
export class KeyRing {
  readonly #repos: Pick<Repositories, 'signingKeys'>;
  readonly #sealer: Sealer;
  readonly #random: Random;
  readonly #clock: Clock;
  readonly #signing = new Map<string, { key: SigningKey; until: number }>();
  readonly #public = new Map<string, { keys: Map<string, KeyObject>; until: number }>();

  constructor(repos: Pick<Repositories, 'signingKeys'>, sealer: Sealer, random: Random, clock: Clock) {
    this.#repos = repos;
    this.#sealer = sealer;
    this.#random = random;
    this.#clock = clock;
  }

  /** A new RSA-2048 key for `poolId`, stored sealed under the master key; it signs from now on. */
  async createKey(repos: Pick<Repositories, 'signingKeys'>, poolId: string): Promise<SigningKeyRecord> {
    const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
    const kid = this.#random.bytes(16).toString('base64url');
    const record: SigningKeyRecord = {
      poolId,
      kid,
      publicJwk: { ...publicKey.export({ format: 'jwk' }), alg: 'RS256', kid, use: 'sig' },
      privateKeyEnc: this.#sealer.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 'signing-key'),
      createdAt: this.#clock.now(),
      retiredAt: null,
    };
    await repos.signingKeys.add(record);
    this.#signing.delete(poolId);
    this.#public.delete(poolId);
    return record;
  }

  /** Starts signing with a new key; the old ones stay published until `retireAfterMs` passes. */
  async rotate(poolId: string): Promise<string> {
    const old = await this.#repos.signingKeys.list(poolId);
    const fresh = await this.createKey(this.#repos, poolId);
    for (const k of old) if (k.retiredAt === null) await this.#repos.signingKeys.retire(poolId, k.kid, this.#clock.now());
    return fresh.kid;
  }

  async signingKey(poolId: string): Promise<SigningKey> {
    const now = this.#clock.now();
    const cached = this.#signing.get(poolId);
    if (cached && cached.until > now) return cached.key;
    let current = (await this.#repos.signingKeys.list(poolId)).find((k) => k.retiredAt === null);
    // Pools created before keys existed get one on first use.
    if (!current) current = await this.createKey(this.#repos, poolId);
    const key = { kid: current.kid, privateKey: createPrivateKey(this.#sealer.open(current.privateKeyEnc, 'signing-key')) };
    this.#signing.set(poolId, { key, until: now + CACHE_MS });
    return key;
  }

  /** The public key `kid` of the pool, if it has one. */
  async publicKey(poolId: string, kid: string): Promise<KeyObject | undefined> {
    const now = this.#clock.now();
    let entry = this.#public.get(poolId);
    if (!entry || entry.until <= now || !entry.keys.has(kid)) {
      const keys = new Map((await this.#repos.signingKeys.list(poolId)).map((k) => [k.kid, createPublicKey({ key: k.publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' })]));
      entry = { keys, until: now + CACHE_MS };
      // A pool without keys is not remembered: tokens naming made-up pools must not grow the cache.
      if (keys.size > 0) this.#public.set(poolId, entry);
    }
    return entry.keys.get(kid);
  }

  /** The pool's JWKS document. */
  async jwks(poolId: string): Promise<{ keys: Record<string, unknown>[] }> {
    const keys = await this.#repos.signingKeys.list(poolId);
    return { keys: keys.map((k) => k.publicJwk) };
  }
}
