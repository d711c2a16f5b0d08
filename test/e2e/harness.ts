/**
 * Starts the real server the way a user does (`node src/main.ts serve ...`) on a free port and
 * points the AWS SDK for JavaScript v3 at it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { dropAtExit, dropSchemas, postgresArgs, postgresMode } from '../support/postgres.ts';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

export interface Server {
  url: string;
  /** The SQLite file; with COGNATE_TEST_STORE=postgres it names the server's data all the same (its schema derives from it). */
  db: string;
  /** The PostgreSQL schema the server keeps its data in, when it runs on PostgreSQL. */
  schema?: string;
  dir: string;
  process: ChildProcess;
  /** Log lines the server wrote (JSON), for tests that check what was logged. */
  logs: string[];
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a database file (to show data survives a restart). */
  db?: string;
  args?: string[];
  env?: Record<string, string>;
}

/**
 * With COGNATE_TEST_STORE=postgres (and no --postgres in `args`), the server runs on a schema of
 * the test database of its own, named after its `db` (a fresh temporary path) so that a restart on
 * the same `db` finds its data, as with SQLite.
 */
function postgresFor(db: string, opts: StartOptions): string | undefined {
  if (!postgresMode() || opts.args?.includes('--postgres')) return undefined;
  return `cognate_e2e_${createHash('sha256').update(db).digest('hex').slice(0, 20)}`;
}

const withoutDatabase = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => !['DATABASE_URL', 'COGNATE_POSTGRES_URL', 'COGNATE_POSTGRES_SCHEMA'].includes(k)));

export async function startServer(opts: StartOptions = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-e2e-'));
  const db = opts.db ?? join(dir, 'cognate.db');
  const schema = postgresFor(db, opts);
  if (schema) dropAtExit(schema);
  const store = schema ? postgresArgs(schema) : [];
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--db', db, ...store, ...(opts.args ?? [])], {
    // A developer's DATABASE_URL (or COGNATE_POSTGRES_*) must not send test servers to their database.
    env: { ...withoutDatabase(process.env), COGNATE_LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 20 s; stderr: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line);
        if (entry.address && /listening/.test(entry.msg)) {
          clearTimeout(timer);
          resolve(entry.address);
        }
      } catch {
        // not JSON: ignore
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening; stderr: ${stderr}`));
    });
  });
  return {
    url,
    db,
    schema,
    dir,
    process: child,
    logs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!opts.db) rmSync(dir, { recursive: true, force: true });
      if (schema && !opts.db) await dropSchemas([schema]);
    },
  };
}

/** An SDK client as an application would configure it, but for the endpoint. */
export function sdkClient(url: string, credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** Sends a raw awsJson1.1 request, for what SDKs cannot send (bad JSON, unknown targets). */
export async function rawCall(url: string, target: string | undefined, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', ...(target ? { 'x-amz-target': target } : {}), ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
