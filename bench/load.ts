/**
 * Drives one server with autocannon over loopback and measures it: requests per second, latency
 * percentiles (from every response, to the microsecond), and the server's peak RSS.
 */
import { readFileSync } from 'node:fs';
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
  /** The server's CPU time (all its threads) per answered request, in microseconds. */
  serverCpuUs: number;
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
function cpuTimes(pids: number[]): { machine: number; ours: number; first: number } {
  const tick = 100; // USER_HZ on Linux
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
    const machine = (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / tick;
    const each = pids.map((pid) => {
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
      return (Number(rest[11]) + Number(rest[12])) / tick;
    });
    return { machine, ours: each.reduce((a, b) => a + b, 0), first: each[0] };
  } catch {
    return { machine: NaN, ours: NaN, first: NaN };
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const target = spec.target.includes('.') ? spec.target : TARGET + spec.target;
  let next = 0;
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let example: string | undefined;
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
          if (status !== spec.expect && example === undefined) example = `${status} ${body?.slice(0, 300)}`;
        },
      },
    ],
  });
  let last = 0n;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    last = process.hrtime.bigint();
    latencies.push(ms);
    if (status !== spec.expect) unexpected[status] = (unexpected[status] ?? 0) + 1;
  });
  const started = process.hrtime.bigint();
  const cpu0 = cpuTimes([spec.pid, process.pid]);
  const result = await instance;
  // Until the last answer: autocannon itself stops only at its next one-second tick.
  const seconds = Number((last || process.hrtime.bigint()) - started) / 1e9;
  const cpu1 = cpuTimes([spec.pid, process.pid]);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const otherCpus = Math.max(0, (cpu1.machine - cpu0.machine - (cpu1.ours - cpu0.ours)) / wall);
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    unexpected,
    example,
    errors: result.errors + result.timeouts,
    peakRssMb: peakRssMb(spec.pid),
    samples: sorted,
    otherCpus,
    serverCpuUs: ((cpu1.first - cpu0.first) * 1e6) / Math.max(1, latencies.length),
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
  };
}
