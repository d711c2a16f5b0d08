import type { AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { respondToChallenge } from '../../flows/dispatch.ts';
import { requireClient, requirePool } from '../../services/directory/pools.ts';
import { operation } from '../operation.ts';

export default operation<AdminRespondToAuthChallengeRequest, Wire<AdminRespondToAuthChallengeResponse>, 'store' | 'clock' | 'random' | 'triggers' | 'tokens'>(
  'AdminRespondToAuthChallenge',
  async (deps, input, ctx) => {
    const pool = await requirePool(deps.store, input.UserPoolId!);
    const client = await requireClient(deps.store, pool.id, input.ClientId!);
    return respondToChallenge({ deps, ctx, pool, client, admin: true, clientMetadata: input.ClientMetadata }, input.ChallengeName!, input.Session, input.ChallengeResponses);
  },
);
