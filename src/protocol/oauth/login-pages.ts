/**
 * The managed login pages' sign-in: `/login` (username and password), then the challenges a
 * sign-in may meet (`/mfa`: a code by SMS or email, an authenticator's code, a choice of factor, an
 * authenticator to set up; `/newPassword`), each run by the sign-in flows the API uses
 * (FlowContext.hosted: they end in `SignedIn`, not tokens). Signed in, the browser gets the
 * managed login session's cookie and goes back to the app with a code (or tokens).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../../domain/user.ts';
import { LOGIN_SESSION_MS } from '../../domain/oauth.ts';
import { isCognitoError, type CognitoError } from '../../errors/index.ts';
import { oauthInvalidRequest } from '../../errors/oauth.ts';
import type { AuthAnswer } from '../../flows/context.ts';
import { answerChallenge } from '../../flows/dispatch.ts';
import { grantAuthorization } from '../../flows/oauth/grant.ts';
import { openLoginSession } from '../../flows/oauth/login-session.ts';
import { associateInSignIn, verifyInSignIn } from '../../flows/software-token.ts';
import { passwordSignIn } from '../../flows/user-password.ts';
import type { Deps } from '../../services/deps.ts';
import { mfaPage, newPasswordPage, selectMfaPage, signInPage, totpSetupPage, type Field } from '../hosted-ui/views.ts';
import { formOf, queryOf, setCookie } from './http.ts';
import { admitAs, flowContext, frameOf, pageRequest, paramsOf, redirectError, sendErrorPage, sendPage, sessionCookie, type PageRequest } from './page-context.ts';
import { fieldOf, passwordHint, signInOptions } from './page-fields.ts';

type Challenge = 'SMS_MFA' | 'EMAIL_OTP' | 'SOFTWARE_TOKEN_MFA';
const CODE_RESPONSE: Record<Challenge, string> = { SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE' };

/** A page request read from a POSTed form (CSRF checked), or undefined once an answer was sent. */
async function fromForm(deps: Deps, req: FastifyRequest, reply: FastifyReply): Promise<{ p: PageRequest; form: URLSearchParams } | undefined> {
  let form: URLSearchParams;
  try {
    form = formOf(req);
  } catch (e) {
    sendErrorPage(reply, 'An error was encountered with the requested page.', (e as Error).message);
    return undefined;
  }
  const p = await pageRequest(deps, req, reply, paramsOf(form), form);
  return p && { p, form };
}

/** Signed in: the session cookie, then back to the app. */
export async function signedIn(deps: Deps, req: FastifyRequest, reply: FastifyReply, p: PageRequest, user: UserRecord, authTime: number): Promise<FastifyReply> {
  const token = await openLoginSession(deps, p.pool, user, authTime);
  setCookie(reply, req, sessionCookie(p.pool.id), token, LOGIN_SESSION_MS / 1000);
  try {
    return reply.redirect(await grantAuthorization(flowContext(deps, req, p.pool, p.client), p.request, user, authTime), 302);
  } catch (e) {
    // A PreTokenGeneration function that fails (implicit flow) goes back to the app as Cognito sends it.
    if (isCognitoError(e) && e.type !== 'InternalErrorException') return redirectError(reply, { redirectUri: p.request.redirectUri, state: p.request.state, fragment: true }, oauthInvalidRequest(e.message));
    throw e;
  }
}

export function renderSignIn(deps: Deps, reply: FastifyReply, p: PageRequest, o: { username?: string; error?: string; info?: string }, status = 200): Promise<FastifyReply> {
  return signInOptions(deps, p).then((opts) =>
    sendPage(reply, signInPage(frameOf(p, 'Sign in', { ...(o.error ? { error: o.error } : {}), ...(o.info ? { info: o.info } : {}) }), { ...opts, ...(o.username ?? p.request.loginHint ? { username: o.username ?? p.request.loginHint } : {}) }), status));
}

