/**
 * What infrastructure code does to a pool (test/e2e/clients/boto3_terraform_sequence.py, issue 22's
 * "Terraform-style sequence"): create a pool with tags, domain, resource server, identity provider
 * and client; read everything back; destroy it all, the domain before the pool as AWS requires.
 * Skipped, saying so, where the machine lacks python3 with boto3.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from './harness.ts';

const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_DEFAULT_REGION: 'us-east-1' };
const hasBoto3 = spawnSync('python3', ['-c', 'import boto3'], { env }).status === 0;

describe('a Terraform-style life cycle with boto3', { skip: hasBoto3 ? false : 'python3 with boto3 is not installed' }, () => {
  let server: Server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates, reads back and destroys a pool with its tags, domain, resource server, provider and client', () => {
    const script = new URL('./clients/boto3_terraform_sequence.py', import.meta.url).pathname;
    const r = spawnSync('python3', [script, server.url], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout);
    const tags = { team: 'identity', env: 'test' };
    assert.deepEqual([seen.createdTags, seen.describedTags, seen.listedTags], [tags, tags, tags]);
    assert.match(seen.describedDomain, /^tf-seq-/);
    assert.equal(seen.domainStatus, 'ACTIVE');
    assert.deepEqual(seen.scopes, ['read']);
    assert.equal(seen.providerType, 'OIDC');
    assert.deepEqual(seen.clientScopes, ['openid', 'https://api.example.com/read']);
    assert.deepEqual(seen.clientProviders, ['COGNITO', 'Corp']);
    assert.equal(seen.deleteWithDomain, 'InvalidParameterException');
    assert.equal(seen.afterDestroy, 'ResourceNotFoundException');
  });
});
