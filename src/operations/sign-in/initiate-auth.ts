import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { initiateAuth } from '../../flows/dispatch.ts';
import { clientOperation } from '../operation.ts';
import type { FlowDepName } from '../../flows/context.ts';

/** Unsigned: the app client names the pool. */
export default clientOperation<InitiateAuthRequest, Wire<InitiateAuthResponse>, FlowDepName>('InitiateAuth', async (deps, input, ctx) => {
  const { pool, client } = ctx;
  return initiateAuth({ deps, ctx, pool, client, admin: false, clientMetadata: input.ClientMetadata, claimed: { userContextData: input.UserContextData } }, input.AuthFlow!, input.AuthParameters, input.Session);
});
