/** The contract's part on pools and app clients (see index.ts). */
import assert from 'node:assert/strict';
import { describe, it, beforeEach, afterEach } from 'node:test';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { Store } from '../store.ts';

const pool = (id: string, createdAt = 1000): PoolRecord => ({
  id,
  name: `pool-${id}`,
  createdAt,
  lastModifiedAt: createdAt,
  config: { MfaConfiguration: 'OFF', LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:f' } },
});

const client = (poolId: string, clientId: string, secret: string | null = null): ClientRecord => ({
  poolId,
  clientId,
  name: `client-${clientId}`,
  secret,
  createdAt: 2000,
  lastModifiedAt: 2000,
  config: { RefreshTokenValidity: 30, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] },
});

async function collect<T>(list: (after?: string) => Promise<{ items: T[]; next?: string }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await list(after);
    items.push(...page.items);
    after = page.next;
    pages++;
  } while (after);
  return { items, pages };
}

export function poolsAndClientsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates, reads, updates and deletes a pool', async () => {
      await store.pools.create(pool('us-east-1_AAAAAAAAA'));
      assert.deepEqual(await store.pools.get('us-east-1_AAAAAAAAA'), pool('us-east-1_AAAAAAAAA'));
      const changed = { ...pool('us-east-1_AAAAAAAAA'), name: 'renamed', lastModifiedAt: 5000, config: { MfaConfiguration: 'ON' as const } };
      assert.equal(await store.pools.update(changed), true);
      assert.deepEqual(await store.pools.get('us-east-1_AAAAAAAAA'), changed);
      assert.equal(await store.pools.delete('us-east-1_AAAAAAAAA'), true);
      assert.equal(await store.pools.get('us-east-1_AAAAAAAAA'), undefined);
      assert.equal(await store.pools.delete('us-east-1_AAAAAAAAA'), false);
      assert.equal(await store.pools.update(changed), false);
    });

    it('reads a pool and a client as they are now, after updates and after being made again with the same id', async () => {
      const id = 'us-east-1_AGAINAGAI';
      await store.pools.create(pool(id));
      await store.clients.create(client(id, 'againclient'));
      for (let round = 1; round <= 3; round++) {
        // Read twice (a reader may hold what it read), then change.
        await store.pools.get(id);
        assert.equal((await store.pools.get(id))?.name, round === 1 ? `pool-${id}` : `round ${round - 1}`);
        await store.pools.update({ ...pool(id), name: `round ${round}`, config: { MfaConfiguration: round % 2 ? 'ON' : 'OFF' } });
        assert.deepEqual((await store.pools.get(id))?.config, { MfaConfiguration: round % 2 ? 'ON' : 'OFF' });
        await store.clients.get(id, 'againclient');
        await store.clients.update({ ...client(id, 'againclient'), name: `client round ${round}`, config: { RefreshTokenValidity: round } });
        assert.deepEqual((await store.clients.get(id, 'againclient'))?.config, { RefreshTokenValidity: round });
      }
      // Deleted and made again with the same id and a different configuration.
      await store.pools.delete(id);
      await store.pools.create({ ...pool(id), config: { MfaConfiguration: 'OPTIONAL' } });
      assert.deepEqual((await store.pools.get(id))?.config, { MfaConfiguration: 'OPTIONAL' });
      await store.clients.create({ ...client(id, 'againclient'), config: { RefreshTokenValidity: 9 } });
      assert.deepEqual((await store.clients.get(id, 'againclient'))?.config, { RefreshTokenValidity: 9 });
    });

    it('refuses a second pool with the same id', async () => {
      await store.pools.create(pool('us-east-1_AAAAAAAAA'));
      await assert.rejects(store.pools.create(pool('us-east-1_AAAAAAAAA')), StoreConflict);
    });

    it('lists pools in creation order across pages, and counts them', async () => {
      for (let i = 0; i < 7; i++) await store.pools.create(pool(`us-east-1_P${i}`));
      const { items, pages } = await collect((after) => store.pools.list({ limit: 3, after }));
      assert.deepEqual(items.map((p) => p.id), [0, 1, 2, 3, 4, 5, 6].map((i) => `us-east-1_P${i}`));
      assert.equal(pages, 3);
      assert.equal(await store.pools.count(), 7);
      const exact = await store.pools.list({ limit: 7 });
      assert.equal(exact.items.length, 7);
      assert.equal(exact.next, undefined, 'a page that ends the listing has no next token');
    });

    it('keeps clients per pool, with secrets, and lists them in pages', async () => {
      await store.pools.create(pool('us-east-1_A'));
      await store.pools.create(pool('us-east-1_B'));
      await store.clients.create(client('us-east-1_A', 'a1', 'secret-1'));
      await store.clients.create(client('us-east-1_A', 'a2'));
      await store.clients.create(client('us-east-1_B', 'b1'));
      assert.deepEqual(await store.clients.get('us-east-1_A', 'a1'), client('us-east-1_A', 'a1', 'secret-1'));
      assert.equal(await store.clients.get('us-east-1_B', 'a1'), undefined, 'a client is found only in its own pool');
      assert.equal((await store.clients.getById('a1'))?.poolId, 'us-east-1_A');
      assert.equal(await store.clients.getById('nope'), undefined);
      assert.equal(await store.clients.count('us-east-1_A'), 2);
      const { items } = await collect((after) => store.clients.list('us-east-1_A', { limit: 1, after }));
      assert.deepEqual(items.map((c) => c.clientId), ['a1', 'a2']);
      const renamed = { ...client('us-east-1_A', 'a2'), name: 'new', lastModifiedAt: 9000 };
      assert.equal(await store.clients.update(renamed), true);
      assert.deepEqual(await store.clients.get('us-east-1_A', 'a2'), renamed);
      assert.equal(await store.clients.delete('us-east-1_A', 'a2'), true);
      assert.equal(await store.clients.delete('us-east-1_A', 'a2'), false);
      await assert.rejects(store.clients.create(client('us-east-1_B', 'b1')), StoreConflict);
    });

    it('keeps a client\'s second secret, and returns to the one secret when it is deleted', async () => {
      await store.pools.create(pool('us-east-1_A'));
      const made = client('us-east-1_A', 'rot', 'first-secret');
      await store.clients.create(made);
      const two = { ...made, secrets: [{ value: 'first-secret', createdAt: 1000 }, { value: 'second-secret', createdAt: 2000 }] };
      assert.equal(await store.clients.update(two), true);
      assert.deepEqual(await store.clients.get('us-east-1_A', 'rot'), two);
      assert.deepEqual((await store.clients.getById('rot'))?.secrets, two.secrets);
      const second = { ...made, secret: 'second-secret', secrets: [{ value: 'second-secret', createdAt: 2000 }] };
      assert.equal(await store.clients.update(second), true);
      assert.deepEqual(await store.clients.get('us-east-1_A', 'rot'), second);
      const { items } = await collect((after) => store.clients.list('us-east-1_A', { limit: 5, after }));
      assert.deepEqual(items.find((c) => c.clientId === 'rot')?.secrets, second.secrets);
    });

    it('deletes a pool with its clients', async () => {
      await store.pools.create(pool('us-east-1_A'));
      await store.clients.create(client('us-east-1_A', 'a1'));
      await store.pools.delete('us-east-1_A');
      assert.equal(await store.clients.get('us-east-1_A', 'a1'), undefined);
      assert.equal(await store.clients.count('us-east-1_A'), 0);
    });

    it('rejects a pagination token it did not issue', async () => {
      await assert.rejects(store.pools.list({ limit: 5, after: 'not-a-token' }));
    });

    it('commits a transaction as a whole', async () => {
      await store.transaction(async (tx) => {
        await tx.pools.create(pool('us-east-1_T'));
        await tx.clients.create(client('us-east-1_T', 't1'));
      });
      assert.ok(await store.clients.get('us-east-1_T', 't1'));
    });

    it('rolls a failed transaction back entirely', async () => {
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.pools.create(pool('us-east-1_R'));
          await tx.clients.create(client('us-east-1_R', 'r1'));
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.pools.get('us-east-1_R'), undefined);
      assert.equal(await store.clients.get('us-east-1_R', 'r1'), undefined);
    });

    it('keeps other callers out of an open transaction until it ends', async () => {
      let release!: () => void;
      const hold = new Promise<void>((r) => (release = r));
      const tx = store.transaction(async (t) => {
        await t.pools.create(pool('us-east-1_X'));
        await hold;
        throw new Error('abort');
      });
      // Issued while the transaction is open: must neither see its write nor join it.
      const outside = store.pools.create(pool('us-east-1_Y'));
      const seen = store.pools.get('us-east-1_X');
      release();
      await assert.rejects(tx, /abort/);
      await outside;
      assert.equal(await seen, undefined);
      assert.ok(await store.pools.get('us-east-1_Y'), 'the outside write is kept although the transaction rolled back');
    });

    it('serialises concurrent transactions', async () => {
      await store.pools.create(pool('us-east-1_C'));
      // Twenty read-modify-write transactions at once: none may lose another's update.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.transaction(async (tx) => {
            const p = (await tx.pools.get('us-east-1_C'))!;
            await new Promise((r) => setImmediate(r));
            await tx.pools.update({ ...p, lastModifiedAt: p.lastModifiedAt + 1 });
          }),
        ),
      );
      assert.equal((await store.pools.get('us-east-1_C'))!.lastModifiedAt, 1020);
    });

    it('answers ping', async () => {
      await store.ping();
    });
  });
}
