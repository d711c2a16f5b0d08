/** RespondToAuthChallenge SMS_MFA, EMAIL_OTP and SMS_OTP: the code sent for the challenge (one-time-codes.ts). */
import type { CodeChallengeName, CodeChallengeState } from './one-time-codes.ts';
import { CODE_CHALLENGES, checkSignInCode } from './one-time-codes.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { afterFirstFactor } from './further-steps.ts';
import { required } from './parameters.ts';
import { answerStandInCode } from './passwordless-codes.ts';
import { takeSession } from './session.ts';
import { checkUsable, sessionUser } from './sign-in.ts';

export async function answerCodeChallenge(fc: FlowContext, name: CodeChallengeName, sessionToken: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const code = required(responses, CODE_CHALLENGES[name]);
  const session = await takeSession(fc, sessionToken, name);
  const state = session.state as unknown as CodeChallengeState;
  if (state.standIn !== undefined) return answerStandInCode(fc, state.standIn);
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  await checkSignInCode(fc, user, state.medium, code);
  return afterFirstFactor(fc, user, state.progress, state.step);
}
