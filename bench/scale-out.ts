/**
 * Scale-out on PostgreSQL: 1, 2 and 4 Cognate instances on one schema of one database, 32
 * connections in all spread evenly over them, for the seed operation
 * (GetUserAttributeVerificationCode) and a password sign-in (InitiateAuth USER_PASSWORD_AUTH).
 * Beside the throughput, where the CPU went (bench/cpu-split.ts): the database's share of the cost.
 * On a machine of few cores the instances compete for the same cores, so more instances measure
 * contention, not scaling. `npm run bench` runs it (--no-scale-out leaves it out);
 * `node bench/scale-out.ts [--users N] [--seconds S] [--apart] [--postgres URL]` alone.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import pg from 'pg';
import { PASSWORD, prepare, seed, signIn, startCognate, type Running, type SignedIn } from './cognate.ts';
import { load, loadApart, percentile, type LoadResult, type LoadSpec } from './load.ts';
import { canSplit, cpuWatch, type CpuSplit } from './cpu-split.ts';

export const DEFAULT_POSTGRES_URL = 'postgres://127.0.0.1:5432/test';
const INSTANCES = [1, 2, 4];
const CONNECTIONS = 32;
const OPERATIONS = ['GetUserAttributeVerificationCode', 'InitiateAuth'] as const;
type Operation = (typeof OPERATIONS)[number];

export interface ScaleOutRow {
  instances: number;
  operation: Operation;
  requests: number;
  rps: number;
  perInstance: number[];
  p50: number;
  p99: number;
  failed?: string;
  cpu?: CpuSplit;
}

export interface ScaleOutRun {
  url: string;
  users: number;
  seconds: number;
  connections: number;
  /** Each instance's generator in a process of its own (loadApart), or all in the benchmark's. */
  apart: boolean;
  cpus: number;
  rows: ScaleOutRow[];
  /** Why nothing was measured. */
  skipped?: string;
}

/** The database's address without credentials, for the report. */
const where = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
};

/** Why PostgreSQL cannot be used at `url`, or undefined when it answers. */
async function unreachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (e) {
    return `PostgreSQL is not reachable at ${where(url)} (${(e as Error).message || (e as { code?: string }).code}); start one with a database "test" and trust authentication, or pass --postgres <url>`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

function bodies(op: Operation, users: SignedIn[], clientId: string): string[] {
  return users.map((u) => op === 'InitiateAuth'
    ? JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: u.username, PASSWORD } })
    : JSON.stringify({ AccessToken: u.accessToken, AttributeName: 'email' }));
}

/**
 * One load run per instance, all at once, each with its share of the connections and of the
 * users (so no two instances work on the same user's rows at the same moment, as a load balancer
 * with sticky sessions would not either).
 */
async function measure(servers: Running[], op: Operation, users: SignedIn[], clientId: string, o: { seconds: number; apart: boolean; dbPort: number }): Promise<ScaleOutRow> {
  const specs: LoadSpec[] = servers.map((s, i) => ({
    url: s.url, target: op, pid: s.pid, expect: 200, connections: CONNECTIONS / servers.length, duration: o.seconds,
    bodies: bodies(op, users.filter((_, j) => j % servers.length === i), clientId),
  }));
  const run = (spec: LoadSpec) => (o.apart ? loadApart(spec) : load(spec));
  // Unmeasured: fills each instance's connection pool to the database and warms its code.
  await Promise.all(specs.map((s) => run({ ...s, duration: undefined, amount: s.connections * 20 })));
  const watch = cpuWatch(servers.map((s) => s.pid), o.dbPort);
  const results: LoadResult[] = await Promise.all(specs.map(run));
  const cpu = watch.stop();
  const sorted = Float64Array.from(results.flatMap((r) => [...r.samples])).sort();
  const unexpected: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.unexpected)) unexpected[k] = (unexpected[k] ?? 0) + v;
  const errors = results.reduce((s, r) => s + r.errors, 0);
  const failed = Object.keys(unexpected).length || errors ? `${JSON.stringify(unexpected)}, ${errors} errors, e.g. ${results.find((r) => r.example)?.example}` : undefined;
  return {
    instances: servers.length, operation: op, requests: sorted.length, rps: results.reduce((s, r) => s + r.rps, 0), perInstance: results.map((r) => r.rps),
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), failed, cpu: canSplit() ? cpu : undefined,
  };
}

