import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CognitoError } from '../errors/cognito-error.ts';
import { filterKey, parseUserFilter } from './user-filter.ts';

const fails = (filter: string, message: string) =>
  assert.throws(() => parseUserFilter(filter), (e) => e instanceof CognitoError && e.type === 'InvalidParameterException' && e.message === message, filter);

describe('ListUsers filter', () => {
  it('reads both operators, with or without whitespace around them', () => {
    assert.deepEqual(parseUserFilter('email = "a@example.com"'), { attr: 'email', op: '=', value: 'a@example.com' });
    assert.deepEqual(parseUserFilter('email="a@example.com"'), { attr: 'email', op: '=', value: 'a@example.com' });
    assert.deepEqual(parseUserFilter('  given_name ^= "Jo"  '), { attr: 'given_name', op: '^=', value: 'Jo' });
    assert.deepEqual(parseUserFilter('given_name^="Jo"'), { attr: 'given_name', op: '^=', value: 'Jo' });
    assert.deepEqual(parseUserFilter('cognito:user_status = "CONFIRMED"'), { attr: 'cognito:user_status', op: '=', value: 'CONFIRMED' });
  });

  it('keeps the value as written: spaces, equals signs, carets, escaped quotes and backslashes', () => {
    assert.deepEqual(parseUserFilter('name = "Mary Ann = ^x"'), { attr: 'name', op: '=', value: 'Mary Ann = ^x' });
    assert.deepEqual(parseUserFilter('family_name = "O\\"Brien"'), { attr: 'family_name', op: '=', value: 'O"Brien' });
    assert.deepEqual(parseUserFilter('family_name = "back\\\\slash"'), { attr: 'family_name', op: '=', value: 'back\\slash' });
    assert.deepEqual(parseUserFilter('family_name = "a\\b"'), { attr: 'family_name', op: '=', value: 'a\\b' });
    assert.deepEqual(parseUserFilter('email ^= ""'), { attr: 'email', op: '^=', value: '' });
  });

  it('treats an absent or blank filter as no filter', () => {
    assert.equal(parseUserFilter(undefined), undefined);
    assert.equal(parseUserFilter(''), undefined);
    assert.equal(parseUserFilter('   '), undefined);
  });

  it('matches cognito:user_status without regard to case, and status (Enabled/Disabled) with it', () => {
    assert.equal(parseUserFilter('cognito:user_status = "force_change_password"')!.value, 'FORCE_CHANGE_PASSWORD');
    assert.equal(parseUserFilter('cognito:user_status ^= "Unconf"')!.value, 'UNCONF');
    assert.equal(parseUserFilter('status = "enabled"')!.value, 'enabled');
    assert.equal(parseUserFilter('username = "Alice"')!.value, 'Alice');
  });

  it('refuses what does not parse, as AWS words it', () => {
    for (const f of ['username = foo', 'username=', 'username', '= "x"', 'username == "x"', 'username != "x"', 'username ~= "x"', 'username = "x', 'username = "x" and', 'username = "x" "y"', "username = 'x'", 'username ^ "x"']) {
      fails(f, 'Error while parsing filter.');
    }
  });

  it('refuses attributes that are not searchable', () => {
    fails('custom:team = "blue"', 'Invalid search attribute: custom:team');
    fails('email_verified = "true"', 'Invalid search attribute: email_verified');
    fails('Email = "a@example.com"', 'Invalid search attribute: Email');
  });

  it('names a filter stably, for pagination tokens', () => {
    assert.equal(filterKey(undefined), '');
    assert.equal(filterKey(parseUserFilter('email="a"')), filterKey(parseUserFilter(' email = "a" ')));
    assert.notEqual(filterKey(parseUserFilter('email = "a"')), filterKey(parseUserFilter('email ^= "a"')));
  });
});
