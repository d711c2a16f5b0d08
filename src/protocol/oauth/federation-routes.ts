/**
 * Sign-in through another identity provider: `/oauth2/authorize?identity_provider=<name>` (or
 * `idp_identifier=<identifier>`) sends the browser to the provider; it comes back to
 * `/oauth2/idpresponse`, where the provider's answer is checked, the pool's user found or made
 * (flows/federation), and the authorization completed as after a sign-in on the pages. What the
 * round trip needs (the authorize parameters, the provider's state, nonce and PKCE verifier) waits
 * in the store under the SHA-256 of the state, for 10 minutes, once. A SAML provider's round trip
 * is saml-routes.ts's; both end in federation-finish.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { oauthInvalidRequest } from '../../errors/oauth.ts';
import { finishUpstream, startUpstream } from '../../flows/federation/oidc-upstream.ts';
import { hashToken } from '../../flows/session.ts';
import type { Deps } from '../../services/deps.ts';
import { finishFederation, sendUnknownRoundTrip } from './federation-finish.ts';
import { queryOf } from './http.ts';
import { browserMark, isSameBrowser, sendErrorPage, type PageRequest } from './page-context.ts';
import { startSamlFederation } from './saml-routes.ts';

const CHALLENGE = 'FEDERATION';
const ROUND_TRIP_MS = 10 * 60_000;

async function providerOf(deps: Deps, p: PageRequest): Promise<IdentityProviderRecord | undefined> {
  const { identityProvider, idpIdentifier } = p.request;
  if (identityProvider) return deps.store.identityProviders.get(p.pool.id, identityProvider);
  return idpIdentifier ? deps.store.identityProviders.getByIdentifier(p.pool.id, idpIdentifier) : undefined;
}

/** Where the providers send the browser back: registered with them as the redirect URI. */
export const idpResponseUrl = (deps: Deps) => `${deps.tokens.endpointBase()}/oauth2/idpresponse`;

export async function startFederation(deps: Deps, req: FastifyRequest, reply: FastifyReply, p: PageRequest): Promise<FastifyReply> {
  if (p.request.identityProvider === 'COGNITO') return reply.redirect(`/login?${new URLSearchParams(p.carry)}`, 302);
  const provider = await providerOf(deps, p);
  const supported = p.client.config.SupportedIdentityProviders ?? [];
  if (!provider || !supported.includes(provider.name)) throw oauthInvalidRequest('The identity provider is not one of the app client\'s.');
  if (provider.type === 'SAML') return startSamlFederation(deps, req, reply, p, provider);
  if (provider.type !== 'OIDC') {
    return sendErrorPage(reply, 'This identity provider is not available.', `Cognate signs in through OIDC and SAML providers; ${provider.type} federation is not supported.`, 501);
  }
  const { url, checks } = await startUpstream(deps, provider, { redirectUri: idpResponseUrl(deps) });
  const now = deps.clock.now();
  await deps.store.authSessions.put({
    hash: hashToken(checks.state), poolId: p.pool.id, clientId: p.client.clientId, sub: '', challenge: CHALLENGE,
    state: { carry: p.carry, provider: provider.name, checks, browser: browserMark(p.csrf) }, createdAt: now, expiresAt: now + ROUND_TRIP_MS,
  });
  req.log.info({ provider: provider.name, pool: p.pool.id }, 'federated sign-in: to the identity provider');
  return reply.redirect(url, 302);
}

export async function idpResponse(deps: Deps, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const q = queryOf(req);
  const pending = q.state && q.state.length <= 512 ? await deps.store.authSessions.take(hashToken(q.state), deps.clock.now()) : undefined;
  // Another browser's callback (handed over to sign its holder in as someone else) is as unknown as a made-up one.
  if (!pending || pending.challenge !== CHALLENGE || !isSameBrowser(req, pending.state.browser)) return sendUnknownRoundTrip(reply);
  const { carry, provider: name, checks } = pending.state as { carry: Record<string, string>; provider: string; checks: Parameters<typeof finishUpstream>[3] };
  return finishFederation(deps, req, reply, carry, name, async (provider) => {
    const callback = new URL(req.url, idpResponseUrl(deps));
    return { claims: await finishUpstream(deps, provider, callback, checks), issuer: null };
  });
}
