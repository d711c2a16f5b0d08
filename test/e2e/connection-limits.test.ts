/**
 * Clients that connect and stall: a request head or body sent in part and never finished holds a
 * connection. The server drops each such client once its time is up, and refuses connections
 * beyond its cap, while other clients are served.
 *
 * The limits come from the environment (COGNATE_*), so that a server that does not know them
 * starts all the same, with Node's own timeouts, and the test fails on what it measures.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from './harness.ts';

interface Held {
  socket: Socket;
  /** Milliseconds from opening to the server closing it; undefined while open. */
  closedAfter?: number;
}

/** Opens `count` connections, each sending `text` and then nothing more. */
async function hold(url: string, count: number, text: string): Promise<Held[]> {
  const { hostname, port } = new URL(url);
  const started = Date.now();
  return Promise.all(Array.from({ length: count }, () => new Promise<Held>((resolve) => {
    const held: Held = { socket: connect(Number(port), hostname) };
    held.socket.on('error', () => {});
    // Reads (and drops) the server's 408, so that its closing the connection is seen.
    held.socket.resume();
    held.socket.on('close', () => (held.closedAfter = Date.now() - started));
    held.socket.on('connect', () => {
      if (text) held.socket.write(text);
      resolve(held);
    });
    // A connection refused outright closes without connecting.
    held.socket.on('close', () => resolve(held));
  })));
}

async function until(done: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

const open = (held: Held[]) => held.filter((h) => h.closedAfter === undefined).length;
const release = (held: Held[]) => held.forEach((h) => h.socket.destroy());
const HALF_HEAD = 'POST / HTTP/1.1\r\nHost: cognate\r\nContent-Type: application/x-amz-json-1.1\r\n';

describe('a client that stalls', () => {
  let server: Server;
  before(async () => {
    server = await startServer({ env: { COGNATE_HEADERS_TIMEOUT_MS: '1000', COGNATE_REQUEST_TIMEOUT_MS: '2000' } });
  });
  after(() => server.stop());

  it('is dropped once the headers timeout is up, 300 of them at once, while others are served', async () => {
    const held = await hold(server.url, 300, HALF_HEAD);
    try {
      const health = await fetch(`${server.url}/health`);
      assert.equal(health.status, 200, 'a well-behaved client is served meanwhile');
      // Before: all 300 were still open after 20 s (Node's 60 s headers timeout, checked every 30 s).
      await until(() => open(held) === 0, 6000);
      assert.equal(open(held), 0, `${open(held)} of 300 connections still open after 6 s`);
      const first = Math.min(...held.map((h) => h.closedAfter!));
      assert.ok(first >= 900, `closed after ${first} ms, before the timeout`);
    } finally {
      release(held);
    }
  });

  it('is dropped once the request timeout is up when the body never ends', async () => {
    const held = await hold(server.url, 20, `${HALF_HEAD}X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\nContent-Length: 100\r\n\r\n{"MaxRes`);
    try {
      await until(() => open(held) === 0, 6000);
      assert.equal(open(held), 0, `${open(held)} of 20 connections still open after 6 s`);
      assert.ok(Math.min(...held.map((h) => h.closedAfter!)) >= 1900, 'the headers came in time; the request timeout applies');
    } finally {
      release(held);
    }
  });
});

describe('connections beyond --max-connections', () => {
  let server: Server;
  before(async () => {
    server = await startServer({ env: { COGNATE_MAX_CONNECTIONS: '20' } });
  });
  after(() => server.stop());

  it('are closed at once, and the server serves again once connections are free', async () => {
    const held = await hold(server.url, 30, HALF_HEAD);
    try {
      await until(() => open(held) <= 20, 3000);
      assert.equal(open(held), 20, 'the first 20 are kept (their headers timeout has not come), the other 10 closed');
      await assert.rejects(fetch(`${server.url}/health`), 'no room for another client');
    } finally {
      release(held);
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
  });
});
