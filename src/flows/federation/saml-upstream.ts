/**
 * The two halves of a sign-in through a SAML 2.0 identity provider, with Cognito's service
 * provider identity (entity ID `urn:amazon:cognito:sp:<pool id>`, assertion consumer service
 * `<base>/saml2/idpresponse`): startSaml gives the IdP's URL with an AuthnRequest (HTTP-Redirect
 * binding, signed with the pool's signing certificate when RequestSigningAlgorithm is rsa-sha256);
 * finishSaml validates the Response the browser POSTs back (node-saml: the signature of the
 * response or of its assertion against the IdP's certificates, the audience, the time conditions,
 * InResponseTo) and checks what node-saml leaves to its caller (the issuer, the destination and
 * recipient, an assertion used once), then gives the NameID and the attributes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SAML, SamlStatusError, ValidateInResponseTo, type CacheProvider, type Profile, type SamlConfig } from '@node-saml/node-saml';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { federationFailed, isCognitoError } from '../../errors/index.ts';
import { openDetails } from '../../services/directory/identity-providers.ts';
import type { Deps } from '../../services/deps.ts';
import { idpMetadata, responseDestination, type IdpMetadata } from '../../services/federation/saml-metadata.ts';
import { poolSigningKey } from '../../services/federation/signing-certificate.ts';

export type SamlDeps = Pick<Deps, 'sealer' | 'clock' | 'random' | 'upstream' | 'store'> & { log?: { warn(o: object, msg: string): void } };

/** Cognito's service provider: what an administrator registers with the IdP. */
export interface ServiceProvider {
  entityId: string;
  acsUrl: string;
}
export const serviceProvider = (poolId: string, endpointBase: string): ServiceProvider => ({ entityId: `urn:amazon:cognito:sp:${poolId}`, acsUrl: `${endpointBase}/saml2/idpresponse` });

/** What waits with the RelayState for the Response: the AuthnRequest's ID and when it was made. */
export interface SamlRequestSent {
  requestId: string;
  issuedAt: string;
}

/** How far the IdP's clock may be from ours. */
const CLOCK_SKEW_MS = 60_000;
/** How long after its IssueInstant an assertion is accepted, whatever its NotOnOrAfter says (and how long its ID is remembered). */
const MAX_ASSERTION_AGE_MS = 10 * 60_000;
/** The answer to a request older than this is refused: the round trip's own lifetime. */
export const SAML_ROUND_TRIP_MS = 10 * 60_000;
/** More than any real Response (base64 of the XML), well under the server's body limit. */
const MAX_RESPONSE_CHARS = 512 * 1024;
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

const pem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

function failed(deps: SamlDeps, provider: IdentityProviderRecord, reason: string, e?: unknown): Error {
  if (isCognitoError(e)) return e;
  deps.log?.warn({ provider: provider.name, poolId: provider.poolId, err: e instanceof Error ? e.message : String(e ?? '') }, `federated sign-in: ${reason}`);
  return federationFailed(reason);
}

/** node-saml's options for this provider; `requestId` is the one ID it may hand out (startSaml) or expect back (finishSaml). */
function samlOf(sp: ServiceProvider, metadata: IdpMetadata, o: { requestId: string; signingKey?: string; expected?: SamlRequestSent }): SAML {
  const config: SamlConfig = {
    entryPoint: metadata.ssoRedirectUrl,
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    audience: sp.entityId,
    idpCert: metadata.signingCertificates.map(pem),
    identifierFormat: UNSPECIFIED,
    disableRequestedAuthnContext: true,
    generateUniqueId: () => o.requestId,
    // Either the Response or its Assertion signed by the IdP (node-saml refuses a document with neither).
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    maxAssertionAgeMs: MAX_ASSERTION_AGE_MS,
    requestIdExpirationPeriodMs: SAML_ROUND_TRIP_MS,
    // IdP-initiated sign-in is not accepted: every Response answers a request of ours.
    validateInResponseTo: o.expected ? ValidateInResponseTo.always : ValidateInResponseTo.never,
    ...(o.expected ? { cacheProvider: oneRequest(o.expected) } : {}),
    ...(o.signingKey ? { privateKey: o.signingKey, signatureAlgorithm: 'sha256' as const } : {}),
  };
  return new SAML(config);
}

/**
 * node-saml's request-ID cache, holding the one request this Response may answer. The request
 * itself waits in the store with its RelayState (taken once), so every instance can finish it.
 */
function oneRequest(sent: SamlRequestSent): CacheProvider {
  return {
    saveAsync: async () => null,
    getAsync: async (key) => (key === sent.requestId ? sent.issuedAt : null),
    removeAsync: async () => null,
  };
}

/** Where to send the browser (the IdP's SSO URL with SAMLRequest and RelayState), and the request to keep until it comes back. */
export async function startSaml(deps: SamlDeps, provider: IdentityProviderRecord, sp: ServiceProvider, relayState: string): Promise<{ url: string; sent: SamlRequestSent }> {
  if (provider.type !== 'SAML') throw federationFailed(`provider type ${provider.type} is not a SAML provider.`);
  const metadata = await idpMetadata(deps, provider);
  const details = openDetails(deps.sealer, provider);
  const signingKey = details.RequestSigningAlgorithm === 'rsa-sha256'
    ? (await poolSigningKey({ repos: deps.store, clock: deps.clock, random: deps.random, sealer: deps.sealer }, provider.poolId)).privateKeyPem
    : undefined;
  // An xsd:ID starts with a letter or underscore.
  const sent: SamlRequestSent = { requestId: `_${randomBytes(20).toString('hex')}`, issuedAt: new Date(deps.clock.now()).toISOString() };
  const url = await samlOf(sp, metadata, { requestId: sent.requestId, signingKey }).getAuthorizeUrlAsync(relayState, undefined, {});
  return { url, sent };
}

