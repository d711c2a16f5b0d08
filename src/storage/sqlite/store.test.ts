import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { LOCKOUT } from '../../domain/lockout.ts';
import type { NewMessage } from '../../domain/message.ts';
import type { UserRecord } from '../../domain/user.ts';
import { storeContract } from '../contract/index.ts';
import { SqliteStore } from './store.ts';

storeContract('sqlite (memory)', async () => new SqliteStore(':memory:'));

const dir = mkdtempSync(join(tmpdir(), 'cognate-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const files = new WeakMap<object, string>();
storeContract('sqlite (file)', async () => {
  const file = join(dir, `store-${n++}.db`);
  const store = new SqliteStore(file);
  files.set(store, file);
  return store;
}, async (store) => new SqliteStore(files.get(store)!));

it('keeps data across a reopen of the same file, and migrates once', async () => {
  const file = join(dir, 'reopen.db');
  const first = new SqliteStore(file);
  await first.pools.create({ id: 'us-east-1_KEEP', name: 'kept', createdAt: 1, lastModifiedAt: 1, config: {} });
  await first.close();
  const second = new SqliteStore(file);
  assert.equal((await second.pools.get('us-east-1_KEEP'))?.name, 'kept');
  await second.close();
});

/** An in-memory store holding one pool. */
async function storeWithPool(id: string): Promise<SqliteStore> {
  const store = new SqliteStore(':memory:');
  await store.pools.create({ id, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
  return store;
}

/** A message the capture channel made final at `at`. */
const sentMessage = (poolId: string, at: number, over: Partial<NewMessage> = {}): NewMessage => ({
  poolId, userId: 's', username: 'u', medium: 'email', channel: 'capture', destination: 'u@example.com', subject: 's', body: 'b',
  from: null, replyTo: null, code: null, codeKey: null, codeHmac: null, status: 'sent', attempts: 1, lastError: null,
  nextAttemptAt: at, leaseUntil: null, createdAt: at, updatedAt: at, sentAt: at, ...over,
});

it('purges what has expired, keeping what has not', async () => {
  const { purgeExpired } = await import('../purge.ts');
  const store = await storeWithPool('us-east-1_MAINT');
  const code = { poolId: 'us-east-1_MAINT', userId: 's', purpose: 'sign-up' as const, attribute: '', hmac: Buffer.from('h'), keyId: 'k', createdAt: 0, attempts: 0, consumedAt: null, invalidatedAt: null };
  const now = Date.UTC(2026, 0, 10);
  await store.codes.put({ ...code, expiresAt: now - 2 * 86_400_000 });
  await store.codes.put({ ...code, attribute: 'email', expiresAt: now + 86_400_000 });
  await store.authSessions.put({ hash: 'x', poolId: 'us-east-1_MAINT', clientId: 'c', sub: 's', challenge: 'C', state: {}, createdAt: 0, expiresAt: 5 });
  await store.consoleSessions.put({ hash: 'gone', accessKeyId: 'AKID', createdAt: 0, expiresAt: now - 1 });
  await store.consoleSessions.put({ hash: 'live', accessKeyId: 'AKID', createdAt: 0, expiresAt: now + 1 });
  await store.quotas.take('k', '2026-01-01', 5);
  await store.quotas.take('k', '2026-01-09', 5);
  const old = await store.messages.enqueue(sentMessage('us-east-1_MAINT', now - 8 * 86_400_000));
  const recent = await store.messages.enqueue(sentMessage('us-east-1_MAINT', now - 86_400_000));
  await store.lockouts.count('stale', now - LOCKOUT.resetAfterMs - 1, LOCKOUT);
  await store.lockouts.count('counting', now - LOCKOUT.resetAfterMs + 1, LOCKOUT);
  await store.quotas.takeToken('idle', 1, 1, now - 3_600_000);
  await store.quotas.takeInWindow('live', 5, 3_600_000, now - 1000);
  assert.deepEqual(await purgeExpired(store, now), { codes: 1, sessions: 1, consoleSessions: 1, tokens: 0, counters: 1, buckets: 1, lockouts: 1, messages: 0 }, 'messages kept for ever without a retention');
  assert.ok(await store.lockouts.get('counting'), 'a failure that still counts is kept');
  assert.ok(await store.consoleSessions.get('live', now), 'a console session still open is kept');
  assert.equal((await purgeExpired(store, now, { messageRetentionMs: 7 * 86_400_000 })).messages, 1);
  assert.equal(await store.messages.get(old), undefined);
  assert.ok(await store.messages.get(recent));
  assert.ok(await store.codes.get({ ...code, attribute: 'email' }));
  await store.close();
});

it('hands out a pool read before only while nothing can have changed it: another process, its own writes, a rollback', async () => {
  const file = join(dir, 'memo.db');
  const a = new SqliteStore(file);
  const b = new SqliteStore(file); // another instance on the same file
  const pool = { id: 'us-east-1_MEMO', name: 'memo', createdAt: 1, lastModifiedAt: 1, config: { EmailVerificationMessage: 'one {####}' } };
  await a.pools.create(pool);
  assert.equal((await a.pools.get(pool.id))?.config.EmailVerificationMessage, 'one {####}');
  assert.equal((await a.pools.get(pool.id))?.config.EmailVerificationMessage, 'one {####}', 'held');

  await b.pools.update({ ...pool, lastModifiedAt: 2, config: { EmailVerificationMessage: 'two {####}' } });
  assert.equal((await a.pools.get(pool.id))?.config.EmailVerificationMessage, 'two {####}', "the other instance's update");

  await a.pools.update({ ...pool, lastModifiedAt: 3, config: { EmailVerificationMessage: 'three {####}' } });
  assert.equal((await a.pools.get(pool.id))?.config.EmailVerificationMessage, 'three {####}', 'its own update');

  await assert.rejects(
    a.transaction(async (tx) => {
      await tx.pools.update({ ...pool, lastModifiedAt: 4, config: { EmailVerificationMessage: 'four {####}' } });
      assert.equal((await tx.pools.get(pool.id))?.config.EmailVerificationMessage, 'four {####}');
      throw new Error('taken back');
    }),
    /taken back/,
  );
  assert.equal((await a.pools.get(pool.id))?.config.EmailVerificationMessage, 'three {####}', 'the rolled-back update is not served');

  await b.pools.delete(pool.id);
  assert.equal(await a.pools.get(pool.id), undefined, "the other instance's delete");
  await Promise.all([a.close(), b.close()]);
});

it('hands out a user read before only while nothing can have changed it, as a record of its own', async () => {
  const file = join(dir, 'user-memo.db');
  const a = new SqliteStore(file);
  const b = new SqliteStore(file); // another instance on the same file
  const pool = { id: 'us-east-1_UMEMO', name: 'memo', createdAt: 1, lastModifiedAt: 1, config: {} };
  await a.pools.create(pool);
  const user: UserRecord = {
    poolId: pool.id, sub: 'sub-1', username: 'alice', status: 'CONFIRMED', enabled: true, attributes: { sub: 'sub-1', name: 'one' },
    pending: {}, password: { hash: 'scrypt$h', srpSalt: 's', srpVerifier: 'v', setAt: 1, expiresAt: null }, settings: { mfa: { preferred: 'SMS' } },
    createdAt: 1, lastModifiedAt: 1, version: 1,
  };
  const keys = { usernameKey: 'alice', aliases: [], search: [] };
  const name = async (s: SqliteStore) => (await s.users.get(pool.id, user.sub))?.attributes.name;
  await a.users.create(user, keys);
  assert.equal(await name(a), 'one');
  const held = (await a.users.get(pool.id, user.sub))!;
  held.attributes.name = 'changed by a caller';
  held.pending.email = 'changed@example.com';
  (held.settings.mfa as { preferred: string }).preferred = 'changed';
  assert.throws(() => {
    held.password!.hash = 'changed';
  }, TypeError, 'the password record is shared, and frozen');
  const again = (await a.users.get(pool.id, user.sub))!;
  assert.deepEqual([again.attributes.name, again.pending, again.settings, again.password?.hash], ['one', {}, { mfa: { preferred: 'SMS' } }, 'scrypt$h'], 'every read is a record of its own');
  held.password = null;
  assert.equal((await a.users.get(pool.id, user.sub))!.password?.hash, 'scrypt$h', 'a record may be given another password');

  assert.ok(await b.users.update({ ...user, attributes: { ...user.attributes, name: 'two' } }, keys));
  assert.equal(await name(a), 'two', "the other instance's update");

  assert.ok(await a.users.update({ ...user, version: 2, attributes: { ...user.attributes, name: 'three' } }, keys));
  assert.equal(await name(a), 'three', 'its own update');

  await a.transaction(async (tx) => {
    assert.ok(await tx.users.update({ ...user, version: 3, attributes: { ...user.attributes, name: 'four' } }, keys));
  });
  assert.equal(await name(a), 'four', 'an update in a transaction');

  await assert.rejects(
    a.transaction(async (tx) => {
      assert.ok(await tx.users.update({ ...user, version: 4, attributes: { ...user.attributes, name: 'five' } }, keys));
      assert.equal((await tx.users.get(pool.id, user.sub))?.attributes.name, 'five');
      throw new Error('taken back');
    }),
    /taken back/,
  );
  assert.equal(await name(a), 'four', 'the rolled-back update is not served');

  // Read inside a transaction (from what was held), written, read again: the transaction's own write.
  await a.transaction(async (tx) => {
    const inside = (await tx.users.get(pool.id, user.sub))!;
    assert.equal(inside.attributes.name, 'four');
    assert.ok(await tx.users.update({ ...inside, attributes: { ...inside.attributes, name: 'six' } }, keys));
    assert.equal((await tx.users.get(pool.id, user.sub))?.attributes.name, 'six');
  });
  assert.equal(await name(a), 'six', 'a row read inside a transaction that committed');

  await b.users.delete(pool.id, user.sub);
  assert.equal(await a.users.get(pool.id, user.sub), undefined, "the other instance's delete");
  await a.users.create(user, keys);
  assert.equal(await name(a), 'one');
  await a.pools.delete(pool.id);
  assert.equal(await a.users.get(pool.id, user.sub), undefined, 'gone with its pool');
  await Promise.all([a.close(), b.close()]);
});

it('numbers the messages of two processes on one file apart, each finding its own by id', async () => {
  const file = join(dir, 'numbering.db');
  const a = new SqliteStore(file);
  await a.pools.create({ id: 'us-east-1_TWO', name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
  const b = new SqliteStore(file);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) for (const store of [a, b]) ids.push(await store.messages.enqueue(sentMessage('us-east-1_TWO', 1000)));
  assert.equal(new Set(ids).size, 10);
  for (const id of ids) assert.ok(await a.messages.get(id), id);
  assert.deepEqual((await b.messages.list({ limit: 20 })).map((m) => m.id), ids.toReversed(), 'in the order they were made');
  await Promise.all([a.close(), b.close()]);
});

it('purges final messages a slice at a time, from the oldest, stopping at the first slice made after the cut', async () => {
  const { PURGE_SLICE } = await import('./messages.ts');
  const store = await storeWithPool('us-east-1_OUTBOX');
  const old = PURGE_SLICE * 2 + 10;
  let queued = '';
  await store.transaction(async (tx) => {
    for (let i = 0; i < old + PURGE_SLICE * 3; i++) {
      const at = i < old ? 1000 + i : 100_000 + i;
      const id = await tx.messages.enqueue(sentMessage('us-east-1_OUTBOX', at, i === 5 ? { status: 'queued', sentAt: null } : {}));
      if (i === 5) queued = id;
    }
  });
  assert.equal(await store.messages.purgeFinished(50_000), old - 1, 'all the old ones but the queued one');
  assert.ok(await store.messages.get(queued));
  assert.equal((await store.messages.countByStatus()).sent, PURGE_SLICE * 3);
  await store.close();
});

it('purges expired codes through the table a slice at a time, however many there are', async () => {
  const { PURGE_SLICE } = await import('./codes.ts');
  const store = await storeWithPool('us-east-1_PURGE');
  const total = PURGE_SLICE * 2 + 500;
  await store.transaction(async (tx) => {
    for (let i = 0; i < total; i++) {
      await tx.codes.put({
        poolId: 'us-east-1_PURGE', userId: `user-${i}`, purpose: 'sign-up', attribute: '', hmac: Buffer.from('h'), keyId: 'k',
        createdAt: 0, expiresAt: i % 2 ? 10_000 : 100, attempts: 0, consumedAt: null, invalidatedAt: null,
      });
    }
  });
  assert.equal(await store.codes.purgeExpired(5000), Math.ceil(total / 2));
  assert.equal(await store.codes.get({ poolId: 'us-east-1_PURGE', userId: 'user-0', purpose: 'sign-up', attribute: '' }), undefined);
  assert.equal(await store.codes.get({ poolId: 'us-east-1_PURGE', userId: `user-${total - 2}`, purpose: 'sign-up', attribute: '' }), undefined);
  assert.ok(await store.codes.get({ poolId: 'us-east-1_PURGE', userId: `user-${total - 1}`, purpose: 'sign-up', attribute: '' }));
  assert.equal(await store.codes.purgeExpired(5000), 0);
  await store.close();
});

it('a configuration read inside a transaction that rolled back is not handed out for a later write of the same version', async () => {
  const store = new SqliteStore(':memory:');
  const id = 'us-east-1_Rolled';
  await store.pools.create({ id, name: id, createdAt: 1, lastModifiedAt: 1, config: { MfaConfiguration: 'OFF' } });
  // Version 2 with config B, read inside the transaction, then rolled back.
  await assert.rejects(
    store.transaction(async (tx) => {
      const p = (await tx.pools.get(id))!;
      await tx.pools.update({ ...p, config: { MfaConfiguration: 'ON' } });
      assert.deepEqual((await tx.pools.get(id))?.config, { MfaConfiguration: 'ON' });
      throw new Error('roll back');
    }),
    /roll back/,
  );
  // Version 2 again, committed, with config C.
  await store.pools.update({ ...(await store.pools.get(id))!, config: { MfaConfiguration: 'OPTIONAL' } });
  assert.deepEqual((await store.transaction((tx) => tx.pools.get(id)))?.config, { MfaConfiguration: 'OPTIONAL' });
  assert.deepEqual((await store.pools.get(id))?.config, { MfaConfiguration: 'OPTIONAL' });
  await store.close();
});
