/**
 * What each candidate password hash costs on this machine: milliseconds per hash (one at a time,
 * the median of several after a warm-up), hashes per second with as many in flight as the machine
 * has CPUs, the CPU time each took (user and system: a large allocation's fresh pages are
 * system time), and the memory the process's peak resident set grew by (each candidate in a child
 * process of its own, so that one's peak does not hide the next's). A measurement, not a test.
 *
 * Then a burst: 16 checks at production's parameters at once, with and without the limiter the
 * server uses, each answer's time from the start, and how long a file stat started during the
 * burst waits for a thread of libuv's pool (as a store's file sync would).
 *
 *   npx node scripts/password-hashing-cost.ts [rounds=20]
 */
import { argon2, randomBytes, scrypt } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { STRONG } from '../src/services/passwords/hash.ts';
import { createPasswordHasher } from '../src/services/passwords/hasher.ts';
import { HashLimiter, hashSlots } from '../src/services/passwords/limiter.ts';

type Candidate = { name: string; hash: () => Promise<unknown> };

const password = 'Correct-h0rse-battery';
const promised = (run: (done: (e: Error | null) => void) => void) => new Promise<void>((resolve, reject) => run((e) => (e ? reject(e) : resolve())));
const argon2id = (memory: number, passes: number) => () =>
  promised((done) => argon2('argon2id', { message: password, nonce: randomBytes(16), parallelism: 1, tagLength: 32, memory, passes }, done));
const scryptOf = (N: number) => () => promised((done) => scrypt(password, randomBytes(16), 32, { N, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }, done));

const candidates: Candidate[] = [
  { name: 'scrypt N=2^15 r=8 p=1 (32 MiB; before)', hash: scryptOf(2 ** 15) },
  { name: 'scrypt N=2^17 r=8 p=1 (128 MiB)', hash: scryptOf(2 ** 17) },
  { name: 'argon2id m=19456 t=2 p=1 (OWASP)', hash: argon2id(19456, 2) },
  { name: 'argon2id m=47104 t=1 p=1 (OWASP)', hash: argon2id(47104, 1) },
  { name: 'argon2id m=65536 t=3 p=1', hash: argon2id(65536, 3) },
  { name: 'argon2id m=64 t=1 p=1 (fast)', hash: argon2id(64, 1) },
  { name: 'argon2id m=8 t=1 p=1', hash: argon2id(8, 1) },
  { name: 'scrypt N=2^4 r=8 p=1', hash: scryptOf(2 ** 4) },
];

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(c: Candidate, rounds: number): Promise<string> {
  const before = process.resourceUsage().maxRSS;
  for (let i = 0; i < 3; i++) await c.hash();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await c.hash();
    times.push(performance.now() - start);
  }
  const spent = process.cpuUsage(cpu);
  const [user, system] = [spent.user, spent.system].map((us) => (us / 1000 / rounds).toFixed(1));
  const lanes = availableParallelism();
  const start = performance.now();
  await Promise.all(Array.from({ length: lanes }, async () => { for (let i = 0; i < rounds; i++) await c.hash(); }));
  const perSecond = (lanes * rounds * 1000) / (performance.now() - start);
  const grewKiB = process.resourceUsage().maxRSS - before;
  return `| ${c.name} | ${median(times).toFixed(3)} | ${user} + ${system} | ${perSecond.toFixed(0)} (${lanes} in flight) | ${(grewKiB / 1024).toFixed(1)} |`;
}

const rounds = Number(process.argv[2] ?? 20);
const only = process.env.CANDIDATE;
if (only !== undefined) {
  console.log(await measure(candidates[Number(only)]!, rounds));
} else {
  console.log(`Node ${process.version}, ${availableParallelism()} CPUs\n`);
  console.log('| candidate | ms per hash (median, one at a time) | CPU ms per hash (user + system) | hashes per second | peak RSS grew by (MiB) |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const i of candidates.keys()) {
    process.stdout.write(execFileSync(process.execPath, [import.meta.filename, String(rounds)], { env: { ...process.env, CANDIDATE: String(i) } }));
  }
  console.log('\n16 checks at once (argon2id m=19456, t=2), ms from the start:');
  const slots = hashSlots(availableParallelism(), process.env.UV_THREADPOOL_SIZE);
  for (const [name, limiter] of [['no limiter', new HashLimiter(16, 0)], [`limiter, ${slots} at once`, new HashLimiter(slots, 1000)]] as const) {
    const hasher = createPasswordHasher({ parameters: STRONG, random: { bytes: (n) => randomBytes(n) }, limiter });
    const stored = await hasher.hash(password);
    const start = performance.now();
    const statWaited = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const asked = performance.now();
      await stat(import.meta.filename);
      return performance.now() - asked;
    })();
    const answered = await Promise.all(Array.from({ length: 16 }, () => hasher.verify(password, stored).then(() => Math.round(performance.now() - start))));
    console.log(`  ${name}: answers at ${answered.join(' ')}; a file stat meanwhile waited ${(await statWaited).toFixed(1)} ms`);
  }
}
