/** The contract for managed login branding styles and terms documents (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ClientRecord } from '../../domain/client.ts';
import type { BrandingRecord } from '../../domain/managed-login-branding.ts';
import type { TermsRecord } from '../../domain/terms.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_MLOGIN000';
const OTHER = 'us-east-1_MLOGIN001';

const client = (poolId: string, clientId: string): ClientRecord => ({ poolId, clientId, name: clientId, secret: null, createdAt: 0, lastModifiedAt: 0, config: {} });
const style = (id: string, clientId: string, over: Partial<BrandingRecord> = {}): BrandingRecord => ({
  id, poolId: POOL, clientId, useCognitoProvidedValues: false, settings: '{"a":[1,{"b":null}]}',
  assets: [{ category: 'FORM_LOGO', colorMode: 'LIGHT', extension: 'PNG', bytes: 'iVBORw0KGgo=', resourceId: 'logo 1' }], createdAt: 1000, lastModifiedAt: 1000, ...over,
});
const terms = (id: string, clientId: string, name: string, over: Partial<TermsRecord> = {}): TermsRecord => ({
  id, poolId: POOL, clientId, name, source: 'LINK', enforcement: 'NONE', links: { 'cognito:default': 'https://example.com/' + name }, createdAt: 1000, lastModifiedAt: 1000, ...over,
});

export function managedLoginContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (managed login branding and terms): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const id of [POOL, OTHER]) await store.pools.create({ id, name: 'ml', createdAt: 0, lastModifiedAt: 0, config: {} });
      await store.clients.create(client(POOL, 'clienta'));
      await store.clients.create(client(POOL, 'clientb'));
    });
    afterEach(() => store.close());

    it('keeps one branding style per client, found by id and by client, updated and deleted', async () => {
      await store.managedLoginBrandings.create(style('s1', 'clienta'));
      assert.deepEqual(await store.managedLoginBrandings.get(POOL, 's1'), style('s1', 'clienta'));
      assert.deepEqual(await store.managedLoginBrandings.forClient(POOL, 'clienta'), style('s1', 'clienta'));
      assert.equal(await store.managedLoginBrandings.forClient(POOL, 'clientb'), undefined);
      assert.equal(await store.managedLoginBrandings.get(OTHER, 's1'), undefined, 'another pool does not find it');
      await assert.rejects(store.managedLoginBrandings.create(style('s2', 'clienta')), StoreConflict);
      const next = style('s1', 'clienta', { useCognitoProvidedValues: true, settings: null, assets: [], lastModifiedAt: 2000 });
      assert.equal(await store.managedLoginBrandings.update(next), true);
      assert.deepEqual(await store.managedLoginBrandings.get(POOL, 's1'), next);
      assert.equal(await store.managedLoginBrandings.update(style('nope', 'clienta')), false);
      assert.equal(await store.managedLoginBrandings.delete(OTHER, 's1'), false);
      assert.equal(await store.managedLoginBrandings.delete(POOL, 's1'), true);
      assert.equal(await store.managedLoginBrandings.delete(POOL, 's1'), false);
    });

    it('keeps one terms document of each name per client, renames only onto a free name, lists by pool in creation order', async () => {
      await store.terms.create(terms('t1', 'clienta', 'terms-of-use'));
      await store.terms.create(terms('t2', 'clientb', 'terms-of-use'));
      await store.terms.create(terms('t3', 'clienta', 'privacy-policy'));
      await assert.rejects(store.terms.create(terms('t4', 'clienta', 'terms-of-use')), StoreConflict);
      assert.deepEqual(await store.terms.get(POOL, 't1'), terms('t1', 'clienta', 'terms-of-use'));
      assert.equal(await store.terms.get(OTHER, 't1'), undefined);
      assert.deepEqual((await store.terms.forClient(POOL, 'clienta')).map((t) => t.id), ['t1', 't3']);
      await assert.rejects(store.terms.update(terms('t1', 'clienta', 'privacy-policy')), StoreConflict);
      const changed = terms('t1', 'clienta', 'terms-of-use', { links: { 'cognito:french': 'https://example.com/fr' }, lastModifiedAt: 3000 });
      assert.equal(await store.terms.update(changed), true);
      assert.deepEqual(await store.terms.get(POOL, 't1'), changed);
      const first = await store.terms.list(POOL, { limit: 2 });
      assert.deepEqual(first.items.map((t) => t.id), ['t1', 't2']);
      assert.ok(first.next);
      const second = await store.terms.list(POOL, { limit: 2, after: first.next });
      assert.deepEqual(second.items.map((t) => t.id), ['t3']);
      assert.equal(second.next, undefined);
      assert.deepEqual((await store.terms.list(OTHER, { limit: 10 })).items, []);
      assert.equal(await store.terms.delete(POOL, 't3'), true);
      assert.equal(await store.terms.delete(POOL, 't3'), false);
    });

    it('goes with its client, and all of it with the pool', async () => {
      await store.managedLoginBrandings.create(style('s1', 'clienta'));
      await store.managedLoginBrandings.create(style('s2', 'clientb'));
      await store.terms.create(terms('t1', 'clienta', 'terms-of-use'));
      await store.terms.create(terms('t2', 'clientb', 'terms-of-use'));
      await store.clients.delete(POOL, 'clienta');
      assert.equal(await store.managedLoginBrandings.get(POOL, 's1'), undefined);
      assert.equal(await store.terms.get(POOL, 't1'), undefined);
      assert.ok(await store.managedLoginBrandings.get(POOL, 's2'));
      await store.pools.delete(POOL);
      assert.equal(await store.managedLoginBrandings.get(POOL, 's2'), undefined);
      assert.equal(await store.terms.get(POOL, 't2'), undefined);
    });
  });
}
