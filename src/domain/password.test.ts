import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { checkPasswordPolicy, generateTemporaryPassword } from './password.ts';

const random = { bytes: (n: number) => randomBytes(n) };
const strict = { Policies: { PasswordPolicy: { MinimumLength: 10, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true } } };

it("checks the pool's policy with Cognito's messages", () => {
  const msg = (pw: string, pool: object = strict) => {
    try {
      checkPasswordPolicy(pool, pw);
      return 'ok';
    } catch (e) {
      assert.equal((e as { type: string }).type, 'InvalidPasswordException');
      return (e as Error).message;
    }
  };
  assert.equal(msg('Sh0rt!'), 'Password did not conform with policy: Password not long enough');
  assert.equal(msg('ALLUPPER123!'), 'Password did not conform with policy: Password must have lowercase characters');
  assert.equal(msg('alllower123!'), 'Password did not conform with policy: Password must have uppercase characters');
  assert.equal(msg('NoNumbers!!x'), 'Password did not conform with policy: Password must have numeric characters');
  assert.equal(msg('NoSymbols123'), 'Password did not conform with policy: Password must have symbol characters');
  assert.equal(msg('Good-Passw0rd'), 'ok');
  assert.equal(msg('abc', { Policies: { PasswordPolicy: { MinimumLength: 6 } } }), 'Password did not conform with policy: Password not long enough');
  assert.equal(msg('abcdef', { Policies: { PasswordPolicy: { MinimumLength: 6 } } }), 'ok');
  assert.equal(msg('Passw0rd!', {}), 'ok', 'the default policy when the pool has none');
});

it('generates temporary passwords that meet the policy', () => {
  for (let i = 0; i < 50; i++) checkPasswordPolicy(strict, generateTemporaryPassword(strict, random));
});
