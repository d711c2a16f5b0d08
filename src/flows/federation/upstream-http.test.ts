import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Configuration } from 'openid-client';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import type { Sealer } from '../../services/sealing/sealer.ts';
import { startUpstream } from './oidc-upstream.ts';
import { boundedFetch, fetchableUrl, UpstreamConfigurations } from './upstream-http.ts';

describe('talking to an untrusted upstream', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/big') return void res.end('x'.repeat(5000));
      if (req.url === '/small') return void res.end('{"ok":true}');
      if (req.url?.startsWith('/evil/.well-known')) {
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify({ issuer: `${base}/evil`, authorization_endpoint: 'http://10.0.0.1/authorize', token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks` }));
      }
      // /hang: never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches only https, or http to this machine', () => {
    assert.ok(fetchableUrl('https://idp.example.com'));
    assert.ok(fetchableUrl('http://localhost:3000'));
    assert.ok(fetchableUrl('http://127.0.0.1'));
    assert.equal(fetchableUrl('http://idp.example.com'), undefined);
    assert.equal(fetchableUrl('http://169.254.169.254/latest'), undefined);
    assert.equal(fetchableUrl('file:///etc/passwd'), undefined);
  });

  it('refuses an answer larger than the limit, and passes a small one on', async () => {
    const f = boundedFetch(1000);
    await assert.rejects(f(`${base}/big`, { method: 'GET', headers: {}, body: undefined as never, redirect: 'manual' }), /larger than 1000 bytes/);
    const res = await f(`${base}/small`, { method: 'GET', headers: {}, body: undefined as never, redirect: 'manual' });
    assert.deepEqual(await res.json(), { ok: true });
  });

  it('keeps configurations for their time to live, and at most the number allowed', () => {
    let now = 0;
    const cache = new UpstreamConfigurations({ now: () => now }, { cacheTtlMs: 1000, cacheEntries: 2 });
    const c = {} as Configuration;
    cache.set('a', c);
    cache.set('b', c);
    cache.set('c', c);
    assert.equal(cache.get('a'), undefined, 'the oldest went');
    assert.equal(cache.get('b'), c);
    now = 1000;
    assert.equal(cache.get('b'), undefined, 'expired');
  });

  const provider = (issuer: string): IdentityProviderRecord => ({
    poolId: 'us-east-1_X', name: 'Corp', type: 'OIDC', identifiers: [], attributeMapping: {}, createdAt: 0, lastModifiedAt: 0,
    details: { client_id: 'c', attributes_request_method: 'GET', oidc_issuer: issuer, authorize_scopes: 'openid' },
  });
  const deps = (timeoutSeconds: number) => ({ sealer: {} as Sealer, clock: { now: () => Date.now() }, upstream: new UpstreamConfigurations({ now: () => Date.now() }, { timeoutSeconds }) });

  it('gives up on an upstream that does not answer, with a federation error rather than a hang', async () => {
    const started = Date.now();
    await assert.rejects(startUpstream(deps(1), provider(`${base}/hang`), { redirectUri: 'https://x.example/cb' }), { name: 'NotAuthorizedException', message: /discovery document cannot be read/ });
    assert.ok(Date.now() - started < 5000);
  });

  it('refuses a discovered endpoint that is not https (nor loopback http)', async () => {
    await assert.rejects(startUpstream(deps(5), provider(`${base}/evil`), { redirectUri: 'https://x.example/cb' }), { name: 'NotAuthorizedException', message: /authorization_endpoint is not an https URL/ });
  });

  it('uses the endpoints given instead of discovering them', async () => {
    const p = provider(`${base}/nowhere`);
    p.details = { ...p.details, authorize_url: 'https://idp.example.com/authorize', token_url: 'https://idp.example.com/token', jwks_uri: 'https://idp.example.com/jwks' };
    const { url } = await startUpstream(deps(1), p, { redirectUri: 'https://x.example/cb' });
    assert.ok(url.startsWith('https://idp.example.com/authorize?'));
  });
});
