/**
 * Sign-in through a SAML 2.0 identity provider: `/oauth2/authorize?identity_provider=<name>` sends
 * the browser to the IdP with an AuthnRequest (HTTP-Redirect binding) and a RelayState; the IdP
 * POSTs the browser back to `/saml2/idpresponse` with its SAMLResponse and that RelayState. What
 * the round trip needs (the authorize parameters, the provider, the AuthnRequest's ID) waits in the
 * store under the SHA-256 of the RelayState, for 10 minutes, once, bound to the browser that
 * started it. IdP-initiated sign-in (a Response that answers no request of ours) is not accepted.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { SAML_NAME_ID } from '../../domain/federated-attributes.ts';
import { finishSaml, SAML_ROUND_TRIP_MS, serviceProvider, startSaml, type SamlRequestSent } from '../../flows/federation/saml-upstream.ts';
import { hashToken } from '../../flows/session.ts';
import type { Deps } from '../../services/deps.ts';
import { federationFailed } from '../../errors/index.ts';
import { finishFederation, sendUnknownRoundTrip } from './federation-finish.ts';
import { cookiesOf, formOf, setCookie } from './http.ts';
import type { PageRequest } from './page-context.ts';

const CHALLENGE = 'SAML_FEDERATION';

type Pending = {
  carry: Record<string, string>;
  provider: string;
  sent: SamlRequestSent;
  /** The SHA-256 of the round trip's cookie. */
  browser: string;
};

/**
 * The round trip's cookie, one per RelayState (so that two sign-ins in one browser do not undo
 * each other), holding a secret whose hash waits with the round trip: only the browser that
 * started the sign-in finishes it, so a Response handed to another browser signs nobody in there
 * (login CSRF). The pages' CSRF cookie cannot serve: it is SameSite=Lax, and the IdP's POST is
 * cross-site.
 */
const roundTripCookie = (relayState: string) => `cognate-saml-${hashToken(relayState).slice(0, 16)}`;
const ACS_PATH = '/saml2/idpresponse';

function isSameBrowser(req: FastifyRequest, relayState: string, mark: unknown): boolean {
  const have = cookiesOf(req).get(roundTripCookie(relayState));
  if (!have || typeof mark !== 'string') return false;
  const a = Buffer.from(hashToken(have));
  const b = Buffer.from(mark);
  return a.length === b.length && timingSafeEqual(a, b);
}

const spOf = (deps: Deps, poolId: string) => serviceProvider(poolId, deps.tokens.endpointBase());

export async function startSamlFederation(deps: Deps, req: FastifyRequest, reply: FastifyReply, p: PageRequest, provider: IdentityProviderRecord): Promise<FastifyReply> {
  // The SAML bindings allow a RelayState of at most 80 bytes: 43 characters here.
  const relayState = randomBytes(32).toString('base64url');
  const { url, sent } = await startSaml({ ...deps, log: req.log }, provider, spOf(deps, p.pool.id), relayState);
  const now = deps.clock.now();
  const secret = randomBytes(32).toString('base64url');
  const state: Pending = { carry: p.carry, provider: provider.name, sent, browser: hashToken(secret) };
  await deps.store.authSessions.put({
    hash: hashToken(relayState), poolId: p.pool.id, clientId: p.client.clientId, sub: '', challenge: CHALLENGE, state, createdAt: now, expiresAt: now + SAML_ROUND_TRIP_MS,
  });
  setCookie(reply, req, roundTripCookie(relayState), secret, SAML_ROUND_TRIP_MS / 1000, { crossSitePost: true, path: ACS_PATH });
  req.log.info({ provider: provider.name, pool: p.pool.id }, 'federated sign-in: to the SAML identity provider');
  return reply.redirect(url, 302);
}

/** `POST /saml2/idpresponse`: the IdP's Response, back to the sign-in its RelayState names. */
export async function samlIdpResponse(deps: Deps, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  let form: URLSearchParams;
  try {
    form = formOf(req);
  } catch {
    return sendUnknownRoundTrip(reply);
  }
  const relayState = form.get('RelayState');
  const pending = relayState && relayState.length <= 512 ? await deps.store.authSessions.take(hashToken(relayState), deps.clock.now()) : undefined;
  if (!pending || pending.challenge !== CHALLENGE || !isSameBrowser(req, relayState!, pending.state.browser)) return sendUnknownRoundTrip(reply);
  setCookie(reply, req, roundTripCookie(relayState!), '', 0, { crossSitePost: true, path: ACS_PATH });
  const { carry, provider: name, sent } = pending.state as unknown as Pending;
  return finishFederation(deps, req, reply, carry, name, async (provider) => {
    const samlResponse = form.get('SAMLResponse');
    if (!samlResponse) throw federationFailed('the identity provider sent no SAMLResponse.');
    const { nameId, issuer, attributes } = await finishSaml({ ...deps, log: req.log }, provider, spOf(deps, provider.poolId), samlResponse, sent);
    // The NameID last: an attribute of the same name does not stand in for the subject.
    return { claims: { ...attributes, [SAML_NAME_ID]: nameId }, issuer };
  });
}
