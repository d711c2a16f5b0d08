/** RespondToAuthChallenge SMS_MFA, EMAIL_OTP and SMS_OTP: the code sent for the challenge (one-time-codes.ts). */
import type { CodeChallengeName, CodeChallengeState } from './one-time-codes.ts';
import { ATTRIBUTE, CODE_CHALLENGES, checkSignInCode } from './one-time-codes.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { afterFirstFactor } from './further-steps.ts';
import { required } from './parameters.ts';
import { answerStandInCode } from './passwordless-codes.ts';
import { putBack, takeSession } from './session.ts';
import { usernameKey } from '../domain/user.ts';
import { CognitoError, incorrectCredentials, sentMfaCodeMismatch } from '../errors/index.ts';
import { countedAnswer, type Attempter } from './lockout.ts';
import { afterRightMfaCode } from './mfa-code-effects.ts';
import { MFA_STEP } from './mfa-step.ts';
import { checkUsable, sessionUser } from './sign-in.ts';

export async function answerCodeChallenge(fc: FlowContext, name: CodeChallengeName, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const code = required(responses, CODE_CHALLENGES[name]);
  const session = await takeSession(fc, sessionToken, name);
  const state = session.state as unknown as CodeChallengeState;
  // A wrong code may be corrected in the same Session, as Cognito lets sign-in codes be (the code
  // itself burns after five wrong answers, and then the Session cannot help). A stand-in's Session
  // is put back as a user's is, or a second answer would tell the two apart.
  const keepSessionIfWrong = async (e: unknown) => {
    if (e instanceof CognitoError && e.type === 'CodeMismatchException') await putBack(fc, sessionToken!, session);
    return e;
  };
  if (state.standIn !== undefined) {
    // Checked in the order a user's answer is: the name, then the code.
    if (usernameKey(fc.pool.config, state.standIn) !== usernameKey(fc.pool.config, username)) throw incorrectCredentials();
    throw await countedCode(fc, { unknownName: state.standIn }, () => answerStandInCode(fc, state.standIn!)).catch(keepSessionIfWrong);
  }
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  const asMfa = state.step === MFA_STEP;
  const mismatch = asMfa ? sentMfaCodeMismatch : undefined;
  try {
    await countedCode(fc, { sub: user.sub }, () => checkSignInCode(fc, user, state.medium, state.destination ?? user.attributes[ATTRIBUTE[state.medium]] ?? '', code, mismatch));
  } catch (e) {
    throw await keepSessionIfWrong(e);
  }
  const signedIn = asMfa ? await afterRightMfaCode(fc, user, state) : user;
  return afterFirstFactor(fc, signedIn, state.progress, state.step);
}

/**
 * Every sign-in code answered counts towards the lockout of sign-in codes (as TOTP answers do; a
 * stand-in's under its name): each code burns after five wrong answers, but new codes can be asked
 * for, so from the fifth wrong answer in a row, sign-in codes are refused for a while, whichever
 * code they answer.
 */
async function countedCode(fc: FlowContext, who: Attempter, check: () => Promise<void>): Promise<void> {
  let refusal: unknown;
  await countedAnswer(fc.deps.store, fc.pool, who, fc.deps.clock.now(), async () => {
    try {
      await check();
      return true;
    } catch (e) {
      refusal = e;
      return false;
    }
  }, 'code');
  if (refusal) throw refusal;
}
