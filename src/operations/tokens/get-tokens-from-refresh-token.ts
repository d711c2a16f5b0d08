import { timingSafeEqual } from 'node:crypto';
import type { GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError } from '../../errors/cognito-error.ts';
import type { Wire } from '../../domain/wire.ts';
import { refreshTokens } from '../../flows/refresh-token.ts';
import type { ClientRecord } from '../../domain/client.ts';
import { clientOperation } from '../operation.ts';

/** This operation takes the client secret itself (not a SECRET_HASH). */
export function checkClientSecret(client: ClientRecord, given: string | undefined): void {
  if (!client.secret) return;
  if (!given) throw new CognitoError('NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`);
  const a = Buffer.from(given);
  const b = Buffer.from(client.secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CognitoError('NotAuthorizedException', `Unable to verify secret for client ${client.clientId}`);
}

/** Unsigned. With RefreshTokenRotation enabled on the client, the answer carries a new refresh token. */
export default clientOperation<GetTokensFromRefreshTokenRequest, Wire<GetTokensFromRefreshTokenResponse>, 'store' | 'clock' | 'random' | 'triggers' | 'tokens'>(
  'GetTokensFromRefreshToken',
  async (deps, input, ctx) => {
    const { pool, client } = ctx;
    checkClientSecret(client, input.ClientSecret);
    const fc = { deps, ctx, pool, client, admin: false, clientMetadata: input.ClientMetadata };
    const AuthenticationResult = await refreshTokens(fc, input.RefreshToken!, { checkSecret: () => {}, clientMetadata: input.ClientMetadata });
    return { AuthenticationResult };
  },
);
