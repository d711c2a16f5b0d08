import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { initiateAuth } from '../../flows/dispatch.ts';
import { requireClient, requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

/** Signed: a back end signs users in, with the ADMIN_USER_PASSWORD_AUTH flow as well. */
export default operation<AdminInitiateAuthRequest, Wire<AdminInitiateAuthResponse>, 'store' | 'clock' | 'random' | 'triggers' | 'tokens'>('AdminInitiateAuth', async (deps, input, ctx) => {
  const pool = await requirePool(deps.store, input.UserPoolId!);
  const client = await requireClient(deps.store, pool.id, input.ClientId!);
  return initiateAuth({ deps, ctx, pool, client, admin: true, clientMetadata: input.ClientMetadata }, input.AuthFlow!, input.AuthParameters);
});
