/**
 * WEB_AUTHN: signing in with a passkey, a first factor of USER_AUTH. The challenge hands the browser
 * CREDENTIAL_REQUEST_OPTIONS (PublicKeyCredentialRequestOptionsJSON, as a JSON string) with a fresh
 * challenge kept in the single-use Session; the answer's CREDENTIAL (AuthenticationResponseJSON, a
 * JSON string) must prove one of the user's passkeys (services/webauthn/assertion.ts), and the
 * sign-in then goes on through the further steps. A Session takes one answer, so a wrong one costs a
 * new sign-in; there is no secret to guess, only a signature to forge.
 */
import { passkeysEnabled } from '../domain/passkey.ts';
import type { UserRecord } from '../domain/user.ts';
import { usernameKey } from '../domain/user.ts';
import { incorrectCredentials, malformedWebAuthnCredential, passkeyNotVerified } from '../errors/index.ts';
import { authenticationResponse, clientData } from '../services/webauthn/credential-json.ts';
import { assertionOptions, userPasskeys, verifyAssertion, type AssertionState } from '../services/webauthn/assertion.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import { afterFirstFactor } from './further-steps.ts';
import { required } from './parameters.ts';
import { newSession, takeSession } from './session.ts';
import { checkUsable, sessionUser } from './sign-in.ts';

interface WebAuthnChallengeState extends AssertionState {
  progress: SignInProgress;
  /** A stand-in's: the name asked for, which holds no passkey (passkey-start.ts). */
  standIn?: string;
}

/** Whether USER_AUTH may offer WEB_AUTHN to `user`: the pool allows passkeys and the user holds one. */
export async function canSignInWithPasskey(fc: Pick<FlowContext, 'pool'> & { deps: Pick<FlowContext['deps'], 'store' | 'tokens'> }, user: UserRecord): Promise<boolean> {
  return passkeysEnabled(fc.pool.config) && (await userPasskeys(fc.deps, fc.pool, user)).length > 0;
}

/** The WEB_AUTHN challenge for `user` (one canSignInWithPasskey accepts). */
export async function webAuthnChallenge(fc: FlowContext, user: UserRecord, progress: SignInProgress): Promise<AuthAnswer> {
  const { state, options } = await assertionOptions(fc.deps, fc.pool, user);
  const Session = await newSession(fc, { sub: user.sub, challenge: 'WEB_AUTHN', state: { ...state, progress } satisfies WebAuthnChallengeState });
  return { ChallengeName: 'WEB_AUTHN', Session, ChallengeParameters: { USERNAME: user.username, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) } };
}

/** RespondToAuthChallenge WEB_AUTHN: USERNAME and CREDENTIAL. */
export async function answerWebAuthnChallenge(fc: FlowContext, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const text = required(responses, 'CREDENTIAL');
  const session = await takeSession(fc, sessionToken, 'WEB_AUTHN');
  const state = session.state as unknown as WebAuthnChallengeState;
  if (state.standIn !== undefined) {
    // A stand-in's answer goes through the checks a user's does, in their order, and then fails
    // as a wrong passkey does: no answer tells a name no user holds from a user.
    if (usernameKey(fc.pool.config, state.standIn) !== usernameKey(fc.pool.config, username)) throw incorrectCredentials();
    clientData(authenticationResponse(parsed(text)));
    throw passkeyNotVerified();
  }
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  await verifyAssertion(fc.deps, fc.ctx.log, fc.pool, user, state, parsed(text));
  return afterFirstFactor(fc, user, state.progress);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformedWebAuthnCredential('CREDENTIAL is not JSON');
  }
}
