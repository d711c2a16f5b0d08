import type { ServerSecret, SigningKeyRecord } from '../../domain/keys.ts';

/** The server's own secrets, by purpose (the code-HMAC and master keys it generates). */
export interface SecretRepository {
  /** The secrets kept for `purpose`, newest first. */
  list(purpose: string): Promise<ServerSecret[]>;
  /** Stores `secret` unless one with its id exists (two instances starting together keep one). */
  addIfAbsent(purpose: string, secret: ServerSecret): Promise<void>;
}

/** The pools' signing keys. */
export interface SigningKeyRepository {
  add(key: SigningKeyRecord): Promise<void>;
  /** A pool's keys, newest first. */
  list(poolId: string): Promise<SigningKeyRecord[]>;
  retire(poolId: string, kid: string, at: number): Promise<void>;
  /** Removes keys retired before `before`. */
  purgeRetired(poolId: string, before: number): Promise<number>;
}
