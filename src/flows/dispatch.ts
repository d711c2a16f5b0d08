/** InitiateAuth / AdminInitiateAuth and RespondToAuthChallenge / AdminRespondToAuthChallenge, by flow and challenge. */
import type { UserRecord } from '../domain/user.ts';
import { authMethodNotSupported, unsupportedChallenge } from '../errors/index.ts';
import { checkSecretHash, isSecretHashOf } from '../services/directory/client-secrets.ts';
import { answerCodeChallenge } from './code-answers.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { customRespond, customStart } from './custom-auth.ts';
import { devicePasswordVerify, deviceSrpRespond } from './device-answers.ts';
import { checkFlow } from './explicit-flows.ts';
import { eventContext } from '../services/threat/context.ts';
import { mfaSetupRespond, selectMfaRespond, softwareTokenRespond } from './mfa-answers.ts';
import { newPasswordRespond } from './new-password.ts';
import { required } from './parameters.ts';
import { refreshTokens } from './refresh-token.ts';
import { signInAfterSignUp } from './sign-up-session.ts';
import { srpStart } from './srp-challenge.ts';
import { srpVerify } from './srp-verify.ts';
import { selectChallengeRespond, userAuthStart } from './user-auth.ts';
import { passwordSignIn } from './user-password.ts';
import { answerWebAuthnChallenge } from './webauthn-challenge.ts';

/**
 * SECRET_HASH of a refresh: clients compute it over the username they signed in with, or the
 * user's sub (pools that sign in with an email or phone number); either is accepted.
 */
export function checkRefreshSecretHash(fc: FlowContext, given: string | undefined, usernameParam: string | undefined) {
  return (user: UserRecord) => {
    const { client } = fc;
    if (!client.secret || !given) return checkSecretHash(client, user.username, given);
    const candidates = [usernameParam, user.username, user.sub].filter((c): c is string => !!c);
    const match = candidates.find((c) => isSecretHashOf(client, c, given));
    checkSecretHash(client, match ?? user.username, given);
  };
}

/** `session`: InitiateAuth's Session, ConfirmSignUp's, which signs in with USER_AUTH (sign-up-session.ts). */
export async function initiateAuth(fc: FlowContext, flow: string, params: Record<string, string> | undefined, session?: string): Promise<AuthAnswer> {
  checkFlow(fc.client, flow, fc.admin);
  // Threat protection's BlockedIPRangeList refuses a sign-in before anything is checked (not a refresh: no one signs in).
  if (!flow.startsWith('REFRESH_TOKEN') && fc.deps.threat.mode(fc.pool) === 'ENFORCED') await fc.deps.threat.checkAddress(fc.pool, fc.client, eventContext(fc.ctx, fc.client, fc.claimed));
  if (params?.DEVICE_KEY) fc = { ...fc, deviceKey: params.DEVICE_KEY };
  switch (flow) {
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      const token = required(params, 'REFRESH_TOKEN');
      const AuthenticationResult = await refreshTokens(fc, token, { checkSecret: checkRefreshSecretHash(fc, params?.SECRET_HASH, params?.USERNAME), deviceKey: params?.DEVICE_KEY });
      return { ChallengeParameters: {}, AuthenticationResult };
    }
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH': {
      const username = required(params, 'USERNAME');
      checkSecretHash(fc.client, username, params?.SECRET_HASH);
      return passwordSignIn(fc, username, required(params, 'PASSWORD'));
    }
    case 'USER_SRP_AUTH': {
      const username = required(params, 'USERNAME');
      checkSecretHash(fc.client, username, params?.SECRET_HASH);
      return srpStart(fc, username, required(params, 'SRP_A'));
    }
    case 'CUSTOM_AUTH': {
      const username = required(params, 'USERNAME');
      checkSecretHash(fc.client, username, params?.SECRET_HASH);
      return customStart(fc, username, params);
    }
    case 'USER_AUTH': {
      const username = required(params, 'USERNAME');
      checkSecretHash(fc.client, username, params?.SECRET_HASH);
      if (session) return signInAfterSignUp(fc, username, session);
      return userAuthStart(fc, username, params);
    }
  }
  throw authMethodNotSupported();
}

/** How each challenge's answer is taken: its Session (SRP's comes in its responses) and ChallengeResponses. */
type Responder = (fc: FlowContext, session: string | undefined, responses: Record<string, string> | undefined) => Promise<AuthAnswer>;

const RESPONDERS: Record<string, Responder> = {
  PASSWORD_VERIFIER: (fc, _session, responses) => srpVerify(fc, responses),
  NEW_PASSWORD_REQUIRED: newPasswordRespond,
  CUSTOM_CHALLENGE: customRespond,
  SMS_MFA: (fc, session, responses) => answerCodeChallenge(fc, 'SMS_MFA', session, responses),
  EMAIL_OTP: (fc, session, responses) => answerCodeChallenge(fc, 'EMAIL_OTP', session, responses),
  SMS_OTP: (fc, session, responses) => answerCodeChallenge(fc, 'SMS_OTP', session, responses),
  SELECT_CHALLENGE: selectChallengeRespond,
  WEB_AUTHN: answerWebAuthnChallenge,
  SOFTWARE_TOKEN_MFA: softwareTokenRespond,
  SELECT_MFA_TYPE: selectMfaRespond,
  MFA_SETUP: mfaSetupRespond,
  DEVICE_SRP_AUTH: deviceSrpRespond,
  DEVICE_PASSWORD_VERIFIER: devicePasswordVerify,
};

export async function respondToChallenge(fc: FlowContext, challenge: string, session: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  if (!Object.hasOwn(RESPONDERS, challenge)) throw unsupportedChallenge(challenge);
  checkSecretHash(fc.client, required(responses, 'USERNAME'), responses?.SECRET_HASH);
  return answerChallenge(fc, challenge, session, responses);
}

/** A challenge's answer without SECRET_HASH: the managed login pages, which hold the client's secret themselves, answer so. */
export async function answerChallenge(fc: FlowContext, challenge: string, session: string | undefined, responses: Record<string, string> | undefined): Promise<AuthAnswer> {
  const respond = Object.hasOwn(RESPONDERS, challenge) ? RESPONDERS[challenge] : undefined;
  if (!respond) throw unsupportedChallenge(challenge);
  return respond(responses?.DEVICE_KEY ? { ...fc, deviceKey: responses.DEVICE_KEY } : fc, session, responses);
}
