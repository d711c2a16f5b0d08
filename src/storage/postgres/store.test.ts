/**
 * The store contract on PostgreSQL, each store on a schema of its own, all dropped at the end.
 * Skipped, saying why and how to start one, when PostgreSQL is not reachable.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { dropSchemas, postgresUnavailable, schemaName, TEST_POSTGRES_URL, withAdmin } from '../../../test/support/postgres.ts';
import { freePort } from '../../../test/support/smtp-peer.ts';
import { storeContract } from '../contract/index.ts';
import { migrations } from './migrations.ts';
import { DatabaseUnreachable, PostgresStore } from './store.ts';

const skip = await postgresUnavailable();
const schemas = new Set<string>();
after(() => dropSchemas(schemas));

const schemaOf = new WeakMap<object, string>();
const open = async (): Promise<PostgresStore> => {
  const schema = schemaName('store');
  schemas.add(schema);
  const store = await PostgresStore.open({ url: TEST_POSTGRES_URL, schema });
  schemaOf.set(store, schema);
  return store;
};

describe('PostgreSQL store', { skip }, () => {
  storeContract('postgres', open, (store) => PostgresStore.open({ url: TEST_POSTGRES_URL, schema: schemaOf.get(store)! }));

  it('migrates once when several instances start together on one schema, and keeps data across a reopen', async () => {
    const schema = schemaName('migrate');
    schemas.add(schema);
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open({ url: TEST_POSTGRES_URL, schema })));
    await stores[0].pools.create({ id: 'us-east-1_KEEP', name: 'kept', createdAt: 1, lastModifiedAt: 1, config: {} });
    await Promise.all(stores.map((s) => s.close()));
    const again = await PostgresStore.open({ url: TEST_POSTGRES_URL, schema });
    assert.equal((await again.pools.get('us-east-1_KEEP'))?.name, 'kept');
    await again.close();
    const versions = await withAdmin(async (c) => (await c.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`)).rows.map((r) => r.version));
    // Each migration applied once: 1, 2, ... up to the newest.
    assert.deepEqual(versions, migrations.map((_, i) => i + 1));
  });

  it("runs a deadlock's victim again, and both transactions commit", async () => {
    const store = await open();
    try {
      const [a, b] = ['us-east-1_DEADA', 'us-east-1_DEADB'];
      for (const id of [a, b]) await store.pools.create({ id, name: id, createdAt: 1, lastModifiedAt: 1, config: {} });
      let runs = 0;
      let locking = 2;
      let bothLocked!: () => void;
      const locked = new Promise<void>((resolve) => (bothLocked = resolve));
      // Each locks its own pool (its first statement, written with BEGIN), then the other's: one of them is chosen to fail with 40P01.
      const cross = (mine: string, theirs: string) =>
        store.transaction(async (tx) => {
          runs++;
          const pool = (await tx.pools.get(mine))!;
          if (--locking === 0) bothLocked();
          await locked;
          await tx.pools.get(theirs);
          await tx.pools.update({ ...pool, name: `${pool.name} changed` });
        });
      await Promise.all([cross(a, b), cross(b, a)]);
      assert.equal(runs, 3, 'the victim ran twice');
      for (const id of [a, b]) assert.equal((await store.pools.get(id))?.name, `${id} changed`);
    } finally {
      await store.close();
    }
  });

  it('keeps a transaction usable after a conflict inside it (a savepoint, not an aborted transaction)', async () => {
    const store = await open();
    try {
      await store.pools.create({ id: 'us-east-1_A', name: 'a', createdAt: 1, lastModifiedAt: 1, config: {} });
      await store.transaction(async (tx) => {
        await assert.rejects(tx.pools.create({ id: 'us-east-1_A', name: 'again', createdAt: 1, lastModifiedAt: 1, config: {} }));
        const u = { poolId: 'us-east-1_A', sub: 's', username: 'u', status: 'CONFIRMED' as const, enabled: true, attributes: {}, pending: {}, password: null, settings: {}, createdAt: 1, lastModifiedAt: 1, version: 1 };
        const keys = { usernameKey: 'u', aliases: [], search: [] };
        await tx.users.create(u, keys);
        await assert.rejects(tx.users.create({ ...u, sub: 's2' }, keys));
        await tx.pools.update({ id: 'us-east-1_A', name: 'renamed', createdAt: 1, lastModifiedAt: 2, config: {} });
      });
      assert.equal((await store.pools.get('us-east-1_A'))?.name, 'renamed');
      assert.equal(await store.users.count('us-east-1_A'), 1);
    } finally {
      await store.close();
    }
  });
});

it('refuses to start, naming the host, when PostgreSQL is unreachable', async () => {
  const port = await freePort();
  await assert.rejects(PostgresStore.open({ url: `postgres://cognate:secret@127.0.0.1:${port}/nowhere` }), (e: unknown) => {
    assert.ok(e instanceof DatabaseUnreachable);
    assert.match(e.message, new RegExp(`^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/nowhere: .*ECONNREFUSED`));
    assert.ok(!e.message.includes('secret'), 'the password is not shown');
    return true;
  });
});
