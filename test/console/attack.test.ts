/**
 * An attacker's look at the web console, over HTTP (Fastify inject): what a page on another site,
 * a DNS name rebound to loopback, a visitor who has not signed in, and hostile names and values
 * created through the API can do to it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { BASE } from '../../src/protocol/console/access.ts';
import { ApiError } from '../../src/protocol/console/api.ts';
import { registerGate, visitOf } from '../../src/protocol/console/context.ts';
import { decodeHtml } from '../support/html-entities.ts';

const SECRET = 'console-attack-secret-0123456789';

async function start(args: string[], config?: object): Promise<{ app: App; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-console-'));
  const extra = config ? ['--config', join(dir, 'config.json')] : [];
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const app = await createApp(loadConfig(['--db', ':memory:', '--port', '0', '--log-level', 'silent', ...args, ...extra], {}));
  await app.server.ready();
  return { app, dir };
}

/** A development request signed as the AWS CLI would (development takes any well-formed signature). */
async function api(app: App, operation: string, input: object): Promise<Record<string, unknown>> {
  const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const res = await app.server.inject({
    method: 'POST', url: '/', payload: JSON.stringify(input),
    headers: {
      'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`, 'x-amz-date': now,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDTEST/${now.slice(0, 8)}/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
    },
  });
  const body = JSON.parse(res.body) as Record<string, unknown>;
  assert.equal(res.statusCode, 200, `${operation}: ${res.body}`);
  return body;
}

const cookieOf = (setCookie: unknown) => (Array.isArray(setCookie) ? setCookie : [setCookie]).map((c) => String(c).split(';')[0]).join('; ');

