/**
 * MFA_SETUP answered with an email address: where the pool requires MFA and offers email MFA
 * (MFAS_CAN_SETUP lists EMAIL_OTP), a user without a factor may set up email MFA inside sign-in.
 * Amplify v6 answers the challenge with ChallengeResponses { USERNAME, EMAIL: address } on the
 * MFA_SETUP Session (@aws-amplify/auth, handleMFASetupChallenge; nextStep
 * CONTINUE_SIGN_IN_WITH_EMAIL_SETUP) and expects the EMAIL_OTP challenge back
 * (CONFIRM_SIGN_IN_WITH_EMAIL_CODE). The code goes to that address; once it is right
 * (code-answers.ts, mfa-code-effects.ts) the address becomes the user's email, verified, with email
 * MFA on, and the sign-in goes on after MFA. Until then nothing about the user changes, so an
 * address the user cannot read is never recorded as theirs.
 */
import { checkAttributes } from '../domain/attributes.ts';
import { poolFactors } from '../domain/mfa.ts';
import type { UserRecord } from '../domain/user.ts';
import { emailSetupNotOffered } from '../errors/index.ts';
import { checkWritable } from '../services/directory/clients.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { MFA_STEP, type MfaChallengeState } from './mfa-step.ts';
import { codeChallenge } from './one-time-codes.ts';

/**
 * Refuses an address that cannot become the user's email, before any code is sent to it. An
 * address another user signs in with is refused only once the code sent to it is right (the store
 * keeps aliases unique: AliasExistsException, as UpdateUserAttributes answers): refused here, for
 * free and again and again on one Session, it would tell anyone which addresses are registered.
 */
function checkAddress(fc: FlowContext, user: UserRecord, address: string): void {
  if (!poolFactors(fc.pool.config).includes('EMAIL_OTP')) throw emailSetupNotOffered();
  // As if the user wrote it: the schema (a valid address, a mutable attribute) and the client's WriteAttributes.
  checkAttributes(fc.pool.config, [{ Name: 'email', Value: address }], 'admin-update', user.attributes);
  checkWritable(fc.client, ['email']);
}

/** Sends a code to `address` and answers the EMAIL_OTP challenge that asks for it. */
export async function emailSetupChallenge(fc: FlowContext, user: UserRecord, state: MfaChallengeState, address: string): Promise<AuthAnswer> {
  checkAddress(fc, user, address);
  return codeChallenge(fc, user, 'EMAIL_OTP', { medium: 'email', progress: state.progress, step: MFA_STEP, destination: address, setup: true });
}
