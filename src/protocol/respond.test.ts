import assert from 'node:assert/strict';
import { validateHeaderValue } from 'node:http';
import { describe, it } from 'node:test';
import { ERROR_MESSAGE_HEADER_MAX, errorMessageHeader } from './respond.ts';

/** What Node's response would throw on: the header is refused unless this passes. */
const acceptedByNode = (value: string) => assert.doesNotThrow(() => validateHeaderValue('x-amzn-ErrorMessage', value), JSON.stringify(value));

describe('x-amzn-ErrorMessage', () => {
  it('is the message itself when it is printable ASCII, as AWS sends it', () => {
    // AWS's answer to a wrong password, headers and body: https://github.com/localstack/localstack/issues/3201
    assert.equal(errorMessageHeader('Incorrect username or password.'), 'Incorrect username or password.');
    assert.equal(errorMessageHeader("1 validation error detected: Value 'x%y' at 'poolName'"), "1 validation error detected: Value 'x%y' at 'poolName'");
  });

  it('turns line breaks and other controls into spaces, and drops the trailing ones', () => {
    assert.equal(errorMessageHeader('user.a: Attribute does not exist in the schema.\nuser.b: The attribute is required\n'), 'user.a: Attribute does not exist in the schema. user.b: The attribute is required');
    assert.equal(errorMessageHeader('a\r\nb\tc\0d\x7fe'), 'a b c d e');
  });

  it('percent-encodes what is not ASCII as UTF-8, a lone surrogate as U+FFFD', () => {
    assert.equal(errorMessageHeader('café ✓ 😀'), 'caf%C3%A9 %E2%9C%93 %F0%9F%98%80');
    assert.equal(errorMessageHeader('x\ud800y'), 'x%EF%BF%BDy');
    assert.equal(errorMessageHeader('ÿ'), '%C3%BF', 'Latin-1 is encoded too, not sent as a raw byte');
  });

  it('is accepted by Node for every character, and never longer than the limit nor cut inside an escape', () => {
    let all = '';
    for (let c = 0; c < 0x800; c++) all += String.fromCharCode(c);
    all += '\ud83d\ude00\udc00\ud800\u2028\u2029\ufeff';
    for (const m of [all, 'é'.repeat(3000), 'x'.repeat(5000), '\n'.repeat(10), '']) {
      const h = errorMessageHeader(m);
      acceptedByNode(h);
      assert.ok(h.length <= ERROR_MESSAGE_HEADER_MAX);
      assert.doesNotMatch(h, /%[0-9A-F]?$/);
    }
    assert.equal(errorMessageHeader('é'.repeat(3000)).length, Math.floor(ERROR_MESSAGE_HEADER_MAX / 6) * 6);
  });
});
