import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { hashPassword, verifyPassword } from './hash.ts';

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
