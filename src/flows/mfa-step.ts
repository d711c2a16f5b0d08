/**
 * The MFA step of sign-in (further-steps.ts runs it as 'mfa', after the remembered device's): the
 * pool's MfaConfiguration and the user's factors decide (domain/mfa.ts decideMfa) whether a second
 * factor is asked, and which challenge asks it. Answers are taken in mfa-answers.ts and
 * code-answers.ts, which resume the sign-in after this step.
 */
import { decideMfa, userMfa, type MfaFactor } from '../domain/mfa.ts';
import type { UserRecord } from '../domain/user.ts';
import type { AuthAnswer, FlowContext, SignInProgress } from './context.ts';
import { codeChallenge } from './one-time-codes.ts';
import { newSession } from './session.ts';
import { deviceStandsInForMfa } from '../domain/device.ts';

export const MFA_STEP = 'mfa';

/** What the Sessions of SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE and MFA_SETUP keep. */
export interface MfaChallengeState {
  progress: SignInProgress;
  /** SELECT_MFA_TYPE: the factors offered. */
  factors?: MfaFactor[];
  /** MFA_SETUP: 'setup' as asked, 'associated' after AssociateSoftwareToken, 'verified' after VerifySoftwareToken. */
  phase?: 'setup' | 'associated' | 'verified';
}

/** The challenge asking for one factor: a code sent by SMS or email, or one from the user's authenticator. */
export async function factorChallenge(fc: FlowContext, user: UserRecord, factor: MfaFactor, progress: SignInProgress): Promise<AuthAnswer> {
  if (factor === 'SMS_MFA') return codeChallenge(fc, user, 'SMS_MFA', { medium: 'sms', progress, step: MFA_STEP });
  if (factor === 'EMAIL_OTP') return codeChallenge(fc, user, 'EMAIL_OTP', { medium: 'email', progress, step: MFA_STEP });
  const state: MfaChallengeState = { progress };
  const Session = await newSession(fc, { sub: user.sub, challenge: 'SOFTWARE_TOKEN_MFA', state: { ...state } });
  const friendly = userMfa(user).SoftwareToken?.friendlyName;
  return {
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session,
    ChallengeParameters: { USER_ID_FOR_SRP: user.username, ...(friendly ? { FRIENDLY_DEVICE_NAME: friendly } : {}) },
  };
}

/** MFA_SETUP: the pool requires MFA and the user has no factor yet; AssociateSoftwareToken takes its Session. */
export async function setupChallenge(fc: FlowContext, user: UserRecord, factors: MfaFactor[], progress: SignInProgress): Promise<AuthAnswer> {
  const state: MfaChallengeState = { progress, phase: 'setup' };
  const Session = await newSession(fc, { sub: user.sub, challenge: 'MFA_SETUP', state: { ...state } });
  return { ChallengeName: 'MFA_SETUP', Session, ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(factors), USER_ID_FOR_SRP: user.username } };
}

/** The step: a challenge for the second factor, or undefined when none is asked. */
export async function mfaChallenge(fc: FlowContext, user: UserRecord, progress: SignInProgress): Promise<AuthAnswer | undefined> {
  // A first factor other than the password (a code, a passkey) is not followed by MFA (context.ts).
  if (progress.passwordless) return undefined;
  // A remembered device that proved itself stands in for the second factor where the pool asks
  // new devices for MFA (DeviceConfiguration.ChallengeRequiredOnNewDevice; devices.md).
  if (deviceStandsInForMfa(fc.pool, progress.deviceAuthenticated)) return undefined;
  const decision = decideMfa(fc.pool.config, user);
  switch (decision.kind) {
    case 'none':
      // Adaptive authentication: risk asked for a factor the pool's own setting does not (further-steps.ts).
      return progress.risk?.mfaFactor ? factorChallenge(fc, user, progress.risk.mfaFactor, progress) : undefined;
    case 'challenge':
      return factorChallenge(fc, user, decision.factor, progress);
    case 'setup':
      return setupChallenge(fc, user, decision.factors, progress);
    case 'select': {
      const state: MfaChallengeState = { progress, factors: decision.factors };
      const Session = await newSession(fc, { sub: user.sub, challenge: 'SELECT_MFA_TYPE', state: { ...state } });
      return { ChallengeName: 'SELECT_MFA_TYPE', Session, ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(decision.factors), USER_ID_FOR_SRP: user.username } };
    }
  }
}

export const mfaStep = { name: MFA_STEP, run: mfaChallenge };
