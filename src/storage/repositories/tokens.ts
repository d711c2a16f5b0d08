import type { RefreshTokenRecord } from '../../domain/token.ts';

/** Refresh tokens and revocations. */
export interface TokenRepository {
  putRefresh(token: RefreshTokenRecord): Promise<void>;
  getRefresh(hash: string): Promise<RefreshTokenRecord | undefined>;
  /** Revokes a refresh token and, through its origin_jti, every token issued with it. */
  revokeRefresh(hash: string, at: number): Promise<void>;
  /** Revokes every refresh token of a user and every token issued with them (GlobalSignOut). */
  revokeAllForUser(poolId: string, sub: string, at: number): Promise<void>;
  /**
   * Revokes a user's refresh tokens issued to a device (ForgetDevice); the access and ID tokens
   * already issued with them stay good until they expire.
   */
  revokeForDevice(poolId: string, sub: string, deviceKey: string, at: number): Promise<void>;
  /** Marks an origin_jti revoked until `expiresAt` (after which its tokens have expired anyway). */
  revokeOrigin(originJti: string, expiresAt: number): Promise<void>;
  isOriginRevoked(originJti: string): Promise<boolean>;
  /** Removes refresh tokens and revocations that expired before `before`. */
  purgeExpired(before: number): Promise<number>;
}
