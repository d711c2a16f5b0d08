/**
 * Signing in right after sign-up, with the USER_AUTH flow. The API model:
 * - SignUpResponse.Session: "A session Id that you can pass to ConfirmSignUp when you want to
 *   immediately sign in your user with the USER_AUTH flow after they complete sign-up." (AWS
 *   answers it to clients that allow USER_AUTH: https://github.com/aws/aws-sdk-js-v3/issues/6724)
 * - ConfirmSignUpResponse.Session: "A session identifier that you can use to immediately sign in the
 *   confirmed user. You can automatically sign users in with the one-time password that they
 *   provided in a successful ConfirmSignUp request."
 * - InitiateAuthRequest.Session: "When you pass the session ID to InitiateAuth, Amazon Cognito
 *   assumes the SMS or email message one-time verification password from ConfirmSignUp as the
 *   primary authentication factor. [...] only valid for users who have confirmed their sign-up and
 *   are signing in for the first time within the authentication flow session duration".
 *
 * ConfirmSignUp answers a Session when the confirmation code can stand for a first factor: the
 * client allows USER_AUTH, and either the pool allows the code's medium as a first factor
 * (EMAIL_OTP, SMS_OTP) or SignUp's Session for the same user and client comes with it (the user
 * chose the password then). Amplify JS sends no SignUp Session to ConfirmSignUp; Amplify Android
 * does, and without it "If there are no passwordless options enabled for the user pool, this would
 * result in Cognito throwing a SelectChallenge" (https://github.com/aws-amplify/amplify-android/pull/3136).
 * A SignUp Session that is stale, used, or another user's or client's, adds nothing (confirmation
 * goes on without it); a right code does not use it up until then, so a wrong code can be corrected.
 * InitiateAuth takes ConfirmSignUp's Session once, for the user and client it was made for.
 */
import type { ClientRecord } from '../domain/client.ts';
import { allowedFirstFactors } from '../domain/sign-in-policy.ts';
import type { UserRecord } from '../domain/user.ts';
import { invalidSession } from '../errors/index.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { allowedFlows } from './explicit-flows.ts';
import { afterFirstFactor } from './further-steps.ts';
import { hashToken, newSession, takeSession, type SessionContext } from './session.ts';
import { checkUsable, sessionUser } from './sign-in.ts';
import { preAuthentication } from './triggers.ts';

/** The Session SignUp answers, for ConfirmSignUp. */
const SIGNED_UP = 'SIGN_UP';
/** The Session ConfirmSignUp answers, for InitiateAuth. */
const CONFIRMED = 'SIGN_UP_CONFIRMED';

const allowsUserAuth = (client: ClientRecord) => allowedFlows(client).has('ALLOW_USER_AUTH');

/** SignUp's Session: for a user left to confirm, where the client allows USER_AUTH. */
export async function signUpSession(sc: SessionContext, user: UserRecord): Promise<string | undefined> {
  if (!allowsUserAuth(sc.client) || user.status !== 'UNCONFIRMED') return undefined;
  return newSession(sc, { sub: user.sub, challenge: SIGNED_UP, state: {} });
}

/** Uses up SignUp's Session `token` if it is this user's, for this client, still valid. */
async function takeSignUpSession(sc: SessionContext, user: UserRecord, token: string): Promise<boolean> {
  const s = await sc.deps.store.authSessions.take(hashToken(token), sc.deps.clock.now());
  return !!s && s.challenge === SIGNED_UP && s.poolId === sc.pool.id && s.clientId === sc.client.clientId && s.sub === user.sub;
}

/**
 * ConfirmSignUp's Session, once the user is confirmed by a code sent by `medium`; `given` is the
 * request's Session (SignUp's).
 */
export async function confirmedSession(sc: SessionContext, user: UserRecord, medium: 'email' | 'sms' | undefined, given: string | undefined): Promise<string | undefined> {
  if (!allowsUserAuth(sc.client)) return undefined;
  const fromSignUp = given ? await takeSignUpSession(sc, user, given) : false;
  const factor = medium === 'email' ? 'EMAIL_OTP' : medium === 'sms' ? 'SMS_OTP' : undefined;
  const codeIsAFactor = !!factor && allowedFirstFactors(sc.pool.config).includes(factor);
  if (!fromSignUp && !codeIsAFactor) return undefined;
  return newSession(sc, { sub: user.sub, challenge: CONFIRMED, state: {} });
}

/**
 * InitiateAuth USER_AUTH with ConfirmSignUp's Session: the confirmation code was the first factor.
 * PreAuthentication runs as for every sign-in; no MFA follows, as AWS documents for a new user's
 * first sign-in: "The second authentication factor when your user signs in for the first time is
 * their confirmation of the verification message that Amazon Cognito sends to them"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html).
 */
export async function signInAfterSignUp(fc: FlowContext, userName: string, token: string): Promise<AuthAnswer> {
  const session = await takeSession(fc, token, CONFIRMED);
  const user = await sessionUser(fc, session.sub, userName);
  checkUsable(user);
  // Confirmed, and nothing since: a temporary password set meanwhile asks for a new one, as a sign-in would.
  if (user.status !== 'CONFIRMED') throw invalidSession();
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  return afterFirstFactor(fc, user, { source: 'TokenGeneration_Authentication', clientMetadata: undefined, passwordless: true });
}
