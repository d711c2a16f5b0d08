/**
 * EMAIL_OTP and SMS_OTP as the first factor of USER_AUTH: a code sent to the user's verified email
 * address or phone number (one-time-codes.ts), answered in code-answers.ts. Where the client hides
 * whether users exist, a name that cannot be sent a code (no user, no verified address, a disabled
 * or unconfirmed user) gets the same challenge with a delivery made up as a real one looks, and its
 * answers are refused as wrong codes are.
 */
import type { UserRecord } from '../domain/user.ts';
import { isVerified } from '../domain/attributes.ts';
import { simulatedDelivery } from '../domain/simulated-delivery.ts';
import { attemptLimitExceeded, challengeNotAvailable, codeMismatch, userNotFound } from '../errors/index.ts';
import { admitDecoyCode, answerWithoutCode, decoyBytes, hidesUsers } from '../services/directory/decoys.ts';
import { findUser } from '../services/directory/users.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import { codeChallenge, type CodeChallengeState, type SignInCodeMedium } from './one-time-codes.ts';
import { newSession } from './session.ts';
import { checkUsable } from './sign-in.ts';
import { decoyIdentity } from './srp-challenge.ts';
import { preAuthentication } from './triggers.ts';

export type PasswordlessCode = 'EMAIL_OTP' | 'SMS_OTP';

const MEDIUM: Record<PasswordlessCode, { medium: SignInCodeMedium; attribute: 'email' | 'phone_number' }> = {
  EMAIL_OTP: { medium: 'email', attribute: 'email' },
  SMS_OTP: { medium: 'sms', attribute: 'phone_number' },
};

/**
 * Whether the user can be sent this code: only to a verified address or number, so that no one
 * signs in through an address they merely typed into their profile.
 */
export const canReceive = (user: UserRecord, name: PasswordlessCode): boolean => {
  const { attribute } = MEDIUM[name];
  return !!user.attributes[attribute] && isVerified(user.attributes, attribute);
};

/** How a sign-in goes on once a passwordless code is right: the tokens, no MFA (context.ts). */
const progress = (): SignInProgress => ({ source: 'TokenGeneration_Authentication', clientMetadata: undefined, passwordless: true });

const usable = (user: UserRecord | undefined, name: PasswordlessCode): user is UserRecord => {
  if (!user || !canReceive(user, name)) return false;
  try {
    checkUsable(user);
    return true;
  } catch {
    return false;
  }
};

/** Sends the code (or, hiding who exists, seems to) and answers its challenge. */
export async function passwordlessCodeStart(fc: FlowContext, userName: string, name: PasswordlessCode): Promise<AuthAnswer> {
  const user = await findUser(fc.deps.store, fc.pool, userName);
  if (!usable(user, name)) {
    if (hidesUsers(fc.client)) {
      await preAuthentication(fc, user, userName, fc.clientMetadata);
      return standInCodeChallenge(fc, userName, name);
    }
    if (!user) throw userNotFound();
    checkUsable(user);
    throw challengeNotAvailable(name);
  }
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  return codeChallenge(fc, user, name, { medium: MEDIUM[name].medium, progress: progress() });
}

/**
 * The challenge a real code's would be, for a name no code is sent to: its destination made up
 * (stable per name) and masked as a real one, counted against the hourly code limit as a user's
 * code is, its USERNAME shaped as the user's would be (a UUID where users are kept under their sub).
 */
async function standInCodeChallenge(fc: FlowContext, userName: string, name: PasswordlessCode): Promise<AuthAnswer> {
  const { medium } = MEDIUM[name];
  await admitDecoyCode(fc.deps, fc.pool, userName, 'mfa');
  const seed = await decoyBytes(fc.deps, fc.pool, userName, 'destination');
  const delivery = simulatedDelivery(fc.pool.config, [medium], userName, seed);
  const { userIdForSrp } = await decoyIdentity(fc, userName);
  const state: CodeChallengeState = { medium, progress: progress(), standIn: userName };
  const Session = await newSession(fc, { sub: '', challenge: name, state: { ...state } });
  return {
    ChallengeName: name,
    Session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium!, CODE_DELIVERY_DESTINATION: delivery.Destination!, USERNAME: userIdForSrp },
  };
}

/**
 * An answer to a stand-in's code: refused as a wrong code is, and counted as a user's answers are
 * (five, then the code seems burnt), under the name's stand-in over a code's validity.
 */
export async function answerStandInCode(fc: FlowContext, userName: string): Promise<never> {
  const { status } = await answerWithoutCode(fc.deps, fc.pool, userName, 'mfa');
  throw status === 'mismatch' ? codeMismatch() : attemptLimitExceeded();
}
