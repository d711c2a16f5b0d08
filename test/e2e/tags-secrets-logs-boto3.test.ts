/**
 * Tags, client secrets and log export driven by boto3 (test/e2e/clients/boto3_tags_secrets_logs.py)
 * against a started Cognate in production mode: boto3 signs, serialises and parses the answers and
 * errors as it does AWS's. Skipped, saying so, where the machine lacks python3 with boto3.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from './harness.ts';

const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_DEFAULT_REGION: 'us-east-1' };
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { env }).status === 0;

describe('tags, client secrets and log export with boto3', { skip: hasBoto3 ? false : 'python3 with boto3 is not installed' }, () => {
  let server: Server;
  const dir = mkdtempSync(join(tmpdir(), 'cognate-boto3-'));
  before(async () => {
    const config = join(dir, 'cognate.json');
    writeFileSync(config, JSON.stringify({ credentials: [{ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }] }));
    server = await startServer({ args: ['--mode', 'production', '--config', config] });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers boto3 as AWS does: shapes, dates, and errors by code and message', () => {
    const script = new URL('./clients/boto3_tags_secrets_logs.py', import.meta.url).pathname;
    const r = spawnSync('python3', [script, server.url], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout);
    assert.deepEqual(seen.tags, { env: 'test' });
    assert.equal(seen.reserved.code, 'InvalidParameterException');
    assert.deepEqual(seen.missingPool, { code: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' });
    assert.equal(seen.addedValueLength, 51);
    assert.equal(seen.createDateIsDatetime, true);
    assert.equal(seen.listedIds.length, 2);
    assert.ok(seen.listedIds.every((id: string) => id.startsWith(`${seen.clientId}--`)));
    assert.equal(seen.listedIds[1], seen.addedId);
    assert.deepEqual(seen.listedValues, [null, null]);
    assert.deepEqual(seen.third, { code: 'LimitExceededException', message: 'An app client can have at most 2 client secrets.' });
    assert.deepEqual(seen.last, { code: 'InvalidParameterException', message: 'The last client secret of an app client cannot be deleted.' });
    assert.equal(seen.describedSecretIsAdded, true);
    assert.equal(seen.logs.UserPoolId, seen.poolId);
    assert.deepEqual(seen.logs.LogConfigurations.map((c: { EventSource: string }) => c.EventSource), ['userNotification', 'userAuthEvents']);
    assert.equal(seen.wrongLevel.code, 'InvalidParameterException');
  });
});
