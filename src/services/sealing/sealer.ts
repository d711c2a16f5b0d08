/**
 * Secrets at rest, sealed with AES-256-GCM under a master key, in one form:
 * `v2.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts). The current key seals; every key the
 * sealer holds opens what it sealed, so a key can be replaced without losing anything (rotation).
 * Each value names a purpose (the additional authenticated data), so a value sealed for one use
 * does not open as another.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { Random } from '../../ground/random.ts';

const PART = '[A-Za-z0-9_-]';
const SEALED = new RegExp(`^v2\\.(${PART}{8})\\.(${PART}{16})\\.(${PART}*)\\.(${PART}{22})$`);
/** Signing keys sealed before values named their key: no key id, no purpose. */
const SEALED_V1 = new RegExp(`^v1\\.(${PART}{16})\\.(${PART}*)\\.(${PART}{22})$`);

/** What a sealed value is for; part of what is authenticated. */
export type SealPurpose = 'signing-key' | 'password-hash' | 'srp-verifier' | 'message' | 'passkey-public-key' | 'totp-secret' | 'device-verifier' | 'idp-secret' | 'saml-signing-key';

/** A value that cannot be opened: sealed under a key this server does not hold, or altered. */
export class SealedValueError extends Error {
  readonly keyId: string | undefined;
  constructor(message: string, keyId?: string) {
    super(message);
    this.name = 'SealedValueError';
    this.keyId = keyId;
  }
}

/**
 * A key's id: derived from the key, so that configuring keys needs no naming, and no two keys
 * share one by mistake. Six bytes of a hash of a 256-bit key tell nothing about it.
 */
export const masterKeyId = (key: Buffer): string => createHash('sha256').update('cognate master key id\0').update(key).digest().subarray(0, 6).toString('base64url');

export class Sealer {
  readonly currentKeyId: string;
  readonly #current: Buffer;
  readonly #keys = new Map<string, Buffer>();
  readonly #random: Random;

  /** `current` seals and opens; `others` (earlier keys) only open. */
  constructor(current: Buffer, others: readonly Buffer[], random: Random) {
    for (const key of [current, ...others]) {
      if (key.length !== 32) throw new Error('a master key is 32 bytes');
      if (!this.#keys.has(masterKeyId(key))) this.#keys.set(masterKeyId(key), key);
    }
    this.currentKeyId = masterKeyId(current);
    this.#current = current;
    this.#random = random;
  }

  /** The ids of the keys this sealer opens with, the current one first. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  seal(plaintext: string, purpose: SealPurpose): string {
    const iv = this.#random.bytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#current, iv);
    cipher.setAAD(Buffer.from(purpose));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v2.${this.currentKeyId}.${iv.toString('base64url')}.${data.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
  }

  /**
   * The plaintext of a sealed value. A value that is not in a sealed form is taken to be one
   * written in clear before sealing existed, and is returned as it is. Throws SealedValueError.
   */
  open(value: string, purpose: SealPurpose): string {
    const v2 = SEALED.exec(value);
    if (v2) {
      const [, keyId, iv, data, tag] = v2;
      const key = this.#keys.get(keyId);
      if (!key) throw new SealedValueError(`a ${purpose} is sealed under master key ${keyId}, which is not configured (masterKey, previousMasterKeys)`, keyId);
      const opened = decrypt(key, iv, data, tag, purpose);
      if (opened === undefined) throw new SealedValueError(`a ${purpose} sealed under master key ${keyId} does not open: it was altered`, keyId);
      return opened;
    }
    const v1 = SEALED_V1.exec(value);
    if (v1) {
      const [, iv, data, tag] = v1;
      for (const key of this.#keys.values()) {
        const opened = decrypt(key, iv, data, tag, undefined);
        if (opened !== undefined) return opened;
      }
      throw new SealedValueError(`a ${purpose} sealed before key ids existed opens under none of the configured master keys (masterKey, previousMasterKeys)`);
    }
    return value;
  }

  /** Whether `value` is sealed under the current key (otherwise it is in clear, or under an earlier key). */
  isCurrent(value: string): boolean {
    return SEALED.exec(value)?.[1] === this.currentKeyId;
  }

  /**
   * `value` sealed anew under the current key (a value in clear is sealed as it is); undefined when
   * it already is under the current key. Throws SealedValueError.
   */
  reseal(value: string, purpose: SealPurpose): string | undefined {
    return this.isCurrent(value) ? undefined : this.seal(this.open(value, purpose), purpose);
  }
}

/** Whether `value` has a sealed form (the key it names may still be unknown). */
export const isSealed = (value: string): boolean => SEALED.test(value) || SEALED_V1.test(value);

function decrypt(key: Buffer, iv: string, data: string, tag: string, purpose: SealPurpose | undefined): string | undefined {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  if (purpose) decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
