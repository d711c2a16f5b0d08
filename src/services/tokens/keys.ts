import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPair as generateKeyPairCb, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SigningKeyRecord } from '../../domain/keys.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { SecretRepository } from '../../storage/repositories/secrets.ts';
import type { Repositories } from '../../storage/store.ts';

const generateKeyPair = promisify(generateKeyPairCb);

/**
 * The master key that encrypts signing keys at rest: from the configuration (COGNATE_MASTER_KEY,
 * 32 bytes base64), else generated on first start and kept in the store, which then protects the
 * keys only as well as the database itself is protected.
 */
export async function loadMasterKey(configured: string | undefined, secrets: SecretRepository, random: Random, clock: Clock): Promise<{ key: Buffer; generated: boolean }> {
  if (configured) return { key: Buffer.from(configured, 'base64'), generated: false };
  let stored = await secrets.list('master-key');
  if (stored.length === 0) {
    await secrets.addIfAbsent('master-key', { id: 'generated-1', secret: random.bytes(32), createdAt: clock.now() });
    stored = await secrets.list('master-key');
  }
  return { key: stored[0].secret, generated: true };
}

function seal(masterKey: Buffer, plaintext: string, random: Random): string {
  const iv = random.bytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64url')}.${data.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

function open(masterKey: Buffer, sealed: string): string {
  const [, iv, data, tag] = sealed.split('.');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** How long a pool's signing key and its public keys are cached; a rotation elsewhere is seen within it. */
const CACHE_MS = 60_000;

/** Per-pool RSA keys: created with the pool, rotatable, published as the pool's JWKS. */
export class KeyRing {
  readonly #repos: Pick<Repositories, 'signingKeys'>;
  readonly #master: Buffer;
  readonly #random: Random;
  readonly #clock: Clock;
  readonly #signing = new Map<string, { key: SigningKey; until: number }>();
  readonly #public = new Map<string, { keys: Map<string, KeyObject>; until: number }>();

  constructor(repos: Pick<Repositories, 'signingKeys'>, masterKey: Buffer, random: Random, clock: Clock) {
    this.#repos = repos;
    this.#master = masterKey;
    this.#random = random;
    this.#clock = clock;
  }

  /** A new RSA-2048 key for `poolId`, stored encrypted; it signs from now on. */
  async createKey(repos: Pick<Repositories, 'signingKeys'>, poolId: string): Promise<SigningKeyRecord> {
    const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
    const kid = this.#random.bytes(16).toString('base64url');
    const record: SigningKeyRecord = {
      poolId,
      kid,
      publicJwk: { ...publicKey.export({ format: 'jwk' }), alg: 'RS256', kid, use: 'sig' },
      privateKeyEnc: seal(this.#master, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, this.#random),
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
    const key = { kid: current.kid, privateKey: createPrivateKey(open(this.#master, current.privateKeyEnc)) };
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
