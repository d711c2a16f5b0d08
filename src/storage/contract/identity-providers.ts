/** The contract for a pool's identity providers and their identifiers (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { IdentityProviderRecord } from '../../domain/identity-provider.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import { IdentifierConflict } from '../repositories/identity-providers.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_IDPS00000';
const OTHER = 'us-east-1_IDPS00001';

const provider = (name: string, over: Partial<IdentityProviderRecord> = {}): IdentityProviderRecord => ({
  poolId: POOL, name, type: 'OIDC', details: { client_id: name, client_secret: 'v2.sealed' }, attributeMapping: { username: 'sub' }, identifiers: [],
  createdAt: 1000, lastModifiedAt: 1000, ...over,
});

export function identityProvidersContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (identity providers): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const id of [POOL, OTHER]) await store.pools.create({ id, name: 'idps', createdAt: 0, lastModifiedAt: 0, config: {} });
    });
    afterEach(() => store.close());

    it('keeps providers by name, once each in a pool, and finds them by identifier', async () => {
      const p = provider('Corp', { identifiers: ['corp.example.com', 'Corp1'] });
      await store.identityProviders.create(p);
      await assert.rejects(store.identityProviders.create(provider('Corp')), StoreConflict);
      await store.identityProviders.create(provider('Corp', { poolId: OTHER, identifiers: ['Corp1'] }));
      assert.deepEqual(await store.identityProviders.get(POOL, 'Corp'), p);
      assert.deepEqual(await store.identityProviders.getByIdentifier(POOL, 'Corp1'), p);
      assert.equal((await store.identityProviders.getByIdentifier(OTHER, 'Corp1'))!.poolId, OTHER, "the other pool's provider by the same identifier");
      assert.equal(await store.identityProviders.getByIdentifier(POOL, 'nobody'), undefined);
      assert.equal(await store.identityProviders.count(POOL), 1);
    });

    it('refuses an identifier another provider of the pool holds, writing nothing of the provider', async () => {
      await store.identityProviders.create(provider('Corp', { identifiers: ['Corp1'] }));
      await assert.rejects(store.identityProviders.create(provider('Other', { identifiers: ['new', 'Corp1'] })), IdentifierConflict);
      assert.equal(await store.identityProviders.get(POOL, 'Other'), undefined);
      assert.equal(await store.identityProviders.getByIdentifier(POOL, 'new'), undefined);
      await store.identityProviders.create(provider('Other', { identifiers: ['Other1'] }));
      await assert.rejects(store.identityProviders.update(provider('Other', { identifiers: ['Corp1'] })), IdentifierConflict);
      assert.deepEqual((await store.identityProviders.getByIdentifier(POOL, 'Other1'))!.name, 'Other', 'the failed update changed nothing');
    });

    it('updates details, mapping and identifiers together; an identifier let go is free', async () => {
      await store.identityProviders.create(provider('Corp', { identifiers: ['Corp1'] }));
      const next = provider('Corp', { details: { client_id: 'new' }, attributeMapping: { email: 'mail' }, identifiers: ['Corp2'], lastModifiedAt: 2000 });
      assert.equal(await store.identityProviders.update(next), true);
      assert.deepEqual(await store.identityProviders.get(POOL, 'Corp'), next);
      assert.equal(await store.identityProviders.getByIdentifier(POOL, 'Corp1'), undefined);
      await store.identityProviders.create(provider('Other', { identifiers: ['Corp1'] }));
      assert.equal(await store.identityProviders.update(provider('Gone')), false);
    });

    it('lists a pool\'s providers in creation order, page by page, and all pools\' for reseal', async () => {
      for (const n of ['A', 'B', 'C']) await store.identityProviders.create(provider(n));
      await store.identityProviders.create(provider('D', { poolId: OTHER }));
      const first = await store.identityProviders.list(POOL, { limit: 2 });
      assert.deepEqual(first.items.map((p) => p.name), ['A', 'B']);
      const rest = await store.identityProviders.list(POOL, { limit: 2, after: first.next });
      assert.deepEqual(rest.items.map((p) => p.name), ['C']);
      assert.equal(rest.next, undefined);
      assert.deepEqual((await store.identityProviders.listAll({ limit: 10 })).items.map((p) => p.name), ['A', 'B', 'C', 'D']);
    });

    it('reseals details only over the ones read', async () => {
      const p = provider('Corp');
      await store.identityProviders.create(p);
      assert.equal(await store.identityProviders.reseal(POOL, 'Corp', { client_id: 'stale' }, { client_id: 'x' }), false);
      assert.equal(await store.identityProviders.reseal(POOL, 'Corp', p.details, { ...p.details, client_secret: 'v2.new' }), true);
      assert.equal((await store.identityProviders.get(POOL, 'Corp'))!.details.client_secret, 'v2.new');
    });

    it('deletes a provider with its identifiers, and every provider with its pool', async () => {
      await store.identityProviders.create(provider('Corp', { identifiers: ['Corp1'] }));
      assert.equal(await store.identityProviders.delete(POOL, 'Corp'), true);
      assert.equal(await store.identityProviders.delete(POOL, 'Corp'), false);
      await store.identityProviders.create(provider('Other', { identifiers: ['Corp1'] }));
      await store.pools.delete(POOL);
      assert.equal(await store.identityProviders.get(POOL, 'Other'), undefined);
      assert.equal(await store.identityProviders.getByIdentifier(POOL, 'Corp1'), undefined);
    });
  });
}
