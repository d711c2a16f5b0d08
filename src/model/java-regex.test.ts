import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shapes } from './cognito-idp.generated.ts';
import { javaPatternToRegExp } from './java-regex.ts';

describe('javaPatternToRegExp', () => {
  it('compiles every pattern of the model', () => {
    for (const [name, s] of Object.entries(shapes)) {
      if (s.pattern !== undefined) assert.doesNotThrow(() => javaPatternToRegExp(s.pattern!), name);
    }
  });

  it('keeps Java semantics: whole match, ASCII \\s, (?s), line terminators for .', () => {
    assert.ok(javaPatternToRegExp('[0-9]+').test('123'));
    assert.ok(!javaPatternToRegExp('[0-9]+').test('12a'));
    assert.ok(!javaPatternToRegExp('[\\S]+').test('a\u000Bb'));
    assert.ok(javaPatternToRegExp('[\\S]+').test('a\u00a0b')); // not Java whitespace
    assert.ok(!javaPatternToRegExp('[\\w\\s]+').test('a\u00a0b'));
    assert.ok(javaPatternToRegExp('(?s).*').test('a\nb'));
    assert.ok(!javaPatternToRegExp('.*').test('a\u0085b'));
    assert.ok(javaPatternToRegExp('^[0-9A-Za-z\\.\\-_]*(?<!\\.)$').test('a.b'));
    assert.ok(!javaPatternToRegExp('^[0-9A-Za-z\\.\\-_]*(?<!\\.)$').test('ab.'));
    assert.ok(javaPatternToRegExp('\\p{Alpha}+\\@\\p{Digit}').test('ab@1'));
    assert.ok(javaPatternToRegExp('[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+').test('abc'));
    assert.throws(() => javaPatternToRegExp('[a-z&&[^q]]'));
  });
});
