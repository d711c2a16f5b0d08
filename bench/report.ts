/** bench/results.md: the machine, the tables, the ratios and the issue's targets, measured. */
import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import type { LoadResult } from './load.ts';
import type { Measured, Operation } from './suite.ts';

export interface ScalePoint {
  users: number;
  /** Seconds it took to add `added` users to reach this point. */
  seedSeconds: number;
  added: number;
  getCode: LoadResult;
  getUser: LoadResult;
  /** The floor measured just before each, on the same server. */
  getCodeFloor: LoadResult;
  getUserFloor: LoadResult;
  /** The database file's size at this point. */
  dbMb: number;
}

export interface Machine {
  cpus: number;
  cpu: string;
  node: string;
  sqlite: string;
  kernel: string;
  memoryGb: number;
}

export interface Report {
  date: string;
  quick: boolean;
  duration: number;
  /** Signed-in users the requests rotate over. */
  active: number;
  connections: number[];
  machine: Machine;
  measured: Measured[];
  scale: ScalePoint[];
  peers: { name: string; version?: string; missing?: string }[];
  floor: string;
  totalSeconds: number;
}

export function machine(): Machine {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? cpu;
  } catch {
    // not Linux
  }
  const sqlite = (new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  return { cpus: availableParallelism(), cpu, node: process.version, sqlite, kernel: release(), memoryGb: Math.round(totalmem() / 2 ** 30) };
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '–' : n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ms = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? (a / b >= 10 ? (a / b).toFixed(0) : (a / b).toFixed(2)) + '×' : '–');

export function find(r: Report, server: string, op: Operation, c: number): Measured | undefined {
  return r.measured.find((m) => m.server === server && m.operation === op && m.connections === c);
}
export const rps = (r: Report, server: string, op: Operation, c: number) => find(r, server, op, c)?.result?.rps;

/** The floor an operation is compared with: the one measured just before it, or else the run's. */
export const floorRps = (r: Report, op: Operation, c: number) => find(r, 'Cognate', op, c)?.floor?.rps ?? rps(r, 'Cognate', 'Floor', c);

/** Cognate's throughput over its floor for `op` at `c` connections, as a fraction. */
export function ofFloor(r: Report, op: Operation, c: number): number | undefined {
  const mine = rps(r, 'Cognate', op, c);
  const floor = floorRps(r, op, c);
  return mine && floor ? mine / floor : undefined;
}

export interface Verdict {
  target: string;
  measured: string;
  met: boolean | undefined;
}

/** Issue 24's: sign-in in development mode, and the seed operations' share of the floor and their p99. */
function issue24(r: Report): Verdict[] {
  const share = (op: Operation, min: number): Verdict => {
    const got = find(r, 'Cognate', op, 32)?.result;
    const floor = floorRps(r, op, 32);
    return { target: `${op} ≥ ${min * 100}% of the floor (c=32)`, measured: `${fmt(got?.rps)} / ${fmt(floor)} req/s = ${got && floor ? ((100 * got.rps) / floor).toFixed(0) : '–'}%`, met: got && floor ? got.rps / floor >= min : undefined };
  };
  const signIn = find(r, 'Cognate', 'InitiateAuth', 32)?.result;
  const local = rps(r, 'cognito-local', 'InitiateAuth', 32);
  const verify = find(r, 'Cognate', 'VerifyUserAttribute', 32)?.result;
  return [
    { target: 'InitiateAuth (USER_PASSWORD_AUTH) ≥ 10× cognito-local (c=32)', measured: local ? `${fmt(signIn?.rps)} vs ${fmt(local)} req/s = ${ratio(signIn?.rps, local)}` : 'cognito-local missing', met: local && signIn ? signIn.rps / local >= 10 : undefined },
    share('InitiateAuth', 0.05),
    share('GetUserAttributeVerificationCode', 0.6),
    share('VerifyUserAttribute', 0.5),
    { target: 'VerifyUserAttribute p99 < 10 ms (c=32)', measured: `${ms(verify?.p99)} ms`, met: verify ? verify.p99 < 10 : undefined },
  ];
}

