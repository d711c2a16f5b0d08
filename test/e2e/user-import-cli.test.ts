/**
 * A user import as AWS's developer guide walks it, against a started Cognate in production mode:
 * `aws cognito-idp create-user-import-job`, `curl -T users.csv -H 'x-amz-server-side-encryption:
 * aws:kms' <PreSignedUrl>`, `start-user-import-job`, then `describe-user-import-job` until it ends.
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
const skip = !has('aws', ['--version']) ? 'the aws command is not installed' : !has('curl', ['--version']) ? 'curl is not installed' : false;

describe('a user import with the AWS CLI and curl', { skip }, () => {
  let server: Server;
  const dir = mkdtempSync(join(tmpdir(), 'cognate-import-cli-'));
  before(async () => {
    const config = join(dir, 'cognate.json');
    writeFileSync(config, JSON.stringify({ credentials: [{ accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY }] }));
    server = await startServer({ args: ['--mode', 'production', '--config', config] });
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const aws = (...args: string[]) => {
    const r = spawnSync('aws', ['cognito-idp', ...args, '--endpoint-url', server.url, '--output', 'json'], { encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout || '{}');
  };

  it('imports the good rows and counts the bad ones', async () => {
    const pool = aws('create-user-pool', '--pool-name', 'import-cli', '--auto-verified-attributes', 'email').UserPool;
    const header: string[] = aws('get-csv-header', '--user-pool-id', pool.Id).CSVHeader;
    const row = (values: Record<string, string>) => header.map((c) => values[c] ?? '').join(',');
    const csv = [
      header.join(','),
      row({ 'cognito:username': 'alice', email: 'alice@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false', name: 'Alice' }),
      row({ 'cognito:username': 'bruno', email: 'bruno@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false', updated_at: '1700000000' }),
      row({ 'cognito:username': 'nobody', email: 'nobody@example.com', email_verified: 'false', 'cognito:mfa_enabled': 'false' }),
      row({ 'cognito:username': 'mfa', email: 'mfa@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'true' }),
      row({ 'cognito:username': 'alice', email: 'alice2@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false' }),
    ].join('\r\n');
    const file = join(dir, 'users.csv');
    writeFileSync(file, csv);

    const job = aws('create-user-import-job', '--job-name', 'cli import', '--user-pool-id', pool.Id, '--cloud-watch-logs-role-arn', 'arn:aws:iam::000000000000:role/CognitoImport').UserImportJob;
    assert.equal(job.Status, 'Created');
    const curl = spawnSync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-T', file, '-H', 'x-amz-server-side-encryption:aws:kms', job.PreSignedUrl], { encoding: 'utf8' });
    assert.equal(curl.stdout, '200', curl.stderr);
    assert.equal(aws('start-user-import-job', '--user-pool-id', pool.Id, '--job-id', job.JobId).UserImportJob.Status, 'Pending');

    let done;
    for (let i = 0; i < 100; i++) {
      done = aws('describe-user-import-job', '--user-pool-id', pool.Id, '--job-id', job.JobId).UserImportJob;
      if (!['Pending', 'InProgress'].includes(done.Status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(done.Status, 'Succeeded');
    assert.deepEqual([done.ImportedUsers, done.SkippedUsers, done.FailedUsers], [2, 1, 2]);

    const alice = aws('admin-get-user', '--user-pool-id', pool.Id, '--username', 'alice');
    assert.equal(alice.UserStatus, 'RESET_REQUIRED');
    assert.equal(alice.UserAttributes.find((a: { Name: string }) => a.Name === 'email').Value, 'alice@example.com');
    const users = aws('list-users', '--user-pool-id', pool.Id).Users.map((u: { Username: string }) => u.Username).sort();
    assert.deepEqual(users, ['alice', 'bruno']);

    // The URL takes nothing once the job has started: curl is answered 403.
    const again = spawnSync('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-T', file, '-H', 'x-amz-server-side-encryption:aws:kms', job.PreSignedUrl], { encoding: 'utf8' });
    assert.equal(again.stdout, '403');
    const listed = aws('list-user-import-jobs', '--user-pool-id', pool.Id, '--max-results', '10').UserImportJobs;
    assert.deepEqual(listed.map((j: { JobId: string }) => j.JobId), [job.JobId]);
  });
});
