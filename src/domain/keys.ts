/** A secret the server keeps in the store (the code-HMAC and master keys it generates). */
export interface ServerSecret {
  id: string;
  secret: Buffer;
  createdAt: number;
}

/** A pool's RSA signing key: the public half as a JWK, the private half encrypted under the master key. */
export interface SigningKeyRecord {
  poolId: string;
  kid: string;
  /** The public key as a JWK (published in the pool's JWKS). */
  publicJwk: Record<string, unknown>;
  /** The private key, encrypted under the server's master key. */
  privateKeyEnc: string;
  createdAt: number;
  /** No longer signs from then on; stays published until its last token has expired. */
  retiredAt: number | null;
}
