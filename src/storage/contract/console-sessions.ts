/** The contract for the web console's sign-in sessions (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ConsoleSessionRecord } from '../../domain/console-session.ts';
import type { Store } from '../store.ts';

const session = (hash: string, over: Partial<ConsoleSessionRecord> = {}): ConsoleSessionRecord => ({
  hash, accessKeyId: 'AKIDADMIN', createdAt: 1000, expiresAt: 5000, ...over,
});

export function consoleSessionsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (console sessions): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    it('keeps a session by its hash until it expires', async () => {
      await store.consoleSessions.put(session('h1'));
      assert.deepEqual(await store.consoleSessions.get('h1', 1000), session('h1'));
      assert.deepEqual(await store.consoleSessions.get('h1', 4999), session('h1'), 'the last millisecond before expiry');
      assert.equal(await store.consoleSessions.get('h1', 5000), undefined, 'expired at its expiry');
      assert.equal(await store.consoleSessions.get('h2', 1000), undefined, 'an unknown hash');
    });

    it('slides a session forward, never back, and extends nothing absent', async () => {
      await store.consoleSessions.put(session('h1'));
      await store.consoleSessions.extend('h1', 9000);
      assert.equal((await store.consoleSessions.get('h1', 8999))?.expiresAt, 9000);
      await store.consoleSessions.extend('h1', 7000);
      assert.equal((await store.consoleSessions.get('h1', 8999))?.expiresAt, 9000, 'a late extension from a clock behind does not shorten it');
      assert.equal((await store.consoleSessions.get('h1', 8999))?.createdAt, 1000, 'made when it was made');
      await store.consoleSessions.extend('absent', 9000);
      assert.equal(await store.consoleSessions.get('absent', 1000), undefined);
    });

    it('ends one session, and every session of an access key, leaving the others', async () => {
      await store.consoleSessions.put(session('a1'));
      await store.consoleSessions.put(session('a2'));
      await store.consoleSessions.put(session('a3'));
      await store.consoleSessions.put(session('b1', { accessKeyId: 'AKIDOTHER' }));
      await store.consoleSessions.delete('a1');
      assert.equal(await store.consoleSessions.get('a1', 1000), undefined);
      await store.consoleSessions.delete('a1');
      assert.equal(await store.consoleSessions.deleteForKey('AKIDADMIN'), 2);
      assert.equal(await store.consoleSessions.get('a2', 1000), undefined);
      assert.equal(await store.consoleSessions.get('a3', 1000), undefined);
      assert.equal((await store.consoleSessions.get('b1', 1000))?.accessKeyId, 'AKIDOTHER');
      assert.equal(await store.consoleSessions.deleteForKey('AKIDADMIN'), 0);
    });

    it('purges the sessions expired before a time, keeping the rest', async () => {
      await store.consoleSessions.put(session('old', { expiresAt: 2000 }));
      await store.consoleSessions.put(session('edge', { expiresAt: 3000 }));
      await store.consoleSessions.put(session('live', { expiresAt: 9000 }));
      assert.equal(await store.consoleSessions.purgeExpired(3000), 1);
      assert.ok(await store.consoleSessions.get('edge', 2999), 'expiring at the time itself is left to the next purge');
      assert.equal(await store.consoleSessions.purgeExpired(9000), 1);
      assert.equal((await store.consoleSessions.get('live', 8999))?.hash, 'live');
      assert.equal(await store.consoleSessions.purgeExpired(9000), 0);
    });

    it('belongs to no pool: deleting a pool leaves the sessions', async () => {
      await store.pools.create({ id: 'us-east-1_CONSOLE', name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
      await store.consoleSessions.put(session('h1'));
      await store.pools.delete('us-east-1_CONSOLE');
      assert.equal((await store.consoleSessions.get('h1', 1000))?.hash, 'h1');
    });
  });
}
