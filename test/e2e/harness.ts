/**
 * Starts the real server the way a user does (`node src/main.ts serve ...`) on a free port and
 * points the AWS SDK for JavaScript v3 at it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

export interface Server {
  url: string;
  db: string;
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

export async function startServer(opts: StartOptions = {}): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-e2e-'));
  const db = opts.db ?? join(dir, 'cognate.db');
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--db', db, ...(opts.args ?? [])], {
    env: { ...process.env, COGNATE_LOG_LEVEL: 'info', ...opts.env },
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
