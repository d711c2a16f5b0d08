import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { storeContract } from '../contract.ts';
import { authSessionsContract, deliveryContract, invocationsContract } from '../contract-delivery.ts';
import { usersContract } from '../contract-users.ts';
import { SqliteStore } from './store.ts';

storeContract('sqlite (memory)', async () => new SqliteStore(':memory:'));

const dir = mkdtempSync(join(tmpdir(), 'cognate-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
storeContract('sqlite (file)', async () => new SqliteStore(join(dir, `store-${n++}.db`)));

it('keeps data across a reopen of the same file, and migrates once', async () => {
  const file = join(dir, 'reopen.db');
  const first = new SqliteStore(file);
  await first.pools.create({ id: 'us-east-1_KEEP', name: 'kept', createdAt: 1, lastModifiedAt: 1, config: {} });
  await first.close();
  const second = new SqliteStore(file);
  assert.equal((await second.pools.get('us-east-1_KEEP'))?.name, 'kept');
  await second.close();
});

deliveryContract('sqlite (memory)', async () => new SqliteStore(':memory:'));
usersContract('sqlite (memory)', async () => new SqliteStore(':memory:'));
invocationsContract('sqlite (memory)', async () => new SqliteStore(':memory:'));
authSessionsContract('sqlite (memory)', async () => new SqliteStore(':memory:'));

it('purges what has expired, keeping what has not', async () => {
  const { purgeExpired } = await import('../../maintenance.ts');
  const store = new SqliteStore(':memory:');
  await store.pools.create({ id: 'us-east-1_MAINT', name: 'm', createdAt: 0, lastModifiedAt: 0, config: {} });
  const code = { poolId: 'us-east-1_MAINT', userId: 's', purpose: 'sign-up' as const, attribute: '', hmac: Buffer.from('h'), keyId: 'k', createdAt: 0, failedAttempts: 0, consumedAt: null, invalidatedAt: null };
  const now = Date.UTC(2026, 0, 10);
  await store.codes.put({ ...code, expiresAt: now - 2 * 86_400_000 });
  await store.codes.put({ ...code, attribute: 'email', expiresAt: now + 86_400_000 });
  await store.authSessions.put({ hash: 'x', poolId: 'us-east-1_MAINT', clientId: 'c', sub: 's', challenge: 'C', state: {}, createdAt: 0, expiresAt: 5 });
  await store.quotas.take('k', '2026-01-01', 5);
  await store.quotas.take('k', '2026-01-09', 5);
  const removed = await purgeExpired(store, now);
  assert.deepEqual(removed, { codes: 1, sessions: 1, tokens: 0, counters: 1 });
  assert.ok(await store.codes.get({ ...code, attribute: 'email' }));
  await store.close();
});