export async function runScaleOut(o: { dir: string; port: () => Promise<number>; users: number; seconds: number; apart?: boolean; url?: string; log: (l: string) => void }): Promise<ScaleOutRun> {
  const url = o.url ?? DEFAULT_POSTGRES_URL;
  const run: ScaleOutRun = { url: where(url), users: o.users, seconds: o.seconds, connections: CONNECTIONS, apart: o.apart ?? false, cpus: availableParallelism(), rows: [] };
  const why = await unreachable(url);
  if (why) {
    o.log(`scale-out: skipped: ${why}`);
    return { ...run, skipped: why };
  }
  const at = { url, schema: `cognate_bench_scaleout_${randomBytes(4).toString('hex')}` };
  const dbPort = Number(new URL(url).port || 5432);
  const ports: number[] = [];
  while (ports.length < Math.max(...INSTANCES)) {
    const port = await o.port();
    if (!ports.includes(port)) ports.push(port);
  }
  // Behind a load balancer every instance issues under the same name; here the first instance's address.
  const issuer = ['--issuer-base-url', `http://127.0.0.1:${ports[0]}`];
  try {
    const seeded = await prepare(at);
    const seedSeconds = await seed(at, seeded, o.users, o.users);
    const users = await signIn(at, seeded, o.users, ports[0]!);
    o.log(`scale-out: ${o.users.toLocaleString('en')} users seeded in ${seedSeconds.toFixed(1)} s into schema ${at.schema} of ${where(url)}`);
    for (const n of INSTANCES) {
      const servers: Running[] = [];
      try {
        for (const port of ports.slice(0, n)) servers.push(await startCognate(at, port, o.dir, [], { args: issuer }));
        for (const op of OPERATIONS) {
          const row = await measure(servers, op, users, seeded.client.clientId, { seconds: o.seconds, apart: run.apart, dbPort });
          o.log(`scale-out: ${rowLine(row)}`);
          run.rows.push(row);
        }
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
  } finally {
    await dropSchema(url, at.schema).catch((e) => o.log(`scale-out: could not drop schema ${at.schema}: ${(e as Error).message}`));
  }
  return run;
}

const ms = (cpuSeconds: number, requests: number) => `${((cpuSeconds * 1000) / Math.max(1, requests)).toFixed(3)} ms`;
const cores = (cpuSeconds: number, wall: number) => (cpuSeconds / wall).toFixed(2);
const share = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;

function rowLine(r: ScaleOutRow): string {
  const head = `${r.instances} instance${r.instances > 1 ? 's' : ''}, ${r.operation}: ${r.rps.toFixed(0)} req/s (${r.perInstance.map((x) => x.toFixed(0)).join(' + ')} per instance), p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
  const failed = r.failed ? `; FAILED: ${r.failed}` : '';
  const c = r.cpu;
  if (!c) return `${head}${failed}`;
  const db = c.backends + c.background;
  return `${head}; CPU in cores (per request): PostgreSQL ${cores(db, c.wall)} (${ms(db, r.requests)}: ${c.backendCount} backends ${cores(c.backends, c.wall)}, background ${cores(c.background, c.wall)}), ` +
    `Cognate ${cores(c.cognate, c.wall)} (${ms(c.cognate, r.requests)}), load generator ${cores(c.generators, c.wall)} (${ms(c.generators, r.requests)}), ` +
    `other work on the machine ${cores(c.other + c.otherBackends, c.wall)}; the database's share ${share(db, db + c.cognate)}${failed}`;
}

export function scaleOutSummary(r: ScaleOutRun): string {
  if (r.skipped) return `Not measured: ${r.skipped}`;
  const how = r.apart ? 'one load generator process per instance (autocannon)' : 'one autocannon per instance, all in the benchmark\'s process';
  return [
    `${r.users.toLocaleString('en')} signed-in users in a fresh schema of PostgreSQL at ${r.url} (dropped afterwards); 1, 2 and 4 Cognate instances (npm start's options, each on its own port) on that schema; ${r.connections} connections in all, spread evenly, each instance sending its own share of the users, ${how}; ${r.seconds} s a measurement after an unmeasured warm-up`,
    `This machine has ${r.cpus} CPUs for the database, the instances and the load generator together: 2 and 4 instances measure contention for those cores, not scaling. What the figures show is the cost per request and the database's share of it (PostgreSQL's CPU / (PostgreSQL's + Cognate's)); throughput that grows with instances needs cores for them`,
    ...r.rows.map(rowLine),
  ].join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { users: { type: 'string' }, seconds: { type: 'string' }, apart: { type: 'boolean' }, postgres: { type: 'string' } } });
  const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-scale-out-'));
  let next = 9800 + Math.floor(Math.random() * 100);
  try {
    const r = await runScaleOut({ dir, port: async () => next++, users: Number(values.users ?? 1000), seconds: Number(values.seconds ?? 10), apart: values.apart, url: values.postgres, log: console.log });
    console.log(`\n${scaleOutSummary(r)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
