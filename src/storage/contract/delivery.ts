/** The contract for codes, secrets, the outbox and quotas (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CodeKey, StoredCode } from '../../domain/code.ts';
import type { NewMessage } from '../../domain/message.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_CODES0000';
const key: CodeKey = { poolId: POOL, userId: 'sub-1', purpose: 'attribute-verification', attribute: 'email' };
const code = (hmac: string, over: Partial<StoredCode> = {}): StoredCode => ({
  ...key, hmac: Buffer.from(hmac), keyId: 'k1', createdAt: 1000, expiresAt: 10_000, attempts: 0, consumedAt: null, invalidatedAt: null, ...over,
});
const message = (over: Partial<NewMessage> = {}): NewMessage => ({
  poolId: POOL, userId: 'sub-1', username: 'alice', medium: 'email', channel: 'capture', destination: 'alice@example.com',
  subject: 'Your code', body: 'Code 123456', from: null, replyTo: null, code: '123456', codeKey: key, codeHmac: Buffer.from('h'),
  status: 'queued', attempts: 0, lastError: null, nextAttemptAt: 1000, leaseUntil: null, createdAt: 1000, updatedAt: 1000, sentAt: null, ...over,
});

export function deliveryContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (codes, outbox): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create({ id: POOL, name: 'codes', createdAt: 0, lastModifiedAt: 0, config: {} });
    });
    afterEach(() => store.close());

    it('keeps one code per key, a new one replacing the old', async () => {
      await store.codes.put(code('a'));
      await store.codes.put(code('b', { createdAt: 2000 }));
      const got = await store.codes.get(key);
      assert.deepEqual(got, code('b', { createdAt: 2000 }));
      assert.equal(await store.codes.get({ ...key, attribute: 'phone_number' }), undefined);
    });

    it('counts attempts up to the maximum, returning the code as counted, and none against a code that takes no answer', async () => {
      await store.codes.put(code('a'));
      assert.deepEqual(await store.codes.takeAttempt(key, 3, 5000), code('a', { attempts: 1 }));
      assert.equal((await store.codes.takeAttempt(key, 3, 5000))?.attempts, 2);
      await store.codes.put(code('b'));
      assert.deepEqual(await store.codes.takeAttempt(key, 3, 5000), code('b', { attempts: 1 }), 'the newer code, counted from its own start');
      assert.equal((await store.codes.takeAttempt(key, 3, 5000))?.attempts, 2);
      assert.equal((await store.codes.takeAttempt(key, 3, 5000))?.attempts, 3);
      assert.equal(await store.codes.takeAttempt(key, 3, 5000), undefined, 'the maximum is reached');
      assert.equal((await store.codes.get(key))!.attempts, 3);
      assert.equal(await store.codes.takeAttempt({ ...key, attribute: 'phone_number' }, 3, 5000), undefined, 'none issued');
      const untouched = async (c: StoredCode, why: string) => {
        await store.codes.put(c);
        assert.equal(await store.codes.takeAttempt(key, 3, 5000), undefined, why);
        assert.equal((await store.codes.get(key))!.attempts, c.attempts, `${why}: not counted`);
      };
      await untouched(code('c', { consumedAt: 4000 }), 'used');
      await untouched(code('c', { invalidatedAt: 4000 }), 'invalidated');
      await untouched(code('c', { expiresAt: 5000 }), 'expired at its expiry time');
    });

    it('uses the code up in the same step when the answer is its own key id and HMAC, and not otherwise', async () => {
      await store.codes.put(code('a'));
      assert.equal((await store.codes.takeAttempt(key, 5, 5000, { keyId: 'k1', hmac: Buffer.from('b') }))?.consumedAt, null, 'another HMAC');
      assert.equal((await store.codes.takeAttempt(key, 5, 5000, { keyId: 'k2', hmac: Buffer.from('a') }))?.consumedAt, null, 'another key');
      assert.deepEqual(await store.codes.takeAttempt(key, 5, 5000, { keyId: 'k1', hmac: Buffer.from('a') }), code('a', { attempts: 3, consumedAt: 5000 }));
      assert.equal(await store.codes.takeAttempt(key, 5, 5000, { keyId: 'k1', hmac: Buffer.from('a') }), undefined, 'used');
      assert.equal((await store.codes.get(key))!.consumedAt, 5000);
      await store.codes.put(code('c', { attempts: 4 }));
      assert.equal((await store.codes.takeAttempt(key, 5, 5000, { keyId: 'k1', hmac: Buffer.from('c') }))?.consumedAt, 5000, 'the fifth answer may be right');
      await store.codes.put(code('d'));
      const wins = await Promise.all(Array.from({ length: 10 }, () => store.codes.takeAttempt(key, 5, 5000, { keyId: 'k1', hmac: Buffer.from('d') })));
      assert.equal(wins.filter((c) => c?.consumedAt === 5000).length, 1, 'one of many right answers at once');
    });

    it('counts every one of many concurrent attempts, and lets no more than the maximum through', async () => {
      await store.codes.put(code('a'));
      const taken = (await Promise.all(Array.from({ length: 20 }, () => store.codes.takeAttempt(key, 5, 5000)))).map((c) => c?.attempts);
      assert.deepEqual(taken.filter((n) => n !== undefined).sort(), [1, 2, 3, 4, 5]);
      assert.equal((await store.codes.get(key))!.attempts, 5);
    });

    it('consumes a code once, and never an expired, invalidated or burnt one', async () => {
      await store.codes.put(code('a'));
      assert.equal(await store.codes.consume(key, Buffer.from('a'), 5000, 5), true);
      assert.equal(await store.codes.consume(key, Buffer.from('a'), 5000, 5), false);
      await store.codes.put(code('b'));
      assert.equal(await store.codes.consume(key, Buffer.from('b'), 10_000, 5), false, 'expired at its expiry time');
      await store.codes.put(code('c', { attempts: 6 }));
      assert.equal(await store.codes.consume(key, Buffer.from('c'), 5000, 5), false, 'burnt');
      await store.codes.put(code('c', { attempts: 5 }));
      assert.equal(await store.codes.consume(key, Buffer.from('c'), 5000, 5), true, 'the fifth answer, counted before its check, may be right');
      await store.codes.put(code('d'));
      await store.codes.invalidate(key, Buffer.from('other'), 5000);
      assert.equal((await store.codes.get(key))!.invalidatedAt, null, 'invalidating another code leaves this one');
      await store.codes.invalidate(key, Buffer.from('d'), 5000);
      assert.equal(await store.codes.consume(key, Buffer.from('d'), 5000, 5), false);
    });

    it('lets exactly one of many concurrent consumers win', async () => {
      await store.codes.put(code('a'));
      const wins = await Promise.all(Array.from({ length: 10 }, () => store.codes.consume(key, Buffer.from('a'), 5000, 5)));
      assert.equal(wins.filter(Boolean).length, 1);
    });

    it('purges expired codes', async () => {
      await store.codes.put(code('a', { expiresAt: 100 }));
      await store.codes.put(code('b', { ...key, attribute: 'phone_number', expiresAt: 100_000 }));
      assert.equal(await store.codes.purgeExpired(5000), 1);
      assert.equal(await store.codes.get(key), undefined);
    });

    it('purges final messages past their retention, never pending ones', async () => {
      const ids = new Map<string, string>();
      for (const [name, over] of [
        ['old-sent', { status: 'sent', createdAt: 100, updatedAt: 100 }],
        ['old-failed', { status: 'failed', createdAt: 100, updatedAt: 200 }],
        ['old-abandoned', { status: 'abandoned', createdAt: 100, updatedAt: 300 }],
        ['old-queued', { status: 'queued', createdAt: 100, updatedAt: 100 }],
        ['old-sending', { status: 'sending', createdAt: 100, updatedAt: 100, leaseUntil: 200 }],
        ['retried-long', { status: 'sent', createdAt: 100, updatedAt: 9000 }],
        ['new-sent', { status: 'sent', createdAt: 9000, updatedAt: 9000 }],
      ] as const) ids.set(name, await store.messages.enqueue(message(over)));
      assert.equal(await store.messages.purgeFinished(5000), 3);
      for (const name of ['old-sent', 'old-failed', 'old-abandoned']) assert.equal(await store.messages.get(ids.get(name)!), undefined, name);
      for (const name of ['old-queued', 'old-sending', 'retried-long', 'new-sent']) assert.ok(await store.messages.get(ids.get(name)!), name);
      assert.equal(await store.messages.purgeFinished(5000), 0);
    });

    it('keeps server secrets, the first writer winning', async () => {
      await store.secrets.addIfAbsent('code-hmac', { id: 's1', secret: Buffer.from('one'), createdAt: 1 });
      await store.secrets.addIfAbsent('code-hmac', { id: 's1', secret: Buffer.from('two'), createdAt: 2 });
      await store.secrets.addIfAbsent('code-hmac', { id: 's2', secret: Buffer.from('three'), createdAt: 3 });
      const list = await store.secrets.list('code-hmac');
      assert.deepEqual(list.map((s) => [s.id, s.secret.toString()]), [['s2', 'three'], ['s1', 'one']]);
      assert.deepEqual(await store.secrets.list('other'), []);
    });

    it('redacts a final message: body, subject and destination replaced, code dropped, the rest kept', async () => {
      const withCode = await store.messages.enqueue({ ...message(), subject: 'Code 123456' });
      const [claimed] = await store.messages.claim({ id: withCode, now: 2000, leaseMs: 1000, limit: 1 });
      await store.messages.finish(withCode, { status: 'sent', now: 4000, redact: { body: '', subject: null, destination: 'a***@e***' } });
      assert.deepEqual(await store.messages.get(withCode), {
        ...claimed, body: '', subject: null, destination: 'a***@e***', code: null, status: 'sent', sentAt: 4000, updatedAt: 4000, leaseUntil: null,
      });
      const plain = await store.messages.enqueue({ ...message(), subject: 'Your code' });
      await store.messages.finish(plain, { status: 'abandoned', now: 4000, error: 'gave up', redact: { body: '', subject: 'Your code', destination: 'a***@e***' } });
      const abandoned = (await store.messages.get(plain))!;
      assert.deepEqual([abandoned.body, abandoned.subject, abandoned.code, abandoned.lastError, abandoned.sentAt], ['', 'Your code', null, 'gave up', null]);
      const retried = await store.messages.enqueue(message());
      await store.messages.finish(retried, { status: 'queued', now: 4000, error: 'later', nextAttemptAt: 6000 });
      assert.deepEqual(await store.messages.get(retried), { ...message(), id: retried, status: 'queued', lastError: 'later', nextAttemptAt: 6000, updatedAt: 4000 }, 'no redaction: all kept');
    });

    it('enqueues, claims once, and records outcomes', async () => {
      const m1 = await store.messages.enqueue(message());
      assert.match(m1, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUID version 7');
      assert.deepEqual(await store.messages.get(m1), { ...message(), id: m1 });
      const [claimed] = await store.messages.claim({ id: m1, now: 2000, leaseMs: 1000, limit: 1 });
      assert.equal(claimed.status, 'sending');
      assert.equal(claimed.attempts, 1);
      assert.deepEqual(await store.messages.claim({ id: m1, now: 2500, leaseMs: 1000, limit: 1 }), [], 'leased');
      assert.equal((await store.messages.claim({ id: m1, now: 3500, leaseMs: 1000, limit: 1 })).length, 1, 'lease expired: claimable again');
      await store.messages.finish(m1, { status: 'sent', now: 4000 });
      const sent = (await store.messages.get(m1))!;
      assert.equal(sent.status, 'sent');
      assert.equal(sent.sentAt, 4000);
      assert.equal(sent.body, 'Code 123456');
      assert.equal(sent.code, '123456');
      assert.deepEqual(await store.messages.claim({ now: 10_000, leaseMs: 1000, limit: 10 }), []);
    });

    it('gives every message its own id and finds none by an id it did not give', async () => {
      const ids = [];
      for (let i = 0; i < 50; i++) ids.push(await store.messages.enqueue(message({ createdAt: 1000 })));
      assert.equal(new Set(ids).size, 50);
      const other = ids[0].slice(0, -1) + (ids[0].endsWith('0') ? '1' : '0');
      for (const id of [other, 'm1', '', '00000000-0000-7000-8000-000000000000']) {
        assert.equal(await store.messages.get(id), undefined, id);
        assert.deepEqual(await store.messages.claim({ id, now: 2000, leaseMs: 1000, limit: 1 }), [], id);
        await store.messages.finish(id, { status: 'sent', now: 2000 });
      }
      assert.equal((await store.messages.get(ids[0]))!.status, 'queued', 'a near id changed nothing');
    });

    it('claims due messages in order and hands each to one claimant', async () => {
      const late = await store.messages.enqueue(message({ nextAttemptAt: 3000 }));
      const early = await store.messages.enqueue(message({ nextAttemptAt: 1000 }));
      await store.messages.enqueue(message({ nextAttemptAt: 99_000 }));
      assert.equal(await store.messages.nextDueAt(), 1000);
      const [a, b] = await Promise.all([
        store.messages.claim({ now: 5000, leaseMs: 1000, limit: 10 }),
        store.messages.claim({ now: 5000, leaseMs: 1000, limit: 10 }),
      ]);
      assert.deepEqual([...a, ...b].map((m) => m.id).sort(), [early, late].sort());
      await store.messages.finish(early, { status: 'queued', now: 5000, error: 'try later', nextAttemptAt: 7000 });
      const retried = (await store.messages.get(early))!;
      assert.equal(retried.lastError, 'try later');
      assert.equal(retried.leaseUntil, null);
      assert.deepEqual(await store.messages.countByStatus(), { queued: 2, sending: 1, sent: 0, failed: 0, abandoned: 0 });
    });

    it('lists messages newest first with filters', async () => {
      const a = await store.messages.enqueue(message({ createdAt: 1000 }));
      const b = await store.messages.enqueue(message({ createdAt: 2000, medium: 'sms', destination: '+15555550100', username: 'bob' }));
      const c = await store.messages.enqueue(message({ createdAt: 3000 }));
      assert.deepEqual((await store.messages.list({ limit: 10 })).map((m) => m.id), [c, b, a]);
      assert.deepEqual((await store.messages.list({ limit: 10, username: 'bob' })).map((m) => m.id), [b]);
      assert.deepEqual((await store.messages.list({ limit: 10, medium: 'email', since: 2000 })).map((m) => m.id), [c]);
      assert.deepEqual((await store.messages.list({ limit: 10, since: 2000 })).map((m) => m.id), [c, b], 'made at `since` or after');
      assert.deepEqual((await store.messages.list({ limit: 10, since: 3001 })).map((m) => m.id), []);
      assert.deepEqual((await store.messages.list({ limit: 10, destination: '+15555550100', poolId: POOL })).map((m) => m.id), [b]);
      assert.deepEqual((await store.messages.list({ limit: 10, poolId: 'us-east-1_OTHER0000' })).map((m) => m.id), []);
      assert.deepEqual((await store.messages.list({ limit: 1 })).map((m) => m.id), [c]);
    });

    it('takes from a quota up to its limit, per key and period', async () => {
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(await store.quotas.take('email:pool', '2026-11-22', 3));
      assert.deepEqual(taken, [true, true, true, false]);
      assert.equal(await store.quotas.take('email:pool', '2026-11-23', 3), true);
      assert.equal(await store.quotas.take('email:other', '2026-11-22', 3), true);
    });

    it('takes tokens from a bucket that refills at its rate, never beyond its burst', async () => {
      const take = (now: number) => store.quotas.takeToken('k', 2, 3, now);
      assert.deepEqual([await take(0), await take(0), await take(0), await take(0)], [true, true, true, false], 'a burst of 3');
      assert.equal(await take(499), false, 'under one token refilled');
      assert.equal(await take(500), true, 'one token after 500 ms at 2 per second');
      assert.equal(await take(500), false);
      assert.deepEqual([await take(60_000), await take(60_000), await take(60_000), await take(60_000)], [true, true, true, false], 'refill stops at the burst');
      assert.equal(await store.quotas.takeToken('other', 2, 3, 0), true, 'buckets are per key');
      const all = await Promise.all(Array.from({ length: 10 }, () => store.quotas.takeToken('race', 1, 5, 1000)));
      assert.equal(all.filter(Boolean).length, 5, 'concurrent takers never overdraw');
    });

    it('takes from a sliding window: never more than its limit in any stretch of its length', async () => {
      const HOUR = 3_600_000;
      const take = (now: number) => store.quotas.takeInWindow('w', 3, HOUR, now);
      assert.deepEqual([await take(0), await take(1000), await take(2000), await take(3000)], [true, true, true, false]);
      assert.equal(await take(HOUR - 1), false, 'the first take is still inside the window');
      assert.equal(await take(HOUR + 1), true, 'the first take has left the window');
      assert.equal(await take(HOUR + 999), false, 'a token bucket would have refilled by now; the window has not moved on');
      assert.equal(await take(HOUR + 1001), true);
      assert.equal(await store.quotas.takeInWindow('other', 3, HOUR, 0), true, 'windows are per key');
      const all = await Promise.all(Array.from({ length: 12 }, () => store.quotas.takeInWindow('race', 5, HOUR, 1000)));
      assert.equal(all.filter(Boolean).length, 5, 'concurrent takers never go past the limit');
      assert.equal(await store.quotas.takeInWindow('none', 0, HOUR, 0), false, 'a limit of 0 allows nothing');
    });

    it('clears a window: its next take is the first of a new one', async () => {
      const HOUR = 3_600_000;
      const take = (key: string) => store.quotas.takeInWindow(key, 2, HOUR, 1000);
      assert.deepEqual([await take('full'), await take('full'), await take('full')], [true, true, false]);
      await take('kept');
      await store.quotas.clearWindow('full');
      await store.quotas.clearWindow('never-taken');
      assert.deepEqual([await take('full'), await take('full'), await take('full')], [true, true, false]);
      assert.deepEqual([await take('kept'), await take('kept')], [true, false], 'other windows are untouched');
    });

    it('purges idle buckets (full again) and windows that have ended, keeping live ones', async () => {
      await store.quotas.takeToken('idle', 1, 1, 1000);
      await store.quotas.takeToken('busy', 1, 1, 9000);
      await store.quotas.takeInWindow('ended', 1, 1000, 1000);
      await store.quotas.takeInWindow('live', 1, 60_000, 1000);
      assert.equal(await store.quotas.purgeIdle(5000), 2);
      assert.equal(await store.quotas.takeToken('busy', 1, 1, 9000), false, 'the busy bucket kept its level');
      assert.equal(await store.quotas.takeInWindow('live', 1, 60_000, 2000), false, 'the live window kept its take');
    });

    it('purges counters of old periods', async () => {
      await store.quotas.take('a', '2026-11-20', 5);
      await store.quotas.take('a', '2026-11-22T10', 5);
      assert.equal(await store.quotas.purgeBefore('2026-11-21'), 1);
      assert.equal(await store.quotas.take('a', '2026-11-22T10', 2), true);
      assert.equal(await store.quotas.take('a', '2026-11-22T10', 2), false, 'the newer counter was kept');
    });

    it('deletes a pool with its codes and messages', async () => {
      await store.codes.put(code('a'));
      const m = await store.messages.enqueue(message());
      await store.pools.create({ id: 'us-east-1_KEPT00000', name: 'kept', createdAt: 0, lastModifiedAt: 0, config: {} });
      const kept = await store.messages.enqueue(message({ poolId: 'us-east-1_KEPT00000' }));
      await store.pools.delete(POOL);
      assert.equal(await store.codes.get(key), undefined);
      assert.equal(await store.messages.get(m), undefined);
      assert.ok(await store.messages.get(kept), "another pool's message stays");
    });
  });
}
