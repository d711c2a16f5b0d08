/**
 * The import scenario: a 100,000-row CSV imported through a user import job (PUT to the pre-signed
 * URL, StartUserImportJob, polled until it ends) while a closed loop of GetUser callers runs on the
 * same server; their p99 during the import, against the same load just before it, says whether the
 * import blocks other requests. `npm run bench` runs it; `node bench/import.ts [--rows N]` alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient, CreateUserImportJobCommand, CreateUserPoolCommand, DescribeUserImportJobCommand, GetCSVHeaderCommand, StartUserImportJobCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { prepare, seed, signIn, startCognate, type SignedIn } from './cognate.ts';
import { combine, load, TARGET, type LoadResult } from './load.ts';

export interface ImportRun {
  rows: number;
  /** StartUserImportJob to CompletionDate. */
  seconds: number;
  imported: number;
  status: string;
  /** GetUser alone, then while the import runs. */
  before: LoadResult;
  during: LoadResult;
}

const CONNECTIONS = 8;

function csv(header: string[], rows: number): string {
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(6, '0');
    const values: Record<string, string> = { 'cognito:username': `imported${n}`, email: `imported${n}@example.com`, email_verified: 'true', 'cognito:mfa_enabled': 'false', name: `Imported ${n}` };
    lines.push(header.map((c) => values[c] ?? '').join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the scenario against a started server whose `users` are signed in (another pool: the store is shared). */
export async function importScenario(opts: { url: string; pid: number; users: SignedIn[]; rows: number; log: (line: string) => void }): Promise<ImportRun> {
  const { url, pid, users, rows, log } = opts;
  const cognito = new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const bodies = users.map((u) => JSON.stringify({ AccessToken: u.accessToken }));
  const getUser = (duration: number) => load({ url, target: `${TARGET}GetUser`, bodies, connections: CONNECTIONS, duration, expect: 200, pid });
  try {
    const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'import-bench', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
    const header = (await cognito.send(new GetCSVHeaderCommand({ UserPoolId: poolId }))).CSVHeader!;
    const job = (await cognito.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'bench', CloudWatchLogsRoleArn: 'arn:aws:iam::000000000000:role/bench' }))).UserImportJob!;
    const body = csv(header, rows);
    const put = await fetch(job.PreSignedUrl!, { method: 'PUT', body, headers: { 'x-amz-server-side-encryption': 'aws:kms' } });
    if (put.status !== 200) throw new Error(`the upload was answered ${put.status}: ${await put.text()}`);
    log(`import: ${rows.toLocaleString('en')} rows (${(body.length / 2 ** 20).toFixed(1)} MB) uploaded; GetUser alone for 5 s`);
    const before = await getUser(5);

    await cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }));
    const parts: LoadResult[] = [];
    let described;
    for (;;) {
      parts.push(await getUser(2));
      described = (await cognito.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId }))).UserImportJob!;
      if (!['Pending', 'InProgress'].includes(described.Status!)) break;
      log(`import: ${described.ImportedUsers!.toLocaleString('en')} imported so far`);
    }
    const seconds = (described.CompletionDate!.getTime() - described.StartDate!.getTime()) / 1000;
    return { rows, seconds, imported: described.ImportedUsers!, status: described.Status!, before, during: combine(parts) };
  } finally {
    cognito.destroy();
  }
}

export function importSummary(r: ImportRun): string {
  return [
    `${r.rows.toLocaleString('en')}-row user import: ${r.status}, ${r.imported.toLocaleString('en')} imported in ${r.seconds.toFixed(1)} s (${Math.round(r.imported / r.seconds).toLocaleString('en')} users/s)`,
    `GetUser (${CONNECTIONS} connections) alone: ${Math.round(r.before.rps)} req/s, p99 ${r.before.p99.toFixed(1)} ms; during the import: ${Math.round(r.during.rps)} req/s, p99 ${r.during.p99.toFixed(1)} ms`,
  ].join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { rows: { type: 'string' } } });
  const rows = Number(values.rows ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-import-'));
  const db = join(dir, 'cognate.db');
  const port = 9400 + Math.floor(Math.random() * 500);
  const log = (line: string) => console.log(line);
  try {
    const seeded = await prepare(db);
    await seed(db, seeded, 1000, 200);
    const users = await signIn(db, seeded, 200, port);
    const server = await startCognate(db, port, dir);
    try {
      console.log(importSummary(await importScenario({ url: server.url, pid: server.pid, users, rows, log })));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
