/**
 * Issue 19, CORS: a browser page on another origin calls Cognate (Amplify's first call is a
 * preflight `OPTIONS /`, which answered 404). Every answer to an allowed Origin carries
 * Access-Control-Allow-Origin, errors and the JWKS included; preflights answer 204 with the
 * headers the AWS SDKs send. Development allows any origin, production only the configured ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRig, type Rig } from '../support/rig.ts';

const AMPLIFY_HEADERS = 'amz-sdk-invocation-id,amz-sdk-request,cache-control,content-type,x-amz-target,x-amz-user-agent';

const preflight = (url: string, origin: string) =>
  fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': AMPLIFY_HEADERS } });

const getUser = (url: string, origin: string) =>
  fetch(url, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
    body: JSON.stringify({ AccessToken: 'not.a.token' }),
  });

describe('CORS in development: any origin', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(() => rig.close());

  it('answers a preflight 204 with the methods, every header Amplify sends, and how long to keep it', async () => {
    const res = await preflight(rig.url, 'http://localhost:5173');
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/);
    for (const h of [...AMPLIFY_HEADERS.split(','), 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']) assert.ok(allowed.includes(h), h);
    assert.match(res.headers.get('access-control-allow-methods')!, /POST/);
    assert.equal(res.headers.get('access-control-max-age'), '600');
  });

  it('marks an error answer, and exposes the request id and the error type', async () => {
    const res = await getUser(rig.url, 'http://localhost:5173');
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const exposed = res.headers.get('access-control-expose-headers')!.split(/,\s*/);
    for (const h of ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date']) assert.ok(exposed.includes(h), h);
  });

  it("marks a pool's JWKS and discovery documents", async () => {
    const pool = await rig.pool();
    for (const path of ['.well-known/jwks.json', '.well-known/openid-configuration']) {
      const res = await fetch(`${rig.url}/${pool.id}/${path}`, { headers: { origin: 'https://spa.example.net' } });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://spa.example.net', path);
    }
  });
});

describe('CORS in production: only the configured origins', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig({ args: ['--mode', 'production', '--cors-origins', 'https://app.example.com, https://*.example.org'] });
  });
  after(() => rig.close());

  it('allows an exact origin and the subdomains of a wildcard one, and no other', async () => {
    for (const origin of ['https://app.example.com', 'https://a.example.org', 'https://b.c.example.org']) {
      assert.equal((await preflight(rig.url, origin)).headers.get('access-control-allow-origin'), origin, origin);
      assert.equal((await getUser(rig.url, origin)).headers.get('access-control-allow-origin'), origin, origin);
    }
    for (const origin of ['https://evil.example', 'http://app.example.com', 'https://example.org', 'https://app.example.com.evil.example']) {
      assert.equal((await preflight(rig.url, origin)).headers.get('access-control-allow-origin'), null, origin);
      const res = await getUser(rig.url, origin);
      assert.equal(res.status, 400, 'answered all the same: the browser, not the server, withholds it');
      assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
    }
  });
});
