/**
 * A SAML identity provider's metadata (SAML 2.0 Metadata, OASIS saml-metadata-2.0-os): its entity
 * ID, where its single sign-on service takes an AuthnRequest by the HTTP-Redirect binding, and the
 * certificates it signs with. From the provider's MetadataFile, or fetched from its MetadataURL as
 * an OIDC provider's discovery document is (time limit, size limit, https or loopback http, no
 * redirects), and kept for the cache's time to live.
 */
import { X509Certificate } from 'node:crypto';
import { DOMParser, type XmlElement } from '@xmldom/xmldom/lib/dom-parser.js';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { federationFailed } from '../../errors/index.ts';
import type { Sealer } from '../sealing/sealer.ts';
import { openDetails } from '../directory/identity-providers.ts';
import { boundedFetch, fetchableUrl, type UpstreamConfigurations } from './upstream-http.ts';

export interface IdpMetadata {
  entityId: string;
  /** The SingleSignOnService of the HTTP-Redirect binding. */
  ssoRedirectUrl: string;
  /** The SingleLogoutService of the HTTP-Redirect binding, if any. */
  sloRedirectUrl?: string;
  /** The signing certificates, base64 DER (as in the metadata, whitespace removed). */
  signingCertificates: string[];
}

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
/** More than any real metadata document holds; a MetadataFile is at most 131072 characters (the API model). */
const MAX_CERTIFICATES = 10;

class MetadataError extends Error {}

/** The document, or a MetadataError: malformed XML, or a DTD (entity declarations are how XML bombs and XXE start; metadata never needs one). */
function parseXml(xml: string): XmlElement {
  if (/<!DOCTYPE/i.test(xml)) throw new MetadataError('a DOCTYPE is not accepted');
  const fail = (msg: string) => {
    throw new MetadataError(`malformed XML: ${String(msg).split('\n')[0]}`);
  };
  const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml');
  if (!doc?.documentElement) throw new MetadataError('no document element');
  return doc.documentElement;
}

const children = (parent: XmlElement, ns: string, name: string): XmlElement[] =>
  Array.from(parent.childNodes).filter((n): n is XmlElement => n.nodeType === 1 && n.namespaceURI === ns && n.localName === name);

/** The one EntityDescriptor that describes an identity provider: the document's root, or one inside an EntitiesDescriptor. */
function idpEntity(root: XmlElement): { entity: XmlElement; idp: XmlElement } {
  const entities = root.namespaceURI === MD && root.localName === 'EntitiesDescriptor' ? children(root, MD, 'EntityDescriptor') : [root];
  const found = entities.filter((e) => e.namespaceURI === MD && e.localName === 'EntityDescriptor' && children(e, MD, 'IDPSSODescriptor').length > 0);
  if (found.length !== 1) throw new MetadataError(found.length ? 'it describes more than one identity provider' : 'it describes no identity provider (IDPSSODescriptor)');
  return { entity: found[0], idp: children(found[0], MD, 'IDPSSODescriptor')[0] };
}

function redirectLocation(idp: XmlElement, service: string): string | undefined {
  const endpoint = children(idp, MD, service).find((e) => e.getAttribute('Binding') === REDIRECT);
  return endpoint?.getAttribute('Location') ?? undefined;
}

/** A URL the browser may be sent to: https, or http to this machine (an IdP run locally). */
function browserUrl(value: string | undefined, what: string): string {
  if (!value || !fetchableUrl(value)) throw new MetadataError(`its ${what} is not an https URL`);
  return value;
}

/** The metadata of a document, or a MetadataError saying what is wrong with it. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const { entity, idp } = idpEntity(parseXml(xml));
  const entityId = entity.getAttribute('entityID');
  if (!entityId) throw new MetadataError('it has no entityID');
  const ssoRedirectUrl = browserUrl(redirectLocation(idp, 'SingleSignOnService'), 'SingleSignOnService for the HTTP-Redirect binding');
  const slo = redirectLocation(idp, 'SingleLogoutService');
  const signingCertificates: string[] = [];
  for (const key of children(idp, MD, 'KeyDescriptor')) {
    const use = key.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const info of children(key, DS, 'KeyInfo')) {
      for (const data of children(info, DS, 'X509Data')) {
        for (const cert of children(data, DS, 'X509Certificate')) {
          const b64 = (cert.textContent ?? '').replace(/\s+/g, '');
          try {
            new X509Certificate(Buffer.from(b64, 'base64'));
          } catch {
            throw new MetadataError('one of its signing certificates is not an X.509 certificate');
          }
          if (!signingCertificates.includes(b64)) signingCertificates.push(b64);
        }
      }
    }
  }
  if (signingCertificates.length === 0) throw new MetadataError('it names no signing certificate');
  if (signingCertificates.length > MAX_CERTIFICATES) throw new MetadataError('it names too many signing certificates');
  return { entityId, ssoRedirectUrl, ...(slo && fetchableUrl(slo) ? { sloRedirectUrl: slo } : {}), signingCertificates };
}

/** The Destination of a SAML Response document (undefined when it names none, or is not XML: node-saml refuses it then). */
export function responseDestination(xml: string): string | undefined {
  try {
    return parseXml(xml).getAttribute('Destination') || undefined;
  } catch {
    return undefined;
  }
}

export type MetadataDeps = { sealer: Sealer; upstream: UpstreamConfigurations; log?: { warn(o: object, msg: string): void } };

async function fetchMetadata(deps: MetadataDeps, url: URL): Promise<string> {
  const { timeoutSeconds, maxResponseBytes } = deps.upstream.limits;
  const res = await boundedFetch(maxResponseBytes)(url.href, {
    method: 'GET', headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' }, body: undefined as never, redirect: 'manual', signal: AbortSignal.timeout(timeoutSeconds * 1000),
  });
  if (res.status !== 200) throw new MetadataError(`the metadata URL answered ${res.status}`);
  return res.text();
}

/**
 * The provider's metadata: its MetadataFile's, or its MetadataURL's (fetched and kept for the
 * cache's time to live, keyed on the provider's last change, so an UpdateIdentityProvider is seen at
 * once). A document that cannot be read or lacks what a sign-in needs is a federation failure.
 */
export async function idpMetadata(deps: MetadataDeps, provider: IdentityProviderRecord): Promise<IdpMetadata> {
  const details = openDetails(deps.sealer, provider);
  const key = JSON.stringify(['saml-metadata', provider.poolId, provider.name, provider.lastModifiedAt]);
  const cached = deps.upstream.get<IdpMetadata>(key);
  if (cached) return cached;
  let metadata: IdpMetadata;
  try {
    let xml = details.MetadataFile;
    if (!xml) {
      const url = fetchableUrl(details.MetadataURL ?? '');
      if (!url) throw new MetadataError('the MetadataURL is not an https URL');
      xml = await fetchMetadata(deps, url);
    }
    metadata = parseIdpMetadata(xml);
  } catch (e) {
    deps.log?.warn({ provider: provider.name, poolId: provider.poolId, err: e instanceof Error ? e.message : String(e) }, 'federated sign-in: SAML metadata');
    throw federationFailed(e instanceof MetadataError ? `the provider's SAML metadata cannot be used: ${e.message}.` : 'the provider\'s SAML metadata cannot be read.');
  }
  deps.upstream.set(key, metadata);
  return metadata;
}
