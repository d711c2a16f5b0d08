/**
 * A closed loop for whole flows: `connections` callers, each running its next flow (a sign-in of
 * several requests, or one grant) as soon as its last one ended, over keep-alive connections. One
 * latency per flow. autocannon sends one request per turn and cannot carry a Session from an answer
 * into the next request, so the flows and the floor they are compared with run on this same loop:
 * both then pay the same client. A request waits up to 120 s: 32 callers of a flow that costs the
 * server half a second of CPU (device SRP) queue for tens of seconds on two shared cores.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { peakRssMb, percentile, type LoadResult } from './load.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP exchange on the loop's connections. */
export type Send = (path: string, headers: Record<string, string>, body?: string, method?: string) => Promise<Answer>;

/** A flow that went wrong: counted as unexpected under `kind`, with the answer as an example. */
export class FlowFailure extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface FlowSpec {
  url: string;
  connections: number;
  /** Seconds; or `amount` flows in all. */
  duration?: number;
  amount?: number;
  /** Runs flow number `i` to its end; throws (FlowFailure) when an answer is not the flow's. */
  flow: (send: Send, i: number) => Promise<void>;
  /** The server's processes: the first one's CPU is reported per flow; all are summed for `servers`. */
  pids: number[];
}

/** A process's user and kernel CPU time from /proc, in seconds (NaN where /proc is not there). */
export function processCpu(pid: number): { user: number; sys: number } {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return { user: Number(rest[11]) / 100, sys: Number(rest[12]) / 100 };
  } catch {
    return { user: NaN, sys: NaN };
  }
}

/** The machine's busy CPU time (all but idle and iowait), in seconds. */
export function machineBusy(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / 100;
  } catch {
    return NaN;
  }
}

const cpuOf = (pids: number[]) => pids.map(processCpu).reduce((a, b) => ({ user: a.user + b.user, sys: a.sys + b.sys }), { user: 0, sys: 0 });

export function sender(url: string, connections: number): { send: Send; close: () => void } {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send: Send = (path, headers, body, method = body === undefined ? 'GET' : 'POST') => new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, method, agent, timeout: 120_000, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
  return { send, close: () => agent.destroy() };
}

export async function runFlows(spec: FlowSpec): Promise<LoadResult> {
  const { send, close } = sender(spec.url, spec.connections);
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  let example: string | undefined;
  let errors = 0;
  let next = 0;
  let left = spec.amount ?? Infinity;
  const started = performance.now();
  const deadline = spec.amount === undefined ? started + (spec.duration ?? 3) * 1000 : Infinity;
  const cpu0 = { machine: machineBusy(), server: cpuOf(spec.pids.slice(0, 1)), all: cpuOf(spec.pids), me: processCpu(process.pid) };
  let last = started;
  try {
    await Promise.all(Array.from({ length: spec.connections }, async () => {
      while (left-- > 0 && performance.now() < deadline) {
        const t = performance.now();
        try {
          await spec.flow(send, next++);
          last = performance.now();
          latencies.push(last - t);
        } catch (e) {
          last = performance.now();
          const kind = e instanceof FlowFailure ? e.kind : 'error';
          if (e instanceof FlowFailure) unexpected[kind] = (unexpected[kind] ?? 0) + 1;
          else errors++;
          example ??= (e as Error).message.slice(0, 300);
        }
      }
    }));
  } finally {
    close();
  }
  const wall = (performance.now() - started) / 1000;
  const seconds = (last - started) / 1000;
  const server = cpuOf(spec.pids.slice(0, 1));
  const all = cpuOf(spec.pids);
  const me = processCpu(process.pid);
  const ours = all.user + all.sys - cpu0.all.user - cpu0.all.sys + me.user + me.sys - cpu0.me.user - cpu0.me.sys;
  const sorted = Float64Array.from(latencies).sort();
  const n = Math.max(1, latencies.length);
  return {
    requests: latencies.length, seconds, rps: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99),
    unexpected, example, errors, peakRssMb: peakRssMb(spec.pids[0]!), samples: sorted,
    otherCpus: Math.max(0, (machineBusy() - cpu0.machine - ours) / wall),
    serverCpuUs: ((server.user + server.sys - cpu0.server.user - cpu0.server.sys) * 1e6) / n,
    serverSysUs: ((server.sys - cpu0.server.sys) * 1e6) / n,
  };
}

/** Throws a FlowFailure unless the answer has `status`; answers the body as JSON. */
export function expectJson(a: Answer, status: number, step: string): Record<string, any> {
  if (a.status !== status) throw new FlowFailure(`${step} ${a.status}`, `${step}: ${a.status} ${a.body.slice(0, 240)}`);
  return a.body ? JSON.parse(a.body) : {};
}
