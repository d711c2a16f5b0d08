import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import type { CodeKey } from '../../domain/code.ts';
import { SqliteStore } from '../../storage/sqlite/store.ts';
import { createCodes, MAX_ATTEMPTS, type Codes } from './codes.ts';
import { loadKeyring } from './keyring.ts';

const POOL = 'us-east-1_CODESTEST';
const key: CodeKey = { poolId: POOL, userId: 'sub-1', purpose: 'attribute-verification', attribute: 'email' };
const random = { bytes: (n: number) => randomBytes(n) };

describe('codes', () => {
  let store: SqliteStore;
  let now: number;
  const clock = { now: () => now };
  let codes: Codes;

  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
    now = Date.UTC(2026, 10, 22);
    codes = createCodes({ keyring: await loadKeyring(store.secrets, [], random, clock), clock, random });
  });

  const issue = async (k = key) => {
    const { code, stored } = codes.issue(k);
    await store.codes.put(stored);
    return code;
  };
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('issues six decimal digits, stored only as an HMAC', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { code, stored } = codes.issue(key);
      assert.match(code, /^\d{6}$/);
      assert.equal(stored.hmac.length, 32);
      assert.ok(!stored.hmac.toString('latin1').includes(code));
      seen.add(code);
    }
    assert.ok(seen.size > 190, 'codes vary');
  });

  it('verifies the right code once: ok, then used', async () => {
    const code = await issue();
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'ok' });
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'used' });
  });

  it('answers mismatch for a wrong code, counting attempts, and burns the code after 5', async () => {
    const code = await issue();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      assert.deepEqual(await codes.verify(store.codes, key, wrong(code)), { status: 'mismatch', attempts: i });
    }
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'too_many_attempts' }, 'even the right code is refused now');
  });

  it('checks at most 5 of 20 answers sent at once, and counts each before checking it (issue 18)', async () => {
    const code = await issue();
    const results = await Promise.all(Array.from({ length: 20 }, () => codes.verify(store.codes, key, wrong(code))));
    assert.equal(results.filter((r) => r.status === 'mismatch').length, MAX_ATTEMPTS);
    assert.equal(results.filter((r) => r.status === 'too_many_attempts').length, 20 - MAX_ATTEMPTS);
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'too_many_attempts' }, 'the right code comes too late');
  });

  it('takes the right code as the fifth answer', async () => {
    const code = await issue();
    for (let i = 1; i < MAX_ATTEMPTS; i++) assert.equal((await codes.verify(store.codes, key, wrong(code))).status, 'mismatch');
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'ok' });
  });

  it('expires a code after its validity (24 h for attribute verification, 1 h for a forgotten password)', async () => {
    const code = await issue();
    now += 24 * 3600 * 1000 - 1;
    const forgot = { ...key, purpose: 'forgot-password' as const, attribute: '' };
    const forgotCode = await issue(forgot);
    now += 1;
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'expired' });
    now += 3600 * 1000 - 2; // issued 1 ms before the first code expired; this is 1 ms before its own expiry
    assert.deepEqual(await codes.verify(store.codes, forgot, forgotCode), { status: 'ok' });
  });

  it('replaces a code with a newer one for the same user, purpose and attribute', async () => {
    const first = await issue();
    now += 1000;
    const second = await issue();
    if (first !== second) assert.equal((await codes.verify(store.codes, key, first)).status, 'mismatch');
    assert.deepEqual(await codes.verify(store.codes, key, second), { status: 'ok' });
    const phone = { ...key, attribute: 'phone_number' };
    assert.deepEqual(await codes.verify(store.codes, phone, second), { status: 'missing' }, 'another attribute holds no code');
  });

  it('lets exactly one of two concurrent right answers win', async () => {
    const code = await issue();
    const results = await Promise.all(Array.from({ length: 8 }, () => codes.verify(store.codes, key, code)));
    assert.equal(results.filter((r) => r.status === 'ok').length, 1);
    assert.ok(results.every((r) => r.status === 'ok' || r.status === 'used'));
  });

  it('treats an invalidated code (its message could not be delivered) as expired', async () => {
    const { code, stored } = codes.issue(key);
    await store.codes.put(stored);
    await store.codes.invalidate(key, stored.hmac, now);
    assert.deepEqual(await codes.verify(store.codes, key, code), { status: 'expired' });
  });

  it('hands out the fixed code when configured', async () => {
    const fixed = createCodes({ keyring: await loadKeyring(store.secrets, [], random, clock), clock, random, fixedCode: '123456' });
    assert.equal(fixed.issue(key).code, '123456');
  });

  it('keeps one generated secret across restarts and instances', async () => {
    const a = await loadKeyring(store.secrets, [], random, clock);
    const b = await loadKeyring(store.secrets, [], random, clock);
    assert.equal(a.current.id, b.current.id);
    assert.deepEqual(a.current.key, b.current.key);
    assert.equal(a.current.key.length, 32);
  });

  it('rotates secrets without invalidating live codes', async () => {
    const old = [{ id: 'k-2026-10', secret: 'an old secret that is long enough to be used' }];
    const codesOld = createCodes({ keyring: await loadKeyring(store.secrets, old, random, clock), clock, random });
    const { code, stored } = codesOld.issue(key);
    await store.codes.put(stored);
    assert.equal(stored.keyId, 'k-2026-10');

    const rotated = [{ id: 'k-2026-11', secret: 'the new secret, also long enough to be used' }, ...old];
    const codesNew = createCodes({ keyring: await loadKeyring(store.secrets, rotated, random, clock), clock, random });
    assert.equal(codesNew.issue(key).stored.keyId, 'k-2026-11', 'new codes use the first secret');
    assert.deepEqual(await codesNew.verify(store.codes, key, code), { status: 'ok' }, 'a live code signed by the old secret still verifies');

    const { code: c2, stored: s2 } = codesOld.issue(key);
    await store.codes.put(s2);
    const dropped = createCodes({ keyring: await loadKeyring(store.secrets, rotated.slice(0, 1), random, clock), clock, random });
    assert.deepEqual(await dropped.verify(store.codes, key, c2), { status: 'expired' }, 'a code whose secret is gone cannot be checked');
  });
});
