/**
 * What every federated sign-in ends with, OIDC (federation-routes.ts) or SAML (saml-routes.ts):
 * the provider's answer turned into the pool's user, the managed login session, and the app's code.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { LOGIN_SESSION_MS } from '../../domain/oauth.ts';
import { isCognitoError } from '../../errors/index.ts';
import { isOAuthError, oauthInvalidRequest } from '../../errors/oauth.ts';
import { federatedSignIn } from '../../flows/federation/federated-user.ts';
import { grantAuthorization } from '../../flows/oauth/grant.ts';
import { openLoginSession } from '../../flows/oauth/login-session.ts';
import { postAuthentication, preAuthentication } from '../../flows/triggers.ts';
import type { Deps } from '../../services/deps.ts';
import { setCookie } from './http.ts';
import { flowContext, pageRequest, redirectError, sendErrorPage, sessionCookie } from './page-context.ts';

/** The page shown for a callback whose round trip the store does not hold (unknown, used, or expired). */
export const sendUnknownRoundTrip = (reply: FastifyReply) =>
  sendErrorPage(reply, 'An error was encountered with the requested page.', 'The sign-in through the identity provider is unknown or has expired. Start again from the app.');

/**
 * The end of every federated sign-in: the authorize request `carry` checked again, the provider's
 * answer read (`answer`), the user found or made, the managed login session opened, and the code
 * (or tokens) sent to the app. A failure goes back to the app as Cognito sends it:
 * error=invalid_request with what went wrong.
 */
export async function finishFederation(
  deps: Deps, req: FastifyRequest, reply: FastifyReply, carry: Record<string, string>, providerName: string,
  answer: (provider: IdentityProviderRecord) => Promise<{ claims: Record<string, unknown>; issuer: string | null }>,
): Promise<FastifyReply> {
  const p = await pageRequest(deps, req, reply, carry);
  if (!p) return reply;
  const to = { redirectUri: p.request.redirectUri, state: p.request.state, fragment: p.request.responseType === 'token' };
  try {
    const provider = await deps.store.identityProviders.get(p.pool.id, providerName);
    if (!provider) throw oauthInvalidRequest('The identity provider no longer exists.');
    const { claims, issuer } = await answer(provider);
    const fc = flowContext(deps, req, p.pool, p.client, true);
    const user = await federatedSignIn(fc, provider, claims, issuer);
    // A federated sign-in is a sign-in: the pool's PreAuthentication and PostAuthentication functions see it too.
    await preAuthentication(fc, user, user.username, undefined);
    await postAuthentication(fc, user, undefined);
    const authTime = Math.floor(deps.clock.now() / 1000);
    const token = await openLoginSession(deps, p.pool, user, authTime);
    setCookie(reply, req, sessionCookie(p.pool.id), token, LOGIN_SESSION_MS / 1000);
    return reply.redirect(await grantAuthorization(flowContext(deps, req, p.pool, p.client), p.request, user, authTime), 302);
  } catch (e) {
    // Cognito sends a failed federation back to the app: error=invalid_request and what went wrong.
    if (isOAuthError(e)) return redirectError(reply, to, e);
    if (isCognitoError(e) && e.type !== 'InternalErrorException') return redirectError(reply, to, oauthInvalidRequest(e.message));
    throw e;
  }
}
