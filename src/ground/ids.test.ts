import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoRandom } from './random.ts';
import { uuidV7, uuidV7Time } from './ids.ts';

describe('version-7 UUIDs', () => {
  it('carry the millisecond they were made at, and are otherwise random UUIDs', () => {
    const ms = Date.UTC(2026, 11, 3, 8, 30, 0, 123);
    const a = uuidV7(cryptoRandom, ms);
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(uuidV7Time(a), ms);
    assert.notEqual(uuidV7(cryptoRandom, ms), a);
  });

  it('tell no time for other strings (a version-4 UUID, junk, a number)', () => {
    assert.equal(uuidV7Time('9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f'), undefined);
    assert.equal(uuidV7Time('not a uuid'), undefined);
    assert.equal(uuidV7Time(12), undefined);
  });
});
