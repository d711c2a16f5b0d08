/**
 * The flows scenario: whole sign-ins and grants (MFA, USER_AUTH with an emailed code, device SRP,
 * the token endpoint's client_credentials and authorization_code), each a closed loop of callers
 * measured right after the protocol floor on the same server and loop, then on the peers where
 * they implement the flow. `npm run bench` runs it; `node bench/flows.ts [--users N] [--duration S]
 * [--no-peers] [--only <part of a scenario's name>]` alone.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { combine, type LoadResult } from './load.ts';
import { PASSWORD, seed, seededFrom, startCognate, type Running } from './cognate.ts';
import { runFlows, expectJson } from './flow-load.ts';
import { authorizationCode, clientCredentials, deviceSignIn, emailOtpSignIn, mfaSignIn, type Flow, type Made, type Scenario } from './flow-scenarios.ts';
import { call, cognitoLocalVersion, each, motoVersion, startCognitoLocal, startMoto } from './peers.ts';
import { FLOOR_TARGET } from './suite.ts';

export interface FlowMeasured {
  scenario: string;
  server: string;
  /** HTTP requests one flow makes. */
  requests: number;
  result?: LoadResult;
  /** The protocol floor on the same server and loop, just before, for as long (Cognate only). */
  floor?: LoadResult;
  missing?: string;
}

export interface FlowsRun {
  users: number;
  devices: number;
  connections: number;
  duration: number;
  rows: FlowMeasured[];
}

let only: string | undefined;
const scenarios = (): Scenario[] => [mfaSignIn, emailOtpSignIn, deviceSignIn, clientCredentials, authorizationCode()].filter((s) => !only || s.name.toLowerCase().includes(only));
/** Codes fetched before each measured round of authorization_code redemptions. */
const CODE_BATCH = 1000;
/** Users given a remembered device: each costs a password sign-in to set up. */
const MAX_DEVICES = 100;
// At least two users a caller: a second sign-in of a user who is waiting for a code replaces that code.
const PEER_USERS = 64;

// A GetUser-sized body naming an operation that is not in the API (bench/suite.ts).
const floorFlow: Flow = async (send) => {
  expectJson(await send('/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': FLOOR_TARGET }, JSON.stringify({ AccessToken: 'x'.repeat(1000) })), 400, 'floor');
};

/** The scenario measured for `duration` seconds (in rounds of fresh codes where it takes single-use codes). */
async function measure(s: Scenario, flow: Flow, url: string, pid: number, connections: number, duration: number): Promise<LoadResult> {
  if (!s.batch) {
    // Warm-up, not measured: one flow a caller (a password sign-in is a slow hash).
    await runFlows({ url, connections, amount: connections, flow, pids: [pid] });
    return runFlows({ url, connections, duration, flow, pids: [pid] });
  }
  const parts: LoadResult[] = [];
  const started = performance.now();
  while (parts.reduce((t, p) => t + p.seconds, 0) < duration && (performance.now() - started) / 1000 < duration * 6) {
    await s.batch(CODE_BATCH);
    parts.push(await runFlows({ url, connections, amount: CODE_BATCH, flow, pids: [pid] }));
  }
  return combine(parts);
}

const line = (r: LoadResult) => `${r.rps.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, server CPU ${(r.serverCpuUs / 1000).toFixed(2)} ms each${Object.keys(r.unexpected).length || r.errors ? `, FAILED ${JSON.stringify(r.unexpected)} ${r.errors} errors e.g. ${r.example}` : ''}`;

