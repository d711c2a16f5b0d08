import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import * as catalogue from './index.ts';

const SRC = new URL('..', import.meta.url).pathname;
const constructors = Object.entries(catalogue).filter(
  (e): e is [string, (...args: unknown[]) => catalogue.CognitoError] => typeof e[1] === 'function' && !['CognitoError', 'isCognitoError', 'statusFor'].includes(e[0]),
);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the error catalogue', () => {
  it('makes Cognito errors only, and no two constructors answer with the same type and message', () => {
    const seen = new Map<string, string>();
    for (const [name, make] of constructors) {
      // Every parameter is a name, a number, or a list of names: ['x'] reads as "x" in a template and joins as one.
      const e = make(...Array.from({ length: make.length }, () => ['x']));
      assert.ok(e instanceof catalogue.CognitoError, `${name} makes a CognitoError`);
      assert.ok(e.message.length > 0, `${name} has a message`);
      const key = `${e.type}: ${e.message}`;
      assert.equal(seen.get(key), undefined, `${name} answers as ${seen.get(key)} does: ${key}`);
      seen.set(key, name);
    }
    assert.ok(constructors.length > 100, `the catalogue holds ${constructors.length} errors`);
  });

  it('is where every CognitoError is made: no source outside src/errors constructs one', () => {
    const outside = sources(SRC).filter((f) => !relative(SRC, f).startsWith('errors/') && readFileSync(f, 'utf8').includes('new CognitoError('));
    assert.deepEqual(outside.map((f) => relative(SRC, f)), []);
  });
});
