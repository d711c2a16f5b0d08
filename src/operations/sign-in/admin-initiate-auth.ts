import type { AdminInitiateAuthRequest, AdminInitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { initiateAuth } from '../../flows/dispatch.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';
import type { FlowDepName } from '../../flows/context.ts';

/** Signed: a back end signs users in, with the ADMIN_USER_PASSWORD_AUTH flow as well. */
export default poolOperation<AdminInitiateAuthRequest, Wire<AdminInitiateAuthResponse>, FlowDepName>('AdminInitiateAuth', async (deps, input, ctx) => {
  const { pool } = ctx;
  const client = await requireClient(deps.store, pool.id, input.ClientId!);
  return initiateAuth({ deps, ctx, pool, client, admin: true, clientMetadata: input.ClientMetadata, claimed: { contextData: input.ContextData } }, input.AuthFlow!, input.AuthParameters, input.Session);
});
