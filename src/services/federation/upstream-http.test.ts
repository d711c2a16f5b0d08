import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Configuration } from 'openid-client';
import { boundedFetch, fetchableUrl, UpstreamConfigurations } from './upstream-http.ts';

describe('talking to an untrusted upstream', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => void res.end(req.url === '/big' ? 'x'.repeat(5000) : '{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

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
});
