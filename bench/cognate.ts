/**
 * Cognate for the benchmark: its SQLite file prepared and seeded in bulk through the store (before
 * the server starts), tokens minted by the token service, and the server started as a user starts
 * it, as a child process (`node src/main.ts serve`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { passwordRecord } from '../src/services/passwords/record.ts';
import { FAST } from '../src/services/passwords/hash.ts';
import { createPasswordHasher } from '../src/services/passwords/hasher.ts';
import { HashLimiter } from '../src/services/passwords/limiter.ts';
import { clientConfig, type ClientRecord } from '../src/domain/client.ts';
import { newClientId, newPoolId } from '../src/ground/ids.ts';
import type { Random } from '../src/ground/random.ts';
import { newPoolConfig, type PoolRecord } from '../src/domain/pool.ts';
import { userKeys, type StoredPassword, type UserRecord } from '../src/domain/user.ts';
import { SqliteStore } from '../src/storage/sqlite/store.ts';
import { PostgresStore } from '../src/storage/postgres/store.ts';
import type { Store } from '../src/storage/store.ts';
import { loadSealer } from '../src/services/sealing/master-keys.ts';
import { KeyRing } from '../src/services/tokens/keys.ts';
import { TokenService } from '../src/services/tokens/tokens.ts';

const ROOT = new URL('..', import.meta.url).pathname;
/** The Node options `npm start` gives (package.json's start script: `node <options> src/main.ts serve`). */
const startOptionsOf = (root: string) => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).filter((w) => w.startsWith('--'));
const START_OPTIONS = startOptionsOf(ROOT);
const random: Random = { bytes: (n) => randomBytes(n) };
const clock = { now: () => Date.now() };

export const PASSWORD = 'Bench-passw0rd!';
/** Development mode's fixed code (--fixed-code): what a test that cannot read the inbox uses; the code is still HMAC'd and stored. */
export const FIXED_CODE = '123456';
const BATCH = 10_000;

/** Where the benchmark's store is: a SQLite file, or a schema of a PostgreSQL database. */
export type StoreAt = string | { url: string; schema: string };

export const openStore = (at: StoreAt): Promise<Store> => (typeof at === 'string' ? Promise.resolve(new SqliteStore(at)) : PostgresStore.open({ url: at.url, schema: at.schema }));

/** The server's flags for the store. */
export const storeArgs = (at: StoreAt): string[] => (typeof at === 'string' ? ['--db', at] : ['--postgres', at.url, '--postgres-schema', at.schema]);

/** A pool and app client made through the API (any configuration), as records to seed users into. */
export async function seededFrom(at: StoreAt, poolId: string, clientId: string): Promise<Seeded> {
  const store = await openStore(at);
  try {
    const pool = await store.pools.get(poolId);
    const client = await store.clients.get(poolId, clientId);
    if (!pool || !client) throw new Error(`pool ${poolId} or its client ${clientId} is not in the store`);
    return { pool, client, count: 0, subs: [] };
  } finally {
    await store.close();
  }
}

export interface SignedIn {
  username: string;
  sub: string;
  accessToken: string;
}

export interface Seeded {
  pool: PoolRecord;
  client: ClientRecord;
  /** Users 0..n-1 exist; their subs are kept for the first `keep`. */
  count: number;
  subs: string[];
}

function benchUser(pool: PoolRecord, i: number, password: StoredPassword, now: number, verified: boolean): UserRecord {
  const sub = randomUUID();
  const n = String(i).padStart(7, '0');
  return {
    poolId: pool.id, sub, username: `user${n}`, status: 'CONFIRMED', enabled: true,
    attributes: {
      sub, email: `user${n}@example.com`, email_verified: String(verified), phone_number: `+1555${n}`, phone_number_verified: String(verified),
      name: `Bench User ${n}`, given_name: 'Bench', family_name: `User ${n}`,
    },
    pending: {}, password, settings: {}, createdAt: now, lastModifiedAt: now, version: 1,
  };
}

/** A pool (with its signing key) and an app client that allows password sign-in, written straight into the file. */
export async function prepare(db: StoreAt): Promise<Seeded> {
  const store = await openStore(db);
  try {
    const now = clock.now();
    const pool: PoolRecord = { id: newPoolId(random, 'us-east-1'), name: 'bench', createdAt: now, lastModifiedAt: now, config: newPoolConfig({ PoolName: 'bench', AutoVerifiedAttributes: ['email'] }) };
    await store.pools.create(pool);
    const { sealer } = await loadSealer({ previousMasterKeys: [] }, store.secrets, random, clock);
    await new KeyRing(store, sealer, random, clock).createKey(store, pool.id);
    const config = clientConfig({ UserPoolId: pool.id, ClientName: 'bench', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }, pool.config.SchemaAttributes ?? [], 'creating', false);
    const client: ClientRecord = { poolId: pool.id, clientId: newClientId(random), name: 'bench', secret: null, createdAt: now, lastModifiedAt: now, config };
    await store.clients.create(client);
    return { pool, client, count: 0, subs: [] };
  } finally {
    await store.close();
  }
}

