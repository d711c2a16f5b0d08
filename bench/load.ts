/**
 * Drives one server with autocannon over loopback and measures it: requests per second, latency
 * percentiles (from every response, to the microsecond), and the server's peak RSS.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const TARGET = 'AWSCognitoIdentityProviderService.';

export interface LoadSpec {
  url: string;
  /** X-Amz-Target after the prefix (or a whole bogus target for the floor). */
  target: string;
  /** Request bodies, sent in turn across all connections (one per signed-in user). */
  bodies: string[];
  connections: number;
  /** Seconds; or `amount` requests in all. */
  duration?: number;
  amount?: number;
  /** The status the operation answers when it works (the floor answers 400). */
  expect: number;
  /** The server's process id, for its peak RSS. */
  pid: number;
  /**
   * The server closes the connection after every answer (moto's Werkzeug server does, always).
   * autocannon cannot follow that: it keeps writing on the closed connection and its parser's
   * state, and stalls after the first answer. Such a server is driven by `closedLoop` instead:
   * the same closed loop of `connections` callers, each request on a new connection.
   */
  closesConnections?: boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Responses with another status than `expect`, by status; with one body as an example. */
  unexpected: Record<string, number>;
  example?: string;
  errors: number;
  /** The server's VmHWM after the run, in MB. */
  peakRssMb: number;
  /** Every latency, sorted (ms). */
  samples: Float64Array;
  /** CPU used by other processes on the machine during the run, in CPUs (0.5 = half a core): noise. */
  otherCpus: number;
  /** The server's CPU time (all its threads) per answered request, in microseconds; and the part of it spent in the kernel. */
  serverCpuUs: number;
  serverSysUs: number;
}

/** VmHWM (the process's peak resident set) from /proc, in MB; 0 where /proc is not there. */
export function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Busy CPU time of the whole machine and of the given processes (bench and server), in seconds. */
export function cpuTimes(pids: number[]): { machine: number; ours: number; first: number; firstSys: number } {
  const tick = 100; // USER_HZ on Linux
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const machine = (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / tick;
    const each = pids.map((pid) => {
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
      return { user: Number(rest[11]) / tick, sys: Number(rest[12]) / tick };
    });
    return { machine, ours: each.reduce((a, b) => a + b.user + b.sys, 0), first: each[0].user + each[0].sys, firstSys: each[0].sys };
  } catch {
    return { machine: NaN, ours: NaN, first: NaN, firstSys: NaN };
  }
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Driven {
  latencies: number[];
  unexpected: Record<string, number>;
  example?: string;
  errors: number;
  /** hrtime of the last answer. */
  last: bigint;
}

async function autocannonRun(spec: LoadSpec, target: string): Promise<Driven> {
  let next = 0;
  const out: Driven = { latencies: [], unexpected: {}, errors: 0, last: 0n };
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.duration ?? 3 }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body: spec.bodies[0],
        setupRequest: (req) => ({ ...req, body: spec.bodies[next++ % spec.bodies.length] }),
        // @ts-expect-error: autocannon's per-request onResponse, not in the small declaration
        onResponse: (status: number, body: string) => {
          if (status !== spec.expect && out.example === undefined) out.example = `${status} ${body?.slice(0, 300)}`;
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    out.last = process.hrtime.bigint();
    out.latencies.push(ms);
    if (status !== spec.expect) out.unexpected[status] = (out.unexpected[status] ?? 0) + 1;
  });
  const result = await instance;
  out.errors = result.errors + result.timeouts;
  return out;
}

