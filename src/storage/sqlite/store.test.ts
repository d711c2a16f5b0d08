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
