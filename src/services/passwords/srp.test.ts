import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { modPow } from './srp-group.ts';
import { createVerifier, formatSrpTimestamp, padHex, parseSrpTimestamp, startServerChallenge, verifyClaim, type ServerChallenge, type SrpVerifier } from './srp.ts';

// The real client (CommonJS, and AuthenticationHelper is not in its typings).
const require = createRequire(import.meta.url);
const cognito = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
const { Sha256 } = require('@aws-crypto/sha256-js');

const POOL_ID = 'us-east-1_AbC123';
const POOL_NAME = 'AbC123';
const N = BigInt(`0x${new cognito.AuthenticationHelper(POOL_NAME).N.toString(16)}`);
const toBI = (n: bigint) => new BigInteger(n.toString(16), 16);

type Shape = 'odd' | 'msb' | 'plain';
/** Which branch of the client's padHex a value takes. */
function shape(n: bigint): Shape {
  const hex = n.toString(16);
  return hex.length % 2 === 1 ? 'odd' : /^[89a-f]/.test(hex) ? 'msb' : 'plain';
}

interface ClientRun { A: string; timestamp: string; signature: string; u: bigint }

/** What CognitoUser.authenticateUserDefaultAuth does with the server's challenge. */
function clientAnswers(opts: {
  helper?: any;
  username: string;
  password: string;
  salt: string;
  B: string;
  secretBlock: string;
  timestamp?: string;
}): ClientRun {
  const helper = opts.helper ?? new cognito.AuthenticationHelper(POOL_NAME);
  let A: any;
  helper.getLargeAValue((err: unknown, a: any) => { assert.ifError(err); A = a; });
  let hkdf: Buffer | undefined;
  helper.getPasswordAuthenticationKey(
    opts.username, opts.password, new BigInteger(opts.B, 16), new BigInteger(opts.salt, 16),
    (err: unknown, key: Buffer) => { assert.ifError(err); hkdf = key; },
  );
  assert.ok(hkdf, 'the client computes its key synchronously');
  const timestamp = opts.timestamp ?? new cognito.DateHelper().getNowString();
  const mac = new Sha256(hkdf);
  mac.update(Buffer.concat([
    Buffer.from(POOL_NAME, 'utf8'),
    Buffer.from(opts.username, 'utf8'),
    Buffer.from(opts.secretBlock, 'base64'),
    Buffer.from(timestamp, 'utf8'),
  ]));
  const signature = Buffer.from(mac.digestSync()).toString('base64');
  return { A: A.toString(16), timestamp, signature, u: BigInt(`0x${helper.UValue.toString(16)}`) };
}

function claim(v: SrpVerifier, ch: ServerChallenge, run: ClientRun, extra: { userIdForSrp: string; secretBlock: string; now?: Date }) {
  return verifyClaim({
    poolId: POOL_ID, salt: v.salt, verifier: v.verifier, b: ch.b, B: ch.B, A: run.A,
    timestamp: run.timestamp, signature: run.signature, now: extra.now ?? new Date(),
    userIdForSrp: extra.userIdForSrp, secretBlock: extra.secretBlock,
  });
}

/** One exchange with a fresh client; returns everything so a test can tamper with a part. */
function exchange(username: string, password: string, clientPassword = password) {
  const v = createVerifier(POOL_ID, username, password);
  const ch = startServerChallenge(v.verifier);
  const secretBlock = randomBytes(48).toString('base64');
  const run = clientAnswers({ username, password: clientPassword, salt: v.salt, B: ch.B, secretBlock });
  return { v, ch, run, secretBlock };
}

test('padHex is the client padHex (both branches, zero, random widths)', () => {
  const helper = new cognito.AuthenticationHelper(POOL_NAME);
  const values = [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0x0fffn, 0x8000n, N, N - 1n, 2n];
  for (let i = 0; i < 300; i++) values.push(BigInt(`0x${randomBytes(1 + (i % 40)).toString('hex')}`) >> BigInt(i % 8));
  for (const n of values) assert.equal(padHex(n), helper.padHex(toBI(n)).toLowerCase(), n.toString(16));
});

test('modPow agrees with the client BigInteger', () => {
  for (let i = 0; i < 3; i++) {
    const base = BigInt(`0x${randomBytes(384).toString('hex')}`);
    const exp = BigInt(`0x${randomBytes(1 + i * 50).toString('hex')}`);
    let expected: any;
    toBI(base).modPow(toBI(exp), toBI(N), (_e: unknown, r: any) => { expected = r; });
    assert.equal(modPow(base, exp), BigInt(`0x${expected.toString(16)}`));
  }
  assert.equal(modPow(5n, 0n), 1n);
});