/** Cognate: every scenario's pool made through the API, its users seeded into the file, then each measured beside the floor. */
export async function cognateFlows(o: { dir: string; port: number; users: number; connections: number; duration: number; log: (l: string) => void }): Promise<FlowMeasured[]> {
  const db = join(o.dir, 'flows.db');
  const list = scenarios();
  let server = await startCognate(db, o.port, o.dir);
  const made: Made[] = [];
  try {
    for (const s of list) made.push(await s.make(server.url));
  } finally {
    await server.stop();
  }
  const names: string[][] = [];
  for (const m of made) {
    const seeded = await seededFrom(db, m.poolId, m.clientId);
    await seed(db, seeded, o.users, 0, m.verified);
    names.push(Array.from({ length: o.users }, (_, i) => `user${String(i).padStart(7, '0')}`));
  }
  server = await startCognate(db, o.port, o.dir);
  const out: FlowMeasured[] = [];
  try {
    for (const [i, s] of list.entries()) {
      const users = s === deviceSignIn ? names[i]!.slice(0, MAX_DEVICES) : names[i]!;
      const flow = await s.ready(server.url, made[i]!, users);
      await runFlows({ url: server.url, connections: o.connections, amount: o.connections * 20, flow: floorFlow, pids: [server.pid] });
      const floor = await runFlows({ url: server.url, connections: o.connections, duration: o.duration, flow: floorFlow, pids: [server.pid] });
      const result = await measure(s, flow, server.url, server.pid, o.connections, o.duration);
      o.log(`flows: Cognate ${s.name}: ${line(result)}; floor before it ${floor.rps.toFixed(0)} req/s`);
      out.push({ scenario: s.name, server: 'Cognate', requests: s.requests, result, floor });
    }
  } finally {
    await server.stop();
  }
  return out;
}

/**
 * Users through the API, as a peer takes them: email and phone number verified, the password
 * permanent. Named by their email: cognito-local's pools sign in with the email unless told
 * otherwise (its UserPoolDefaults), and refuse another username.
 */
