export interface ServerSecret {
  id: string;
  secret: Buffer;
  createdAt: number;
}

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