/** One POST on a connection of its own: status and body. */
function postOnce(url: URL, target: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: '/', method: 'POST', agent: false, timeout: 30_000,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** `connections` callers, each sending its next request when the last is answered, on a new connection each time. */
async function closedLoop(spec: LoadSpec, target: string): Promise<Driven> {
  const out: Driven = { latencies: [], unexpected: {}, errors: 0, last: 0n };
  const url = new URL(spec.url);
  const deadline = spec.amount === undefined ? process.hrtime.bigint() + BigInt(Math.round((spec.duration ?? 3) * 1e9)) : undefined;
  let left = spec.amount ?? Infinity;
  let next = 0;
  await Promise.all(Array.from({ length: spec.connections }, async () => {
    while (left-- > 0 && (deadline === undefined || process.hrtime.bigint() < deadline)) {
      const t = performance.now();
      try {
        const res = await postOnce(url, target, spec.bodies[next++ % spec.bodies.length]);
        out.last = process.hrtime.bigint();
        out.latencies.push(performance.now() - t);
        if (res.status !== spec.expect) {
          out.unexpected[res.status] = (out.unexpected[res.status] ?? 0) + 1;
          out.example ??= `${res.status} ${res.body.slice(0, 300)}`;
        }
      } catch {
        out.errors++;
      }
    }
  }));
  return out;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const target = spec.target.includes('.') ? spec.target : TARGET + spec.target;
  const started = process.hrtime.bigint();
  const cpu0 = cpuTimes([spec.pid, process.pid]);
  const run = await (spec.closesConnections ? closedLoop(spec, target) : autocannonRun(spec, target));
  // Until the last answer: autocannon itself stops only at its next one-second tick.
  const seconds = Number((run.last || process.hrtime.bigint()) - started) / 1e9;
  const cpu1 = cpuTimes([spec.pid, process.pid]);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const otherCpus = Math.max(0, (cpu1.machine - cpu0.machine - (cpu1.ours - cpu0.ours)) / wall);
  const sorted = Float64Array.from(run.latencies).sort();
  return {
    requests: run.latencies.length,
    seconds,
    rps: run.latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    unexpected: run.unexpected,
    example: run.example,
    errors: run.errors,
    peakRssMb: peakRssMb(spec.pid),
    samples: sorted,
    otherCpus,
    serverCpuUs: ((cpu1.first - cpu0.first) * 1e6) / Math.max(1, run.latencies.length),
    serverSysUs: ((cpu1.firstSys - cpu0.firstSys) * 1e6) / Math.max(1, run.latencies.length),
  };
}

/** Several measured runs (e.g. rounds of single-use codes) as one result. */
export function combine(parts: LoadResult[]): LoadResult {
  const seconds = parts.reduce((s, p) => s + p.seconds, 0);
  const requests = parts.reduce((s, p) => s + p.requests, 0);
  const sorted = Float64Array.from(parts.flatMap((p) => [...p.samples])).sort();
  const unexpected: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.unexpected)) unexpected[k] = (unexpected[k] ?? 0) + v;
  return {
    requests, seconds, rps: requests / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), unexpected,
    example: parts.find((p) => p.example)?.example, errors: parts.reduce((s, p) => s + p.errors, 0), peakRssMb: Math.max(...parts.map((p) => p.peakRssMb)), samples: sorted,
    otherCpus: parts.reduce((s, p) => s + p.otherCpus * p.seconds, 0) / seconds,
    serverCpuUs: parts.reduce((s, p) => s + p.serverCpuUs * p.requests, 0) / Math.max(1, requests),
    serverSysUs: parts.reduce((s, p) => s + p.serverSysUs * p.requests, 0) / Math.max(1, requests),
  };
}

/** `load` in a process of its own (load-process.ts): the way a user's own autocannon measures. */
export async function loadApart(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-load-'));
  try {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [new URL('./load-process.ts', import.meta.url).pathname, file], { maxBuffer: 1 << 30 }, (e, stdout, stderr) => (e ? reject(new Error(`${e.message}: ${stderr}`)) : resolve(stdout))));
    const parsed = JSON.parse(out) as Omit<LoadResult, 'samples'> & { samples: number[] };
    return { ...parsed, samples: Float64Array.from(parsed.samples) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
