import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTotp, newTotpSecret, totpCode } from './totp.ts';
import { randomBytes } from 'node:crypto';

const random = { bytes: (n: number) => randomBytes(n) } as never;

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", T = 59 s → 94287082 (8 digits; 6: 287082).
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('makes the RFC 6238 test vector and accepts it', () => {
    assert.equal(totpCode(rfcSecret, 59_000), '287082');
    assert.deepEqual(checkTotp(rfcSecret, '287082', 59_000, undefined), { status: 'ok', step: 1 });
  });

  it('takes a code one step early or late, not two', () => {
    const secret = newTotpSecret(random);
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const now = 1_700_000_000_000;
    assert.equal(checkTotp(secret, totpCode(secret, now - 30_000), now, undefined).status, 'ok');
    assert.equal(checkTotp(secret, totpCode(secret, now + 30_000), now, undefined).status, 'ok');
    assert.equal(checkTotp(secret, totpCode(secret, now - 60_000), now, undefined).status, 'mismatch');
    assert.equal(checkTotp(secret, totpCode(secret, now + 60_000), now, undefined).status, 'mismatch');
  });

  it('takes each step once, and no step before the last one taken', () => {
    const secret = newTotpSecret(random);
    const now = 1_700_000_000_000;
    const first = checkTotp(secret, totpCode(secret, now), now, undefined);
    assert.equal(first.status, 'ok');
    const step = (first as { step: number }).step;
    assert.equal(checkTotp(secret, totpCode(secret, now), now, step).status, 'used');
    assert.equal(checkTotp(secret, totpCode(secret, now - 30_000), now, step).status, 'used');
    assert.equal(checkTotp(secret, totpCode(secret, now + 30_000), now, step).status, 'ok');
  });

  it('refuses what is not six digits', () => {
    assert.equal(checkTotp(rfcSecret, '28708', 59_000, undefined).status, 'mismatch');
    assert.equal(checkTotp(rfcSecret, 'abcdef', 59_000, undefined).status, 'mismatch');
  });
});
