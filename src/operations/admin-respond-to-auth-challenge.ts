import type { AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../domain/wire.ts';
import { respondToChallenge } from '../auth-flows/dispatch.ts';
import { requireClient, requirePool } from './steps.ts';
import { operation } from './types.ts';

export default operation<AdminRespondToAuthChallengeRequest, Wire<AdminRespondToAuthChallengeResponse>, 'store' | 'clock' | 'random' | 'triggers' | 'tokens'>(
  'AdminRespondToAuthChallenge',
  async (deps, input, ctx) => {
    const pool = await requirePool(deps.store, input.UserPoolId!);
    const client = await requireClient(deps.store, pool.id, input.ClientId!);
    return respondToChallenge({ deps, ctx, pool, client, admin: true, clientMetadata: input.ClientMetadata }, input.ChallengeName!, input.Session, input.ChallengeResponses);
  },
);
