import type { AdminRespondToAuthChallengeRequest, AdminRespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { respondToChallenge } from '../../flows/dispatch.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';
import type { FlowDepName } from '../../flows/context.ts';

export default poolOperation<AdminRespondToAuthChallengeRequest, Wire<AdminRespondToAuthChallengeResponse>, FlowDepName>(
  'AdminRespondToAuthChallenge',
  async (deps, input, ctx) => {
    const { pool } = ctx;
    const client = await requireClient(deps.store, pool.id, input.ClientId!);
    return respondToChallenge({ deps, ctx, pool, client, admin: true, clientMetadata: input.ClientMetadata, claimed: { contextData: input.ContextData } }, input.ChallengeName!, input.Session, input.ChallengeResponses);
  },
);
