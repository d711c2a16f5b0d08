import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { respondToChallenge } from '../../flows/dispatch.ts';
import { requireClientById } from '../../services/directory/clients.ts';
import { operation } from '../operation.ts';

export default operation<RespondToAuthChallengeRequest, Wire<RespondToAuthChallengeResponse>, 'store' | 'clock' | 'random' | 'triggers' | 'tokens'>(
  'RespondToAuthChallenge',
  async (deps, input, ctx) => {
    const { pool, client } = await requireClientById(deps.store, input.ClientId!);
    return respondToChallenge({ deps, ctx, pool, client, admin: false, clientMetadata: input.ClientMetadata }, input.ChallengeName!, input.Session, input.ChallengeResponses);
  },
);
