import { randomBytes } from 'node:crypto';

/** Randomness, injected: tests fix it to know a code or an id in advance. */
export interface Random {
  /** Cryptographically strong random bytes. */
  bytes(n: number): Buffer;
}

export const cryptoRandom: Random = { bytes: (n) => randomBytes(n) };
