import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { it } from 'node:test';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer } from './harness.ts';

it('keeps pools and clients across a restart of the server', async () => {
  const first = await startServer();
  const db = first.db;
  let cognito = sdkClient(first.url);
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'durable', AutoVerifiedAttributes: ['email'] }))).UserPool!;
  const client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'app', GenerateSecret: true }))).UserPoolClient!;
  // SIGKILL: no graceful close; what was answered must already be on disk.
  const killed = new Promise((r) => first.process.once('exit', r));
  first.process.kill('SIGKILL');
  await killed;

  const second = await startServer({ db });
  try {
    cognito = sdkClient(second.url);
    assert.deepEqual((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }))).UserPool, pool);
    assert.deepEqual((await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: client.ClientId }))).UserPoolClient, client);
  } finally {
    await second.stop();
    rmSync(first.dir, { recursive: true, force: true });
  }
});
