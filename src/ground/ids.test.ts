import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cryptoRandom } from './random.ts';
import { uuidV4, uuidV7, uuidV7Time } from './ids.ts';

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

describe('version-4 UUIDs', () => {
  it('match the model\'s ManagedLoginBrandingIdType and TermsIdType, even from all-ones or all-zero bytes', () => {
    // The model's pattern: ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[4][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$
    const model = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[4][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
    for (const fill of [0x00, 0xff]) assert.match(uuidV4({ bytes: (n) => Buffer.alloc(n, fill) }), model);
    assert.notEqual(uuidV4(cryptoRandom), uuidV4(cryptoRandom));
  });
});
