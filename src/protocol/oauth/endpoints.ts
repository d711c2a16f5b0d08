/**
 * The OAuth 2.0 / OIDC endpoints at the root of the server, where Cognito serves them on a pool's
 * domain: `/oauth2/authorize`, `/oauth2/token`, `/oauth2/userInfo`, `/oauth2/revoke`, `/logout`.
 * The pool is the one of the request's client_id (or access token); a request to a registered
 * domain's Host must name a client of that domain's pool.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isRegisteredLogout } from '../../domain/oauth.ts';
import { isOAuthError, isLoginPageError, loginRequired, logoutMismatch, refusedByPool, oauthInvalidRequest, type OAuthError } from '../../errors/oauth.ts';
import { carried, oauthClient } from '../../flows/oauth/authorize.ts';
import { authenticateClient } from '../../flows/oauth/client-auth.ts';
import { grantAuthorization } from '../../flows/oauth/grant.ts';
import { closeLoginSession, loginSessionUser } from '../../flows/oauth/login-session.ts';
import { tokenGrant } from '../../flows/oauth/token-endpoint.ts';
import { revokeAtEndpoint, userInfo } from '../../flows/oauth/userinfo.ts';
import { isCognitoError } from '../../errors/index.ts';
import type { Deps } from '../../services/deps.ts';
import { signedOutPage } from '../hosted-ui/views.ts';
import { cookiesOf, formOf, queryOf, sendJson, sendOAuthError, setCookie } from './http.ts';
import { idpResponse, startFederation } from './federation-routes.ts';
import { brandingOf } from './ui-branding.ts';
import { samlIdpResponse } from './saml-routes.ts';
import { admitAs, flowContext, frameOf, pageRequest, redirectError, sendErrorPage, sendPage, sessionCookie } from './page-context.ts';

/** An endpoint's OAuth errors as JSON; anything else to the server's error handler. */
async function oauthJson(reply: FastifyReply, run: () => Promise<FastifyReply>, scheme: 'Basic' | 'Bearer' = 'Basic'): Promise<FastifyReply> {
  try {
    return await run();
  } catch (e) {
    if (isOAuthError(e)) return sendOAuthError(reply, e as OAuthError, scheme);
    // The pool's protection rules and quotas (ForbiddenException, TooManyRequestsException) in the endpoints' own shape.
    if (isCognitoError(e) && e.type !== 'InternalErrorException') return sendOAuthError(reply, refusedByPool(e.message, e.status), scheme);
    throw e;
  }
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return typeof h === 'string' && /^bearer /i.test(h) ? h.slice(7).trim() : undefined;
}

export function registerOAuthEndpoints(app: FastifyInstance, deps: Deps): void {
  app.get('/oauth2/authorize', async (req, reply) => {
    let q;
    try {
      q = queryOf(req);
    } catch (e) {
      return sendErrorPage(reply, 'An error was encountered with the requested page.', (e as Error).message);
    }
    const p = await pageRequest(deps, req, reply, q);
    if (!p) return reply;
    const fc = flowContext(deps, req, p.pool, p.client);
    try {
      if (p.request.identityProvider || p.request.idpIdentifier) return await startFederation(deps, req, reply, p);
      const session = p.request.prompt === 'login' ? undefined : await loginSessionUser(deps, p.pool, cookiesOf(req).get(sessionCookie(p.pool.id)));
      if (session) return reply.redirect(await grantAuthorization(fc, p.request, session.user, session.authTime), 302);
      if (p.request.prompt === 'none') throw loginRequired();
      return reply.redirect(`/login?${new URLSearchParams(carried(q))}`, 302);
    } catch (e) {
      const to = { redirectUri: p.request.redirectUri, state: p.request.state, fragment: p.request.responseType === 'token' };
      if (isOAuthError(e)) return redirectError(reply, to, e);
      if (isLoginPageError(e)) return sendErrorPage(reply, 'An error was encountered with the requested page.', e.message);
      // An identity provider that cannot be reached (its discovery document or SAML metadata): back to the app, as a failed federation is.
      if (isCognitoError(e) && e.type !== 'InternalErrorException') return redirectError(reply, to, oauthInvalidRequest(e.message));
      throw e;
    }
  });

  app.post('/oauth2/token', async (req, reply) =>
    oauthJson(reply, async () => {
      const form = formOf(req);
      const caller = await authenticateClient(deps.store, form, req.headers.authorization);
      deps.admission.protect(caller, req.ip);
      await admitAs(deps, caller, 'InitiateAuth');
      const answer = await tokenGrant({ deps, ctx: { userAgent: req.headers['user-agent'], log: req.log, sourceIp: req.ip } }, caller, form);
      return sendJson(reply, answer);
    }));

  const info = async (req: FastifyRequest, reply: FastifyReply) => oauthJson(reply, async () => sendJson(reply, await userInfo(deps, bearer(req))), 'Bearer');
  app.get('/oauth2/userInfo', info);
  app.post('/oauth2/userInfo', info);

  app.post('/oauth2/revoke', async (req, reply) =>
    oauthJson(reply, async () => {
      const form = formOf(req);
      const caller = await authenticateClient(deps.store, form, req.headers.authorization);
      const token = form.get('token');
      if (!token) throw oauthInvalidRequest('Missing required parameter token');
      deps.admission.protect(caller, req.ip);
      await admitAs(deps, caller, 'RevokeToken');
      await revokeAtEndpoint(deps, caller, token);
      return reply.status(200).send();
    }));

  app.get('/oauth2/idpresponse', async (req, reply) => idpResponse(deps, req, reply));
  app.post('/saml2/idpresponse', async (req, reply) => samlIdpResponse(deps, req, reply));

  app.get('/logout', async (req, reply) => {
    try {
      const q = queryOf(req);
      const { pool, client } = await oauthClient(deps.store, q.client_id, req.headers.host, deps.config.region);
      const cookie = sessionCookie(pool.id);
      await closeLoginSession(deps, cookiesOf(req).get(cookie));
      setCookie(reply, req, cookie, '', 0);
      if (q.logout_uri !== undefined) {
        if (!isRegisteredLogout(client, q.logout_uri)) throw logoutMismatch();
        return reply.redirect(q.logout_uri, 302);
      }
      // Signed out, then back to the sign-in page for a new authorization (Cognito's "redirect to sign in").
      if (q.redirect_uri !== undefined && q.response_type !== undefined) return reply.redirect(`/login?${new URLSearchParams(carried(q))}`, 302);
      const branding = await brandingOf(deps.store, pool.id, client.clientId);
      return sendPage(reply, signedOutPage(frameOf({ csrf: '', carry: {}, client, ...(branding ? { branding } : {}) }, 'Signed out')));
    } catch (e) {
      if (isLoginPageError(e) || isOAuthError(e)) return sendErrorPage(reply, 'An error was encountered with the requested page.', e.message);
      throw e;
    }
  });
}
