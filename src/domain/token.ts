/** A refresh token as the store keeps it: by its hash, with what its refreshes need. */
export interface RefreshTokenRecord {
  /** SHA-256 of the token: the token itself is never stored. */
  hash: string;
  poolId: string;
  clientId: string;
  sub: string;
  /** The origin_jti shared by the access and ID tokens issued with it. */
  originJti: string;
  authTime: number;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}
