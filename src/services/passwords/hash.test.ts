import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { FAST, STRONG, derive, formatHash, isWeaker, matches, parseHash, strength, type HashParameters } from './hash.ts';

const LEGACY: HashParameters = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 };
const made = async (parameters: HashParameters, password: string) => {
  const salt = randomBytes(16);
  return formatHash({ parameters, salt, key: await derive(parameters, password, salt, 32) });
};

describe('password hashes', () => {
  it('writes argon2id in the PHC string format, recording its parameters, and verifies', async () => {
    const stored = await made(STRONG, 'Correct-h0rse');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const parsed = parseHash(stored)!;
    assert.deepEqual(parsed.parameters, STRONG);
    assert.equal(await matches('Correct-h0rse', parsed), true);
    assert.equal(await matches('correct-h0rse', parsed), false);
    assert.notEqual(await made(STRONG, 'Correct-h0rse'), stored, 'salted');
  });

  it('verifies an scrypt hash as Cognate wrote it before argon2id', async () => {
    // From the earlier hashPassword (scrypt N=2^15, r=8, p=1), password 'Correct-h0rse'.
    const earlier = 'scrypt$32768$8$1$8lMYqpmxA7eS+uo9AMnv2w==$Qrqa95CLH5PGso1E7/NgUutWVlbPQ8W8C6Ut192ugUU=';
    const parsed = parseHash(earlier)!;
    assert.deepEqual(parsed.parameters, LEGACY);
    assert.equal(formatHash(parsed), earlier, 'written back as it was read');
    assert.equal(await matches('Correct-h0rse', parsed), true);
    assert.equal(await matches('Correct-h0rsf', parsed), false);
  });

  it('hashes the password in NFC, so that its two spellings are one password', async () => {
    const parsed = parseHash(await made(FAST, 'caf\u00e9'))!;
    assert.equal(await matches('cafe\u0301', parsed), true);
  });

  it('reads parameters only from a hash it could have written', () => {
    assert.deepEqual(parseHash('$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5')?.parameters, FAST);
    for (const stored of [
      'not-a-hash', '', 'scrypt$h', 'scrypt$x', 'scrypt$0$8$1$c2FsdA==$aGFzaA==', 'scrypt$32768$8$1$$aGFzaA==',
      '$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA', '$argon2id$v=16$m=64,t=1,p=1$c2FsdA$aGFzaA', '$argon2id$v=19$t=1,m=64,p=1$c2FsdA$aGFzaA',
      '$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGF*aA', '$argon2id$v=19$m=64,t=1,p=1$c2FsdA', '$argon2id$v=19$m=64,t=01,p=1$c2FsdA$aGFzaA',
    ]) {
      assert.equal(parseHash(stored), undefined, stored);
    }
  });

  it('verifies nothing against parameters Node refuses', async () => {
    assert.equal(await matches('x', parseHash('$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5')!), false);
  });

  it("tells weaker parameters: less cost, or scrypt at argon2id's cost; never a stronger hash as weaker", () => {
    assert.equal(isWeaker(FAST, STRONG), true, "development's hashes, in production");
    assert.equal(isWeaker(LEGACY, STRONG), true, "Cognate's scrypt hashes, in production");
    assert.equal(strength(LEGACY), strength(STRONG) / 4);
    assert.equal(isWeaker({ algorithm: 'scrypt', N: 2 ** 17, r: 8, p: 1 }, STRONG), true, "OWASP's equal scrypt: an older algorithm");
    assert.equal(isWeaker(STRONG, STRONG), false);
    assert.equal(isWeaker(STRONG, FAST), false, "a production hash, read by a development server");
    assert.equal(isWeaker(LEGACY, FAST), false, "an scrypt hash, read by a development server");
    assert.equal(isWeaker({ algorithm: 'argon2id', memoryKiB: 47104, passes: 1, parallelism: 1 }, STRONG), false, 'costlier already');
    assert.equal(isWeaker({ ...STRONG, passes: 1 } as HashParameters, STRONG), true);
  });
});
