/**
 * `npm run bench [-- --quick] [-- --no-peers] [-- --no-flows] [-- --no-scale-out] [-- --profile]`: Cognate measured side by side with
 * its peers and with its own protocol floor, then at growing user counts. Prints the table and
 * writes bench/results.md and bench/results.svg. Never part of `npm test`.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FIXED_CODE, freePort, prepare, seed, signIn, startCognate } from './cognate.ts';
import { cognitoLocal, cognitoLocalVersion, moto, motoVersion } from './peers.ts';
import { machine, markdown, type Report, type ScalePoint } from './report.ts';
import { chart } from './chart.ts';
import { combine } from './load.ts';
import { FLOOR_TARGET, OPERATIONS, runSuite, type Measured, type Operation } from './suite.ts';
import { profile } from './profile.ts';
import { importScenario, importSummary, type ImportRun } from './import.ts';
import { consoleSummary, runConsoleBench, type ConsoleRun } from './console.ts';
import { conditionsSummary, measureConditions, type ConditionResult } from './conditions.ts';
import { flowsSummary, runFlowsBench, type FlowsRun } from './flows.ts';
import { runScaleOut, scaleOutSummary, type ScaleOutRun } from './scale-out.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean' }, 'no-peers': { type: 'boolean' }, 'no-scale': { type: 'boolean' }, profile: { type: 'boolean' }, 'keep-dir': { type: 'boolean' },
    'no-import': { type: 'boolean' }, 'no-console': { type: 'boolean' }, 'no-flows': { type: 'boolean' }, 'no-conditions': { type: 'boolean' }, 'no-scale-out': { type: 'boolean' },
  },
});
const quick = flags.quick ?? false;
// --quick checks that everything runs and gives rough figures in under two minutes: shorter
// measurements, 200 signed-in users instead of 1,000, 32 connections only, a smaller scale curve.
const DURATION = quick ? 2 : 10;
const ACTIVE = quick ? 200 : 1000;
const SCALE = flags['no-scale'] ? [] : quick ? [1_000, 20_000] : [1_000, 100_000, 1_000_000];
const CONNECTIONS = quick ? [32] : [1, 32];
const HERE = new URL('.', import.meta.url).pathname;

const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** The SQLite file and its WAL, in MB. */
const fileMb = (path: string) => [path, `${path}-wal`].reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0) / 2 ** 20;

const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-'));
const db = join(dir, 'cognate.db');
const port = await freePort();

