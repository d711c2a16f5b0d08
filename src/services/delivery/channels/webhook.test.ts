import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { failure, freePort } from '../../../../test/support/channels.ts';
import type { OutgoingMessage } from './types.ts';
import { createWebhookChannel, verifyWebhookSignature } from './webhook.ts';

const SECRET = 'webhook-test-secret';
const MESSAGE: OutgoingMessage = {
  id: 'msg-0002',
  medium: 'sms',
  destination: '+15555550100',
  body: 'Your verification code is 654321',
  userPoolId: 'us-east-1_abc',
  username: 'bob',
};

interface Received {
  headers: IncomingHttpHeaders;
  method: string;
  body: string;
}

// The server's behaviour is picked per request by the path.
const received: Received[] = [];
const routes: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"gw-42"}'),
  '/ok-empty': (res) => res.writeHead(204).end(),
  '/bad': (res) => res.writeHead(400).end('destination not allowed'),
  '/unavailable': (res) => res.writeHead(503).end(),
  '/slow-down': (res) => res.writeHead(429).end(),
  '/timeout': (res) => res.writeHead(408).end(),
  '/redirect': (res) => res.writeHead(302, { location: '/ok' }).end(),
  '/never': () => {},
};
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received.push({ headers: req.headers, method: req.method ?? '', body: Buffer.concat(chunks).toString('utf8') });
    (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
  });
});
let base = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const channel = (path: string, extra: { timeoutMs?: number; secret?: string } = {}) =>
  createWebhookChannel('hook', { url: base + path, secret: SECRET, timeoutMs: 2_000, headers: { 'x-api-key': 'k1', 'Content-Type': 'text/plain' }, ...extra }, () => NOW);


describe('webhook channel', () => {
  it('POSTs signed JSON and takes the id from the answer', async () => {
    received.length = 0;
    const result = await channel('/ok').send(MESSAGE, new AbortController().signal);
    assert.deepEqual(result, { providerId: 'gw-42' });
    const [req] = received;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers['x-cognate-message-id'], 'msg-0002');
    assert.equal(req.headers['x-api-key'], 'k1');
    const ts = String(req.headers['x-cognate-timestamp']);
    assert.equal(ts, String(NOW / 1000));
    assert.deepEqual(JSON.parse(req.body), {
      id: 'msg-0002',
      medium: 'sms',
      destination: '+15555550100',
      subject: null,
      body: 'Your verification code is 654321',
      from: null,
      userPoolId: 'us-east-1_abc',
      username: 'bob',
      sentAt: '2025-01-01T12:00:00.000Z',
    });
    const signature = String(req.headers['x-cognate-signature']);
    assert.match(signature, /^v1=[0-9a-f]{64}$/);
    const nowSeconds = NOW / 1000 + 10;
    assert.equal(verifyWebhookSignature(SECRET, ts, req.body, signature, nowSeconds), true);
    assert.equal(verifyWebhookSignature('wrong-secret', ts, req.body, signature, nowSeconds), false);
    assert.equal(verifyWebhookSignature(SECRET, ts, req.body.replace('654321', '000000'), signature, nowSeconds), false);
    assert.equal(verifyWebhookSignature(SECRET, ts, req.body, signature, NOW / 1000 + 301), false, 'older than 5 minutes');
    assert.equal(verifyWebhookSignature(SECRET, ts, req.body, 'v1=00', nowSeconds), false);
    assert.equal(verifyWebhookSignature(SECRET, 'abc', req.body, signature, nowSeconds), false);
    assert.equal(verifyWebhookSignature(SECRET, ts, req.body, `v1=${'0'.repeat(64)}, ${signature}`, nowSeconds), true);
  });

  it('any 2xx is sent, with or without an id', async () => {
    assert.deepEqual(await channel('/ok-empty').send(MESSAGE, new AbortController().signal), {});
  });

  it('400 is permanent and carries the answer', async () => {
    const err = await failure(channel('/bad').send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, true);
    assert.match(err.message, /HTTP 400: destination not allowed/);
  });

  it('a redirect is not followed and is permanent', async () => {
    const err = await failure(channel('/redirect').send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, true);
    assert.match(err.message, /HTTP 302/);
  });

  for (const [path, status] of [['/unavailable', 503], ['/slow-down', 429], ['/timeout', 408]] as const) {
    it(`${status} is transient`, async () => {
      const err = await failure(channel(path).send(MESSAGE, new AbortController().signal));
      assert.equal(err.permanent, false);
      assert.match(err.message, new RegExp(`HTTP ${status}`));
    });
  }

  it('a server that never answers is transient after timeoutMs', async () => {
    const err = await failure(channel('/never', { timeoutMs: 200 }).send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, false);
    assert.match(err.message, /within 200 ms/);
  });

  it('an abort is transient and prompt', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await failure(channel('/never').send(MESSAGE, controller.signal));
    assert.equal(err.permanent, false);
    assert.match(err.message, /aborted/);
  });

  it('nothing listening is transient', async () => {
    const port = await freePort();
    const c = createWebhookChannel('hook', { url: `http://127.0.0.1:${port}/`, secret: SECRET, timeoutMs: 2_000 });
    const err = await failure(c.send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, false);
    assert.match(err.message, /ECONNREFUSED/);
  });
});