/**
 * Adds users until the pool holds `total`, through the store's own write path (users.create with
 * the domain's keys), 10,000 to a transaction. Every user has the same password record: one argon2id
 * hash is computed once (the SRP verifier is then only right for the first user; SRP is not measured).
 * Returns the seconds it took. `verified`: email and phone number verified (for sign-in codes).
 */
export async function seed(db: StoreAt, s: Seeded, total: number, keep = 1000, verified = false): Promise<number> {
  const started = performance.now();
  const store = await openStore(db);
  try {
    // Sealed under the key the server will find in this store (none is configured in the benchmark).
    const { sealer } = await loadSealer({ previousMasterKeys: [] }, store.secrets, random, clock);
    // Development's parameters, the server's below (npm start's): a stronger hash would be upgraded
    // at the first sign-in anyway. Production's cost is measured apart (scripts/password-hashing-cost.ts).
    const passwordHasher = createPasswordHasher({ parameters: FAST, random, limiter: new HashLimiter(1, 0) });
    const password = await passwordRecord(s.pool, { username: 'user0000000' }, PASSWORD, { random, sealer, passwordHasher, now: clock.now() });
    const now = clock.now();
    while (s.count < total) {
      const end = Math.min(total, s.count + BATCH);
      await store.transaction(async (tx) => {
        for (let i = s.count; i < end; i++) {
          const u = benchUser(s.pool, i, password, now, verified);
          await tx.users.create(u, userKeys(s.pool.config, u));
          if (i < keep) s.subs.push(u.sub);
        }
      });
      s.count = end;
    }
  } finally {
    await store.close();
  }
  return (performance.now() - started) / 1000;
}

/** Access tokens for the first `n` users, signed by the pool's key with the issuer the server will use. */
export async function signIn(db: StoreAt, s: Seeded, n: number, port: number): Promise<SignedIn[]> {
  const store = await openStore(db);
  try {
    const { sealer } = await loadSealer({ previousMasterKeys: [] }, store.secrets, random, clock);
    const keys = new KeyRing(store, sealer, random, clock);
    const tokens = new TokenService({ keys, repos: store, clock, random, issuerBase: () => `http://127.0.0.1:${port}` });
    const out: SignedIn[] = [];
    for (let i = 0; i < n; i++) {
      const user = await store.users.get(s.pool.id, s.subs[i]);
      if (!user) throw new Error(`bench user ${i} is missing`);
      const { AccessToken } = await tokens.issue({ pool: s.pool, client: s.client, user, groups: [], authTime: Math.floor(clock.now() / 1000), withRefreshToken: false });
      out.push({ username: user.username, sub: user.sub, accessToken: AccessToken });
    }
    return out;
  } finally {
    await store.close();
  }
}

/** A TCP port nothing listens on now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Running {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Waits until `url` answers anything over HTTP. */
export async function waitForHttp(url: string, child: ChildProcess, what: string, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${log().slice(-2000)}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s: ${log().slice(-2000)}`);
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * `node src/main.ts serve` on the store with the Node options `npm start` uses: capture delivery
 * (development's default), the per-user hourly limits off for the run, since the benchmark signs
 * the same users in and sends them codes again and again: 5 GetUserAttributeVerificationCode and 15
 * VerifyUserAttribute calls, 5 attribute-verification codes and 10 sign-in codes an hour.
 * `logLevel` info is npm start's own: one line per request, written to a file in `dir` (as a
 * terminal or a log collector would take them, not read back by the benchmark). `args`: more of the
 * server's own flags (several instances behind one name share an --issuer-base-url).
 */
/**
 * `o.checkout`: another checkout of Cognate to run instead of this one (bench/ab.ts compares two);
 * its own package.json's start options.
 */
export async function startCognate(db: StoreAt, port: number, dir: string, nodeArgs: string[] = [], o: { logLevel?: string; args?: string[]; checkout?: string } = {}): Promise<Running> {
  const root = o.checkout ?? ROOT;
  const main = join(root, 'src/main.ts');
  const startOptions = o.checkout === undefined ? START_OPTIONS : startOptionsOf(root);
  const config = join(dir, `cognate-${port}.json`);
  writeFileSync(config, JSON.stringify({ limits: { perUserHourly: { GetUserAttributeVerificationCode: 0, VerifyUserAttribute: 0 }, codesPerUserHourly: { 'attribute-verification': 0, mfa: 0 } } }));
  const logLevel = o.logLevel ?? 'warn';
  const logFile = logLevel === 'warn' ? undefined : openSync(join(dir, `cognate-${port}.log`), 'a');
  const child = spawn(process.execPath, [...startOptions, ...nodeArgs, main, 'serve', ...storeArgs(db), '--port', String(port), '--log-level', logLevel, '--config', config, '--fixed-code', FIXED_CODE, ...(o.args ?? [])], {
    cwd: root, stdio: ['ignore', logFile ?? 'pipe', process.env.BENCH_STDERR ? 'inherit' : 'pipe'],
  });
  if (logFile !== undefined) closeSync(logFile);
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, child, 'Cognate', () => output);
  return { url, pid: child.pid!, child, stop: () => stopChild(child) };
}