if (flags.profile) {
  await profile({ dir, db, port, duration: quick ? 5 : 10, log, out: join(HERE, 'profile.md') });
  if (!flags['keep-dir']) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

log(`${quick ? 'quick' : 'full'} run: ${DURATION} s per measurement, ${ACTIVE} signed-in users, scale points ${SCALE.join(', ')}; files in ${dir}`);
const measured: Measured[] = [];

// Cognate, with the 1,000 signed-in users the table is measured with.
const seeded = await prepare(db);
const seedSeconds: number[] = [];
seedSeconds.push(await seed(db, seeded, SCALE[0] ?? ACTIVE, ACTIVE));
let users = await signIn(db, seeded, ACTIVE, port);
let mintedAt = Date.now();
{
  const server = await startCognate(db, port, dir);
  log(`Cognate started (pid ${server.pid}) with ${seeded.count} users`);
  try {
    const target = { name: 'Cognate', url: server.url, pid: server.pid, clientId: seeded.client.clientId, users, codes: () => users.map(() => FIXED_CODE) };
    const ours = await runSuite(target, { duration: DURATION, connections: CONNECTIONS, operations: [...OPERATIONS], log, pairedFloor: true });
    measured.push(...ours);
    // The Floor rows: every floor measured before an operation, together.
    for (const c of CONNECTIONS) {
      const floors = ours.filter((m) => m.connections === c && m.floor).map((m) => m.floor!);
      if (floors.length) measured.push({ server: 'Cognate', operation: 'Floor', connections: c, result: combine(floors) });
    }
  } finally {
    await server.stop();
  }
}

// The import scenario: a user import job of 100,000 rows (10,000 with --quick) while GetUser runs.
let importRun: ImportRun | undefined;
if (!flags['no-import']) {
  const server = await startCognate(db, port, dir);
  try {
    importRun = await importScenario({ url: server.url, pid: server.pid, users, rows: quick ? 10_000 : 100_000, log });
    log(importSummary(importRun));
  } finally {
    await server.stop();
  }
}

// The seed operation the way a user starting Cognate with the README measures it, and the
// conditions between that and the suite above (bench/conditions.ts).
let conditions: ConditionResult[] | undefined;
if (!flags['no-conditions']) {
  conditions = await measureConditions({ dir, seconds: DURATION, log });
  log(conditionsSummary(conditions));
}

// The console scenario: its pages' first paint in Chromium on a pool of 10,000 users, on its own store.
let consoleRun: ConsoleRun | undefined;
if (!flags['no-console']) {
  consoleRun = await runConsoleBench({ dir, port, users: 10_000, log });
  log(consoleSummary(consoleRun));
}

// The flows scenario: whole sign-ins and grants beside the floor, on its own store, then on the peers.
let flowsRun: FlowsRun | undefined;
if (!flags['no-flows']) {
  flowsRun = await runFlowsBench({ dir, port: freePort, users: ACTIVE, connections: 32, duration: DURATION, peers: !flags['no-peers'], log });
  log(flowsSummary(flowsRun));
}

// Scale-out: 1, 2 and 4 instances on one PostgreSQL schema (skipped when PostgreSQL is not reachable).
let scaleOutRun: ScaleOutRun | undefined;
if (!flags['no-scale-out']) {
  scaleOutRun = await runScaleOut({ dir, port: freePort, users: ACTIVE, seconds: DURATION, log });
  log(scaleOutSummary(scaleOutRun));
}

// The peers, one after the other, each alone on the machine.
const peers: Report['peers'] = [];
if (!flags['no-peers']) {
  const starters: { name: string; version: () => Promise<string | undefined> | string | undefined; start: () => Promise<Awaited<ReturnType<typeof moto>>> }[] = [
    { name: 'cognito-local', version: cognitoLocalVersion, start: async () => cognitoLocal(join(dir, 'cognito-local'), await freePort(), ACTIVE) },
    { name: 'moto', version: motoVersion, start: async () => moto(await freePort(), ACTIVE) },
  ];
  for (const p of starters) {
    const version = await p.version();
    let peer;
    try {
      if (!version) throw new Error(p.name === 'moto' ? '`python3 -c "import moto, flask"` fails on this machine' : 'the cognito-local package is not installed');
      log(`${p.name} ${version}: starting and seeding ${ACTIVE} users`);
      peer = await p.start();
    } catch (e) {
      const reason = (e as Error).message.split('\n')[0].slice(0, 300);
      log(`${p.name} missing: ${reason}`);
      peers.push({ name: p.name, version, missing: reason });
      for (const op of OPERATIONS) for (const c of CONNECTIONS) measured.push({ server: p.name, operation: op, connections: c, missing: `could not start: ${reason}` });
      continue;
    }
    peers.push({ name: p.name, version });
    try {
      measured.push(...(await runSuite(peer, { duration: DURATION, connections: CONNECTIONS, operations: [...OPERATIONS], log })));
    } finally {
      await peer.stop();
    }
  }
}

// The scale curve: the same pool grown in bulk, a fresh server at each point.
const scale: ScalePoint[] = [];
for (let i = 0; i < SCALE.length; i++) {
  const n = SCALE[i];
  if (i > 0) {
    log(`seeding up to ${n.toLocaleString('en')} users`);
    seedSeconds.push(await seed(db, seeded, n, ACTIVE));
    log(`  ${(n - SCALE[i - 1]).toLocaleString('en')} users in ${seedSeconds[i].toFixed(1)} s`);
  }
  // Tokens last an hour; a long full run mints them again.
  if (Date.now() - mintedAt > 45 * 60_000) {
    users = await signIn(db, seeded, ACTIVE, port);
    mintedAt = Date.now();
  }
  const server = await startCognate(db, port, dir);
  try {
    const target = { name: 'Cognate', url: server.url, pid: server.pid, clientId: seeded.client.clientId, users };
    const ops: Operation[] = ['GetUserAttributeVerificationCode', 'GetUser'];
    const r = await runSuite(target, { duration: DURATION, connections: [32], operations: ops, pairedFloor: true, log: (l) => log(`${n.toLocaleString('en')} users:${l}`) });
    scale.push({
      users: n, seedSeconds: seedSeconds[i], added: i === 0 ? n : n - SCALE[i - 1],
      getCode: r[0].result!, getCodeFloor: r[0].floor!, getUser: r[1].result!, getUserFloor: r[1].floor!, dbMb: fileMb(db),
    });
  } finally {
    await server.stop();
  }
}

const report: Report = {
  date: new Date().toISOString(), quick, duration: DURATION, active: ACTIVE, connections: CONNECTIONS, machine: machine(), measured, scale, peers,
  floor: `POST / with a GetUser-sized body and X-Amz-Target ${FLOOR_TARGET}: UnknownOperationException (HTTP 400) from the protocol layer`,
  totalSeconds: (performance.now() - t0) / 1000,
};
const section = (title: string, text: string) => `\n## ${title}\n\n${text.split('\n').map((l) => `- ${l}`).join('\n')}\n`;
const md = markdown(report)
  + (conditions ? section('The seed operation as a user measures it', conditionsSummary(conditions)) : '')
  + (flowsRun ? section('Sign-in flows', flowsSummary(flowsRun)) : '')
  + (importRun ? section('User import', importSummary(importRun)) : '')
  + (scaleOutRun ? section('Scale-out on PostgreSQL', scaleOutSummary(scaleOutRun)) : '')
  + (consoleRun ? section('Console', consoleSummary(consoleRun)) : '');
console.log(`\n${md}`);
writeFileSync(join(HERE, 'results.md'), md);
writeFileSync(join(HERE, 'results.svg'), chart(report));
writeFileSync(join(HERE, 'results.json'), JSON.stringify(report, (k, v) => (k === 'samples' ? undefined : v), 2));
log(`wrote bench/results.md, bench/results.svg and bench/results.json in ${report.totalSeconds.toFixed(0)} s`);
if (!flags['keep-dir']) rmSync(dir, { recursive: true, force: true });
