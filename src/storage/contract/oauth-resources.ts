/** The contract's part on user pool domains and resource servers (see index.ts). */
import assert from 'node:assert/strict';
import { describe, it, beforeEach, afterEach } from 'node:test';
import type { PoolDomainRecord } from '../../domain/pool-domain.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { Store } from '../store.ts';

const pool = (id: string) => ({ id, name: id, createdAt: 1, lastModifiedAt: 1, config: {} });
const domain = (name: string, poolId: string, kind: 'prefix' | 'custom' = 'prefix'): PoolDomainRecord => ({
  domain: name, poolId, kind, certificateArn: kind === 'custom' ? 'arn:aws:acm:us-east-1:000000000000:certificate/c' : null,
  managedLoginVersion: 1, cloudFront: 'd111111abcdef8.cloudfront.net', lastModifiedAt: 5,
});

export function oauthResourcesContract(name: string, open: () => Promise<Store>): void {
  describe(`${name}: user pool domains and resource servers`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create(pool('us-east-1_a'));
      await store.pools.create(pool('us-east-1_b'));
    });
    afterEach(() => store.close());

    it('a domain name is one pool\'s; a pool has one domain of each kind', async () => {
      await store.poolDomains.create(domain('mine', 'us-east-1_a'));
      await assert.rejects(store.poolDomains.create(domain('mine', 'us-east-1_b')), StoreConflict);
      await assert.rejects(store.poolDomains.create(domain('other', 'us-east-1_a')), StoreConflict);
      await store.poolDomains.create(domain('auth.example.com', 'us-east-1_a', 'custom'));
      assert.deepEqual((await store.poolDomains.forPool('us-east-1_a')).map((d) => d.domain), ['mine', 'auth.example.com']);
      assert.deepEqual(await store.poolDomains.get('auth.example.com'), domain('auth.example.com', 'us-east-1_a', 'custom'));
      assert.equal(await store.poolDomains.get('nobody'), undefined);
    });

    it('updates and deletes a domain; deleting the pool frees its names', async () => {
      await store.poolDomains.create(domain('mine', 'us-east-1_a'));
      assert.equal(await store.poolDomains.update({ ...domain('mine', 'us-east-1_a'), managedLoginVersion: 2, lastModifiedAt: 9 }), true);
      assert.equal((await store.poolDomains.get('mine'))?.managedLoginVersion, 2);
      assert.equal(await store.poolDomains.delete('mine'), true);
      assert.equal(await store.poolDomains.delete('mine'), false);
      await store.poolDomains.create(domain('mine', 'us-east-1_a'));
      await store.pools.delete('us-east-1_a');
      await store.poolDomains.create(domain('mine', 'us-east-1_b'));
      assert.equal((await store.poolDomains.get('mine'))?.poolId, 'us-east-1_b');
    });

    it('resource servers: unique identifier per pool, replaced scopes, pages, gone with the pool', async () => {
      const rs = (poolId: string, identifier: string) => ({ poolId, identifier, name: 'api', scopes: [{ ScopeName: 'read', ScopeDescription: 'Read' }], createdAt: 3 });
      await store.resourceServers.create(rs('us-east-1_a', 'https://api.example.com'));
      await store.resourceServers.create(rs('us-east-1_b', 'https://api.example.com'));
      await assert.rejects(store.resourceServers.create(rs('us-east-1_a', 'https://api.example.com')), StoreConflict);
      for (let i = 0; i < 3; i++) await store.resourceServers.create(rs('us-east-1_a', `api-${i}`));
      const first = await store.resourceServers.list('us-east-1_a', { limit: 3 });
      assert.deepEqual(first.items.map((r) => r.identifier), ['https://api.example.com', 'api-0', 'api-1']);
      const second = await store.resourceServers.list('us-east-1_a', { limit: 3, after: first.next });
      assert.deepEqual(second.items.map((r) => r.identifier), ['api-2']);
      assert.equal(second.next, undefined);
      assert.equal(await store.resourceServers.update({ ...rs('us-east-1_a', 'api-0'), name: 'renamed', scopes: [] }), true);
      assert.deepEqual(await store.resourceServers.get('us-east-1_a', 'api-0'), { ...rs('us-east-1_a', 'api-0'), name: 'renamed', scopes: [] });
      assert.equal(await store.resourceServers.delete('us-east-1_a', 'api-0'), true);
      assert.equal(await store.resourceServers.get('us-east-1_a', 'api-0'), undefined);
      await store.pools.delete('us-east-1_a');
      assert.equal(await store.resourceServers.get('us-east-1_a', 'api-1'), undefined);
      assert.ok(await store.resourceServers.get('us-east-1_b', 'https://api.example.com'));
    });
  });
}
