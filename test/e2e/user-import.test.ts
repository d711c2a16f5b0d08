/**
 * User import jobs through the JS SDK, with the CSV PUT to the pre-signed URL as AWS's guide does it
 * (curl -T users.csv -H 'x-amz-server-side-encryption: aws:kms' <PreSignedUrl>).
 */
import assert from 'node:assert/strict';
import { LOGGED_ROWS_MAX } from '../../src/services/import/import-run.ts';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  AdminGetUserCommand, CreateUserImportJobCommand, DescribeUserImportJobCommand, GetCSVHeaderCommand, ListUserImportJobsCommand,
  StartUserImportJobCommand, StopUserImportJobCommand, type UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const ROLE = 'arn:aws:iam::000000000000:role/CognitoImportRole';
let tb: Testbed;
let pool: PoolRecord;

before(async () => {
  tb = await startTestbed();
  pool = await createPool(tb, { AutoVerifiedAttributes: ['email'] });
});
after(() => tb.close());

async function createJob(name = 'import'): Promise<UserImportJobType> {
  return (await tb.cognito.send(new CreateUserImportJobCommand({ UserPoolId: pool.id, JobName: name, CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
}

const put = (url: string, body: string, headers: Record<string, string> = { 'x-amz-server-side-encryption': 'aws:kms' }) =>
  fetch(url, { method: 'PUT', body, headers });

async function csvFor(rows: string[][]): Promise<string> {
  const header = (await tb.cognito.send(new GetCSVHeaderCommand({ UserPoolId: pool.id }))).CSVHeader!;
  return [header.join(','), ...rows.map((r) => header.map((c) => r[['cognito:username', 'email', 'email_verified', 'cognito:mfa_enabled', 'given_name'].indexOf(c)] ?? '').join(','))].join('\n') + '\n';
}

async function settle(jobId: string): Promise<UserImportJobType> {
  for (let i = 0; i < 400; i++) {
    const job = (await tb.cognito.send(new DescribeUserImportJobCommand({ UserPoolId: pool.id, JobId: jobId }))).UserImportJob!;
    if (['Succeeded', 'Failed', 'Stopped'].includes(job.Status!)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the job did not finish');
}

describe('user import jobs', () => {
  it("GetCSVHeader lists the schema's attributes but sub, then cognito:mfa_enabled and cognito:username (the developer guide's sample)", async () => {
    const out = await tb.cognito.send(new GetCSVHeaderCommand({ UserPoolId: pool.id }));
    assert.equal(out.UserPoolId, pool.id);
    assert.deepEqual(out.CSVHeader, [
      'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'email', 'email_verified', 'gender',
      'birthdate', 'zoneinfo', 'locale', 'phone_number', 'phone_number_verified', 'address', 'updated_at', 'cognito:mfa_enabled', 'cognito:username',
    ]);
  });

  it('imports good rows RESET_REQUIRED, skips an existing user, fails bad rows, and logs each by line number', async () => {
    await createTestUser(tb, pool, { username: 'already', password: 'Passw0rd!x', attributes: { email: 'already@example.com' } });
    const job = await createJob('good and bad');
    assert.equal(job.Status, 'Created');
    assert.match(job.JobId!, /^import-[0-9a-zA-Z]{10}$/);
    const csv = await csvFor([
      ['ann', 'ann@example.com', 'true', 'false', 'Ann'],
      ['bob', 'bob@example.com', 'TRUE', '', ''],
      ['already', 'x@example.com', 'true', 'false', ''],
      ['noverify', 'nv@example.com', 'false', 'false', ''],
      ['bademail', 'not-an-email', 'true', 'false', ''],
      ['', 'empty@example.com', 'true', 'false', ''],
    ]);
    const res = await put(job.PreSignedUrl!, csv);
    assert.equal(res.status, 200);
    const started = (await tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }))).UserImportJob!;
    assert.equal(started.Status, 'Pending');
    assert.ok(started.StartDate instanceof Date);

    const done = await settle(job.JobId!);
    assert.equal(done.Status, 'Succeeded');
    assert.equal(done.CompletionMessage, 'Import Job Completed Successfully.');
    assert.deepEqual([done.ImportedUsers, done.SkippedUsers, done.FailedUsers], [2, 1, 3]);

    const ann = await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'ann' }));
    assert.equal(ann.UserStatus, 'RESET_REQUIRED');
    const attrs = Object.fromEntries(ann.UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attrs.email, 'ann@example.com');
    assert.equal(attrs.given_name, 'Ann');
    await rejectsWith(tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'noverify' })), 'UserNotFoundException');
    // The existing user is left as it was.
    const already = await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'already' }));
    assert.equal(Object.fromEntries(already.UserAttributes!.map((a) => [a.Name, a.Value])).email, 'already@example.com');

    const log = await (await fetch(`${tb.url}/_cognate/import-jobs/${job.JobId}/log`)).json() as { logStreamName: string; events: { message: string }[] };
    assert.equal(log.logStreamName, `${job.JobId}/good and bad`);
    assert.deepEqual(log.events.map((e) => e.message.replace(/ - .*/, '')), [2, 3, 4, 5, 6, 7].map((n, i) => `[${['SUCCEEDED', 'SUCCEEDED', 'SKIPPED', 'FAILED', 'FAILED', 'FAILED'][i]}] Line Number ${n}`));
    assert.equal(log.events[2].message, '[SKIPPED] Line Number 4 - The user already exists.');
    assert.equal(log.events[3].message, '[FAILED] Line Number 5 - The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).');
  });

  it('the URL refuses a wrong token, a PUT without the encryption header, a body over the limit, and any upload once the job started', async () => {
    const job = await createJob();
    const url = new URL(job.PreSignedUrl!);
    const wrong = new URL(url);
    wrong.searchParams.set('token', 'x'.repeat(43));
    const r1 = await put(wrong.toString(), 'a');
    assert.equal(r1.status, 403);
    assert.match(await r1.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.equal((await put(url.toString(), 'a', {})).status, 403);

    const limit = tb.app.deps.config.importMaxBytes;
    tb.app.deps.config.importMaxBytes = 4096;
    try {
      const r2 = await put(url.toString(), 'x'.repeat(5000));
      assert.equal(r2.status, 400);
      assert.match(await r2.text(), /<Code>EntityTooLarge<\/Code>/);
    } finally {
      tb.app.deps.config.importMaxBytes = limit;
    }

    const csv = await csvFor([['carl', 'carl@example.com', 'true', 'false', '']]);
    assert.equal((await put(url.toString(), csv)).status, 200);
    await tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const r3 = await put(url.toString(), csv);
    assert.equal(r3.status, 403);
    assert.match(await r3.text(), /<Code>AccessDenied<\/Code>/);
    assert.equal((await settle(job.JobId!)).ImportedUsers, 1);
    await rejectsWith(tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId })), 'PreconditionNotMetException');
  });

  it('the URL expires after 899 seconds, as AWS\'s X-Amz-Expires says', async () => {
    const job = await createJob();
    tb.clock.offset += 900_000;
    try {
      const r = await put(job.PreSignedUrl!, 'a');
      assert.equal(r.status, 403);
      assert.match(await r.text(), /Request has expired/);
    } finally {
      tb.clock.offset -= 900_000;
    }
  });

  it('a job stopped mid-way ends Stopped, with the users of the batches committed before', async () => {
    const job = await createJob('big');
    const rows = Array.from({ length: 3000 }, (_, i) => [`bulk${i}`, `bulk${i}@example.com`, 'true', 'false', '']);
    assert.equal((await put(job.PreSignedUrl!, await csvFor(rows))).status, 200);
    await tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    for (let i = 0; i < 200; i++) {
      const j = (await tb.cognito.send(new DescribeUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }))).UserImportJob!;
      if (j.ImportedUsers! > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const stopping = (await tb.cognito.send(new StopUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }))).UserImportJob!;
    assert.ok(['Stopping', 'Stopped'].includes(stopping.Status!), stopping.Status);
    const done = await settle(job.JobId!);
    assert.equal(done.Status, 'Stopped');
    assert.equal(done.CompletionMessage, 'The Import Job was stopped by the developer.');
    assert.ok(done.ImportedUsers! > 0 && done.ImportedUsers! < 3000, String(done.ImportedUsers));
    await rejectsWith(tb.cognito.send(new StopUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId })), 'PreconditionNotMetException');
  });

  it('keeps the log lines of the first 10,000 rows, and counts every row', async () => {
    const job = await createJob('many bad rows');
    const rows = Array.from({ length: LOGGED_ROWS_MAX + 50 }, (_, i) => [`bad${i}`, 'not-an-email', 'true', 'false', '']);
    assert.equal((await put(job.PreSignedUrl!, await csvFor(rows))).status, 200);
    await tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    let done = await settle(job.JobId!);
    for (let i = 0; i < 40 && done.FailedUsers! < rows.length; i++) done = await settle(job.JobId!);
    assert.equal(done.FailedUsers, rows.length);
    const events: { message: string }[] = [];
    let next: string | null = null;
    do {
      const page = await (await fetch(`${tb.url}/_cognate/import-jobs/${job.JobId}/log?limit=5000${next ? `&next=${encodeURIComponent(next)}` : ''}`)).json() as { events: { message: string }[]; next: string | null };
      events.push(...page.events);
      next = page.next;
    } while (next);
    const rowLines = events.filter((e) => /^\[FAILED\] Line Number/.test(e.message));
    assert.equal(rowLines.length, LOGGED_ROWS_MAX);
    assert.ok(events.some((e) => e.message === `Lines after the first ${LOGGED_ROWS_MAX} rows are not logged; the job's counts include them.`));
  });

  it('a job whose runner died is resumed after its last committed batch once the lease lapses', async () => {
    const job = await createJob('resumed');
    const csv = await csvFor([0, 1, 2, 3].map((i) => [`resume${i}`, `resume${i}@example.com`, 'true', 'false', '']));
    assert.equal((await put(job.PreSignedUrl!, csv)).status, 200);
    // As a dead runner leaves it: InProgress, two rows committed (as counted), its lease not yet lapsed.
    const stored = (await tb.app.store.importJobs.find(job.JobId!))!;
    const now = Date.now() + tb.clock.offset;
    await tb.app.store.importJobs.update({ ...stored, status: 'InProgress', startedAt: now, imported: 2, rowsDone: 2, leaseUntil: now + 60_000 });
    tb.app.deps.imports.wake();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await tb.app.store.importJobs.find(job.JobId!))!.status, 'InProgress');
    tb.clock.offset += 61_000;
    try {
      tb.app.deps.imports.wake();
      const done = await settle(job.JobId!);
      assert.equal(done.Status, 'Succeeded');
      assert.equal(done.ImportedUsers, 4);
    } finally {
      tb.clock.offset -= 61_000;
    }
    // Rows 0 and 1 were the dead run's: this run did not import them again.
    await rejectsWith(tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'resume1' })), 'UserNotFoundException');
    assert.equal((await tb.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'resume3' }))).UserStatus, 'RESET_REQUIRED');
  });

  it('a streamed body (no Content-Length) is cut off once it passes the limit, and nothing of it is kept', async () => {
    const job = await createJob();
    const limit = tb.app.deps.config.importMaxBytes;
    tb.app.deps.config.importMaxBytes = 4096;
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(job.PreSignedUrl!, { method: 'PUT', headers: { 'x-amz-server-side-encryption': 'aws:kms', 'transfer-encoding': 'chunked' } }, (r) => {
          let body = '';
          r.on('data', (d) => (body += d));
          r.on('end', () => resolve({ status: r.statusCode!, body }));
        });
        req.on('error', reject);
        for (let i = 0; i < 10; i++) req.write('x'.repeat(1000));
        req.end();
      });
      assert.equal(res.status, 400);
      assert.match(res.body, /EntityTooLarge/);
    } finally {
      tb.app.deps.config.importMaxBytes = limit;
    }
    assert.equal((await tb.app.store.importJobs.find(job.JobId!))!.upload, null);
  });

  it('an upload that finishes while another is still streaming does not delete the other\'s chunks', async () => {
    const job = await createJob();
    const store = tb.app.store.importJobs;
    const megabyte = 'y'.repeat(1024 * 1024);
    const slow = request(job.PreSignedUrl!, { method: 'PUT', headers: { 'x-amz-server-side-encryption': 'aws:kms', 'transfer-encoding': 'chunked' } });
    const slowRes = new Promise<number>((resolve, reject) => {
      slow.on('response', (r) => (r.resume(), r.on('end', () => resolve(r.statusCode!))));
      slow.on('error', reject);
    });
    // The slow upload's first chunk (a megabyte) is written to the store before the fast one ends.
    slow.write(megabyte);
    slow.write('z');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await put(job.PreSignedUrl!, 'fast')).status, 200);
    slow.end('tail');
    assert.equal(await slowRes, 200);
    // The last to finish replaces the file, as S3's last PUT wins, and it is whole.
    const upload = (await store.find(job.JobId!))!.upload!;
    assert.equal(upload.bytes, megabyte.length + 5);
    let kept = 0;
    for (let seq = 1; ; seq++) {
      const data = await store.chunk(job.JobId!, upload.id, seq);
      if (!data) break;
      kept += data.length;
    }
    assert.equal(kept, upload.bytes);
  });

  it('a header that does not match the schema fails the job', async () => {
    const job = await createJob();
    assert.equal((await put(job.PreSignedUrl!, 'cognito:username,email,shoe_size\nx,x@example.com,44\n')).status, 200);
    await tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const done = await settle(job.JobId!);
    assert.equal(done.Status, 'Failed');
    assert.equal(done.ImportedUsers, 0);
  });

  it('a file that cannot be parsed fails the job at the broken line, keeping the rows before it', async () => {
    const job = await createJob();
    const csv = (await csvFor([['before', 'before@example.com', 'true', 'false', '']])) + '"unclosed,quote\n';
    assert.equal((await put(job.PreSignedUrl!, csv)).status, 200);
    await tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: pool.id, JobId: job.JobId }));
    const done = await settle(job.JobId!);
    assert.equal(done.Status, 'Failed');
    assert.equal(done.CompletionMessage, 'The CSV file could not be parsed.');
    assert.equal(done.ImportedUsers, 1);
  });

  it('a pool without auto-verified attributes cannot start an import (the developer guide)', async () => {
    const bare = await createPool(tb, { PoolName: 'no-auto-verify' });
    const job = (await tb.cognito.send(new CreateUserImportJobCommand({ UserPoolId: bare.id, JobName: 'x', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
    await rejectsWith(tb.cognito.send(new StartUserImportJobCommand({ UserPoolId: bare.id, JobId: job.JobId })), 'PreconditionNotMetException');
  });

  it('ListUserImportJobs pages newest first', async () => {
    const p2 = await createPool(tb, { PoolName: 'listing', AutoVerifiedAttributes: ['email'] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await tb.cognito.send(new CreateUserImportJobCommand({ UserPoolId: p2.id, JobName: `j${i}`, CloudWatchLogsRoleArn: ROLE }))).UserImportJob!.JobId!);
    const first = await tb.cognito.send(new ListUserImportJobsCommand({ UserPoolId: p2.id, MaxResults: 2 }));
    assert.deepEqual(first.UserImportJobs!.map((j) => j.JobId), [ids[2], ids[1]]);
    assert.ok(first.PaginationToken);
    const second = await tb.cognito.send(new ListUserImportJobsCommand({ UserPoolId: p2.id, MaxResults: 2, PaginationToken: first.PaginationToken }));
    assert.deepEqual(second.UserImportJobs!.map((j) => j.JobId), [ids[0]]);
    assert.equal(second.PaginationToken, undefined);
    await rejectsWith(tb.cognito.send(new DescribeUserImportJobCommand({ UserPoolId: p2.id, JobId: ids[0].replace(/.$/, '0') === ids[0] ? `${ids[0]}x` : ids[0].replace(/.$/, '0') })), 'ResourceNotFoundException');
    // Another pool's job is not this pool's.
    await rejectsWith(tb.cognito.send(new DescribeUserImportJobCommand({ UserPoolId: pool.id, JobId: ids[0] })), 'ResourceNotFoundException');
  });
});
