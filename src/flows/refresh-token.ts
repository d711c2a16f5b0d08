/**
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN and GetTokensFromRefreshToken: new access and ID tokens from a
 * refresh token, keeping its origin_jti and auth_time (so revoking the refresh token still revokes
 * them). With the client's RefreshTokenRotation enabled, a new refresh token (and origin) replaces
 * it, and the old one stops working after RetryGracePeriodSeconds.
 */
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { signedOutSince, type RefreshTokenRecord } from '../domain/token.ts';
import type { UserRecord } from '../domain/user.ts';
import type { Wire } from '../domain/wire.ts';
import { invalidRefreshToken, refreshTokenExpired, refreshTokenRevoked, userDisabled, userNotFound } from '../errors/index.ts';
import { hashRefreshToken } from '../services/tokens/refresh.ts';
import type { FlowContext } from './context.ts';
import { issueTokens } from './issue-tokens.ts';

export async function refreshTokens(
  fc: FlowContext,
  token: string,
  o: { checkSecret: (user: UserRecord) => void; clientMetadata?: Record<string, string>; deviceKey?: string },
): Promise<Wire<AuthenticationResultType>> {
  const { store, clock } = fc.deps;
  const hash = hashRefreshToken(token);
  const record = await store.tokens.getRefresh(hash);
  // Another client's token is as good as none (Cognito: "Invalid Refresh Token").
  if (!record || record.poolId !== fc.pool.id || record.clientId !== fc.client.clientId) throw invalidRefreshToken();
  // A token issued to a device refreshes only with that device's key: "With device tracking, these
  // tokens are linked to a single device. If a refresh token is used on any other device, the call
  // fails." (https://aws.amazon.com/blogs/mobile/tracking-and-remembering-devices-using-amazon-cognito-your-user-pools/)
  if (record.deviceKey !== undefined && o.deviceKey !== record.deviceKey) throw invalidRefreshToken();
  const now = clock.now();
  if (record.expiresAt <= now) throw refreshTokenExpired();
  // A revocation time still ahead is a rotated token within its grace period.
  if (record.revokedAt !== null && record.revokedAt <= now) throw refreshTokenRevoked();
  const user = await store.users.get(fc.pool.id, record.sub);
  if (!user) throw userNotFound();
  // A global sign-out since the token was issued: refused, even within a rotation's grace period.
  if (signedOutSince(user.settings, record.createdAt)) throw refreshTokenRevoked();
  o.checkSecret(user);
  if (!user.enabled) throw userDisabled();

  const rotation = fc.client.config.RefreshTokenRotation;
  if (rotation?.Feature === 'ENABLED') {
    const result = await issueTokens(fc, user, { source: 'TokenGeneration_RefreshTokens', authTime: record.authTime, withRefreshToken: true, clientMetadata: o.clientMetadata, issuedAt: now, deviceKey: record.deviceKey, scopes: record.scopes });
    await refuseIfSignedOutMeanwhile(fc, record, result, now);
    await store.tokens.revokeRefresh(hash, now + (rotation.RetryGracePeriodSeconds ?? 0) * 1000);
    return result;
  }
  const result = await issueTokens(fc, user, { source: 'TokenGeneration_RefreshTokens', authTime: record.authTime, originJti: record.originJti, withRefreshToken: false, clientMetadata: o.clientMetadata, issuedAt: now, deviceKey: record.deviceKey, scopes: record.scopes });
  await refuseIfSignedOutMeanwhile(fc, record, result, now);
  return result;
}

/**
 * A global sign-out that landed while the tokens were being made (a PreTokenGeneration function
 * may take seconds) wins: the tokens never leave, and a new refresh token is revoked. The tokens
 * are dated from when the refresh began, so one that did leave just before is refused all the same.
 */
async function refuseIfSignedOutMeanwhile(fc: FlowContext, record: RefreshTokenRecord, result: Wire<AuthenticationResultType>, now: number): Promise<void> {
  const user = await fc.deps.store.users.get(fc.pool.id, record.sub);
  if (user && !signedOutSince(user.settings, record.createdAt)) return;
  if (result.RefreshToken) await fc.deps.store.tokens.revokeRefresh(hashRefreshToken(result.RefreshToken), now);
  throw refreshTokenRevoked();
}