/** What a validated Response says of the user. */
export interface SamlAssertionClaims {
  /** The NameID: the provider's user id. */
  nameId: string;
  /** The IdP's entity ID (the assertion's Issuer). */
  issuer: string;
  /** The attributes by their SAML names; a multi-valued one as its values. */
  attributes: Record<string, string | string[]>;
}

type XmlText = string | { _?: string };
type AssertionXmlJs = {
  $?: { ID?: string; IssueInstant?: string };
  Issuer?: XmlText[];
  Subject?: { NameID?: XmlText[]; SubjectConfirmation?: { SubjectConfirmationData?: { $?: { Recipient?: string } }[] }[] }[];
};
const textOf = (v: XmlText | undefined) => (typeof v === 'string' ? v : v?._);

/**
 * What the signed assertion itself says (node-saml's parse of the verified XML). Its issuer and
 * NameID are read here rather than from the profile, where an attribute named `issuer` or `nameID`
 * stands in for a missing element.
 */
function assertionFacts(profile: Profile) {
  const assertion = (profile.getAssertion?.() as { Assertion?: AssertionXmlJs } | undefined)?.Assertion;
  const subject = assertion?.Subject?.[0];
  return {
    id: assertion?.$?.ID,
    issueInstant: assertion?.$?.IssueInstant,
    issuer: textOf(assertion?.Issuer?.[0]),
    nameId: textOf(subject?.NameID?.[0]),
    recipients: (subject?.SubjectConfirmation ?? []).map((c) => c.SubjectConfirmationData?.[0]?.$?.Recipient),
  };
}

/** An attribute value as text: xml2js gives an element with children as an object, which no mapping can use. */
function attributesOf(profile: Profile): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries((profile.attributes ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/**
 * The user of a Response POSTed to the ACS URL, validated against the IdP's metadata and the
 * request `sent` (taken from the store with the RelayState). Every refusal is a federation
 * failure, its detail logged.
 */
export async function finishSaml(deps: SamlDeps, provider: IdentityProviderRecord, sp: ServiceProvider, samlResponse: string, sent: SamlRequestSent): Promise<SamlAssertionClaims> {
  if (provider.type !== 'SAML') throw federationFailed(`provider type ${provider.type} is not a SAML provider.`);
  if (samlResponse.length > MAX_RESPONSE_CHARS) throw federationFailed('the SAML response is too large.');
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  // SAML core 1.3: no DTD in a SAML message. One is how entity expansion starts.
  if (/<!DOCTYPE/i.test(xml)) throw failed(deps, provider, 'the SAML response is not valid.', new Error('a DOCTYPE'));
  const metadata = await idpMetadata(deps, provider);

  let profile: Profile | null;
  try {
    ({ profile } = await samlOf(sp, metadata, { requestId: sent.requestId, expected: sent }).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (e) {
    if (e instanceof SamlStatusError) throw failed(deps, provider, 'the provider did not sign the user in (its SAML status is not Success).', e);
    throw failed(deps, provider, 'the SAML response is not valid.', e);
  }
  if (!profile) throw failed(deps, provider, 'the SAML response holds no assertion.');
  const facts = assertionFacts(profile);
  if (!facts.nameId) throw failed(deps, provider, 'the SAML assertion names no user (NameID).');
  // The issuer and destination checks are the caller's: node-saml checks neither for a sign-in.
  if (facts.issuer !== metadata.entityId) throw failed(deps, provider, 'the SAML assertion is not the provider\'s (Issuer).', new Error(`issuer ${facts.issuer}`));
  const destination = responseDestination(xml);
  if (destination !== undefined && destination !== sp.acsUrl) throw failed(deps, provider, 'the SAML response is for another service provider (Destination).', new Error(`destination ${destination}`));
  // Web Browser SSO profile (saml-profiles-2.0-os 4.1.4.2): a bearer confirmation whose Recipient is the ACS URL.
  if (facts.recipients.length === 0 || facts.recipients.some((r) => r !== sp.acsUrl)) throw failed(deps, provider, 'the SAML assertion is for another service provider (Recipient).');
  if (!facts.id || !facts.issueInstant) throw failed(deps, provider, 'the SAML assertion has no ID.');
  await useOnce(deps, provider, metadata.entityId, facts.id, facts.issueInstant);
  return { nameId: facts.nameId, issuer: metadata.entityId, attributes: attributesOf(profile) };
}

/**
 * An assertion signs in once: its ID is counted in the store, under the UTC day of its
 * IssueInstant (the same for a replay; the count outlives the assertion, which is refused
 * MAX_ASSERTION_AGE_MS after that instant, by the two days the store keeps counters).
 */
async function useOnce(deps: SamlDeps, provider: IdentityProviderRecord, issuer: string, id: string, issueInstant: string): Promise<void> {
  const key = `saml-assertion:${createHash('sha256').update(JSON.stringify([provider.poolId, issuer, id])).digest('base64url')}`;
  const day = new Date(Date.parse(issueInstant)).toISOString().slice(0, 10);
  if (!(await deps.store.quotas.take(key, day, 1))) throw failed(deps, provider, 'the SAML assertion has been used already.', new Error(`assertion ${id} replayed`));
}
