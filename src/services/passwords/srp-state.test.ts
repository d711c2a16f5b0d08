import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { openState, sealState } from './srp.ts';

test('sealState / openState: AES-256-GCM round trip; other keys and tampering give undefined', () => {
  const key = randomBytes(32);
  const state = { userIdForSrp: 'ü', b: 'ab', A: 'cd', exp: 123 };
  const sealed = sealState(key, state);
  assert.notEqual(sealState(key, state), sealed, 'fresh IV each time');
  assert.deepEqual(openState(key, sealed), state);
  assert.equal(openState(randomBytes(32), sealed), undefined);
  const bytes = Buffer.from(sealed, 'base64');
  for (const i of [0, 13, bytes.length - 1]) {
    const t = Buffer.from(bytes);
    t[i] ^= 0x40;
    assert.equal(openState(key, t.toString('base64')), undefined, `byte ${i}`);
  }
  for (const junk of ['', 'AAAA', 'not base64', `${sealed}=`]) assert.equal(openState(key, junk), undefined);
  assert.throws(() => sealState(randomBytes(16), state));
});
