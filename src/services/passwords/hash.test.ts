import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { DECOY_HASH, hashPassword, verifyPassword } from './hash.ts';

const random = { bytes: (n: number) => randomBytes(n) };

it('hashes slowly with a salt and verifies', async () => {
  const a = await hashPassword('Correct-h0rse', random);
  const b = await hashPassword('Correct-h0rse', random);
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('Correct-h0rse', a), true);
  assert.equal(await verifyPassword('correct-h0rse', a), false);
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
});

it('keeps the decoy hash on the parameters and sizes of a real one, so that it costs as much to check', async () => {
  const shape = (h: string) => h.split('$').map((part, i) => (i < 4 ? part : Buffer.from(part, 'base64').length));
  assert.deepEqual(shape(DECOY_HASH), shape(await hashPassword('Correct-h0rse', random)));
});
