import type { VerifySoftwareTokenRequest, VerifySoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { FlowDepName } from '../../flows/context.ts';
import { verifyInSignIn, verifySignedIn } from '../../flows/software-token.ts';
import { accessTokenOrSession } from '../../errors/index.ts';
import { authenticate } from '../../services/directory/authenticate.ts';
import { requireActiveStatus } from '../../services/directory/users.ts';
import { operation } from '../operation.ts';

/**
 * The user's authenticator proves it holds the secret AssociateSoftwareToken made: a code of it
 * (RFC 6238, one step of skew). Signed in: the authenticator becomes the user's (SetUserMFAPreference
 * then turns TOTP MFA on). During sign-in: a Session to answer MFA_SETUP with.
 */
export default operation<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse, FlowDepName>('VerifySoftwareToken', async (deps, input, ctx) => {
  if (input.AccessToken) {
    const { pool, user } = await authenticate(deps, input.AccessToken);
    requireActiveStatus(user);
    return verifySignedIn(deps, ctx.log, pool, user, input.UserCode!, input.FriendlyDeviceName);
  }
  if (input.Session) return verifyInSignIn(deps, ctx, input.Session, input.UserCode!, input.FriendlyDeviceName);
  throw accessTokenOrSession();
});