describe('the console, attacked: development', () => {
  let app: App;
  let dir: string;
  let poolId: string;
  before(async () => {
    ({ app, dir } = await start(['--trust-proxy']));
    poolId = ((await api(app, 'CreateUserPool', { PoolName: 'attacked' })).UserPool as { Id: string }).Id;
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives another site no readable answer (no CORS), though the API keeps its CORS', async () => {
    const origin = 'https://evil.example';
    for (const url of [`${BASE}/api/messages`, `${BASE}/`, `${BASE}/messages`]) {
      const res = await app.server.inject({ method: 'GET', url, headers: { host: 'localhost', origin } });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['access-control-allow-origin'], undefined, url);
    }
    const preflight = await app.server.inject({ method: 'OPTIONS', url: `${BASE}/api/messages`, headers: { host: 'localhost', origin, 'access-control-request-method': 'GET' } });
    assert.equal(preflight.headers['access-control-allow-origin'], undefined);
    const apiPreflight = await app.server.inject({ method: 'OPTIONS', url: '/', headers: { origin, 'access-control-request-method': 'POST' } });
    assert.equal(apiPreflight.headers['access-control-allow-origin'], origin);
  });

  it('refuses a rebound DNS name even when it names loopback in X-Forwarded-Host (a trusted proxy)', async () => {
    const rebound = await app.server.inject({ method: 'GET', url: `${BASE}/api/messages`, headers: { host: 'rebind.evil.example', 'x-forwarded-host': 'localhost' } });
    assert.equal(rebound.statusCode, 421);
    const plain = await app.server.inject({ method: 'GET', url: `${BASE}/api/messages`, headers: { host: 'rebind.evil.example' } });
    assert.equal(plain.statusCode, 421);
    const local = await app.server.inject({ method: 'GET', url: `${BASE}/api/messages`, headers: { host: 'localhost:9229' } });
    assert.equal(local.statusCode, 200);
  });

  it('links a user and a group named ".." or "." where they are, and deletes that user, not the pool', async () => {
    for (const name of ['..', '.', '~x']) {
      await api(app, 'AdminCreateUser', { UserPoolId: poolId, Username: name, MessageAction: 'SUPPRESS' });
    }
    await api(app, 'CreateGroup', { UserPoolId: poolId, GroupName: '..' });
    const list = await app.server.inject({ method: 'GET', url: `${BASE}/pools/${poolId}/users`, headers: { host: 'localhost' } });
    const links = [...list.body.matchAll(/href="([^"]*\/users\/[^"]*)"/g)].map((m) => decodeHtml(m[1]!));
    for (const link of links) assert.doesNotMatch(link, /\/\.\.?(\/|$)/, `a browser would resolve ${link}`);
    assert.ok(links.includes(`${BASE}/pools/${poolId}/users/~..`), links.join(' '));
    assert.ok(links.includes(`${BASE}/pools/${poolId}/users/~~x`), links.join(' '));

    const groups = await app.server.inject({ method: 'GET', url: `${BASE}/pools/${poolId}/groups`, headers: { host: 'localhost' } });
    assert.match(groups.body, new RegExp(`href="${BASE}/pools/${poolId}/groups/~\\.\\."`));
    const group = await app.server.inject({ method: 'GET', url: `${BASE}/pools/${poolId}/groups/~..`, headers: { host: 'localhost' } });
    assert.equal(group.statusCode, 200);

    const tilde = await app.server.inject({ method: 'GET', url: `${BASE}/pools/${poolId}/users/~~x`, headers: { host: 'localhost' } });
    assert.equal(tilde.statusCode, 200);
    assert.match(tilde.body, /<h1>~x<\/h1>/);

    const page = await app.server.inject({ method: 'GET', url: `${BASE}/pools/${poolId}/users/~..`, headers: { host: 'localhost' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>\.\.<\/h1>/);
    const action = `${BASE}/pools/${poolId}/users/~../delete`;
    assert.ok(page.body.includes(`action="${action}"`), 'the Delete form posts to the user');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const deleted = await app.server.inject({
      method: 'POST', url: action, payload: `_csrf=${csrf}`,
      headers: { host: 'localhost', cookie: cookieOf(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, `${BASE}/pools/${poolId}/users`);
    await api(app, 'DescribeUserPool', { UserPoolId: poolId });
    const left = (await api(app, 'ListUsers', { UserPoolId: poolId })).Users as { Username: string }[];
    assert.deepEqual(left.map((u) => u.Username).sort(), ['.', '~x']);
  });

  it('shows hostile values a user or caller chose as text: attributes, group descriptions, the filter typed', async () => {
    const hostile = '<img src=x onerror=alert(1)>"\'&';
    await api(app, 'AdminCreateUser', { UserPoolId: poolId, Username: '<svg/onload=alert(1)>', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'name', Value: hostile }, { Name: 'email', Value: 'a"<b>@example.com' }] });
    await api(app, 'CreateGroup', { UserPoolId: poolId, GroupName: '<b>g</b>', Description: hostile });
    const pages = [
      `${BASE}/pools/${poolId}/users`, `${BASE}/pools/${poolId}/users/${encodeURIComponent('<svg/onload=alert(1)>')}`, `${BASE}/pools/${poolId}/groups`,
      `${BASE}/pools/${poolId}/groups/${encodeURIComponent('<b>g</b>')}`, `${BASE}/pools/${poolId}/users?filter=${encodeURIComponent(hostile)}`,
      `${BASE}/pools/${poolId}/users?filter=${encodeURIComponent(`name = "${hostile}`)}`, `${BASE}/pools/${encodeURIComponent(hostile)}`,
    ];
    for (const url of pages) {
      const res = await app.server.inject({ method: 'GET', url, headers: { host: 'localhost' } });
      assert.ok(res.statusCode < 500, url);
      assert.doesNotMatch(res.body, /<(img|svg|b)[\s/>]/, url);
    }
  });
});

describe('the console, attacked: production', () => {
  let app: App;
  let dir: string;
  before(async () => {
    ({ app, dir } = await start(['--mode', 'production'], { console: { enabled: true }, credentials: [{ accessKeyId: 'AKIDADMIN', secretAccessKey: SECRET }] }));
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves nothing before signing in, whatever the method or spelling of the path', async () => {
    const paths = [`${BASE}/`, `${BASE}/messages`, `${BASE}/tokens`, `${BASE}/pools/us-east-1_x`, `${BASE}/pools/us-east-1_x/`, `${BASE}/assets/../messages`,
      `${BASE}/assets/%2e%2e/messages`, `${BASE}//messages`, `${BASE}/messages;x`, `${BASE}/sign-in/`];
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] as const) {
      for (const url of paths) {
        const res = await app.server.inject({ method, url });
        assert.equal(res.statusCode, 303, `${method} ${url}`);
        assert.match(String(res.headers.location), new RegExp(`^${BASE}/sign-in\\?next=`), `${method} ${url}`);
      }
    }
    for (const url of [`${BASE}/api/messages`, `${BASE}/api/messages/`]) assert.equal((await app.server.inject({ method: 'GET', url })).statusCode, 401, url);
  });

  async function signInPage() {
    const page = await app.server.inject({ method: 'GET', url: `${BASE}/sign-in`, headers: { host: 'localhost' } });
    return { csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!, cookie: cookieOf(page.headers['set-cookie']) };
  }

  it('refuses a sign-in posted from another site: no, a wrong or a null Origin, Sec-Fetch-Site other than same-origin', async () => {
    const { csrf, cookie } = await signInPage();
    const payload = `_csrf=${csrf}&accessKeyId=AKIDADMIN&secretAccessKey=${SECRET}`;
    const base = { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' };
    const attempts: [string, Record<string, string>, string][] = [
      ['no CSRF cookie', base, payload],
      ['cross-site', { ...base, cookie, 'sec-fetch-site': 'cross-site' }, payload],
      ['same-site', { ...base, cookie, 'sec-fetch-site': 'same-site' }, payload],
      ['null origin', { ...base, cookie, origin: 'null' }, payload],
      ['other origin', { ...base, cookie, origin: 'https://evil.example' }, payload],
      ['no _csrf', { ...base, cookie }, `accessKeyId=AKIDADMIN&secretAccessKey=${SECRET}`],
      ['another _csrf', { ...base, cookie }, payload.replace(csrf, 'A'.repeat(32))],
      ['a form as text/plain', { ...base, cookie, 'content-type': 'text/plain' }, payload],
    ];
    for (const [what, headers, body] of attempts) {
      const res = await app.server.inject({ method: 'POST', url: `${BASE}/sign-in`, headers, payload: body });
      assert.equal(res.statusCode, 403, what);
      assert.doesNotMatch(String(res.headers['set-cookie'] ?? ''), /cognate-console=/, what);
    }
  });

  it('goes on to a console page only, and answers a next it cannot send as the console (not a 500)', async () => {
    const { csrf, cookie } = await signInPage();
    for (const [next, to] of [[`${BASE}/\u0100`, `${BASE}/`], ['//evil.example/', `${BASE}/`], [`${BASE}//evil.example`, `${BASE}/`], [`${BASE}/\\evil`, `${BASE}/`], [`${BASE}/messages`, `${BASE}/messages`]]) {
      const res = await app.server.inject({
        method: 'POST', url: `${BASE}/sign-in`, payload: `_csrf=${csrf}&accessKeyId=AKIDADMIN&secretAccessKey=${SECRET}&next=${encodeURIComponent(next!)}`,
        headers: { host: 'localhost', cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, to, next);
      assert.match(String(res.headers['set-cookie']), /__Host-cognate-console=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=1800; Secure/);
    }
  });

  it('gives a visitor who has not signed in no way to the API, not even the first configured key', async () => {
    const probe = Fastify();
    let outcome: unknown;
    await probe.register(async (scope) => {
      registerGate(scope, app.deps);
      scope.get(`${BASE}/sign-in`, async (req) => {
        const { access, call } = visitOf(req);
        outcome = await call('ListUserPools', { MaxResults: 1 }).then(() => 'answered', (e: unknown) => e);
        return access.caller.accessKeyId;
      });
    });
    const res = await probe.inject({ method: 'GET', url: `${BASE}/sign-in` });
    assert.equal(res.body, '');
    assert.ok(outcome instanceof ApiError && outcome.type === 'NotAuthorizedException', String(outcome));
    await probe.close();
  });
});
