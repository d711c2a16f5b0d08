/**
 * Sign-in through a SAML 2.0 identity provider, end to end over HTTP: `/oauth2/authorize` with
 * identity_provider → the redirect to the IdP with an AuthnRequest → the test IdP's signed Response
 * POSTed to `/saml2/idpresponse` → the app's code → tokens. And every Response the engine must refuse.
 */
import assert from 'node:assert/strict';
import { createVerify, X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AdminGetUserCommand, AdminLinkProviderForUserCommand, CreateIdentityProviderCommand, GetSigningCertificateCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { finishSaml, serviceProvider } from '../../src/flows/federation/saml-upstream.ts';
import { FormBrowser } from '../support/form-browser.ts';
import { authnRequestOf, newSigningKey, SamlIdp } from '../support/saml-idp.ts';
import { claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const CALLBACK = 'http://localhost:3000/callback';
const EMAIL = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

describe('federated sign-in through a SAML 2.0 identity provider', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;
  let idp: SamlIdp;
  let sp: { entityId: string; acsUrl: string };

  const authorizePath = (provider = 'Corp') =>
    `/oauth2/authorize?${new URLSearchParams({ client_id: client.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email', state: 'st-1', identity_provider: provider })}`;

  /** To the IdP: the AuthnRequest the browser carries there. */
  async function start(b: FormBrowser, provider = 'Corp') {
    const page = await b.go(authorizePath(provider));
    assert.ok(page.location, `sent to the IdP: ${page.status} ${page.html.slice(0, 400)}`);
    return authnRequestOf(page.location);
  }

  /** A whole sign-in: the Response the IdP makes for the request (`make`) POSTed back; answers where the browser went. */
  async function signIn(make: (requestId: string) => string, b = new FormBrowser(tb.url)) {
    const req = await start(b);
    const back = await b.go('/saml2/idpresponse', { SAMLResponse: make(req.id), RelayState: req.relayState });
    return { back, at: back.location ? new URL(back.location) : undefined, req };
  }

  async function tokensFor(code: string) {
    const res = await fetch(`${tb.url}/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: client.clientId, code, redirect_uri: CALLBACK }).toString(),
    });
    assert.equal(res.status, 200);
    return (await res.json()) as { id_token: string };
  }

  /** The refusal Cognito sends back to the app: error=invalid_request with what went wrong. */
  async function refused(make: (requestId: string) => string, why: RegExp) {
    const { at, back } = await signIn(make);
    assert.ok(at, `back to the app, not a page: ${back.status} ${back.html.slice(0, 300)}`);
    assert.equal(at.origin + at.pathname, CALLBACK);
    assert.equal(at.searchParams.get('error'), 'invalid_request');
    assert.equal(at.searchParams.get('state'), 'st-1');
    assert.match(at.searchParams.get('error_description')!, why);
    assert.equal(at.searchParams.get('code'), null);
  }

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { UsernameAttributes: [] });
    sp = serviceProvider(pool.id, tb.app.deps.tokens.endpointBase());
    idp = new SamlIdp(sp);
    await tb.cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: pool.id, ProviderName: 'Corp', ProviderType: 'SAML',
      ProviderDetails: { MetadataFile: idp.metadata() }, AttributeMapping: { email: EMAIL, name: 'name' },
    }));
    await tb.cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: pool.id, ProviderName: 'Signed', ProviderType: 'SAML', ProviderDetails: { MetadataURL: await idp.serveMetadata(), RequestSigningAlgorithm: 'rsa-sha256' },
    }));
    // Port 9 (discard) on loopback: nothing answers.
    await tb.cognito.send(new CreateIdentityProviderCommand({ UserPoolId: pool.id, ProviderName: 'Broken', ProviderType: 'SAML', ProviderDetails: { MetadataURL: 'http://127.0.0.1:9/metadata' } }));
    client = await createClient(tb, pool, {
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO', 'Corp', 'Signed', 'Broken'],
    });
  });
  after(async () => {
    await idp?.close();
    await tb?.close();
  });

  it('sends the browser to the IdP with an AuthnRequest from Cognito\'s service provider (HTTP-Redirect binding)', async () => {
    const req = await start(new FormBrowser(tb.url));
    assert.equal(req.url.origin + req.url.pathname, idp.ssoUrl, 'the metadata\'s HTTP-Redirect SingleSignOnService, not its POST one');
    assert.match(req.xml, /^(<\?xml [^>]*\?>)?<samlp:AuthnRequest /);
    assert.match(req.xml, new RegExp(`AssertionConsumerServiceURL="${tb.app.deps.tokens.endpointBase()}/saml2/idpresponse"`));
    assert.match(req.xml, new RegExp(`<saml:Issuer[^>]*>urn:amazon:cognito:sp:${pool.id}</saml:Issuer>`));
    assert.match(req.xml, /ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/);
    assert.match(req.relayState, /^[\w-]{43}$/, 'at most 80 bytes, as the SAML bindings require');
    assert.equal(req.url.searchParams.get('Signature'), null, 'not signed unless RequestSigningAlgorithm asks for it');
  });

  it('signs the AuthnRequest with the pool\'s signing certificate when RequestSigningAlgorithm is rsa-sha256, and reads MetadataURL once', async () => {
    const first = await start(new FormBrowser(tb.url), 'Signed');
    await start(new FormBrowser(tb.url), 'Signed');
    assert.equal(idp.metadataFetches, 1, 'the fetched metadata is cached');
    const q = first.url.searchParams;
    assert.equal(q.get('SigAlg'), 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    // SAML bindings 3.4.4.1: the signature is over SAMLRequest, RelayState and SigAlg, in that order, URL-encoded as sent.
    const raw = first.url.search.slice(1).split('&');
    const signed = ['SAMLRequest', 'RelayState', 'SigAlg'].map((n) => raw.find((p) => p.startsWith(`${n}=`))!).join('&');
    const cert = (await tb.cognito.send(new GetSigningCertificateCommand({ UserPoolId: pool.id }))).Certificate!;
    const verified = createVerify('RSA-SHA256').update(signed).verify(new X509Certificate(Buffer.from(cert, 'base64')).publicKey, q.get('Signature')!, 'base64');
    assert.ok(verified, 'verifies against GetSigningCertificate\'s certificate');
  });

  it('signs in a new user <Provider>_<NameID> with the mapped attributes, and the app gets a code for tokens naming the SAML identity', async () => {
    const { at } = await signIn((id) => idp.response({ inResponseTo: id, nameId: 'ann@corp.example', attributes: { [EMAIL]: 'ann@example.com', name: 'Ann', other: ['a', 'b'] } }));
    assert.ok(at?.searchParams.get('code'), `a code: ${at}`);
    assert.equal(at!.searchParams.get('state'), 'st-1');
    const claims = claimsOf((await tokensFor(at!.searchParams.get('code')!)).id_token);
    assert.equal(claims['cognito:username'], 'Corp_ann@corp.example');
    assert.equal(claims.email, 'ann@example.com');
    const identities = claims.identities as Record<string, unknown>[];
    assert.equal(identities.length, 1);
    assert.equal(identities[0].providerType, 'SAML');
    assert.equal(identities[0].providerName, 'Corp');
    assert.equal(identities[0].userId, 'ann@corp.example');
    // The issuer of a SAML identity is the IdP's entity ID (users' posted Azure AD tokens show
    // "issuer": "https://sts.windows.net/<tenant>/"; OIDC identities have null).
    assert.equal(identities[0].issuer, idp.entityId);
    const got = await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'Corp_ann@corp.example' }));
    assert.equal(got.UserStatus, 'EXTERNAL_PROVIDER');
    assert.equal(got.UserAttributes!.find((a) => a.Name === 'name')?.Value, 'Ann');
  });

  it('signs the same user in the second time, its attributes updated; a Response signed as a whole is accepted too', async () => {
    const before = (await tb.app.store.users.getByUsername(pool.id, 'Corp_ann@corp.example'))!;
    const { at } = await signIn((id) => idp.response({ inResponseTo: id, nameId: 'ann@corp.example', attributes: { [EMAIL]: 'ann@example.com', name: 'Ann Smith' }, sign: 'response' }));
    assert.ok(at?.searchParams.get('code'), `a code: ${at}`);
    const after = (await tb.app.store.users.getByUsername(pool.id, 'Corp_ann@corp.example'))!;
    assert.equal(after.sub, before.sub);
    assert.equal(after.attributes.name, 'Ann Smith');
  });

  it('signs a linked IdP user in as the native user: linked on a SAML attribute, or on Cognito_Subject (the NameID)', async () => {
    const bob = await createTestUser(tb, pool, { username: 'bob', password: 'Passw0rd!', attributes: { email: 'bob@example.com' } });
    const carol = await createTestUser(tb, pool, { username: 'carol', password: 'Passw0rd!', attributes: { email: 'carol@example.com' } });
    // AdminLinkProviderForUser's reference: "For SAML, the ProviderAttributeName can be any value that matches a claim in the SAML assertion."
    await tb.cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: pool.id, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'bob' },
      SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'employeeId', ProviderAttributeValue: 'E-42' },
    }));
    await tb.cognito.send(new AdminLinkProviderForUserCommand({
      UserPoolId: pool.id, DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'carol' },
      SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'carol@corp.example' },
    }));
    const viaAttribute = await signIn((id) => idp.response({ inResponseTo: id, nameId: 'bob@corp.example', attributes: { employeeId: 'E-42', name: 'Bob' } }));
    const claimsBob = claimsOf((await tokensFor(viaAttribute.at!.searchParams.get('code')!)).id_token);
    assert.equal(claimsBob.sub, bob.sub);
    assert.equal(claimsBob['cognito:username'], 'bob');
    const viaSubject = await signIn((id) => idp.response({ inResponseTo: id, nameId: 'carol@corp.example' }));
    const claimsCarol = claimsOf((await tokensFor(viaSubject.at!.searchParams.get('code')!)).id_token);
    assert.equal(claimsCarol.sub, carol.sub);
    assert.equal(await tb.app.store.users.getByUsername(pool.id, 'Corp_bob@corp.example'), undefined, 'no federated user was made');
  });

  it('refuses an unsigned Response, and one signed by another key', async () => {
    await refused((id) => idp.response({ inResponseTo: id, sign: 'none' }), /SAML response is not valid/);
    const other = newSigningKey('intruder');
    await refused((id) => idp.response({ inResponseTo: id, key: other }), /SAML response is not valid/);
    await refused((id) => idp.response({ inResponseTo: id, key: other, sign: 'response' }), /SAML response is not valid/);
  });

  it('refuses an assertion for another audience, an expired one, and one not yet valid', async () => {
    await refused((id) => idp.response({ inResponseTo: id, audience: 'urn:amazon:cognito:sp:us-east-1_Other' }), /SAML response is not valid/);
    await refused((id) => idp.response({ inResponseTo: id, issuedAt: -3_600_000 }), /SAML response is not valid/);
    // Within its NotOnOrAfter, but older than the ten minutes an assertion is accepted for.
    await refused((id) => idp.response({ inResponseTo: id, issuedAt: -11 * 60_000, lifetimeMs: 60 * 60_000 }), /SAML response is not valid/);
    await refused((id) => idp.response({ inResponseTo: id, issuedAt: 3_600_000 }), /SAML response is not valid/);
  });

  it('refuses a Response to another request, to another service provider, or from another issuer', async () => {
    await refused(() => idp.response({ inResponseTo: '_another-request' }), /SAML response is not valid/);
    await refused(() => idp.response({}), /SAML response is not valid/);
    await refused((id) => idp.response({ inResponseTo: id, recipient: 'https://evil.example/acs' }), /another service provider \(Recipient\)/);
    await refused((id) => idp.response({ inResponseTo: id, destination: 'https://evil.example/acs' }), /another service provider \(Destination\)/);
    await refused((id) => idp.response({ inResponseTo: id, issuer: 'https://other-idp.example' }), /not the provider's \(Issuer\)/);
    // node-saml's profile would take an attribute named nameID for a missing NameID: the assertion's own element is read.
    await refused((id) => idp.response({ inResponseTo: id, nameId: '', attributes: { nameID: 'someone-else' } }), /names no user \(NameID\)/);
  });

  it('refuses the IdP\'s own refusal (a status other than Success) and a Response with a DOCTYPE', async () => {
    await refused((id) => Buffer.from(idp.wrap('', { inResponseTo: id, status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' })).toString('base64'), /did not sign the user in/);
    await refused((id) => Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]>${Buffer.from(idp.response({ inResponseTo: id }), 'base64').toString()}`).toString('base64'), /SAML response is not valid/);
  });

  it('refuses XML signature wrapping: a forged assertion around, or beside, the signed one', async () => {
    const forge = (id: string, where: 'advice' | 'sibling') => {
      const signed = SamlIdp.sign(idp.assertion({ inResponseTo: id, nameId: 'ann@corp.example' }), 'Assertion', idp.key);
      const forged = idp.assertion({ inResponseTo: id, nameId: 'mallory@corp.example' });
      // The signed assertion tucked into the forged one's Advice (where SAML allows assertions), or a second assertion beside it.
      const outer = where === 'advice' ? forged.replace('<saml:AttributeStatement>', `<saml:Advice>${signed}</saml:Advice>`).replace('</saml:Conditions>', `</saml:Conditions><saml:Advice>${signed}</saml:Advice>`) : forged + signed;
      return Buffer.from(idp.wrap(outer, { inResponseTo: id })).toString('base64');
    };
    await refused((id) => forge(id, 'advice'), /SAML response is not valid/);
    await refused((id) => forge(id, 'sibling'), /SAML response is not valid/);
    assert.equal(await tb.app.store.users.getByUsername(pool.id, 'Corp_mallory@corp.example'), undefined);
  });

  it('logs why node-saml refused each Response (the app sees only Cognate\'s words)', async () => {
    const provider = (await tb.app.store.identityProviders.get(pool.id, 'Corp'))!;
    const reason = async (make: (requestId: string) => string) => {
      const logged: string[] = [];
      const sent = { requestId: `_r${Math.random().toString(16).slice(2)}`, issuedAt: new Date().toISOString() };
      const log = { warn: (o: object) => void logged.push(String((o as { err?: string }).err)) };
      await rejectsWith(finishSaml({ ...tb.app.deps, log }, provider, sp, make(sent.requestId), sent), 'NotAuthorizedException');
      return logged.join(' | ');
    };
    assert.match(await reason((id) => idp.response({ inResponseTo: id, sign: 'none' })), /Invalid signature/);
    assert.match(await reason((id) => idp.response({ inResponseTo: id, key: newSigningKey('intruder') })), /Invalid signature/);
    assert.match(await reason((id) => idp.response({ inResponseTo: id, audience: 'urn:amazon:cognito:sp:other' })), /audience/i);
    // The bearer confirmation's own NotOnOrAfter is checked before the Conditions'.
    assert.match(await reason((id) => idp.response({ inResponseTo: id, issuedAt: -3_600_000 })), /No valid subject confirmation/);
    assert.match(await reason((id) => idp.response({ inResponseTo: id, issuedAt: 3_600_000 })), /not yet valid/i);
    assert.match(await reason(() => idp.response({ inResponseTo: '_not-this-one' })), /InResponseTo is not valid/);
    assert.match(await reason(() => idp.response({})), /InResponseTo is missing/);
  });

  it('uses a RelayState once, and an assertion once', async () => {
    const b = new FormBrowser(tb.url);
    const req = await start(b);
    const form = { SAMLResponse: idp.response({ inResponseTo: req.id, nameId: 'dan@corp.example' }), RelayState: req.relayState };
    assert.ok((await b.go('/saml2/idpresponse', form)).location?.includes('code='));
    const again = await b.go('/saml2/idpresponse', form);
    assert.equal(again.status, 400);
    assert.match(again.html, /unknown or has expired/);

    // The same assertion presented for the same request twice (as two instances might be): the second is refused.
    const provider = (await tb.app.store.identityProviders.get(pool.id, 'Corp'))!;
    const sent = { requestId: '_r-once', issuedAt: new Date().toISOString() };
    const response = idp.response({ inResponseTo: sent.requestId, nameId: 'dan@corp.example' });
    const first = await finishSaml(tb.app.deps, provider, sp, response, sent);
    assert.equal(first.nameId, 'dan@corp.example');
    await rejectsWith(finishSaml(tb.app.deps, provider, sp, response, sent), 'NotAuthorizedException', /assertion has been used already/);
  });

  it('sends the browser back to the app when the IdP\'s metadata cannot be read, never a 5xx', async () => {
    const page = await new FormBrowser(tb.url).go(authorizePath('Broken'));
    const at = new URL(page.location!);
    assert.equal(at.origin + at.pathname, CALLBACK);
    assert.equal(at.searchParams.get('error'), 'invalid_request');
    assert.match(at.searchParams.get('error_description')!, /SAML metadata cannot be read/);
  });

  it('finishes the sign-in only in the browser that started it (a Response handed to another browser signs nobody in there)', async () => {
    const victim = new FormBrowser(tb.url);
    const attacker = new FormBrowser(tb.url);
    const req = await start(attacker);
    const cookie = [...attacker.cookies.keys()].find((k) => k.startsWith('cognate-saml-'));
    assert.ok(cookie, 'the round trip\'s cookie');
    const page = await victim.go('/saml2/idpresponse', { SAMLResponse: idp.response({ inResponseTo: req.id, nameId: 'attacker@corp.example' }), RelayState: req.relayState });
    assert.equal(page.status, 400);
    assert.match(page.html, /unknown or has expired/);
    assert.equal(victim.cookies.has(`cognito-${pool.id}`), false, 'no session for the victim');
  });

  it('sets the round trip\'s cookie SameSite=None (the IdP\'s POST is cross-site), on the ACS path only, and clears it when used', async () => {
    const page = await fetch(`${tb.url}${authorizePath()}`, { redirect: 'manual' });
    const set = page.headers.getSetCookie().find((c) => c.startsWith('cognate-saml-'))!;
    assert.match(set, /SameSite=None/);
    assert.match(set, /Path=\/saml2\/idpresponse/);
    assert.match(set, /HttpOnly/);
    assert.match(set, /Secure/, 'loopback is a secure context; browsers keep SameSite=None only when Secure');
    const b = new FormBrowser(tb.url);
    const req = await start(b);
    await b.go('/saml2/idpresponse', { SAMLResponse: idp.response({ inResponseTo: req.id, nameId: 'eve@corp.example' }), RelayState: req.relayState });
    assert.equal([...b.cookies.keys()].some((k) => k.startsWith('cognate-saml-')), false);
  });

  it('answers an unknown RelayState, or none, with an error page', async () => {
    const b = new FormBrowser(tb.url);
    const forms: Record<string, string>[] = [{ SAMLResponse: idp.response({}), RelayState: 'not-ours' }, { SAMLResponse: idp.response({}) }];
    for (const form of forms) {
      const page = await b.go('/saml2/idpresponse', form);
      assert.equal(page.status, 400);
      assert.match(page.html, /unknown or has expired/);
    }
  });
});
