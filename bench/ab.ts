/**
 * `node bench/ab.ts --base <other checkout> [--rounds 6] [--seconds 4] [--ops A,B] [--connections 32]`:
 * this checkout against another one (a worktree of the commit before a change), on copies of one
 * seeded SQLite file, in alternating rounds (A B, B A, ...), so that the machine's drift weighs on
 * both alike, each round in new server processes. A change worth a few per cent is below a whole run's noise on a shared machine; the
 * median of alternating rounds is not. Prints per-round figures and the medians.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FIXED_CODE, freePort, prepare, seed, signIn, startCognate, type Running } from './cognate.ts';
import { OPERATIONS, runSuite, type Measured, type Operation } from './suite.ts';

const { values: a } = parseArgs({
  options: { base: { type: 'string' }, rounds: { type: 'string' }, seconds: { type: 'string' }, ops: { type: 'string' }, connections: { type: 'string' }, users: { type: 'string' } },
});
if (!a.base) throw new Error('--base <path of the other checkout> is required');
const base = resolve(a.base);
const rounds = Number(a.rounds ?? 6);
const seconds = Number(a.seconds ?? 4);
const connections = Number(a.connections ?? 32);
const ops = (a.ops?.split(',') ?? ['GetUserAttributeVerificationCode', 'VerifyUserAttribute']) as Operation[];
for (const op of ops) if (!(OPERATIONS as readonly string[]).includes(op)) throw new Error(`unknown operation ${op}`);
const log = (line: string) => console.log(line);

const dir = mkdtempSync(join(tmpdir(), 'cognate-ab-'));
const dbA = join(dir, 'a.db');
const dbB = join(dir, 'b.db');
const seeded = await prepare(dbA);
await seed(dbA, seeded, Number(a.users ?? 1000), Number(a.users ?? 1000));
// The store is closed: the file holds everything; a copy is the same pool, keys and users.
for (const ext of ['', '-wal']) if (existsSync(dbA + ext)) copyFileSync(dbA + ext, dbB + ext);
const ports = { this: await freePort(), base: await freePort() };
// A token's issuer names the server's port: each server's users get their own tokens.
const users = { this: await signIn(dbA, seeded, Number(a.users ?? 1000), ports.this), base: await signIn(dbB, seeded, Number(a.users ?? 1000), ports.base) };
// A new server process every round: two processes of the same code differ by a fifth or more for
// their whole life (JIT and memory layout luck), which alternating rounds within one process keep.
const start = (which: 'this' | 'base'): Promise<Running> =>
  which === 'this' ? startCognate(dbA, ports.this, dir) : startCognate(dbB, ports.base, dir, [], { checkout: base });
type Row = { rps: number; ratio: number; p99: number; cpu: number };
const rows: Record<string, Row[]> = {};
try {
  for (let r = 0; r < rounds; r++) {
    const order: ('this' | 'base')[] = r % 2 === 0 ? ['this', 'base'] : ['base', 'this'];
    for (const which of order) {
      const s = await start(which);
      try {
        const target = { name: which, url: s.url, pid: s.pid, clientId: seeded.client.clientId, users: users[which], codes: () => users[which].map(() => FIXED_CODE) };
        const measured: Measured[] = await runSuite(target, { duration: seconds, connections: [connections], operations: ops, log: () => {}, pairedFloor: true });
        for (const m of measured) {
          if (!m.result) throw new Error(`${which} ${m.operation}: ${m.missing ?? 'no result'}`);
          const row = { rps: m.result.rps, ratio: m.floor ? m.result.rps / m.floor.rps : NaN, p99: m.result.p99, cpu: m.result.serverCpuUs };
          (rows[`${m.operation} ${which}`] ??= []).push(row);
          log(`round ${r + 1} ${which.padEnd(4)} ${m.operation}: ${row.rps.toFixed(0)} req/s, ${(row.ratio * 100).toFixed(0)}% of floor, p99 ${row.p99.toFixed(2)} ms, ${row.cpu.toFixed(0)} µs CPU/req`);
        }
      } finally {
        await s.stop();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
log(`\nmedians of ${rounds} alternating rounds, ${seconds} s each, ${connections} connections (this = ${process.cwd()}, base = the other checkout):`);
for (const op of ops) {
  for (const which of ['this', 'base']) {
    const rs = rows[`${op} ${which}`] ?? [];
    log(`  ${op} ${which.padEnd(4)}: ${median(rs.map((r) => r.rps)).toFixed(0)} req/s, ${(median(rs.map((r) => r.ratio)) * 100).toFixed(1)}% of floor, p99 ${median(rs.map((r) => r.p99)).toFixed(2)} ms, ${median(rs.map((r) => r.cpu)).toFixed(0)} µs CPU/req`);
  }
}
