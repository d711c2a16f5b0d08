/**
 * PostgreSQL going away and coming back under a running Cognate: requests answer
 * InternalErrorException and /health 503 while it is gone, and both recover once it returns,
 * without a restart. And a Cognate that cannot reach it at start refuses to start, saying where it looked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from './harness.ts';
import { dropSchemas, postgresUnavailable, schemaName, TEST_POSTGRES_URL } from '../support/postgres.ts';
import { freePort } from '../support/smtp-peer.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;
const skip = await postgresUnavailable();

describe('a PostgreSQL outage', { skip }, () => {
  const schema = schemaName('outage');
  let proxy: TcpProxy;
  let server: Server;

  before(async () => {
    const target = new URL(TEST_POSTGRES_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const url = new URL(TEST_POSTGRES_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    server = await startServer({ args: ['--postgres', url.href, '--postgres-schema', schema] });
  });
  after(async () => {
    await server?.stop();
    await proxy?.close();
    await dropSchemas([schema]);
  });

  it('answers InternalErrorException while the database is gone, and recovers when it returns', async () => {
    const cognito = sdkClient(server.url);
    await cognito.send(new CreateUserPoolCommand({ PoolName: 'before' }));
    assert.equal((await fetch(`${server.url}/health`)).status, 200);

    await proxy.down();
    await assert.rejects(cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })), (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(e.name, 'InternalErrorException');
      assert.equal(e.$metadata?.httpStatusCode, 500);
      return true;
    });
    assert.equal((await fetch(`${server.url}/health`)).status, 503);

    await proxy.up();
    // A pooled connection cut by the outage is dropped at its first failure, if the pool had not noticed yet: a few checks at most.
    const checks: number[] = [];
    while (checks.at(-1) !== 200 && checks.length < 5) checks.push((await fetch(`${server.url}/health`)).status);
    assert.equal(checks.at(-1), 200, `health checks after the return: ${checks.join(', ')}`);
    const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    assert.deepEqual(pools.UserPools!.map((p) => p.Name), ['before'], 'the data is all there');
    await cognito.send(new CreateUserPoolCommand({ PoolName: 'after' }));
  });
});

it('refuses to start when PostgreSQL cannot be reached, naming where it looked', async () => {
  const port = await freePort();
  const res = spawnSync(process.execPath, [MAIN, 'serve', '--port', '0', '--postgres', `postgres://cognate:s3cret@127.0.0.1:${port}/cognate`], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, new RegExp(`cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/cognate: connect ECONNREFUSED`));
  assert.doesNotMatch(res.stderr, /s3cret/);
});
