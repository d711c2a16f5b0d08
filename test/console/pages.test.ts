/**
 * The web console over HTTP, in development mode: its pages are HTML (never the API's awsJson
 * envelope), its actions go through the API (what they create the SDK sees; what the API refuses
 * comes back as AWS's error), values that pool users and API callers control are escaped, and the
 * token inspector tells an accepted token from a refused one. Chromium drives the same pages by
 * their accessible names in test/browser/console.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminInitiateAuthCommand, AdminUserGlobalSignOutCommand, CreateGroupCommand, DescribeUserPoolCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { FormBrowser } from '../support/form-browser.ts';
import { createClient, createPool, createTestUser, startTestbed, type Testbed } from '../support/testbed.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';

const BASE = '/_cognate/console';

describe('the web console (development)', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let browser: FormBrowser;
  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { PoolName: 'console' });
    browser = new FormBrowser(tb.url);
  });
  after(() => tb.close());

  it('answers HTML with a strict policy, and its own 404 page for a path it does not have', async () => {
    const res = await fetch(`${tb.url}${BASE}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    assert.match(res.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(res.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    const missing = await fetch(`${tb.url}${BASE}/no/such/page`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('content-type')!, /^text\/html/);
    assert.doesNotMatch(await missing.text(), /__type/);
  });

  it('creates a pool through CreateUserPool and shows it', async () => {
    const home = await browser.go(`${BASE}/`);
    const made = await browser.submit(home, `${BASE}/pools`, { name: 'made-in-console', tier: 'PLUS' });
    assert.equal(made.status, 200);
    assert.match(made.html, /<h1>made-in-console<\/h1>/);
    assert.match(made.html, /role="status">Pool made-in-console created/);
    const id = /Pool ID<\/dt><dd>([^<]+)</.exec(made.html)![1]!;
    const described = await tb.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    assert.equal(described.UserPool!.UserPoolTier, 'PLUS');
  });

  it('creates a user through AdminCreateUser, and shows what the API refuses in its words', async () => {
    const users = await browser.go(`${BASE}/pools/${pool.id}/users`);
    const made = await browser.submit(users, `${BASE}/pools/${pool.id}/users`, { username: 'carol', email: 'carol@example.com', emailVerified: 'true', invite: 'true' });
    assert.match(made.html, /<h1>carol<\/h1>/);
    const listed = await tb.cognito.send(new ListUsersCommand({ UserPoolId: pool.id, Filter: 'username = "carol"' }));
    assert.equal(listed.Users!.length, 1);
    const again = await browser.submit(users, `${BASE}/pools/${pool.id}/users`, { username: 'carol', email: 'carol@example.com' });
    // AdminCreateUser's answer for a taken username, as AWS words it.
    assert.match(again.html, /role="alert">UsernameExistsException: User account already exists</);
  });

  it('searches users with a ListUsers filter, or a bare name as its start', async () => {
    await createTestUser(tb, pool, { username: 'bob', attributes: { email: 'bob@example.com' } });
    await createTestUser(tb, pool, { username: 'bobby', attributes: { email: 'zed@example.com' } });
    const byEmail = await browser.go(`${BASE}/pools/${pool.id}/users?filter=${encodeURIComponent('email ^= "bob@"')}`);
    assert.match(byEmail.html, />bob<\/a>/);
    assert.doesNotMatch(byEmail.html, />bobby<\/a>/);
    const byName = await browser.go(`${BASE}/pools/${pool.id}/users?filter=bob`);
    assert.match(byName.html, />bob<\/a>/);
    assert.match(byName.html, />bobby<\/a>/);
    assert.doesNotMatch(byName.html, />carol<\/a>/);
  });

  it('escapes what pool users and API callers wrote', async () => {
    await tb.cognito.send(new CreateGroupCommand({ UserPoolId: pool.id, GroupName: 'g<b>', Description: '<script>alert(1)</script>' }));
    await tb.cognito.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'x"><img/src=x/onerror=alert(1)>', MessageAction: 'SUPPRESS' }));
    const groups = await browser.go(`${BASE}/pools/${pool.id}/groups`);
    assert.match(groups.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(groups.html, /<script>alert/);
    const users = await browser.go(`${BASE}/pools/${pool.id}/users`);
    assert.doesNotMatch(users.html, /<img\/src=x/);
    assert.match(users.html, /x&quot;&gt;&lt;img\/src=x\/onerror=alert\(1\)&gt;/);
  });

  it('refuses a form without the CSRF token, and changes nothing', async () => {
    const before = (await tb.cognito.send(new ListUsersCommand({ UserPoolId: pool.id }))).Users!.length;
    const res = await fetch(`${tb.url}${BASE}/pools/${pool.id}/users`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=mallory' });
    assert.equal(res.status, 403);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    assert.equal((await tb.cognito.send(new ListUsersCommand({ UserPoolId: pool.id }))).Users!.length, before);
  });

  it('refuses a form another site posts, even with the token', async () => {
    const page = await browser.go(`${BASE}/`);
    const { fields } = FormBrowser.form(page.html, `${BASE}/pools`);
    const res = await fetch(`${tb.url}${BASE}/pools`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: new URLSearchParams({ ...fields, name: 'evil' }).toString(),
    });
    assert.equal(res.status, 403);
  });

  it('answers only a request naming this server: a rebound DNS name gets nothing', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${tb.url}${BASE}/`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 421);
  });

  it('inspects a token: accepted while it is good, refused once its user signed out everywhere', async () => {
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'dave', password: 'Passw0rd!x' });
    const auth = await tb.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dave', PASSWORD: 'Passw0rd!x' } }));
    const { AccessToken, IdToken } = auth.AuthenticationResult!;
    const page = await browser.go(`${BASE}/tokens`);
    const access = await browser.submit(page, `${BASE}/tokens`, { token: AccessToken! });
    assert.match(access.html, /class="verdict yes" role="status">Accepted: a valid access token of dave/);
    assert.match(access.html, /&quot;token_use&quot;: &quot;access&quot;/);
    const id = await browser.submit(page, `${BASE}/tokens`, { token: IdToken! });
    assert.match(id.html, /Accepted: a valid ID token of dave/);
    const junk = await browser.submit(page, `${BASE}/tokens`, { token: 'not-a-token' });
    assert.match(junk.html, /class="verdict no" role="status">Not a JWT/);
    await tb.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.id, Username: 'dave' }));
    const revoked = await browser.submit(page, `${BASE}/tokens`, { token: AccessToken! });
    assert.match(revoked.html, /class="verdict no" role="status">Refused: NotAuthorizedException/);
    const tampered = `${IdToken!.split('.').slice(0, 2).join('.')}.${'A'.repeat(342)}`;
    assert.match((await browser.submit(page, `${BASE}/tokens`, { token: tampered })).html, /Refused: its signature does not match/);
  });
});
