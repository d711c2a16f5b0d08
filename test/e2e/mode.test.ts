/**
 * Which mode a server runs in, and who may read its metrics. Development mode leaves the server
 * open (any key signs administrative operations, every code is readable at /_cognate/messages), so
 * it is the default only on a loopback address; anywhere else it runs only when asked for, with a
 * warning. A server on another address without --mode runs in production: nothing is left open,
 * and a start-up that was meant to be development fails loudly (administrative calls refused with
 * UnrecognizedClientException, the log saying so) rather than quietly exposing codes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer } from './harness.ts';

const entries = (logs: string[]) => logs.flatMap((l) => {
  try {
    return [JSON.parse(l) as { level: number; msg: string; mode?: string }];
  } catch {
    return [];
  }
});
const WARN = 40;

/** The start-up warnings come just after the line the harness waits for. */
async function warning(logs: string[], pattern: RegExp) {
  for (let i = 0; i < 100; i++) {
    const found = entries(logs).find((e) => e.level === WARN && pattern.test(e.msg));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

describe('the mode', () => {
  it('is production on a non-loopback address unless --mode says otherwise', async () => {
    const server = await startServer({ args: ['--host', '0.0.0.0'] });
    try {
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      assert.equal(entries(server.logs).find((e) => e.mode)?.mode, 'production');
      assert.equal((await fetch(`${url}/_cognate/messages`)).status, 404, 'no inbox');
      await assert.rejects(sdkClient(url).send(new ListUserPoolsCommand({ MaxResults: 1 })), { name: 'UnrecognizedClientException' });
    } finally {
      await server.stop();
    }
  });

  it('is development on a non-loopback address with --mode development, with a warning naming what that opens', async () => {
    const server = await startServer({ args: ['--host', '0.0.0.0', '--mode', 'development'] });
    try {
      assert.equal(entries(server.logs).find((e) => e.mode)?.mode, 'development');
      const warned = await warning(server.logs, /not a loopback address/);
      assert.ok(warned, 'a warning about the address');
      for (const opened of ['signatures are not checked', '/_cognate/messages', '/_cognate/triggers', '/metrics', 'request-rate quotas', 'captured, not sent', '--fixed-code']) {
        assert.ok(warned.msg.includes(opened), `the warning names ${opened}`);
      }
    } finally {
      await server.stop();
    }
  });
});

describe('/metrics', () => {
  // From the environment, so that a server that knows no token starts all the same.
  const TOKEN = 'metrics-0123456789abcdef';

  it('in production answers 401 without the configured bearer token, and 200 with it', async () => {
    const server = await startServer({ args: ['--mode', 'production'], env: { COGNATE_METRICS_TOKEN: TOKEN } });
    try {
      const bare = await fetch(`${server.url}/metrics`);
      assert.equal(bare.status, 401);
      assert.equal(bare.headers.get('www-authenticate'), 'Bearer realm="metrics"');
      assert.doesNotMatch(await bare.text(), /cognate_/);
      assert.equal((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer metrics-0123456789abcdeX' } })).status, 401);
      assert.equal((await fetch(`${server.url}/metrics`, { headers: { authorization: TOKEN } })).status, 401, 'the Bearer scheme is required');
      const scraped = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(scraped.status, 200);
      assert.match(await scraped.text(), /cognate_process_cpu_seconds_total/);
    } finally {
      await server.stop();
    }
  });

  it('in production without a token is not served, and says so at start-up', async () => {
    const server = await startServer({ args: ['--mode', 'production'] });
    try {
      assert.equal((await fetch(`${server.url}/metrics`)).status, 404);
      assert.ok(await warning(server.logs, /no metricsToken/));
    } finally {
      await server.stop();
    }
  });
});