/** What a sign-in answered: signed in, or the page of its next challenge. */
async function nextStep(deps: Deps, req: FastifyRequest, reply: FastifyReply, p: PageRequest, answer: AuthAnswer, username: string): Promise<FastifyReply> {
  if (answer.SignedIn) {
    const user = await deps.store.users.get(p.pool.id, answer.SignedIn.sub);
    if (user) return signedIn(deps, req, reply, p, user, answer.SignedIn.authTime);
  }
  const session = answer.Session ?? '';
  const params = answer.ChallengeParameters ?? {};
  const name = params.USER_ID_FOR_SRP ?? params.USERNAME ?? username;
  switch (answer.ChallengeName) {
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SOFTWARE_TOKEN_MFA':
      return sendPage(reply, mfaPage(frameOf(p, 'Verification code'), { session, username: name, kind: answer.ChallengeName, ...(params.CODE_DELIVERY_DESTINATION ? { destination: params.CODE_DELIVERY_DESTINATION } : {}) }));
    case 'SELECT_MFA_TYPE': {
      const options = (JSON.parse(params.MFAS_CAN_CHOOSE ?? '[]') as Challenge[]).filter((o) => o in CODE_RESPONSE);
      return sendPage(reply, selectMfaPage(frameOf(p, 'Choose how to verify'), { session, username: name, options }));
    }
    case 'MFA_SETUP': {
      const setup = await associateInSignIn(deps, { userAgent: req.headers['user-agent'], log: req.log, sourceIp: req.ip }, session);
      const label = encodeURIComponent(`${p.client.name}:${name}`);
      const otpauthUri = `otpauth://totp/${label}?secret=${setup.SecretCode}&issuer=${encodeURIComponent(p.client.name)}`;
      return sendPage(reply, totpSetupPage(frameOf(p, 'Set up an authenticator'), { session: setup.Session, username: name, secret: setup.SecretCode, otpauthUri }));
    }
    case 'NEW_PASSWORD_REQUIRED': {
      const required = JSON.parse(params.requiredAttributes ?? '[]') as string[];
      const fields: Field[] = required.map((r) => fieldOf(p.pool, r.replace(/^userAttributes\./, '')));
      return sendPage(reply, newPasswordPage(frameOf(p, 'Change your password'), { session, username: name, fields, passwordHint: passwordHint(p.pool) }));
    }
  }
  return sendErrorPage(reply, 'This sign-in cannot continue here.', `The sign-in asks for a ${answer.ChallengeName ?? 'step'} challenge, which the managed login pages do not offer. Sign in through the API instead.`);
}

/** A refused step: the message on the page it came from (the same Session, when the flow kept it). */
function refusal(e: unknown): CognitoError {
  if (isCognitoError(e) && e.type !== 'InternalErrorException') return e;
  throw e;
}

