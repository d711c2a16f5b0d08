/**
 * Why two measurements of the seed operation disagree: `npm run bench` reported
 * GetUserAttributeVerificationCode at 0.54× its floor where an independent load (autocannon in its
 * own process, 200 users, Cognate started as `npm start` starts it, a bare Fastify server as the
 * floor) found 0.20–0.30×. Each condition here changes one thing from the first, in turn, and
 * measures the operation against its floor in alternating slices, so each ratio is of one moment.
 * `node bench/conditions.ts [--seconds 8]`; `npm run bench` reports the last line's conditions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIXED_CODE, freePort, prepare, seed, signIn, startCognate, stopChild, waitForHttp, type SignedIn } from './cognate.ts';
import { combine, load, loadApart, TARGET, type LoadResult, type LoadSpec } from './load.ts';
import { FLOOR_TARGET } from './suite.ts';

export interface Condition {
  name: string;
  logLevel: 'warn' | 'info';
  users: number;
  /** The load generator in a process of its own. */
  apart: boolean;
  /** The floor: Cognate's own protocol layer (UnknownOperationException) or a bare Fastify process answering 200. */
  floor: 'cognate' | 'fastify';
}

export const CONDITIONS: Condition[] = [
  { name: 'as `npm run bench` measured until now', logLevel: 'warn', users: 1000, apart: false, floor: 'cognate' },
  { name: '+ request logging on (npm start logs every request at info)', logLevel: 'info', users: 1000, apart: false, floor: 'cognate' },
  { name: '+ 200 users instead of 1,000', logLevel: 'info', users: 200, apart: false, floor: 'cognate' },
  { name: '+ the load generator in its own process', logLevel: 'info', users: 200, apart: true, floor: 'cognate' },
  { name: '+ a bare Fastify server as the floor (the independent measurement)', logLevel: 'info', users: 200, apart: true, floor: 'fastify' },
];

export interface ConditionResult {
  condition: Condition;
  op: LoadResult;
  floor: LoadResult;
}

async function startFloor(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [new URL('./floor-server.ts', import.meta.url).pathname, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(url, child, 'the floor server', () => out);
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

const CONNECTIONS = 32;

/**
 * VerifyUserAttribute as a user starting Cognate the README's way would measure it, against the
 * bare Fastify floor. Codes are single-use: rounds in which every user first gets a code (not
 * measured), then verifies it; 1,000 users, so that a round is long enough to measure.
 */
async function verifyTheReadmeWay(server: { url: string; pid: number }, users: SignedIn[], fastify: { url: string; pid: number }, seconds: number): Promise<{ op: LoadResult; floor: LoadResult }> {
  const gen = users.map((u) => JSON.stringify({ AccessToken: u.accessToken, AttributeName: 'email' }));
  const verify = users.map((u) => JSON.stringify({ AccessToken: u.accessToken, AttributeName: 'email', Code: FIXED_CODE }));
  const ops: LoadResult[] = [];
  const floors: LoadResult[] = [];
  while (ops.reduce((t, r) => t + r.seconds, 0) < seconds) {
    await load({ url: server.url, target: `${TARGET}GetUserAttributeVerificationCode`, bodies: gen, connections: 16, amount: gen.length, expect: 200, pid: server.pid });
    ops.push(await load({ url: server.url, target: `${TARGET}VerifyUserAttribute`, bodies: verify, connections: CONNECTIONS, amount: verify.length, expect: 200, pid: server.pid }));
    floors.push(await load({ url: fastify.url, target: FLOOR_TARGET, bodies: verify, connections: CONNECTIONS, amount: verify.length, expect: 200, pid: fastify.pid }));
  }
  return { op: combine(ops), floor: combine(floors) };
}

/** The last measurement of VerifyUserAttribute the README's way (measureConditions sets it). */
export const readmeWay: { verify?: { op: LoadResult; floor: LoadResult } } = {};

export async function measureConditions(o: { dir: string; seconds: number; conditions?: Condition[]; log: (line: string) => void }): Promise<ConditionResult[]> {
  const db = join(o.dir, 'conditions.db');
  const seeded = await prepare(db);
  await seed(db, seeded, 1000, 1000);
  const fastify = await startFloor();
  const out: ConditionResult[] = [];
  try {
    for (const logLevel of ['warn', 'info'] as const) {
      const conditions = (o.conditions ?? CONDITIONS).filter((c) => c.logLevel === logLevel);
      if (conditions.length === 0) continue;
      const port = await freePort();
      const users: SignedIn[] = await signIn(db, seeded, 1000, port);
      const server = await startCognate(db, port, o.dir, [], { logLevel });
      try {
        for (const c of conditions) {
          const bodies = users.slice(0, c.users).map((u) => JSON.stringify({ AccessToken: u.accessToken, AttributeName: 'email' }));
          const run = c.apart ? loadApart : load;
          const opSpec: LoadSpec = { url: server.url, target: `${TARGET}GetUserAttributeVerificationCode`, bodies, connections: CONNECTIONS, expect: 200, pid: server.pid };
          const floorSpec: LoadSpec = c.floor === 'fastify'
            ? { url: fastify.url, target: FLOOR_TARGET, bodies, connections: CONNECTIONS, expect: 200, pid: fastify.pid }
            : { url: server.url, target: FLOOR_TARGET, bodies, connections: CONNECTIONS, expect: 400, pid: server.pid };
          await run({ ...opSpec, amount: 2000 });
          await run({ ...floorSpec, amount: 2000 });
          const ops: LoadResult[] = [];
          const floors: LoadResult[] = [];
          const slices = Math.max(1, Math.round(o.seconds / 2));
          for (let i = 0; i < slices; i++) {
            floors.push(await run({ ...floorSpec, duration: o.seconds / slices }));
            ops.push(await run({ ...opSpec, duration: o.seconds / slices }));
          }
          const r = { condition: c, op: combine(ops), floor: combine(floors) };
          out.push(r);
          o.log(conditionLine(r));
        }
        if (logLevel === 'info') readmeWay.verify = await verifyTheReadmeWay(server, users, fastify, o.seconds);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await fastify.stop();
  }
  return out;
}

export function conditionsSummary(results: ConditionResult[]): string {
  const lines = ['GetUserAttributeVerificationCode at 32 connections, each condition changing one more thing from the line before it (ratios to the floor measured beside it):', ...results.map(conditionLine)];
  const v = readmeWay.verify;
  if (v) lines.push(`VerifyUserAttribute with request logging on (npm start's), 1,000 users in rounds of single-use codes, against the bare Fastify floor: ${Math.round(v.op.rps).toLocaleString('en')} req/s (p99 ${v.op.p99.toFixed(1)} ms) against the floor's ${Math.round(v.floor.rps).toLocaleString('en')}: ${(v.op.rps / v.floor.rps).toFixed(2)}×`);
  return lines.join('\n');
}

export function conditionLine(r: ConditionResult): string {
  return `${r.condition.name}: ${Math.round(r.op.rps).toLocaleString('en')} req/s (p99 ${r.op.p99.toFixed(1)} ms) against a floor of ${Math.round(r.floor.rps).toLocaleString('en')}: ${(r.op.rps / r.floor.rps).toFixed(2)}×`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seconds: { type: 'string' } } });
  const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-conditions-'));
  try {
    console.log(conditionsSummary(await measureConditions({ dir, seconds: Number(values.seconds ?? 8), log: console.log })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
