import type { RevokeTokenRequest, RevokeTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { onlyRefreshTokensRevocable, revocationDisabled } from '../../errors/index.ts';
import { checkRevocationSecret } from '../../services/directory/client-secrets.ts';
import { hashRefreshToken } from '../../services/tokens/refresh.ts';
import { clientOperation } from '../operation.ts';

/**
 * Revokes a refresh token and every access and ID token issued with it (they share its origin_jti).
 * As the OAuth revocation endpoint (RFC 7009) does, a token that is unknown, already revoked, or
 * not this client's answers success and revokes nothing (decided: a client cannot end another's sessions).
 */
export default clientOperation<RevokeTokenRequest, Wire<RevokeTokenResponse>, 'store' | 'clock'>('RevokeToken', async (deps, input, ctx) => {
  const { client } = ctx;
  checkRevocationSecret(client, input.ClientSecret);
  if (client.config.EnableTokenRevocation === false) throw revocationDisabled();
  // Access and ID tokens are JWTs; only refresh tokens can be revoked.
  if (input.Token!.split('.').length === 3) throw onlyRefreshTokensRevocable();
  const hash = hashRefreshToken(input.Token!);
  const record = await deps.store.tokens.getRefresh(hash);
  if (record && record.clientId === client.clientId) await deps.store.tokens.revokeRefresh(hash, deps.clock.now());
  return {};
});