async function apiUsers(url: string, poolId: string, n: number): Promise<string[]> {
  return each(Array.from({ length: n }, (_, i) => `user${String(i).padStart(7, '0')}@example.com`), 4, async (Username, i) => {
    const tail = String(i).padStart(7, '0');
    const UserAttributes = [['email', `user${tail}@example.com`], ['email_verified', 'true'], ['phone_number', `+1555${tail}`], ['phone_number_verified', 'true']].map(([Name, Value]) => ({ Name, Value }));
    await call(url, 'AdminCreateUser', { UserPoolId: poolId, Username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-passw0rd!', UserAttributes });
    await call(url, 'AdminSetUserPassword', { UserPoolId: poolId, Username, Password: PASSWORD, Permanent: true });
    return Username;
  });
}

const why = (e: unknown) => (e as Error).message.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);

/** A peer: each scenario set up through its API and tried once; measured where the whole flow works, else "not implemented" with its answer. */
async function peerFlows(name: string, peer: Running, o: { connections: number; duration: number; log: (l: string) => void }): Promise<FlowMeasured[]> {
  const out: FlowMeasured[] = [];
  for (const s of scenarios()) {
    let flow: Flow;
    try {
      const m = await s.make(peer.url);
      flow = await s.ready(peer.url, m, await apiUsers(peer.url, m.poolId, PEER_USERS));
      if (s.batch) await s.batch(CODE_BATCH);
      const once = await runFlows({ url: peer.url, connections: 1, amount: 1, flow, pids: [peer.pid] });
      if (once.requests !== 1) throw new Error(once.example ?? 'the flow failed');
    } catch (e) {
      const missing = `not implemented (${why(e)})`;
      o.log(`flows: ${name} ${s.name}: ${missing}`);
      out.push({ scenario: s.name, server: name, requests: s.requests, missing });
      continue;
    }
    const result = await measure(s, flow, peer.url, peer.pid, o.connections, o.duration);
    o.log(`flows: ${name} ${s.name}: ${line(result)}`);
    out.push({ scenario: s.name, server: name, requests: s.requests, result });
  }
  return out;
}

export async function runFlowsBench(o: { dir: string; port: () => Promise<number>; users: number; connections: number; duration: number; peers: boolean; log: (l: string) => void }): Promise<FlowsRun> {
  o = { ...o, users: Math.max(o.users, 2 * o.connections) };
  const rows = await cognateFlows({ ...o, port: await o.port() });
  if (o.peers) {
    const starters = [
      { name: 'cognito-local', version: cognitoLocalVersion(), start: async () => startCognitoLocal(join(o.dir, 'flows-cognito-local'), await o.port()) },
      { name: 'moto', version: motoVersion(), start: async () => startMoto(await o.port()) },
    ];
    for (const p of starters) {
      if (!(await p.version)) {
        for (const s of scenarios()) rows.push({ scenario: s.name, server: p.name, requests: s.requests, missing: 'not installed' });
        continue;
      }
      if (p.name === 'cognito-local') mkdirSync(join(o.dir, 'flows-cognito-local'), { recursive: true });
      const peer = await p.start();
      try {
        rows.push(...(await peerFlows(p.name, peer, o)));
      } finally {
        await peer.stop();
      }
    }
  }
  return { users: o.users, devices: Math.min(o.users, MAX_DEVICES), connections: o.connections, duration: o.duration, rows };
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(a / b < 0.1 ? 1 : 0)}%`;

export function flowsSummary(r: FlowsRun): string {
  const out = [
    `Whole flows, ${r.connections} callers in a closed loop on keep-alive connections (the benchmark's own loop, for the flows and for the floor beside them), ${r.duration} s each; Cognate with ${r.users.toLocaleString('en')} users a pool (${r.devices} with a remembered device), the peers with ${PEER_USERS} made through their API. Throughput is flows a second (complete sign-ins or grants); "of the floor" compares the HTTP requests they make with the floor's requests a second, measured just before on the same server`,
  ];
  const names = [...new Set(r.rows.map((x) => x.scenario))];
  for (const name of names) {
    const mine = r.rows.find((x) => x.scenario === name && x.server === 'Cognate');
    const parts: string[] = [];
    if (mine?.result && mine.floor) {
      const m = mine.result;
      const bad = Object.keys(m.unexpected).length || m.errors ? ` (FAILED: ${JSON.stringify(m.unexpected)}, ${m.errors} errors, e.g. ${m.example})` : '';
      parts.push(`Cognate ${m.rps.toFixed(0)} flows/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, ${(m.serverCpuUs / 1000).toFixed(2)} ms of server CPU a flow; ${mine.requests} request${mine.requests > 1 ? 's' : ''} a flow = ${pct(m.rps * mine.requests, mine.floor.rps)} of the floor's ${mine.floor.rps.toFixed(0)} req/s${m.requests < 100 ? ` (only ${m.requests} flows: a rough figure)` : ''}${bad}`);
      if (name.includes('authorization_code')) parts.push(`${m.requests.toLocaleString('en')} codes redeemed in ${m.seconds.toFixed(1)} s`);
    }
    for (const peer of r.rows.filter((x) => x.scenario === name && x.server !== 'Cognate')) {
      if (peer.missing) parts.push(`${peer.server}: ${peer.missing}`);
      else if (peer.result) parts.push(`${peer.server} ${peer.result.rps.toFixed(0)} flows/s, p99 ${peer.result.p99.toFixed(1)} ms (Cognate ${mine?.result ? (mine.result.rps / peer.result.rps).toFixed(2) : '–'}×)`);
    }
    out.push(`${name}: ${parts.join('; ')}`);
  }
  return out.join('\n');
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { users: { type: 'string' }, duration: { type: 'string' }, 'no-peers': { type: 'boolean' }, only: { type: 'string' } } });
  only = values.only?.toLowerCase();
  const dir = mkdtempSync(join(tmpdir(), 'cognate-bench-flows-'));
  let next = 9400 + Math.floor(Math.random() * 400);
  try {
    const run = await runFlowsBench({ dir, port: async () => next++, users: Number(values.users ?? 1000), connections: 32, duration: Number(values.duration ?? 10), peers: !values['no-peers'], log: console.log });
    console.log(flowsSummary(run));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
