import assert from 'node:assert/strict';
import { it } from 'node:test';
import { maskEmail, maskPhone } from './mask.ts';

it('masks destinations as Cognito does', () => {
  assert.equal(maskEmail('alice@example.com'), 'a***@e***');
  assert.equal(maskEmail('x@y.z'), 'x***@y***');
  assert.equal(maskPhone('+15555550123'), '+*******0123');
  assert.equal(maskPhone('+447700900123'), '+********0123');
});
