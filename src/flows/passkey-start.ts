/**
 * WEB_AUTHN as the first factor of USER_AUTH: the challenge for a user who holds a passkey
 * (webauthn-challenge.ts). Where the client hides whether users exist, a name that cannot sign in
 * with a passkey (no user, no passkey, a disabled or unconfirmed user) gets the same challenge,
 * listing a passkey id made up from the name, and its answer is refused as a wrong passkey's is.
 */
import type { UserRecord } from '../domain/user.ts';
import { challengeNotAvailable, userNotFound } from '../errors/index.ts';
import { decoyBytes, hidesUsers } from '../services/directory/decoys.ts';
import { findUser } from '../services/directory/users.ts';
import { standInAssertionOptions } from '../services/webauthn/assertion.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import { newSession } from './session.ts';
import { checkUsable } from './sign-in.ts';
import { decoyIdentity } from './srp-challenge.ts';
import { preAuthentication } from './triggers.ts';
import { canSignInWithPasskey, webAuthnChallenge } from './webauthn-challenge.ts';

/** A passkey is a first factor of its own: no MFA after it, as after a passwordless code (context.ts). */
const progress = (): SignInProgress => ({ source: 'TokenGeneration_Authentication', clientMetadata: undefined, passwordless: true });

async function usable(fc: FlowContext, user: UserRecord | undefined): Promise<boolean> {
  if (!user || !(await canSignInWithPasskey(fc, user))) return false;
  try {
    checkUsable(user);
    return true;
  } catch {
    return false;
  }
}

export async function passkeyStart(fc: FlowContext, userName: string): Promise<AuthAnswer> {
  const user = await findUser(fc.deps.store, fc.pool, userName);
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  if (await usable(fc, user)) return webAuthnChallenge(fc, user!, progress());
  if (!hidesUsers(fc.client)) {
    if (!user) throw userNotFound();
    checkUsable(user);
    throw challengeNotAvailable('WEB_AUTHN');
  }
  const { state, options } = standInAssertionOptions(fc.deps, fc.pool, await decoyBytes(fc.deps, fc.pool, userName, 'passkey'));
  const Session = await newSession(fc, { sub: '', challenge: 'WEB_AUTHN', state: { ...state, progress: progress(), standIn: userName } });
  const { userIdForSrp } = await decoyIdentity(fc, userName);
  return { ChallengeName: 'WEB_AUTHN', Session, ChallengeParameters: { USERNAME: userIdForSrp, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) } };
}