export function registerLoginPages(app: FastifyInstance, deps: Deps): void {
  app.get('/login', async (req, reply) => {
    let q;
    try {
      q = queryOf(req);
    } catch (e) {
      return sendErrorPage(reply, 'An error was encountered with the requested page.', (e as Error).message);
    }
    const p = await pageRequest(deps, req, reply, q);
    return p ? renderSignIn(deps, reply, p, {}) : reply;
  });

  app.post('/login', async (req, reply) => {
    const got = await fromForm(deps, req, reply);
    if (!got) return reply;
    const { p, form } = got;
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    // A client that does not offer the pool's own users (SupportedIdentityProviders without COGNITO) signs in only through its providers.
    if (!(p.client.config.SupportedIdentityProviders ?? ['COGNITO']).includes('COGNITO')) return renderSignIn(deps, reply, p, { error: 'Sign in with one of the providers below.' }, 400);
    if (!username || !password) return renderSignIn(deps, reply, p, { username, error: 'Enter your username and password.' }, 400);
    try {
      await admitAs(deps, p, 'InitiateAuth');
      const answer = await passwordSignIn(flowContext(deps, req, p.pool, p.client, true), username, password);
      return await nextStep(deps, req, reply, p, answer, username);
    } catch (e) {
      const err = refusal(e);
      if (err.type === 'UserNotConfirmedException') return reply.redirect(`/confirm?${new URLSearchParams({ ...p.carry, username })}`, 302);
      if (err.type === 'PasswordResetRequiredException') return reply.redirect(`/forgotPassword?${new URLSearchParams({ ...p.carry, username })}`, 302);
      return renderSignIn(deps, reply, p, { username, error: err.message }, 400);
    }
  });

  app.post('/mfa', async (req, reply) => {
    const got = await fromForm(deps, req, reply);
    if (!got) return reply;
    const { p, form } = got;
    const session = form.get('session') ?? '';
    const username = form.get('username') ?? '';
    const challenge = form.get('challenge') ?? '';
    const fc = flowContext(deps, req, p.pool, p.client, true);
    try {
      await admitAs(deps, p, 'RespondToAuthChallenge');
      let answer: AuthAnswer;
      if (challenge === 'SELECT_MFA_TYPE') {
        answer = await answerChallenge(fc, challenge, session, { USERNAME: username, ANSWER: form.get('answer') ?? '' });
      } else if (challenge === 'MFA_SETUP') {
        const verified = await verifyInSignIn(deps, fc.ctx, session, form.get('code') ?? '', form.get('friendlyDeviceName') || undefined);
        answer = await answerChallenge(fc, 'MFA_SETUP', verified.Session, { USERNAME: username });
      } else if (challenge in CODE_RESPONSE) {
        answer = await answerChallenge(fc, challenge, session, { USERNAME: username, [CODE_RESPONSE[challenge as Challenge]]: form.get('code') ?? '' });
      } else {
        return sendErrorPage(reply, 'An error was encountered with the requested page.', 'Unknown challenge.');
      }
      return await nextStep(deps, req, reply, p, answer, username);
    } catch (e) {
      const err = refusal(e);
      // A wrong code keeps its Session: the same page again, to try once more.
      if (err.type === 'CodeMismatchException' && challenge in CODE_RESPONSE) {
        return sendPage(reply, mfaPage(frameOf(p, 'Verification code', { error: err.message }), { session, username, kind: challenge as Challenge }), 400);
      }
      return renderSignIn(deps, reply, p, { username, error: err.message }, 400);
    }
  });

  app.post('/newPassword', async (req, reply) => {
    const got = await fromForm(deps, req, reply);
    if (!got) return reply;
    const { p, form } = got;
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    if (password !== form.get('confirmPassword')) {
      const fields = [...form.keys()].flatMap((k) => /^requiredAttributes\[(.+)\]$/.exec(k)?.slice(1, 2) ?? []).map((a) => fieldOf(p.pool, a));
      const page = newPasswordPage(frameOf(p, 'Change your password', { error: 'The passwords do not match.' }), { session: form.get('session') ?? '', username, fields, passwordHint: passwordHint(p.pool) });
      return sendPage(reply, page, 400);
    }
    const responses: Record<string, string> = { USERNAME: username, NEW_PASSWORD: password };
    for (const [k, v] of form) {
      const m = /^requiredAttributes\[(.+)\]$/.exec(k);
      if (m && v !== '') responses[`userAttributes.${m[1]}`] = v;
    }
    try {
      await admitAs(deps, p, 'RespondToAuthChallenge');
      const answer = await answerChallenge(flowContext(deps, req, p.pool, p.client, true), 'NEW_PASSWORD_REQUIRED', form.get('session') ?? '', responses);
      return await nextStep(deps, req, reply, p, answer, username);
    } catch (e) {
      return renderSignIn(deps, reply, p, { username, error: refusal(e).message }, 400);
    }
  });
}
