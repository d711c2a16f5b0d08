/**
 * The operations measured, the same requests for every server: each run rotates over the signed-in
 * users, so every request is a different user's (a different token, a different row).
 */
import { combine, load, TARGET, type LoadResult } from './load.ts';
import { PASSWORD, type SignedIn } from './cognate.ts';

export const OPERATIONS = ['GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'GetUser', 'InitiateAuth'] as const;
export type Operation = (typeof OPERATIONS)[number] | 'Floor';

/**
 * The protocol floor: the same POST / with the same headers and a body of the same size (a
 * GetUser body), naming an operation that is not in the API. The server answers it in its
 * protocol layer (UnknownOperationException, HTTP 400) after reading the body through the same
 * Fastify stack, hooks and error writer, touching neither the store nor a key: everything a real
 * operation pays before and after its own work, and nothing else. (GET /health would skip the
 * body, the X-Amz-Target dispatch and the JSON answer, and it reads the store.)
 */
export const FLOOR_TARGET = 'AWSCognitoIdentityProviderService.BenchmarkNoOperation';

export interface Target {
  name: string;
  url: string;
  pid: number;
  clientId: string;
  users: SignedIn[];
  /** The code each user holds after a round of GetUserAttributeVerificationCode. */
  codes?: () => string[];
  /** It closes the connection after every answer (see LoadSpec). */
  closesConnections?: boolean;
}

export interface Measured {
  server: string;
  operation: Operation;
  connections: number;
  result?: LoadResult;
  /** The protocol floor, measured on the same server just before this result, for as long. */
  floor?: LoadResult;
  /** Why there is no figure: the server does not implement the operation, or could not start. */
  missing?: string;
}

function bodies(op: Operation, t: Target, codes?: string[]): string[] {
  return t.users.map((u, i) => {
    switch (op) {
      case 'Floor':
      case 'GetUser':
        return JSON.stringify({ AccessToken: u.accessToken });
      case 'GetUserAttributeVerificationCode':
        return JSON.stringify({ AccessToken: u.accessToken, AttributeName: 'email' });
      case 'VerifyUserAttribute':
        return JSON.stringify({ AccessToken: u.accessToken, AttributeName: 'email', Code: codes![i] });
      case 'InitiateAuth':
        return JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: t.clientId, AuthParameters: { USERNAME: u.username, PASSWORD } });
    }
  });
}

const targetOf = (op: Operation) => (op === 'Floor' ? FLOOR_TARGET : TARGET + op);
const expected = (op: Operation) => (op === 'Floor' ? 400 : 200);

/** One request: does the server answer this operation as it should? The reason when not. */
async function probe(t: Target, op: Operation): Promise<string | undefined> {
  if (op === 'VerifyUserAttribute') return probe(t, 'GetUserAttributeVerificationCode');
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': targetOf(op) }, body: bodies(op, t)[0] });
  if (res.status === expected(op)) return undefined;
  const text = (await res.text()).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `not implemented (answers HTTP ${res.status}: ${text})`;
}

/** Operations measured in slices alternating with the floor: those whose answers take milliseconds, not seconds. */
const INTERLEAVED = new Set<Operation>(['GetUserAttributeVerificationCode', 'GetUser']);

export interface SuiteOptions {
  duration: number;
  connections: number[];
  operations: Operation[];
  log: (line: string) => void;
  /**
   * Measure the protocol floor again right before each operation, for as long, and keep it with
   * the result: the machine's speed drifts (shared hosts), and a ratio of two measurements taken
   * minutes apart measures the drift as much as the server.
   */
  pairedFloor?: boolean;
}

/**
 * Codes are single-use, so VerifyUserAttribute is measured in rounds: every user first gets a
 * fresh code (GetUserAttributeVerificationCode, not measured), then each user verifies once;
 * rounds repeat until the measured time reaches the run's duration.
 */
