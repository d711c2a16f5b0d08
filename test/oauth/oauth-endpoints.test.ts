/**
 * The OAuth 2.0 endpoints and managed login pages over plain HTTP (a cookie-keeping form browser):
 * the authorization code flow with PKCE through the sign-in page, the token endpoint's three
 * grants, userInfo, revocation, sign-out, and the refusals Cognito answers. The same flows run in
 * Chromium with openid-client as the relying party in test/browser/oauth.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CreateResourceServerCommand, DeleteResourceServerCommand, GetUserCommand, UpdateResourceServerCommand, type CreateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { FormBrowser } from '../support/form-browser.ts';
import { claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const CALLBACK = 'http://localhost:3000/callback';
const SIGNED_OUT = 'http://localhost:3000/bye';
const PASSWORD = 'Passw0rd!';

const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');

describe('OAuth 2.0 endpoints and the managed login pages', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let web: ClientRecord;
  let confidential: ClientRecord;

  const authorizePath = (client: ClientRecord, extra: Record<string, string> = {}) =>
    `/oauth2/authorize?${new URLSearchParams({ client_id: client.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email', state: 'st-1', ...extra })}`;

  const token = async (form: Record<string, string>, basic?: [string, string]) => {
    const res = await fetch(`${tb.url}/oauth2/token`, {
      method: 'POST', body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(basic ? { authorization: `Basic ${Buffer.from(basic.join(':')).toString('base64')}` } : {}) },
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  /** Signs in on the pages and answers the app's redirect URL. */
  async function signIn(b: FormBrowser, client: ClientRecord, extra: Record<string, string> = {}, username = 'alice'): Promise<URL> {
    const page = await b.go(authorizePath(client, extra));
    assert.equal(page.status, 200, page.html.slice(0, 500));
    const done = await b.submit(page, '/login', { username, password: PASSWORD });
    assert.ok(done.location, `redirected to the app: ${done.html.slice(0, 800)}`);
    return new URL(done.location);
  }

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { UsernameAttributes: [] });
    const oauth: Partial<CreateUserPoolClientRequest> = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'], AllowedOAuthScopes: ['openid', 'email', 'profile'], CallbackURLs: [CALLBACK], LogoutURLs: [SIGNED_OUT], SupportedIdentityProviders: ['COGNITO'] };
    web = await createClient(tb, pool, oauth);
    confidential = await createClient(tb, pool, { ...oauth, ClientName: 'server', GenerateSecret: true });
    await createTestUser(tb, pool, { username: 'alice', password: PASSWORD, attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice' } });
  });
  after(() => tb.close());

  it('signs in through the sign-in page and exchanges the code (PKCE) for tokens that verify against the JWKS', async () => {
    const b = new FormBrowser(tb.url);
    const v = verifier();
    const page = await b.go(authorizePath(web, { code_challenge: challengeOf(v), code_challenge_method: 'S256', nonce: 'n-1' }));
    assert.match(page.url, /\/login\?/);
    assert.match(page.html, /name="username"/);
    assert.match(page.html, /name="password"/);
    const wrong = await b.submit(page, '/login', { username: 'alice', password: 'nope' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.html, /Incorrect username or password\./);
    const back = await b.submit(wrong, '/login', { username: 'alice', password: PASSWORD });
    const at = new URL(back.location!);
    assert.equal(at.origin + at.pathname, CALLBACK);
    assert.equal(at.searchParams.get('state'), 'st-1');
    const code = at.searchParams.get('code')!;
    assert.match(code, /^[0-9a-f-]{36}$/);

    const t = await token({ grant_type: 'authorization_code', client_id: web.clientId, code, redirect_uri: CALLBACK, code_verifier: v });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    assert.equal(t.body.token_type, 'Bearer');
    assert.equal(t.body.expires_in, 3600 as never);
    const jwks = createLocalJWKSet((await (await fetch(`${tb.url}/${pool.id}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
    const id = await jwtVerify(t.body.id_token!, jwks, { issuer: `${tb.url}/${pool.id}`, audience: web.clientId });
    assert.equal(id.payload.nonce, 'n-1');
    assert.equal(id.payload.email, 'alice@example.com');
    const access = await jwtVerify(t.body.access_token!, jwks, { issuer: `${tb.url}/${pool.id}` });
    assert.equal(access.payload.scope, 'openid email');
    assert.ok(t.body.refresh_token);

    // Used once: the same code again is refused.
    const again = await token({ grant_type: 'authorization_code', client_id: web.clientId, code, redirect_uri: CALLBACK, code_verifier: v });
    assert.deepEqual([again.status, again.body.error], [400, 'invalid_grant']);
    // Without aws.cognito.signin.user.admin the token opens none of the API's user operations.
    await rejectsWith(tb.cognito.send(new GetUserCommand({ AccessToken: t.body.access_token })), 'NotAuthorizedException', 'Access Token does not have required scopes');
  });

  it('refuses a code with a wrong verifier, a wrong redirect_uri, or another client', async () => {
    for (const [tweak, expected] of [
      [{ code_verifier: verifier() }, 'invalid_grant'],
      [{ redirect_uri: 'http://localhost:3000/other' }, 'invalid_grant'],
      [{ code_verifier: '' }, 'invalid_grant'],
    ] as const) {
      const b = new FormBrowser(tb.url);
      const v = verifier();
      const at = await signIn(b, web, { code_challenge: challengeOf(v), code_challenge_method: 'S256' });
      const t = await token({ grant_type: 'authorization_code', client_id: web.clientId, code: at.searchParams.get('code')!, redirect_uri: CALLBACK, code_verifier: v, ...tweak });
      assert.deepEqual([t.status, t.body.error], [400, expected], JSON.stringify(tweak));
    }
    const at = await signIn(new FormBrowser(tb.url), web);
    const other = await token({ grant_type: 'authorization_code', code: at.searchParams.get('code')!, redirect_uri: CALLBACK }, [confidential.clientId, confidential.secret!]);
    assert.deepEqual([other.status, other.body.error], [400, 'invalid_grant']);
  });

  it('authenticates a confidential client by Basic or by the form, and refuses a wrong secret with 401', async () => {
    const at = await signIn(new FormBrowser(tb.url), confidential);
    const wrong = await token({ grant_type: 'authorization_code', code: at.searchParams.get('code')!, redirect_uri: CALLBACK }, [confidential.clientId, 'wrong']);
    assert.deepEqual([wrong.status, wrong.body.error], [401, 'invalid_client']);
    const missing = await token({ grant_type: 'authorization_code', client_id: confidential.clientId, code: at.searchParams.get('code')!, redirect_uri: CALLBACK });
    assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_client']);
    const at2 = await signIn(new FormBrowser(tb.url), confidential);
    const post = await token({ grant_type: 'authorization_code', client_id: confidential.clientId, client_secret: confidential.secret!, code: at2.searchParams.get('code')!, redirect_uri: CALLBACK });
    assert.equal(post.status, 200, JSON.stringify(post.body));
  });

  it('keeps the browser signed in until /logout', async () => {
    const b = new FormBrowser(tb.url);
    await signIn(b, web);
    const second = await b.go(authorizePath(web));
    assert.ok(second.location?.startsWith(`${CALLBACK}?code=`), 'no page the second time');
    const forced = await b.go(authorizePath(web, { prompt: 'login' }));
    assert.equal(forced.status, 200);
    assert.match(forced.url, /\/login\?/);
    const out = await b.go(`/logout?${new URLSearchParams({ client_id: web.clientId, logout_uri: SIGNED_OUT })}`);
    assert.equal(out.location, SIGNED_OUT);
    const third = await b.go(authorizePath(web));
    assert.equal(third.status, 200, 'asked again');
    assert.match(third.url, /\/login\?/);
    const silent = await b.go(authorizePath(web, { prompt: 'none' }));
    assert.equal(new URL(silent.location!).searchParams.get('error'), 'login_required');
    const bad = await b.go(`/logout?${new URLSearchParams({ client_id: web.clientId, logout_uri: 'https://evil.example/' })}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.location, undefined);
  });

  it('refuses an unregistered redirect_uri on its own page, and sends other errors back to the app', async () => {
    const b = new FormBrowser(tb.url);
    const mismatch = await b.go(authorizePath(web, { redirect_uri: 'https://evil.example/cb' }));
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.location, undefined, 'never redirected to an unregistered URL');
    assert.match(mismatch.html, /redirect_uri/);
    const unknown = await b.go(`/oauth2/authorize?client_id=nope&response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    assert.equal(unknown.status, 400);
    const scope = await b.go(authorizePath(web, { scope: 'openid phone' }));
    assert.deepEqual([new URL(scope.location!).searchParams.get('error'), new URL(scope.location!).searchParams.get('state')], ['invalid_scope', 'st-1']);
    const type = await b.go(authorizePath(web, { response_type: 'id_token' }));
    assert.equal(new URL(type.location!).searchParams.get('error'), 'unsupported_response_type');
    const noFlow = await createClient(tb, pool, { ClientName: 'implicit-only', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK] });
    const refused = await b.go(authorizePath(noFlow, { scope: 'openid' }));
    assert.equal(new URL(refused.location!).searchParams.get('error'), 'unauthorized_client');
  });

  it('answers the implicit flow in the fragment', async () => {
    const at = await signIn(new FormBrowser(tb.url), web, { response_type: 'token', nonce: 'n-2' });
    const fragment = new URLSearchParams(at.hash.slice(1));
    assert.equal(fragment.get('token_type'), 'Bearer');
    assert.equal(fragment.get('state'), 'st-1');
    assert.equal(claimsOf(fragment.get('id_token')!).nonce, 'n-2');
    assert.equal(at.search, '');
  });

  it('answers userInfo by the token\'s scopes, refreshes with the same scopes, and revokes', async () => {
    const at = await signIn(new FormBrowser(tb.url), web);
    const t = await token({ grant_type: 'authorization_code', client_id: web.clientId, code: at.searchParams.get('code')!, redirect_uri: CALLBACK });
    const info = await fetch(`${tb.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${t.body.access_token}` } });
    assert.equal(info.status, 200);
    const body = (await info.json()) as Record<string, string>;
    assert.deepEqual([body.email, body.email_verified, body.username, body.name], ['alice@example.com', 'true', 'alice', undefined], 'email scope: no name');
    const none = await fetch(`${tb.url}/oauth2/userInfo`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate')!, /^Bearer error="invalid_token"/);

    const r = await token({ grant_type: 'refresh_token', client_id: web.clientId, refresh_token: t.body.refresh_token! });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(claimsOf(r.body.access_token!).scope, 'openid email');
    assert.ok(r.body.id_token);
    assert.equal(r.body.refresh_token, undefined);

    const revoke = await fetch(`${tb.url}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: web.clientId, token: t.body.refresh_token! }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(revoke.status, 200);
    const after = await token({ grant_type: 'refresh_token', client_id: web.clientId, refresh_token: t.body.refresh_token! });
    assert.deepEqual([after.status, after.body.error], [400, 'invalid_grant']);
    const revokedInfo = await fetch(`${tb.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${t.body.access_token}` } });
    assert.equal(revokedInfo.status, 401);
  });

  it('grants client_credentials with a resource server\'s scopes to a client with a secret', async () => {
    await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }, { ScopeName: 'write', ScopeDescription: 'w' }] }));
    const m2m = await createClient(tb, pool, { ClientName: 'm2m', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read', 'orders/write'] });
    const t = await token({ grant_type: 'client_credentials', scope: 'orders/read' }, [m2m.clientId, m2m.secret!]);
    assert.equal(t.status, 200, JSON.stringify(t.body));
    const c = claimsOf(t.body.access_token!);
    assert.deepEqual([c.sub, c.client_id, c.scope, c.token_use], [m2m.clientId, m2m.clientId, 'orders/read', 'access']);
    assert.equal(t.body.id_token, undefined);
    assert.equal(t.body.refresh_token, undefined);
    const all = await token({ grant_type: 'client_credentials' }, [m2m.clientId, m2m.secret!]);
    assert.equal(claimsOf(all.body.access_token!).scope, 'orders/read orders/write');
    const scope = await token({ grant_type: 'client_credentials', scope: 'orders/delete' }, [m2m.clientId, m2m.secret!]);
    assert.deepEqual([scope.status, scope.body.error], [400, 'invalid_scope']);
    const userClient = await token({ grant_type: 'client_credentials' }, [confidential.clientId, confidential.secret!]);
    assert.deepEqual([userClient.status, userClient.body.error], [400, 'unauthorized_client']);
    const grant = await token({ grant_type: 'password', username: 'alice', password: PASSWORD }, [m2m.clientId, m2m.secret!]);
    assert.deepEqual([grant.status, grant.body.error], [400, 'unsupported_grant_type']);
    // AWS lets a resource server go while clients still name its scopes; they are granted to no one.
    await tb.cognito.send(new UpdateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
    assert.equal(claimsOf((await token({ grant_type: 'client_credentials' }, [m2m.clientId, m2m.secret!])).body.access_token!).scope, 'orders/read');
    const gone = await token({ grant_type: 'client_credentials', scope: 'orders/write' }, [m2m.clientId, m2m.secret!]);
    assert.deepEqual([gone.status, gone.body.error], [400, 'invalid_scope']);
    await tb.cognito.send(new DeleteResourceServerCommand({ UserPoolId: pool.id, Identifier: 'orders' }));
    const none = await token({ grant_type: 'client_credentials' }, [m2m.clientId, m2m.secret!]);
    assert.deepEqual([none.status, none.body.error], [400, 'invalid_scope']);
  });

  it('publishes discovery with the endpoints at the root of the server', async () => {
    const doc = (await (await fetch(`${tb.url}/${pool.id}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    assert.equal(doc.issuer, `${tb.url}/${pool.id}`);
    assert.equal(doc.authorization_endpoint, `${tb.url}/oauth2/authorize`);
    assert.equal(doc.token_endpoint, `${tb.url}/oauth2/token`);
    assert.equal(doc.userinfo_endpoint, `${tb.url}/oauth2/userInfo`);
  });

  it('refuses a page\'s form without its CSRF token', async () => {
    const b = new FormBrowser(tb.url);
    const page = await b.go(authorizePath(web));
    const f = FormBrowser.form(page.html, '/login');
    const forged = await b.go('/login', { ...f.fields, _csrf: 'forged-forged-forged-forged-forged', username: 'alice', password: PASSWORD });
    assert.equal(forged.status, 403);
    assert.equal(forged.location, undefined);
  });
});
