/**
 * The OAuth 2.0 endpoints, managed login pages and federation against an adversary: a browser
 * handed another browser's federation callback, a client downgrading PKCE, a Host that names a
 * pool's domain in another spelling. Each case failed before the fix its commit describes.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateIdentityProviderCommand, CreateUserPoolDomainCommand, type CreateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { FormBrowser } from '../support/form-browser.ts';
import { startUpstream, type Upstream } from '../support/oidc-upstream.ts';
import { startRig } from '../support/rig.ts';
import { createClient, createPool, startTestbed, type Testbed } from '../support/testbed.ts';

const CALLBACK = 'http://localhost:3000/callback';
const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');

/** A GET with a Host header of the test's choosing (fetch always sends the URL's own). */
function getWithHost(url: string, host: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode!, ...(res.headers.location ? { location: res.headers.location } : {}) });
    }).on('error', reject).end();
  });
}

describe('the OAuth endpoints against an attacker', () => {
  let tb: Testbed;
  let up: Upstream;
  let pool: PoolRecord;
  let web: ClientRecord;

  const authorizePath = (extra: Record<string, string> = {}) =>
    `/oauth2/authorize?${new URLSearchParams({ client_id: web.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid email', state: 'app-state', ...extra })}`;

  before(async () => {
    tb = await startTestbed();
    up = await startUpstream(`${tb.url}/oauth2/idpresponse`);
    up.accounts.set('mallory', { email: 'mallory@example.com' });
    pool = await createPool(tb, { UsernameAttributes: [] });
    await tb.cognito.send(new CreateIdentityProviderCommand({
      UserPoolId: pool.id, ProviderName: 'Corp', ProviderType: 'OIDC',
      ProviderDetails: { client_id: up.clientId, client_secret: up.clientSecret, attributes_request_method: 'GET', oidc_issuer: up.issuer, authorize_scopes: 'openid email' },
      AttributeMapping: { email: 'email' },
    }));
    const oauth: Partial<CreateUserPoolClientRequest> = {
      AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO', 'Corp'],
    };
    web = await createClient(tb, pool, oauth);
  });
  after(async () => {
    await up?.close();
    await tb?.close();
  });

  /** The attacker's half of a federated sign-in: the URL the upstream sends the browser back to, not yet visited. */
  async function callbackOf(b: FormBrowser): Promise<URL> {
    up.next.accountId = 'mallory';
    const toUpstream = await b.go(authorizePath({ identity_provider: 'Corp' }));
    const location = toUpstream.location ?? '';
    assert.ok(location.startsWith(up.issuer), `sent to the upstream: ${toUpstream.html.slice(0, 300)}`);
    return up.follow(location);
  }

  it('completes a federated sign-in in the browser that started it', async () => {
    const b = new FormBrowser(tb.url);
    const back = await callbackOf(b);
    const done = await b.go(back.pathname + back.search);
    assert.ok(done.location, done.html.slice(0, 500));
    const at = new URL(done.location);
    assert.equal(at.origin + at.pathname, CALLBACK);
    assert.ok(at.searchParams.get('code'));
    assert.equal(at.searchParams.get('state'), 'app-state');
    assert.ok(b.cookies.has(`cognito-${pool.id}`), 'signed in to the managed login session');
  });

  // Login CSRF: the attacker starts a sign-in as themself and hands the callback URL to a victim,
  // whose browser would otherwise come away signed in (the session cookie) as the attacker. Cognito
  // ties /oauth2/idpresponse to a cookie set by /oauth2/authorize (reapit/foundations#10177:
  // "/idpresponse requires from /authorize endpoint: the cognito cookie ... the state").
  it('refuses a federation callback brought by a browser other than the one that started it', async () => {
    const attacker = new FormBrowser(tb.url);
    const back = await callbackOf(attacker);
    const victim = new FormBrowser(tb.url);
    await victim.go(authorizePath()); // the victim has cookies of its own (a CSRF token) from an earlier visit
    const done = await victim.go(back.pathname + back.search);
    assert.equal(done.location, undefined, 'not sent to the app with a code');
    assert.equal(done.status, 400);
    assert.match(done.html, /unknown or has expired/);
    assert.equal(victim.cookies.has(`cognito-${pool.id}`), false, 'no managed login session for the victim');
    // A browser with no cookies at all is refused too.
    const bare = await fetch(`${tb.url}${back.pathname}${back.search}`, { redirect: 'manual' });
    assert.equal(bare.status, 400);
    assert.equal(bare.headers.getSetCookie().some((c) => c.startsWith(`cognito-${pool.id}=`)), false);
  });

  // AWS, authorization endpoint: "The PKCE RFC defines two methods, S256 and plain; however, Amazon
  // Cognito authentication server supports only S256" and code_challenge_method is "Required if you
  // specified a code_challenge" (docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html).
  // With plain, the challenge is the verifier: whoever sees the authorize URL can redeem the code.
  it('refuses PKCE without S256: plain, or a challenge with no method', async () => {
    const v = randomBytes(32).toString('base64url');
    const refused: Record<string, string>[] = [{ code_challenge: v, code_challenge_method: 'plain' }, { code_challenge: challengeOf(v) }];
    for (const extra of refused) {
      const res = await fetch(`${tb.url}${authorizePath(extra)}`, { redirect: 'manual' });
      assert.equal(res.status, 302, JSON.stringify(extra));
      const at = new URL(res.headers.get('location')!, tb.url);
      assert.equal(at.origin + at.pathname, CALLBACK);
      assert.equal(at.searchParams.get('error'), 'invalid_request', JSON.stringify(extra));
      assert.equal(at.searchParams.get('code'), null);
    }
    const s256 = await fetch(`${tb.url}${authorizePath({ code_challenge: challengeOf(v), code_challenge_method: 'S256' })}`, { redirect: 'manual' });
    assert.match(s256.headers.get('location')!, /^\/login\?/);
  });

  // A pool's domain keeps other pools' clients off it; the same name with DNS's trailing dot
  // (which reaches the same server) is the same domain.
  it('refuses another pool\'s client on a pool\'s domain, however the Host spells the domain', async () => {
    const other = await createPool(tb, { PoolName: 'other' });
    await tb.cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other.id, Domain: 'other-pool' }));
    const host = `other-pool.auth.${tb.app.deps.config.region}.amazoncognito.com`;
    for (const spelling of [host, `${host}.`, `${host.toUpperCase()}.:443`]) {
      const res = await getWithHost(`${tb.url}${authorizePath()}`, spelling);
      assert.equal(res.status, 400, spelling);
      assert.equal(res.location, undefined, spelling);
    }
  });
});