export function targets(r: Report): Verdict[] {
  const code = find(r, 'Cognate', 'GetUserAttributeVerificationCode', 32)?.result;
  const codeFloor = floorRps(r, 'GetUserAttributeVerificationCode', 32);
  const user = rps(r, 'Cognate', 'GetUser', 32);
  const userFloor = floorRps(r, 'GetUser', 32);
  const local = rps(r, 'cognito-local', 'GetUserAttributeVerificationCode', 32);
  const first = r.scale[0];
  const last = r.scale[r.scale.length - 1];
  const at = last ? `${fmt(last.users)} users` : '';
  const out: Verdict[] = [
    { target: 'GetUserAttributeVerificationCode ≥ 20× cognito-local (c=32)', measured: local ? `${fmt(code?.rps)} vs ${fmt(local)} req/s = ${ratio(code?.rps, local)}` : 'cognito-local missing', met: local && code ? code.rps / local >= 20 : undefined },
    { target: 'GetUserAttributeVerificationCode ≥ 50% of the floor (c=32)', measured: `${fmt(code?.rps)} / ${fmt(codeFloor)} req/s = ${code && codeFloor ? ((100 * code.rps) / codeFloor).toFixed(0) : '–'}%`, met: code && codeFloor ? code.rps / codeFloor >= 0.5 : undefined },
    { target: 'GetUserAttributeVerificationCode p99 < 10 ms (c=32)', measured: `${ms(code?.p99)} ms`, met: code ? code.p99 < 10 : undefined },
    { target: 'GetUser ≥ 60% of the floor (c=32)', measured: `${fmt(user)} / ${fmt(userFloor)} req/s = ${user && userFloor ? ((100 * user) / userFloor).toFixed(0) : '–'}%`, met: user && userFloor ? user / userFloor >= 0.6 : undefined },
    ...issue24(r),
  ];
  if (first && last && first !== last) {
    // Compared as fractions of the floor measured beside each: what grows with the users, not with the machine's drift.
    for (const [name, pick, floor] of [
      ['GetUserAttributeVerificationCode', (p: ScalePoint) => p.getCode, (p: ScalePoint) => p.getCodeFloor],
      ['GetUser', (p: ScalePoint) => p.getUser, (p: ScalePoint) => p.getUserFloor],
    ] as const) {
      const share = (p: ScalePoint) => pick(p).rps / floor(p).rps;
      const change = share(last) / share(first) - 1;
      out.push({
        target: `${name} at ${at} within 15% of ${fmt(first.users)} users`,
        measured: `${(100 * share(last)).toFixed(0)}% vs ${(100 * share(first)).toFixed(0)}% of the floor (${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)}%); raw ${fmt(pick(last).rps)} vs ${fmt(pick(first).rps)} req/s`,
        met: change >= -0.15,
      });
    }
    const rss = Math.max(last.getCode.peakRssMb, last.getUser.peakRssMb);
    out.push({ target: `peak RSS < 250 MB at ${at}`, measured: `${fmt(rss)} MB`, met: rss < 250 });
  }
  return out;
}

