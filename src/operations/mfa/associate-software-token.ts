import type { AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { FlowDepName } from '../../flows/context.ts';
import { associateInSignIn, associateSignedIn } from '../../flows/software-token.ts';
import { accessTokenOrSession } from '../../errors/index.ts';
import { authenticate } from '../../services/directory/authenticate.ts';
import { operation } from '../operation.ts';

/**
 * A new TOTP secret for the user's authenticator app: for a signed-in user (AccessToken), or during
 * sign-in (the Session of MFA_SETUP, answered with a new Session for VerifySoftwareToken). Either
 * member names the user, so the request names no pool or client of its own.
 */
export default operation<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse, FlowDepName>('AssociateSoftwareToken', async (deps, input, ctx) => {
  if (input.AccessToken) {
    const { pool, user } = await authenticate(deps, input.AccessToken);
    return associateSignedIn(deps, pool, user);
  }
  if (input.Session) return associateInSignIn(deps, ctx, input.Session);
  throw accessTokenOrSession();
});
