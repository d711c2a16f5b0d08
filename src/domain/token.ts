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
  /** The device it was issued to (pools that track devices): refreshing it takes that device's key. */
  deviceKey?: string;
  /**
   * The scopes granted at the OAuth 2.0 endpoints (authorize, then token), which its refreshes keep;
   * unset for a sign-in through the API, whose tokens carry aws.cognito.signin.user.admin.
   */
  scopes?: string[];
}

/** The user's setting that holds the last global sign-out (epoch ms): every token issued before it is refused. */
export const SIGNED_OUT_AT = 'signedOutAt';

/** When the user last signed out everywhere (GlobalSignOut, AdminUserGlobalSignOut); 0 when never. */
export function signedOutAt(settings: Record<string, unknown>): number {
  const at = settings[SIGNED_OUT_AT];
  return typeof at === 'number' ? at : 0;
}

/**
 * Whether a global sign-out came after a token was issued (`issuedAt`, epoch ms), so that the
 * token is refused whatever the state of its row (rotated, in its grace period, or purged).
 */
export function signedOutSince(settings: Record<string, unknown>, issuedAt: number): boolean {
  return issuedAt < signedOutAt(settings);
}