// A pool's protection rules stand in for a WAF web ACL, which AWS applies to the pages and OAuth
// endpoints as to the API: a web ACL protects the pool "from unwanted requests to your classic
// hosted UI, managed login, and Amazon Cognito API service endpoints" (developer guide,
// user-pool-waf.html). A denied address must not guess passwords on /login that InitiateAuth refuses it.
describe('the pages behind a pool\'s protection rules and quotas', () => {
  it('refuses a denied address on /oauth2/authorize, the pages and the token endpoint, as the API does', async () => {
    const rig = await startRig({ files: { 'rules.json': '{}' }, args: ['--protection-rules', '{dir}/rules.json', '--trust-proxy'] });
    try {
      const pool = await rig.pool({ UsernameAttributes: [] });
      const client = await rig.client(pool, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'], ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
      await rig.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'alice', MessageAction: 'SUPPRESS' }));
      await rig.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.id, Username: 'alice', Password: 'Passw0rd!', Permanent: true }));
      const query = new URLSearchParams({ client_id: client.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
      // The sign-in page, fetched before the rule: its CSRF cookie and form.
      const page = await fetch(`${rig.url}/login?${query}`);
      const csrf = /XSRF-TOKEN=([^;]+)/.exec(page.headers.getSetCookie().join('\n'))![1]!;
      const form = { ...Object.fromEntries(query), _csrf: csrf, username: 'alice', password: 'Passw0rd!' };

      writeFileSync(join(rig.dir, 'rules.json'), JSON.stringify({ pools: { [pool.id]: { deny: ['203.0.113.0/24'] } } }));
      rig.app.deps.admission.reloadRules();
      const blocked = { 'x-forwarded-for': '203.0.113.9' };
      const api = await fetch(rig.url, {
        method: 'POST', headers: { ...blocked, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body: JSON.stringify({ ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' } }),
      });
      assert.equal(api.status, 403, 'the API refuses the address');

      const post = await fetch(`${rig.url}/login`, { method: 'POST', redirect: 'manual', headers: { ...blocked, cookie: `XSRF-TOKEN=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
      assert.equal(post.status, 403, 'the sign-in page refuses it too');
      assert.equal(post.headers.get('location'), null, 'no code for a denied address');
      assert.equal(post.headers.getSetCookie().some((c) => c.startsWith(`cognito-${pool.id}=`)), false);
      assert.match(await post.text(), /Request not allowed due to WAF block\./);
      const authorize = await fetch(`${rig.url}/oauth2/authorize?${query}`, { redirect: 'manual', headers: blocked });
      assert.equal(authorize.status, 403);
      const token = await fetch(`${rig.url}/oauth2/token`, {
        method: 'POST', headers: { ...blocked, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: client.clientId, refresh_token: 'x' }).toString(),
      });
      assert.equal(token.status, 403);
      // Another address still signs in.
      const allowed = await fetch(`${rig.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'x-forwarded-for': '198.51.100.7', cookie: `XSRF-TOKEN=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
      assert.equal(allowed.status, 302);
      assert.match(allowed.headers.get('location')!, /^http:\/\/localhost:3000\/callback\?code=/);
    } finally {
      await rig.close();
    }
  });
  // The pool's UserAuthentication quota (InitiateAuth's) counts sign-ins on /login too: the pages
  // are not a way around it for password guessing.
  it('charges /login to the pool\'s sign-in request rate', async () => {
    const rig = await startRig({ config: { limits: { requestRates: true, rates: { UserAuthentication: 2 } } } });
    try {
      const pool = await rig.pool({ UsernameAttributes: [] });
      const client = await rig.client(pool, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: [CALLBACK], SupportedIdentityProviders: ['COGNITO'] });
      const query = new URLSearchParams({ client_id: client.clientId, response_type: 'code', redirect_uri: CALLBACK, scope: 'openid' });
      const page = await fetch(`${rig.url}/login?${query}`);
      const csrf = /XSRF-TOKEN=([^;]+)/.exec(page.headers.getSetCookie().join('\n'))![1]!;
      const guess = async (password: string) => {
        const res = await fetch(`${rig.url}/login`, {
          method: 'POST', redirect: 'manual', headers: { cookie: `XSRF-TOKEN=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...Object.fromEntries(query), _csrf: csrf, username: 'alice', password }).toString(),
        });
        return res.text();
      };
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await guess(`guess-${i}`));
      assert.equal(answers.filter((h) => /Rate exceeded/.test(h)).length, 2, 'two within the rate, then refused');
      assert.doesNotMatch(answers[0]!, /Rate exceeded/);
    } finally {
      await rig.close();
    }
  });
});
