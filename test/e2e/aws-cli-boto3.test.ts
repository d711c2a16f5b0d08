/**
 * The AWS CLI and boto3, as installed on the machine, against a started Cognate in production
 * mode, so that every request of theirs has its signature checked against a configured key. Both
 * are skipped, saying so, where the machine lacks them (`pip install awscli boto3` brings them).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from './harness.ts';

const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', env }).status === 0;
const hasCli = has('aws', ['--version']);
const hasBoto3 = has('python3', ['-c', 'import boto3']);

describe('the AWS CLI and boto3', () => {
  let server: Server;
  const dir = mkdtempSync(join(tmpdir(), 'cognate-cli-keys-'));
  before(async () => {
    // The key both sign with (boto3_pools.py names it too).
    const config = join(dir, 'cognate.json');
    writeFileSync(config, JSON.stringify({ credentials: [{ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }] }));
    server = await startServer({ args: ['--mode', 'production', '--config', config] });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with another secret: the signatures are checked', { skip: hasCli ? false : 'the aws command is not installed' }, () => {
    const r = spawnSync('aws', ['cognito-idp', 'list-user-pools', '--max-results', '1', '--endpoint-url', server.url], { encoding: 'utf8', env: { ...env, AWS_SECRET_ACCESS_KEY: 'another' } });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /InvalidSignatureException/);
  });

  const aws = (...args: string[]) => spawnSync('aws', ['cognito-idp', ...args, '--endpoint-url', server.url, '--output', 'json'], { encoding: 'utf8', env });

  it('manages pools and clients with the AWS CLI', { skip: hasCli ? false : 'the aws command is not installed' }, () => {
    const created = aws('create-user-pool', '--pool-name', 'cli-pool', '--alias-attributes', 'email', '--auto-verified-attributes', 'email');
    assert.equal(created.status, 0, created.stderr);
    const pool = JSON.parse(created.stdout).UserPool;
    assert.match(pool.Id, /^us-east-1_/);
    const client = aws('create-user-pool-client', '--user-pool-id', pool.Id, '--client-name', 'cli-client', '--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH');
    assert.equal(client.status, 0, client.stderr);
    assert.deepEqual(JSON.parse(client.stdout).UserPoolClient.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    const listed = aws('list-user-pools', '--max-results', '10');
    assert.ok(JSON.parse(listed.stdout).UserPools.some((p: { Id: string }) => p.Id === pool.Id));
    const described = aws('describe-user-pool', '--user-pool-id', pool.Id);
    assert.deepEqual(JSON.parse(described.stdout).UserPool.AliasAttributes, ['email']);
    const missing = aws('describe-user-pool', '--user-pool-id', 'us-east-1_nothere00');
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /ResourceNotFoundException.*User pool us-east-1_nothere00 does not exist\./);
    const deleted = aws('delete-user-pool', '--user-pool-id', pool.Id);
    assert.equal(deleted.status, 0, deleted.stderr);
  });

  // A custom domain's full name passes the CLI (botocore checks no patterns) and Cognate alike, as
  // it does AWS: https://docs.aws.amazon.com/cli/latest/reference/cognito-idp/create-user-pool-domain.html
  it('gives a pool a custom domain and a resource server with the AWS CLI', { skip: hasCli ? false : 'the aws command is not installed' }, () => {
    const pool = JSON.parse(aws('create-user-pool', '--pool-name', 'cli-domain-pool').stdout).UserPool;
    const host = `auth-${Date.now()}.example.com`;
    const created = aws('create-user-pool-domain', '--user-pool-id', pool.Id, '--domain', host, '--custom-domain-config', 'CertificateArn=arn:aws:acm:us-east-1:123456789012:certificate/abc');
    assert.equal(created.status, 0, created.stderr);
    assert.match(JSON.parse(created.stdout).CloudFrontDomain, /\.cloudfront\.net$/);
    const described = JSON.parse(aws('describe-user-pool-domain', '--domain', host).stdout).DomainDescription;
    assert.equal(described.UserPoolId, pool.Id);
    // (CLI v1 fetches a parameter that is a URL, so the identifier here is not one.)
    const rs = aws('create-resource-server', '--user-pool-id', pool.Id, '--identifier', 'orders-api', '--name', 'api', '--scopes', 'ScopeName=read,ScopeDescription=Read');
    assert.equal(rs.status, 0, rs.stderr);
    assert.deepEqual(JSON.parse(rs.stdout).ResourceServer.Scopes, [{ ScopeName: 'read', ScopeDescription: 'Read' }]);
  });

  it('manages pools and clients with boto3', { skip: hasBoto3 ? false : 'python3 with boto3 is not installed' }, () => {
    const script = new URL('./clients/boto3_pools.py', import.meta.url).pathname;
    const r = spawnSync('python3', [script, server.url], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout);
    assert.equal(seen.creationDateIsDatetime, true);
    assert.deepEqual(seen.autoVerified, ['email']);
    assert.equal(seen.secretLength, 51);
    assert.deepEqual(seen.listedClients, [seen.clientId]);
    assert.ok(seen.pools.includes(seen.poolId), 'the paginator walked every page');
    assert.deepEqual(seen.error, { code: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' });
    assert.match(seen.validation, /^1 validation error detected: Value 'bad name!' at 'poolName'/);
  });
});