test('the real client signs a claim the server accepts, through every padHex branch', () => {
  // Each case forces the rarer shapes: salt via injected bytes, A via the client's secret a
  // (the client then computes A itself), B/u/S by drawing server challenges until they fit.
  // Secrets a and b are drawn small here only to make that search fast; the encodings under
  // test do not depend on their size (the other tests use full-size secrets).
  const smallSecret = (n: number) => Buffer.concat([Buffer.alloc(n - 4), randomBytes(4)]);
  const saltCases: Record<string, string> = { odd: '05', msb: 'c3', plain: '42', zeroByte: '0012' };
  const cases: Array<{ salt: string; A?: Shape; B?: Shape; u?: Shape; S?: Shape }> = [
    { salt: 'odd', A: 'odd', B: 'msb', u: 'msb' },
    { salt: 'msb', A: 'msb', B: 'odd', S: 'msb' },
    { salt: 'plain', A: 'plain', u: 'odd', B: 'plain' },
    { salt: 'zeroByte', S: 'odd', u: 'plain' },
    { salt: 'msb', S: 'plain' },
  ];
  const seen = new Set<string>();
  for (const c of cases) {
    const prefix = Buffer.from(saltCases[c.salt], 'hex');
    const v = createVerifier(POOL_ID, 'alice', 'Passw0rd!', (n) => Buffer.concat([prefix, randomBytes(n - prefix.length)]));
    const helper = new cognito.AuthenticationHelper(POOL_NAME);
    for (;;) {
      const a = BigInt(`0x${randomBytes(4).toString('hex')}`) + 2n;
      if (c.A && shape(modPow(2n, a)) !== c.A) continue;
      helper.smallAValue = toBI(a);
      helper.largeAValue = undefined;
      break;
    }
    let A = 0n;
    helper.getLargeAValue((_e: unknown, value: any) => { A = BigInt(`0x${value.toString(16)}`); });
    const vv = BigInt(`0x${v.verifier}`);
    let ch: ServerChallenge;
    let S: bigint;
    for (;;) {
      ch = startServerChallenge(v.verifier, smallSecret);
      const B = BigInt(`0x${ch.B}`);
      if (c.B && shape(B) !== c.B) continue;
      const u = BigInt(`0x${helper.calculateU(toBI(A), toBI(B)).toString(16)}`);
      if (c.u && shape(u) !== c.u) continue;
      S = modPow(A * modPow(vv, u), BigInt(`0x${ch.b}`));
      if (c.S && shape(S) !== c.S) continue;
      break;
    }
    const secretBlock = randomBytes(64).toString('base64');
    const run = clientAnswers({ helper, username: 'alice', password: 'Passw0rd!', salt: v.salt, B: ch.B, secretBlock });
    assert.deepEqual(claim(v, ch, run, { userIdForSrp: 'alice', secretBlock }), { ok: true }, JSON.stringify(c));
    if (c.salt !== 'zeroByte') seen.add(`salt:${c.salt}`);
    for (const [name, n] of [['A', A], ['B', BigInt(`0x${ch.B}`)], ['u', run.u], ['S', S]] as const) seen.add(`${name}:${shape(n)}`);
  }
  for (const name of ['salt', 'A', 'B', 'u', 'S']) {
    for (const s of ['odd', 'msb', 'plain']) assert.ok(seen.has(`${name}:${s}`), `${name}:${s} exercised`);
  }
});

test('random salts, non-ASCII usernames and passwords', () => {
  for (const [username, password] of [['Zoë', 'pässwörd'], ['用户-😀', 'パスワード1!'], ['bob', 'x']]) {
    const { v, ch, run, secretBlock } = exchange(username, password);
    assert.deepEqual(claim(v, ch, run, { userIdForSrp: username, secretBlock }), { ok: true }, username);
  }
});

test('a wrong password, a wrong username or a tampered SECRET_BLOCK is a bad signature', () => {
  const { v, ch, run, secretBlock } = exchange('carol', 'right-password', 'wrong-password');
  assert.deepEqual(claim(v, ch, run, { userIdForSrp: 'carol', secretBlock }), { ok: false, reason: 'bad-signature' });

  const good = exchange('carol', 'right-password');
  const ok = (over: Partial<{ userIdForSrp: string; secretBlock: string; signature: string }>) =>
    verifyClaim({
      poolId: POOL_ID, salt: good.v.salt, verifier: good.v.verifier, b: good.ch.b, B: good.ch.B, A: good.run.A,
      timestamp: good.run.timestamp, signature: over.signature ?? good.run.signature, now: new Date(),
      userIdForSrp: over.userIdForSrp ?? 'carol', secretBlock: over.secretBlock ?? good.secretBlock,
    });
  assert.deepEqual(ok({}), { ok: true });
  const flipped = Buffer.from(good.secretBlock, 'base64');
  flipped[5] ^= 1;
  assert.deepEqual(ok({ secretBlock: flipped.toString('base64') }), { ok: false, reason: 'bad-signature' });
  assert.deepEqual(ok({ secretBlock: `${good.secretBlock} ` }), { ok: false, reason: 'bad-signature' });
  assert.deepEqual(ok({ userIdForSrp: 'Carol' }), { ok: false, reason: 'bad-signature' });
  assert.deepEqual(ok({ signature: 'not base64!' }), { ok: false, reason: 'bad-signature' });
  assert.deepEqual(ok({ signature: Buffer.alloc(32).toString('base64') }), { ok: false, reason: 'bad-signature' });
});

