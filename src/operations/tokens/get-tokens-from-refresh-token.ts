import type { GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { refreshTokens } from '../../flows/refresh-token.ts';
import { checkClientSecret } from '../../services/directory/client-secrets.ts';
import { clientOperation } from '../operation.ts';
import type { FlowDepName } from '../../flows/context.ts';

/** Unsigned. With RefreshTokenRotation enabled on the client, the answer carries a new refresh token. */
export default clientOperation<GetTokensFromRefreshTokenRequest, Wire<GetTokensFromRefreshTokenResponse>, FlowDepName>(
  'GetTokensFromRefreshToken',
  async (deps, input, ctx) => {
    const { pool, client } = ctx;
    checkClientSecret(client, input.ClientSecret);
    const fc = { deps, ctx, pool, client, admin: false, clientMetadata: input.ClientMetadata };
    const AuthenticationResult = await refreshTokens(fc, input.RefreshToken!, { checkSecret: () => {}, clientMetadata: input.ClientMetadata, deviceKey: input.DeviceKey });
    return { AuthenticationResult };
  },
);
