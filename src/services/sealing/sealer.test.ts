import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { cryptoRandom } from '../../ground/random.ts';
import { SqliteStore } from '../../storage/sqlite/store.ts';
import { loadSealer } from './master-keys.ts';
import { isSealed, masterKeyId, SealedValueError, Sealer } from './sealer.ts';

const clock = { now: () => 1000 };

/** A value in the form signing keys were sealed in before values named their key. */
function sealV1(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${iv.toString('base64url')}.${data.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

describe('the sealer', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('seals under the current key, naming it, and opens what it sealed', () => {
    const sealer = new Sealer(k1, [], cryptoRandom);
    const sealed = sealer.seal('scrypt$32768$8$1$salt$hash', 'password-hash');
    assert.match(sealed, new RegExp(`^v2\\.${masterKeyId(k1)}\\.`));
    assert.ok(!sealed.includes('scrypt'));
    assert.notEqual(sealer.seal('same', 'message'), sealer.seal('same', 'message'), 'a fresh IV each time');
    assert.equal(sealer.open(sealed, 'password-hash'), 'scrypt$32768$8$1$salt$hash');
    assert.equal(sealer.isCurrent(sealed), true);
    assert.equal(isSealed(sealed), true);
  });

  it('opens under an earlier key after a rotation, and knows the value is not under the current one', () => {
    const old = new Sealer(k1, [], cryptoRandom).seal('verifier', 'srp-verifier');
    const rotated = new Sealer(k2, [k1], cryptoRandom);
    assert.equal(rotated.open(old, 'srp-verifier'), 'verifier');
    assert.equal(rotated.isCurrent(old), false);
    assert.deepEqual(rotated.keyIds, [masterKeyId(k2), masterKeyId(k1)]);
  });

  it('refuses a value under a key it does not hold, naming the key', () => {
    const sealed = new Sealer(k1, [], cryptoRandom).seal('x', 'message');
    assert.throws(() => new Sealer(k2, [], cryptoRandom).open(sealed, 'message'), (e: SealedValueError) => {
      assert.ok(e instanceof SealedValueError);
      assert.equal(e.keyId, masterKeyId(k1));
      assert.match(e.message, /sealed under master key \S+, which is not configured \(masterKey, previousMasterKeys\)/);
      return true;
    });
  });

  it('refuses a value altered, or sealed for another purpose', () => {
    const sealer = new Sealer(k1, [], cryptoRandom);
    const sealed = sealer.seal('hash', 'password-hash');
    assert.throws(() => sealer.open(sealed, 'srp-verifier'), SealedValueError);
    const [v, id, iv, data, tag] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    assert.throws(() => sealer.open([v, id, iv, flipped.toString('base64url'), tag].join('.'), 'password-hash'), /altered/);
  });

  it('reads values written in clear before sealing existed as they are', () => {
    const sealer = new Sealer(k1, [], cryptoRandom);
    for (const clear of ['scrypt$32768$8$1$c2FsdA==$aGFzaA==', 'ab01ff', 'Your code is 123456', 'v1.5 is out', '']) {
      assert.equal(sealer.open(clear, 'message'), clear);
      assert.equal(sealer.isCurrent(clear), false);
      assert.equal(isSealed(clear), false);
    }
  });

  it('reseals a value under the current key, in clear or under an earlier one, for the same purpose, and leaves one already under it', () => {
    const rotated = new Sealer(k2, [k1], cryptoRandom);
    const old = new Sealer(k1, [], cryptoRandom).seal('JBSWY3DPEHPK3PXP', 'totp-secret');
    const moved = rotated.reseal(old, 'totp-secret')!;
    assert.ok(rotated.isCurrent(moved));
    assert.equal(new Sealer(k2, [], cryptoRandom).open(moved, 'totp-secret'), 'JBSWY3DPEHPK3PXP', 'opens without the earlier key');
    assert.throws(() => rotated.open(moved, 'device-verifier'), SealedValueError, 'still bound to its purpose');
    assert.equal(rotated.reseal(moved, 'totp-secret'), undefined);
    const clear = rotated.reseal('ab01ff', 'device-verifier')!;
    assert.equal(rotated.open(clear, 'device-verifier'), 'ab01ff', 'a value in clear is sealed as it is');
    assert.throws(() => new Sealer(k2, [], cryptoRandom).reseal(old, 'totp-secret'), SealedValueError, 'one under a key not configured stays, and says so');
  });

  it('opens signing keys sealed before key ids existed, with whichever key sealed them', () => {
    const v1 = sealV1(k1, '-----BEGIN PRIVATE KEY-----');
    assert.equal(new Sealer(k2, [k1], cryptoRandom).open(v1, 'signing-key'), '-----BEGIN PRIVATE KEY-----');
    assert.throws(() => new Sealer(k2, [], cryptoRandom).open(v1, 'signing-key'), /opens under none of the configured master keys/);
  });
});

describe('loading the master keys', () => {
  it('generates a key kept in the store when none is configured, and keeps it opening once one is', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const generated = await loadSealer({ previousMasterKeys: [] }, store.secrets, cryptoRandom, clock);
      assert.equal(generated.generated, true);
      assert.equal((await loadSealer({ previousMasterKeys: [] }, store.secrets, cryptoRandom, clock)).sealer.currentKeyId, generated.sealer.currentKeyId, 'the same on every start');
      const sealed = generated.sealer.seal('hash', 'password-hash');
      const k = randomBytes(32);
      const configured = await loadSealer({ masterKey: k.toString('base64'), previousMasterKeys: [] }, store.secrets, cryptoRandom, clock);
      assert.equal(configured.generated, false);
      assert.equal(configured.sealer.currentKeyId, masterKeyId(k));
      assert.equal(configured.sealer.open(sealed, 'password-hash'), 'hash');
    } finally {
      await store.close();
    }
  });

  it('seals with the configured key and opens with the previous ones, generating nothing', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const [k1, k2] = [randomBytes(32), randomBytes(32)];
      const before = new Sealer(k1, [], cryptoRandom).seal('v', 'srp-verifier');
      const { sealer } = await loadSealer({ masterKey: k2.toString('base64'), previousMasterKeys: [k1.toString('base64')] }, store.secrets, cryptoRandom, clock);
      assert.equal(sealer.currentKeyId, masterKeyId(k2));
      assert.equal(sealer.open(before, 'srp-verifier'), 'v');
      assert.deepEqual(await store.secrets.list('master-key'), []);
    } finally {
      await store.close();
    }
  });
});