async function verifyRounds(t: Target, connections: number, duration: number): Promise<LoadResult> {
  const parts: LoadResult[] = [];
  const started = performance.now();
  while (parts.reduce((s, p) => s + p.seconds, 0) < duration && (performance.now() - started) / 1000 < duration * 4) {
    await load({ url: t.url, target: targetOf('GetUserAttributeVerificationCode'), bodies: bodies('GetUserAttributeVerificationCode', t), connections: 16, amount: t.users.length, expect: 200, pid: t.pid, closesConnections: t.closesConnections });
    const codes = t.codes!();
    parts.push(await load({ url: t.url, target: targetOf('VerifyUserAttribute'), bodies: bodies('VerifyUserAttribute', t, codes), connections, amount: t.users.length, expect: 200, pid: t.pid, closesConnections: t.closesConnections }));
  }
  return combine(parts);
}

export async function runSuite(t: Target, o: SuiteOptions): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const op of o.operations) {
    const missing = op === 'VerifyUserAttribute' && !t.codes ? 'cannot read the codes it sends' : await probe(t, op);
    if (missing) {
      o.log(`  ${t.name} ${op}: ${missing}`);
      for (const c of o.connections) out.push({ server: t.name, operation: op, connections: c, missing });
      continue;
    }
    for (const connections of o.connections) {
      const specOf = (what: Operation) => ({ url: t.url, target: targetOf(what), bodies: bodies(what, t), connections, expect: expected(what), pid: t.pid, closesConnections: t.closesConnections });
      // Warm-up (JIT, caches, connection set-up), not measured.
      const warm = (what: Operation) => load({ ...specOf(what), amount: what === 'InitiateAuth' ? connections : Math.max(200, connections * 20) });
      let result: LoadResult;
      let floor: LoadResult | undefined;
      if (o.pairedFloor && INTERLEAVED.has(op)) {
        // The floor and the operation in alternating slices of about 2 s: a drift of the machine's
        // speed (other tenants) then weighs on both alike, where two runs one after the other can
        // each catch a different spell (a GetUser at 117% of its floor, once).
        await warm('Floor');
        await warm(op);
        const floors: LoadResult[] = [];
        const parts: LoadResult[] = [];
        const slices = Math.max(1, Math.round(o.duration / 2));
        for (let i = 0; i < slices; i++) {
          floors.push(await load({ ...specOf('Floor'), duration: o.duration / slices }));
          parts.push(await load({ ...specOf(op), duration: o.duration / slices }));
        }
        floor = combine(floors);
        result = combine(parts);
      } else {
        if (o.pairedFloor) {
          await warm('Floor');
          floor = await load({ ...specOf('Floor'), duration: o.duration });
        }
        if (op === 'VerifyUserAttribute') {
          result = await verifyRounds(t, connections, o.duration);
        } else {
          await warm(op);
          // A password sign-in is a deliberately slow hash (about 0.1 s of CPU): a longer run, for enough answers.
          result = await load({ ...specOf(op), duration: op === 'InitiateAuth' ? Math.max(o.duration, 4) : o.duration });
        }
      }
      out.push({ server: t.name, operation: op, connections, result, floor });
      if (floor) o.log(`  ${t.name} floor ${INTERLEAVED.has(op) ? 'beside' : 'before'} ${op} c=${connections}: ${floor.rps.toFixed(0)} req/s, server CPU ${floor.serverCpuUs.toFixed(0)} µs/req (kernel ${floor.serverSysUs.toFixed(0)})`);
      const bad = Object.entries(result.unexpected).map(([s, n]) => `${n}×${s}`).join(' ');
      o.log(`  ${t.name} ${op} c=${connections}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, server CPU ${result.serverCpuUs.toFixed(0)} µs/req (kernel ${result.serverSysUs.toFixed(0)}), RSS ${result.peakRssMb.toFixed(0)} MB${result.otherCpus > 0.1 ? `, OTHER PROCESSES used ${result.otherCpus.toFixed(2)} CPUs` : ''}${bad ? `, UNEXPECTED ${bad} e.g. ${result.example}` : ''}${result.errors ? `, ${result.errors} errors` : ''}`);
    }
  }
  return out;
}
