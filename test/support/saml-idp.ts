/**
 * A SAML 2.0 identity provider for tests: its metadata (as a document, or served on a loopback
 * port for MetadataURL), and Responses it builds and signs with xml-crypto (the assertion, the
 * whole response, or neither), with every field a test may want wrong.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import { selfSignedCertificate } from '../../src/services/federation/signing-certificate.ts';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const instant = (ms: number) => new Date(ms).toISOString();

export interface SigningKey {
  certificate: string;
  privateKeyPem: string;
}

export const newSigningKey = (name = 'saml-idp'): SigningKey => {
  const { der, privateKeyPem } = selfSignedCertificate(name, Date.now() - 60_000, randomBytes(8));
  return { certificate: der.toString('base64'), privateKeyPem };
};

/** What the Response says; each defaults to what a good Response for `sp` says. */
export interface ResponseOptions {
  inResponseTo?: string;
  nameId?: string;
  attributes?: Record<string, string | string[]>;
  audience?: string;
  recipient?: string;
  destination?: string;
  issuer?: string;
  /** Milliseconds added to now for IssueInstant, NotBefore and NotOnOrAfter. */
  issuedAt?: number;
  lifetimeMs?: number;
  assertionId?: string;
  /** What is signed (default: the assertion). */
  sign?: 'assertion' | 'response' | 'none';
  /** Another key than the IdP's. */
  key?: SigningKey;
  status?: string;
}

/** The AuthnRequest a redirect to the IdP carries, inflated. */
export function authnRequestOf(location: string): { xml: string; id: string; relayState: string; url: URL } {
  const url = new URL(location);
  const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  return { xml, id: /\sID="([^"]+)"/.exec(xml)![1], relayState: url.searchParams.get('RelayState')!, url };
}

export class SamlIdp {
  readonly key = newSigningKey();
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly sp: { entityId: string; acsUrl: string };
  #server?: Server;
  metadataFetches = 0;

  constructor(sp: { entityId: string; acsUrl: string }, entityId = 'https://idp.example.test/saml') {
    this.sp = sp;
    this.entityId = entityId;
    this.ssoUrl = 'https://idp.example.test/sso';
  }

  metadata(o: { certificates?: string[] } = {}): string {
    const keys = (o.certificates ?? [this.key.certificate]).map((c) =>
      `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${c.match(/.{1,64}/g)!.join('\n')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${esc(this.entityId)}">` +
      `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
      `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.test/slo"/>` +
      `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.test/sso-post"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(this.ssoUrl)}"/>` +
      `</md:IDPSSODescriptor></md:EntityDescriptor>`;
  }

  /** Serves the metadata at `<url>/metadata` (counting the fetches); answers the URL. */
  async serveMetadata(): Promise<string> {
    this.#server = createServer((req, res) => {
      if (req.url !== '/metadata') return void res.writeHead(404).end();
      this.metadataFetches++;
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(this.metadata());
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/metadata`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** The assertion's XML, unsigned. */
  assertion(o: ResponseOptions = {}): string {
    const now = Date.now() + (o.issuedAt ?? 0);
    const until = instant(now + (o.lifetimeMs ?? 5 * 60_000));
    const id = o.assertionId ?? `_a${randomBytes(12).toString('hex')}`;
    const attrs = Object.entries(o.attributes ?? {}).map(([name, value]) =>
      `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${[value].flat().map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`).join('');
    const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : '';
    return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" IssueInstant="${instant(now)}" Version="2.0">` +
      `<saml:Issuer>${esc(o.issuer ?? this.entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${esc(o.nameId ?? 'ann@corp.example')}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${until}" Recipient="${esc(o.recipient ?? this.sp.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${instant(now - 5_000)}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? this.sp.entityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${instant(now)}" SessionIndex="${id}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : '') +
      `</saml:Assertion>`;
  }

  /** Signs the element named `localName` (its first), the signature placed after its Issuer. */
  static sign(xml: string, localName: 'Assertion' | 'Response', key: SigningKey): string {
    const sig = new SignedXml({ privateKey: key.privateKeyPem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
    sig.addReference({ xpath: `//*[local-name(.)='${localName}']`, digestAlgorithm: SHA256, transforms: [ENVELOPED, EXC_C14N] });
    sig.computeSignature(xml, { location: { reference: `//*[local-name(.)='${localName}']/*[local-name(.)='Issuer']`, action: 'after' } });
    return sig.getSignedXml();
  }

  /** The Response around `assertionXml` (an assertion of this IdP's, by default), unsigned. */
  wrap(assertionXml: string, o: ResponseOptions = {}): string {
    const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : '';
    return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomBytes(12).toString('hex')}" Version="2.0" IssueInstant="${instant(Date.now())}" Destination="${esc(o.destination ?? this.sp.acsUrl)}"${inResponseTo}>` +
      `<saml:Issuer>${esc(o.issuer ?? this.entityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>` +
      assertionXml + '</samlp:Response>';
  }

  /** A whole Response, base64 as the browser POSTs it. */
  response(o: ResponseOptions = {}): string {
    const key = o.key ?? this.key;
    const sign = o.sign ?? 'assertion';
    let assertion = this.assertion(o);
    if (sign === 'assertion') assertion = SamlIdp.sign(assertion, 'Assertion', key);
    let xml = this.wrap(assertion, o);
    if (sign === 'response') xml = SamlIdp.sign(xml, 'Response', key);
    return Buffer.from(xml, 'utf8').toString('base64');
  }
}