const OPS: Operation[] = ['GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'GetUser', 'InitiateAuth', 'Floor'];

export function markdown(r: Report): string {
  const m = r.machine;
  const servers = ['Cognate', ...r.peers.map((p) => p.name)];
  const lines: string[] = [];
  lines.push(`# Benchmark results`, '');
  lines.push(`${r.date.slice(0, 10)} · ${r.quick ? '`npm run bench -- --quick`' : '`npm run bench`'} (${r.duration} s per measurement, took ${fmt(r.totalSeconds / 60, 1)} min) · ${m.cpus} CPUs (${m.cpu}) · ${m.memoryGb} GB · Linux ${m.kernel} · Node ${m.node} · SQLite ${m.sqlite}`, '');
  lines.push(
    `Load: autocannon in the benchmark's own process on the same machine, over loopback; each request is a different signed-in user's (${fmt(r.active)} users, rotated). ` +
      `Cognate: \`node --max-semi-space-size=16 src/main.ts serve\` (as \`npm start\` runs it) on a SQLite file (WAL journal; every answer waits until its commit is flushed to disk by fdatasync, as synchronous=FULL would, but off the event loop: see docs/deployment.md, "Storage"), capture delivery, per-user hourly limits off, log level warn. ` +
      `The floor is measured beside each operation, for as long (for GetUserAttributeVerificationCode and GetUser in alternating slices of about 2 s, for the others right before), and each ratio is taken against that floor: a shared machine's speed drifts within a run. ` +
      `moto's server closes the connection after every answer, which autocannon cannot follow, so moto is driven by the benchmark's own closed loop of the same number of callers, each request on a new connection (as any client of moto's server must). ` +
      `Peak RSS is the server process's VmHWM. "Other load" is the CPU (in cores) that processes other than the benchmark and the server used during the run, from /proc/stat: above a few hundredths, the machine was not quiet and the figure is low.`,
    '',
  );
  lines.push(`Peers: ${r.peers.map((p) => `${p.name} ${p.version ?? ''}${p.missing ? ` — **missing**: ${p.missing}` : ''}`).join('; ') || 'not run (--no-peers)'}.`, '');
  lines.push(`Floor: ${r.floor}.`, '');

  lines.push('## Throughput and latency', '');
  lines.push('| operation | conns | server | req/s | p50 ms | p99 ms | peak RSS MB | other load |', '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const op of OPS) {
    for (const c of r.connections) {
      for (const s of servers) {
        const x = find(r, s, op, c);
        if (!x) continue;
        if (x.missing) lines.push(`| ${op} | ${c} | ${s} | ${x.missing} | | | | |`);
        else lines.push(`| ${op} | ${c} | ${s} | ${fmt(x.result!.rps)} | ${ms(x.result!.p50)} | ${ms(x.result!.p99)} | ${fmt(x.result!.peakRssMb)} | ${x.result!.otherCpus.toFixed(2)} |`);
      }
    }
  }
  lines.push('', '## Ratios (throughput)', '');
  lines.push(`| operation | conns | Cognate / floor | ${r.peers.map((p) => `Cognate / ${p.name}`).join(' | ')} |`, `| --- | ---: | ---: | ${r.peers.map(() => '---:').join(' | ')} |`);
  for (const op of OPS.filter((o) => o !== 'Floor')) {
    for (const c of r.connections) {
      const mine = rps(r, 'Cognate', op, c);
      const f = ofFloor(r, op, c);
      lines.push(`| ${op} | ${c} | ${f === undefined ? '–' : `${(100 * f).toFixed(0)}% (of ${fmt(floorRps(r, op, c))})`} | ${r.peers.map((p) => ratio(mine, rps(r, p.name, op, c))).join(' | ')} |`);
    }
  }
  lines.push('', '## Scale: users in the pool (32 connections)', '');
  lines.push('| users | seeded (added, time, rate) | database MB | GetUserAttributeVerificationCode req/s (of floor) | p99 ms | GetUser req/s (of floor) | p99 ms | peak RSS MB |', '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of r.scale) {
    const of = (a: LoadResult, f: LoadResult) => `${fmt(a.rps)} (${((100 * a.rps) / f.rps).toFixed(0)}%)`;
    lines.push(`| ${fmt(p.users)} | ${fmt(p.added)} in ${p.seedSeconds.toFixed(1)} s (${fmt(p.added / p.seedSeconds)}/s) | ${fmt(p.dbMb)} | ${of(p.getCode, p.getCodeFloor)} | ${ms(p.getCode.p99)} | ${of(p.getUser, p.getUserFloor)} | ${ms(p.getUser.p99)} | ${fmt(Math.max(p.getCode.peakRssMb, p.getUser.peakRssMb))} |`);
  }
  lines.push('', '## Targets (issues 9 and 24)', '');
  lines.push('| target | measured | met |', '| --- | --- | --- |');
  for (const v of targets(r)) lines.push(`| ${v.target} | ${v.measured} | ${v.met === undefined ? 'not measured' : v.met ? 'yes' : '**no**'} |`);
  if (r.quick) lines.push('', 'A quick run: the scale targets are stated for 1,000,000 users, which only the full run (`npm run bench`) seeds.');
  lines.push('', '![ratios and scale](results.svg)', '');
  return lines.join('\n');
}
