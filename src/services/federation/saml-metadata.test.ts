import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import type { Sealer } from '../sealing/sealer.ts';
import { idpMetadata, parseIdpMetadata } from './saml-metadata.ts';
import { selfSignedCertificate } from './signing-certificate.ts';
import { UpstreamConfigurations } from './upstream-http.ts';

const CERT = selfSignedCertificate('idp', Date.now(), randomBytes(4)).der.toString('base64');
const MD = 'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const key = (c: string, use = 'signing') => `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>\n${c}\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const idp = (inner: string, entityId = 'https://idp.example.com') => `<md:EntityDescriptor ${MD} entityID="${entityId}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${inner}</md:IDPSSODescriptor></md:EntityDescriptor>`;
const sso = (url = 'https://idp.example.com/sso') => `<md:SingleSignOnService Binding="${REDIRECT}" Location="${url}"/>`;

describe('a SAML identity provider\'s metadata', () => {
  it('gives the entity ID, the HTTP-Redirect SSO and SLO URLs, and the signing certificates (not the encryption ones)', () => {
    const other = selfSignedCertificate('enc', Date.now(), randomBytes(4)).der.toString('base64');
    const xml = idp(`${key(CERT)}${key(other, 'encryption')}<md:SingleLogoutService Binding="${REDIRECT}" Location="https://idp.example.com/slo"/>` +
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/post"/>${sso()}`);
    assert.deepEqual(parseIdpMetadata(xml), { entityId: 'https://idp.example.com', ssoRedirectUrl: 'https://idp.example.com/sso', sloRedirectUrl: 'https://idp.example.com/slo', signingCertificates: [CERT] });
  });

  it('finds the one identity provider of an EntitiesDescriptor, and refuses two', () => {
    const sp = `<md:EntityDescriptor entityID="sp"><md:SPSSODescriptor protocolSupportEnumeration="p"/></md:EntityDescriptor>`;
    const wrap = (...e: string[]) => `<md:EntitiesDescriptor ${MD}>${e.join('')}</md:EntitiesDescriptor>`;
    assert.equal(parseIdpMetadata(wrap(sp, idp(key(CERT) + sso()).replace(` ${MD}`, ''))).entityId, 'https://idp.example.com');
    assert.throws(() => parseIdpMetadata(wrap(idp(key(CERT) + sso()).replace(` ${MD}`, ''), idp(key(CERT) + sso(), 'b').replace(` ${MD}`, ''))), /more than one identity provider/);
  });

  it('refuses what a sign-in cannot use: no IdP, no entity ID, no redirect SSO, an http SSO elsewhere, no or a broken certificate', () => {
    assert.throws(() => parseIdpMetadata(`<md:EntityDescriptor ${MD} entityID="x"/>`), /no identity provider/);
    assert.throws(() => parseIdpMetadata(idp(key(CERT) + sso(), '')), /no entityID/);
    assert.throws(() => parseIdpMetadata(idp(key(CERT))), /SingleSignOnService/);
    assert.throws(() => parseIdpMetadata(idp(key(CERT) + sso('http://idp.example.com/sso'))), /not an https URL/);
    assert.throws(() => parseIdpMetadata(idp(key(CERT) + sso('javascript:alert(1)'))), /not an https URL/);
    assert.doesNotThrow(() => parseIdpMetadata(idp(key(CERT) + sso('http://127.0.0.1:8080/sso'))), 'an IdP run on this machine');
    assert.throws(() => parseIdpMetadata(idp(sso())), /no signing certificate/);
    assert.throws(() => parseIdpMetadata(idp(key('bm90IGEgY2VydA==') + sso())), /not an X.509 certificate/);
    assert.throws(() => parseIdpMetadata('not xml at all'), /no document element/);
  });

  it('refuses a DTD: no entity is declared, so none expands (billion laughs, XXE)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE md [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${idp(key(CERT) + sso(), '&b;')}`;
    assert.throws(() => parseIdpMetadata(bomb), /DOCTYPE is not accepted/);
    const xxe = `<!DOCTYPE md [<!ENTITY x SYSTEM "file:///etc/passwd">]>${idp(key(CERT) + sso(), '&x;')}`;
    assert.throws(() => parseIdpMetadata(xxe), /DOCTYPE/);
  });
});

describe('fetching a MetadataURL', () => {
  let server: Server;
  let base: string;
  let fetches = 0;
  before(async () => {
    server = createServer((req, res) => {
      fetches++;
      if (req.url === '/big') return void res.end(idp(key(CERT) + sso() + '<!--' + 'x'.repeat(5000) + '-->'));
      if (req.url === '/moved') return void res.writeHead(302, { location: '/metadata' }).end();
      res.end(idp(key(CERT) + sso()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const sealer = { open: (v: string) => v } as unknown as Sealer;
  const provider = (url: string, lastModifiedAt = 1): IdentityProviderRecord =>
    ({ poolId: 'us-east-1_P', name: 'Corp', type: 'SAML', details: { MetadataURL: url }, attributeMapping: {}, identifiers: [], createdAt: 1, lastModifiedAt });

  it('fetches once for the cache\'s time to live, again after a change to the provider', async () => {
    const deps = { sealer, upstream: new UpstreamConfigurations({ now: () => 0 }, { maxResponseBytes: 4000 }) };
    fetches = 0;
    assert.equal((await idpMetadata(deps, provider(`${base}/metadata`))).entityId, 'https://idp.example.com');
    await idpMetadata(deps, provider(`${base}/metadata`));
    assert.equal(fetches, 1);
    await idpMetadata(deps, provider(`${base}/metadata`, 2));
    assert.equal(fetches, 2);
  });

  it('refuses a document over the size limit, a redirect, and a URL it may not fetch', async () => {
    const deps = { sealer, upstream: new UpstreamConfigurations({ now: () => 0 }, { maxResponseBytes: 4000 }) };
    await assert.rejects(idpMetadata(deps, provider(`${base}/big`)), { name: 'NotAuthorizedException', message: /SAML metadata cannot be read/ });
    await assert.rejects(idpMetadata(deps, provider(`${base}/moved`)), { name: 'NotAuthorizedException', message: /answered 302/ });
    await assert.rejects(idpMetadata(deps, provider('http://169.254.169.254/latest/meta-data')), { name: 'NotAuthorizedException', message: /not an https URL/ });
  });
});
