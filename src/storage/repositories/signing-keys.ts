import type { SigningKeyRecord } from '../../domain/keys.ts';

/** The pools' signing keys. */
export interface SigningKeyRepository {
  add(key: SigningKeyRecord): Promise<void>;
  /** A pool's keys, newest first. */
  list(poolId: string): Promise<SigningKeyRecord[]>;
  retire(poolId: string, kid: string, at: number): Promise<void>;
  /** Stores the same private key sealed anew (under another master key). */
  reseal(poolId: string, kid: string, privateKeyEnc: string): Promise<void>;
  /** Removes keys retired before `before`. */
  purgeRetired(poolId: string, before: number): Promise<number>;
}
