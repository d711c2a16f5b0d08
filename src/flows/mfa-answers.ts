/**
 * RespondToAuthChallenge SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE and MFA_SETUP (asked by mfa-step.ts).
 * Each goes on with the steps after MFA, then the tokens.
 */
import { MFA_FACTORS, userMfa, type MfaFactor } from '../domain/mfa.ts';
import { invalidSession, mfaNotOffered } from '../errors/index.ts';
import { updateMfaSettings } from '../services/mfa/preferences.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { afterFirstFactor } from './further-steps.ts';
import { emailSetupChallenge } from './mfa-email-setup.ts';
import { factorChallenge, MFA_STEP, type MfaChallengeState } from './mfa-step.ts';
import { required } from './parameters.ts';
import { putBack, takeSession } from './session.ts';
import { checkUsable, sessionUser } from './sign-in.ts';
import { takeSignInCode } from './software-token.ts';

type Responses = Record<string, string> | undefined;

/** SOFTWARE_TOKEN_MFA_CODE: a code of the user's authenticator; a wrong or used one may be corrected in the same Session. */
export async function softwareTokenRespond(fc: FlowContext, token: string | undefined, responses: Responses): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const code = required(responses, 'SOFTWARE_TOKEN_MFA_CODE');
  const session = await takeSession(fc, token, 'SOFTWARE_TOKEN_MFA');
  const state = session.state as unknown as MfaChallengeState;
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  let signedIn;
  try {
    signedIn = await takeSignInCode(fc.deps, fc.ctx.log, fc.pool, user, code);
  } catch (e) {
    await putBack(fc, token!, session);
    throw e;
  }
  return afterFirstFactor(fc, signedIn, state.progress, MFA_STEP);
}

/** ANSWER: the factor chosen among MFAS_CAN_CHOOSE; its challenge follows. */
export async function selectMfaRespond(fc: FlowContext, token: string | undefined, responses: Responses): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const answer = required(responses, 'ANSWER');
  const session = await takeSession(fc, token, 'SELECT_MFA_TYPE');
  const state = session.state as unknown as MfaChallengeState;
  if (!(MFA_FACTORS as readonly string[]).includes(answer) || !state.factors?.includes(answer as MfaFactor)) {
    await putBack(fc, token!, session);
    throw mfaNotOffered(answer);
  }
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  return factorChallenge(fc, user, answer as MfaFactor, state.progress);
}

/**
 * MFA_SETUP, answered with the Session VerifySoftwareToken gave: the authenticator just verified
 * becomes the user's factor (preferred unless another is), and the sign-in goes on. Answered with
 * an EMAIL instead (before TOTP is verified), email MFA is set up: mfa-email-setup.ts.
 */
export async function mfaSetupRespond(fc: FlowContext, token: string | undefined, responses: Responses): Promise<AuthAnswer> {
  const username = required(responses, 'USERNAME');
  const session = await takeSession(fc, token, 'MFA_SETUP');
  const state = session.state as unknown as MfaChallengeState;
  const email = responses?.EMAIL;
  if (email !== undefined && state.phase !== 'verified') {
    try {
      const user = await sessionUser(fc, session.sub, username);
      checkUsable(user);
      return await emailSetupChallenge(fc, user, state, email);
    } catch (e) {
      // An address refused (or a code not sent) leaves the challenge to be answered again.
      await putBack(fc, token!, session);
      throw e;
    }
  }
  if (state.phase !== 'verified') throw invalidSession();
  const user = await sessionUser(fc, session.sub, username);
  checkUsable(user);
  const updated = await updateMfaSettings(fc.deps.store, fc.pool, user.sub, fc.deps.clock.now(), (u) => {
    const s = userMfa(u);
    const list = new Set([...(s.UserMFASettingList ?? []), 'SOFTWARE_TOKEN_MFA' as const]);
    return { UserMFASettingList: MFA_FACTORS.filter((f) => list.has(f)), PreferredMfaSetting: s.PreferredMfaSetting ?? 'SOFTWARE_TOKEN_MFA' };
  });
  return afterFirstFactor(fc, updated, state.progress, MFA_STEP);
}
