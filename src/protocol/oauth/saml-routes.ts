/**
 * Sign-in through a SAML 2.0 identity provider: `/oauth2/authorize?identity_provider=<name>` sends
 * the browser to the IdP with an AuthnRequest (HTTP-Redirect binding) and a RelayState; the IdP
 * POSTs the browser back to `/saml2/idpresponse` with its SAMLResponse and that RelayState. What
 * the round trip needs (the authorize parameters, the provider, the AuthnRequest's ID) waits in the
 * store under the SHA-256 of the RelayState, for 10 minutes, once. IdP-initiated sign-in (a
 * Response that answers no request of ours) is not accepted.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { SAML_NAME_ID } from '../../domain/federated-attributes.ts';
import { finishSaml, SAML_ROUND_TRIP_MS, serviceProvider, startSaml, type SamlRequestSent } from '../../flows/federation/saml-upstream.ts';
import { hashToken } from '../../flows/session.ts';
import type { Deps } from '../../services/deps.ts';
import { federationFailed } from '../../errors/index.ts';
import { finishFederation, sendUnknownRoundTrip } from './federation-finish.ts';
import { formOf } from './http.ts';
import type { PageRequest } from './page-context.ts';

const CHALLENGE = 'SAML_FEDERATION';

type Pending = {
  carry: Record<string, string>;
  provider: string;
  sent: SamlRequestSent;
};

const spOf = (deps: Deps, poolId: string) => serviceProvider(poolId, deps.tokens.endpointBase());

export async function startSamlFederation(deps: Deps, req: FastifyRequest, reply: FastifyReply, p: PageRequest, provider: IdentityProviderRecord): Promise<FastifyReply> {
  // The SAML bindings allow a RelayState of at most 80 bytes: 43 characters here.
  const relayState = randomBytes(32).toString('base64url');
  const { url, sent } = await startSaml({ ...deps, log: req.log }, provider, spOf(deps, p.pool.id), relayState);
  const now = deps.clock.now();
  const state: Pending = { carry: p.carry, provider: provider.name, sent };
  await deps.store.authSessions.put({
    hash: hashToken(relayState), poolId: p.pool.id, clientId: p.client.clientId, sub: '', challenge: CHALLENGE, state, createdAt: now, expiresAt: now + SAML_ROUND_TRIP_MS,
  });
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
  if (!pending || pending.challenge !== CHALLENGE) return sendUnknownRoundTrip(reply);
  const { carry, provider: name, sent } = pending.state as unknown as Pending;
  return finishFederation(deps, req, reply, carry, name, async (provider) => {
    const samlResponse = form.get('SAMLResponse');
    if (!samlResponse) throw federationFailed('the identity provider sent no SAMLResponse.');
    const { nameId, issuer, attributes } = await finishSaml({ ...deps, log: req.log }, provider, spOf(deps, provider.poolId), samlResponse, sent);
    // The NameID last: an attribute of the same name does not stand in for the subject.
    return { claims: { ...attributes, [SAML_NAME_ID]: nameId }, issuer };
  });
}