test('timestamps: 10 minutes off is rejected; tolerance is an option; strict format', () => {
  const v = createVerifier(POOL_ID, 'dave', 'pw');
  const ch = startServerChallenge(v.verifier);
  const secretBlock = randomBytes(16).toString('base64');
  const now = new Date();
  for (const offset of [-10, 10]) {
    const timestamp = formatSrpTimestamp(new Date(now.getTime() + offset * 60_000));
    const run = clientAnswers({ username: 'dave', password: 'pw', salt: v.salt, B: ch.B, secretBlock, timestamp });
    assert.deepEqual(claim(v, ch, run, { userIdForSrp: 'dave', secretBlock, now }), { ok: false, reason: 'bad-timestamp' });
    const input = { poolId: POOL_ID, userIdForSrp: 'dave', salt: v.salt, verifier: v.verifier, b: ch.b, B: ch.B, A: run.A, secretBlock, timestamp, signature: run.signature, now };
    assert.deepEqual(verifyClaim({ ...input, toleranceMs: 15 * 60_000 }), { ok: true });
  }
  const run = clientAnswers({ username: 'dave', password: 'pw', salt: v.salt, B: ch.B, secretBlock, timestamp: 'Tue Nov 03 02:13:09 UTC 2026' });
  assert.deepEqual(claim(v, ch, run, { userIdForSrp: 'dave', secretBlock, now: new Date('2026-11-03T02:13:09Z') }), { ok: false, reason: 'bad-timestamp' });
});

test('formatSrpTimestamp is the client format; parseSrpTimestamp is its strict inverse', () => {
  assert.equal(formatSrpTimestamp(new Date('2026-11-03T02:13:09.750Z')), 'Tue Nov 3 02:13:09 UTC 2026');
  assert.equal(formatSrpTimestamp(new Date('2025-12-31T23:05:00Z')), 'Wed Dec 31 23:05:00 UTC 2025');
  for (let i = 0; i < 3; i++) {
    const before = formatSrpTimestamp(new Date());
    const client = new cognito.DateHelper().getNowString();
    if (before === formatSrpTimestamp(new Date())) { assert.equal(client, before); break; }
  }
  assert.equal(parseSrpTimestamp('Tue Nov 3 02:13:09 UTC 2026')?.toISOString(), '2026-11-03T02:13:09.000Z');
  for (const bad of [
    'Tue Nov 03 02:13:09 UTC 2026', 'Mon Nov 3 02:13:09 UTC 2026', 'Tue Nov 3 2:13:09 UTC 2026',
    'tue Nov 3 02:13:09 UTC 2026', 'Tue Nov 3 02:13:09 GMT 2026', 'Tue Nov  3 02:13:09 UTC 2026',
    'Mon Feb 30 02:13:09 UTC 2026', 'Tue Nov 3 24:00:00 UTC 2026', ' Tue Nov 3 02:13:09 UTC 2026', '',
  ]) assert.equal(parseSrpTimestamp(bad), undefined, bad);
});

test('A = 0, A = N, A ≥ N and malformed A are rejected before any work', () => {
  const { v, ch, run, secretBlock } = exchange('erin', 'pw');
  for (const A of ['0', '000', N.toString(16), (2n * N).toString(16), (N + 1n).toString(16), 'xyz', '', '-1', 'f'.repeat(2000)]) {
    assert.deepEqual(claim(v, ch, { ...run, A }, { userIdForSrp: 'erin', secretBlock }), { ok: false, reason: 'bad-A' }, A.slice(0, 20));
  }
});

test('createVerifier: v = g^x, the salt is used as the client parses it, randomness is injectable', () => {
  const fixed = (n: number) => Buffer.concat([Buffer.from([0, 0]), Buffer.alloc(n - 2, 7)]);
  const a = createVerifier(POOL_ID, 'frank', 'pw', fixed);
  assert.deepEqual(createVerifier(POOL_ID, 'frank', 'pw', fixed), a);
  assert.equal(a.salt, `0000${'07'.repeat(14)}`);
  assert.notEqual(createVerifier(POOL_ID, 'frank', 'pw').verifier, a.verifier);
  assert.notEqual(createVerifier('eu-west-1_Other', 'frank', 'pw', fixed).verifier, a.verifier);
  assert.throws(() => createVerifier('nopool', 'frank', 'pw'));
  const ch = startServerChallenge(a.verifier);
  assert.ok(BigInt(`0x${ch.B}`) > 0n && BigInt(`0x${ch.B}`) < N);
});
