/**
 * A remembered device's SRP (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER) as the real
 * amazon-cognito-identity-js computes it: the verifier from AuthenticationHelper.generateHashDevice
 * (the group key in the pool name's place, the device key as the user), and the proof from
 * getPasswordAuthenticationKey over the same, checked by verifyClaim with the group key as realm.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { formatSrpTimestamp, isUsableVerifier, startServerChallenge, verifyClaim } from './srp.ts';

const require = createRequire(import.meta.url);
const { AuthenticationHelper } = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;

const POOL_ID = 'us-east-1_AbC123';
const GROUP_KEY = '-8kTqvzPq';
const DEVICE_KEY = 'us-east-1_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const call = <T>(fn: (cb: (err: unknown, v: T) => void) => void) =>
  new Promise<T>((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))));

async function deviceProof(helper: any, password: string, challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string }, timestamp: string) {
  const hkdf = await call<number[]>((cb) => helper.getPasswordAuthenticationKey(DEVICE_KEY, password, new BigInteger(challenge.SRP_B, 16), new BigInteger(challenge.SALT, 16), cb));
  return createHmac('sha256', Buffer.from(hkdf))
    .update(Buffer.concat([Buffer.from(GROUP_KEY), Buffer.from(DEVICE_KEY), Buffer.from(challenge.SECRET_BLOCK, 'base64'), Buffer.from(timestamp)]))
    .digest('base64');
}

test("a device's proof, made by amazon-cognito-identity-js, verifies with its group key as realm, and not without", async () => {
  // ConfirmDevice: the client makes the verifier and salt from a random password it keeps.
  const maker = new AuthenticationHelper(POOL_ID.split('_')[1]);
  await call((cb) => maker.generateHashDevice(GROUP_KEY, DEVICE_KEY, cb));
  const password: string = maker.getRandomPassword();
  const salt: string = maker.getSaltDevices();
  const verifier: string = maker.getVerifierDevices();
  assert.equal(isUsableVerifier(verifier), true);

  // DEVICE_SRP_AUTH: the client's A over the group key; the server's B over the stored verifier.
  const helper = new AuthenticationHelper(GROUP_KEY);
  const A: string = (await call<any>((cb) => helper.getLargeAValue(cb))).toString(16);
  const { b, B } = startServerChallenge(verifier);
  const SECRET_BLOCK = Buffer.from('a secret block').toString('base64');
  const now = new Date();
  const timestamp = formatSrpTimestamp(now);
  const signature = await deviceProof(helper, password, { SALT: salt, SRP_B: B, SECRET_BLOCK }, timestamp);
  const claim = { poolId: POOL_ID, userIdForSrp: DEVICE_KEY, salt, verifier, b, B, A, secretBlock: SECRET_BLOCK, timestamp, signature, now };
  assert.deepEqual(verifyClaim({ ...claim, realm: GROUP_KEY }), { ok: true });
  assert.deepEqual(verifyClaim(claim), { ok: false, reason: 'bad-signature' }, "the pool's name in the group key's place");
  assert.deepEqual(verifyClaim({ ...claim, realm: GROUP_KEY, userIdForSrp: 'alice' }), { ok: false, reason: 'bad-signature' });
});

test('refuses verifiers no exchange could use', () => {
  for (const v of ['', '0', '1', 'zz', 'f'.repeat(2000)]) assert.equal(isUsableVerifier(v), false, v);
  assert.equal(isUsableVerifier('2'), true);
});
