import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { respondToChallenge } from '../../flows/dispatch.ts';
import { clientOperation } from '../operation.ts';
import type { FlowDepName } from '../../flows/context.ts';

export default clientOperation<RespondToAuthChallengeRequest, Wire<RespondToAuthChallengeResponse>, FlowDepName>(
  'RespondToAuthChallenge',
  async (deps, input, ctx) => {
    const { pool, client } = ctx;
    return respondToChallenge({ deps, ctx, pool, client, admin: false, clientMetadata: input.ClientMetadata, claimed: { userContextData: input.UserContextData } }, input.ChallengeName!, input.Session, input.ChallengeResponses);
  },
);
