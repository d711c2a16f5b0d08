/**
 * Codes sent to sign in: a second factor (SMS_MFA, EMAIL_OTP after a password) or a first one
 * (passwordless EMAIL_OTP and SMS_OTP of USER_AUTH). One code per user and address at a time, made, shaped by
 * the pool's authentication message and its CustomMessage function (`CustomMessage_Authentication`)
 * and delivered as every other code is; it lasts as long as the sign-in's Session (3 minutes by
 * default) and burns after five wrong answers, like every code (issue 18).
 */
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import { VERIFIED_FLAGS } from '../domain/attributes.ts';
import { boundAttribute } from '../domain/code.ts';
import type { UserRecord } from '../domain/user.ts';
import { attemptLimitExceeded, codeMismatch, expiredCode, type CognitoError } from '../errors/index.ts';
import { hidesUsers } from '../services/directory/decoys.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import { newSession } from './session.ts';

export type SignInCodeMedium = 'email' | 'sms';

export const ATTRIBUTE: Record<SignInCodeMedium, 'email' | 'phone_number'> = { email: 'email', sms: 'phone_number' };

/**
 * A sign-in code is kept under its attribute and the address it went to (domain/code.ts), so that
 * a code proves control of that address only: a newer code sent elsewhere (another address being
 * set up, the user's email changed between two sign-ins) cannot answer an older challenge, whose
 * right answer verifies the address it names (mfa-code-effects.ts).
 */
const keyOf = (fc: FlowContext, user: UserRecord, medium: SignInCodeMedium, destination: string) =>
  ({ poolId: fc.pool.id, userId: user.sub, purpose: 'mfa', attribute: boundAttribute(ATTRIBUTE[medium], destination) }) as const;

/**
 * Sends a sign-in code to the user's email or phone number (or `destination`, an address being set
 * up); answers the challenge's delivery parameters. `answerBeforeDelivery`: for a first factor,
 * where the client hides who exists (a stand-in sends nothing, so waiting for a delivery would tell
 * a user by the time taken).
 */
export async function sendSignInCode(
  fc: FlowContext, user: UserRecord, medium: SignInCodeMedium,
  o: { destination?: string; answerBeforeDelivery?: boolean } = {},
): Promise<{ CODE_DELIVERY_DELIVERY_MEDIUM: string; CODE_DELIVERY_DESTINATION: string }> {
  const attribute = ATTRIBUTE[medium];
  const destination = o.destination ?? user.attributes[attribute] ?? '';
  const details = await fc.deps.delivery.sendCode({
    pool: fc.pool, user, clientId: fc.client.clientId, purpose: 'mfa', attribute, codeAttribute: keyOf(fc, user, medium, destination).attribute, medium,
    destination, occasion: 'Authentication', clientMetadata: fc.clientMetadata, answerBeforeDelivery: o.answerBeforeDelivery ?? false,
    // The functions (CustomMessage, CustomEmailSender) see the address the code goes to, not an earlier one.
    userAttributes: destination === user.attributes[attribute] ? undefined : { ...user.attributes, [attribute]: destination, [VERIFIED_FLAGS[attribute]]: 'false' },
  }, fc.ctx);
  return { CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium ?? medium.toUpperCase(), CODE_DELIVERY_DESTINATION: details.Destination ?? '' };
}

/**
 * Checks an answer to a sign-in code (used up when right); refuses a wrong, burnt or stale one as
 * Cognito does (`mismatch`: a second factor's wrong code has its own wording).
 */
export async function checkSignInCode(
  fc: FlowContext, user: UserRecord, medium: SignInCodeMedium, destination: string, answer: string, mismatch: () => CognitoError = codeMismatch,
): Promise<void> {
  const result = await fc.deps.codes.verify(fc.deps.store.codes, keyOf(fc, user, medium, destination), answer);
  switch (result.status) {
    case 'ok':
      return;
    case 'mismatch':
      throw mismatch();
    case 'too_many_attempts':
      throw attemptLimitExceeded();
    default:
      throw expiredCode();
  }
}

/** The challenges answered with a code sent for them, and the ChallengeResponses member carrying it. */
export const CODE_CHALLENGES = { SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE' } as const satisfies Partial<Record<ChallengeNameType, string>>;
export type CodeChallengeName = keyof typeof CODE_CHALLENGES;

/**
 * What a code challenge's Session keeps: where the code went, how the sign-in goes on, and the
 * further step it answers (none: the code is the first factor, passwordless).
 */
export interface CodeChallengeState {
  medium: SignInCodeMedium;
  progress: SignInProgress;
  step?: string;
  /** A stand-in's: the name asked for, which holds no code (passwordless-codes.ts). */
  standIn?: string;
  /** Where the code went (the user's email address or phone number then, or an address being set up). */
  destination?: string;
  /** MFA_SETUP with EMAIL: the address becomes the user's, and email MFA theirs, once its code is right (mfa-email-setup.ts). */
  setup?: boolean;
}

/** Sends a code and answers the challenge that asks for it (code-answers.ts takes the answer). */
export async function codeChallenge(fc: FlowContext, user: UserRecord, name: CodeChallengeName, state: CodeChallengeState): Promise<AuthAnswer> {
  const destination = state.destination ?? user.attributes[ATTRIBUTE[state.medium]] ?? '';
  const delivery = await sendSignInCode(fc, user, state.medium, { destination, answerBeforeDelivery: state.step === undefined && hidesUsers(fc.client) });
  const Session = await newSession(fc, { sub: user.sub, challenge: name, state: { ...state, destination } });
  return { ChallengeName: name, Session, ChallengeParameters: { ...delivery, USERNAME: user.username } };
}
