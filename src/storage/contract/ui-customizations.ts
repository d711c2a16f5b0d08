/** The contract for UI customizations (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ClientRecord } from '../../domain/client.ts';
import type { UICustomizationRecord } from '../../domain/ui-customization.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_UICUST000';
const OTHER = 'us-east-1_UICUST001';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const client = (poolId: string, clientId: string): ClientRecord => ({ poolId, clientId, name: clientId, secret: null, createdAt: 0, lastModifiedAt: 0, config: {} });
const custom = (clientId: string, over: Partial<UICustomizationRecord> = {}): UICustomizationRecord => ({
  poolId: POOL, clientId, css: '.label-customizable{color:red}', imageType: null, version: 'v1', createdAt: 1000, lastModifiedAt: 1000, ...over,
});

export function uiCustomizationsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (UI customizations): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const id of [POOL, OTHER]) await store.pools.create({ id, name: 'ui', createdAt: 0, lastModifiedAt: 0, config: {} });
      await store.clients.create(client(POOL, 'clienta'));
      await store.clients.create(client(POOL, 'clientb'));
    });
    afterEach(() => store.close());

    it('keeps one customization per pool and client, replaced whole, with its image apart', async () => {
      await store.uiCustomizations.put(custom('ALL'), null);
      assert.deepEqual(await store.uiCustomizations.get(POOL, 'ALL'), custom('ALL'));
      assert.equal(await store.uiCustomizations.image(POOL, 'ALL'), undefined);
      const next = custom('ALL', { css: null, imageType: 'png', version: 'v2', lastModifiedAt: 2000 });
      await store.uiCustomizations.put(next, PNG);
      assert.deepEqual(await store.uiCustomizations.get(POOL, 'ALL'), next);
      const image = await store.uiCustomizations.image(POOL, 'ALL');
      assert.deepEqual(image, { bytes: PNG, type: 'png', version: 'v2' });
      assert.ok(Buffer.isBuffer(image!.bytes));
      assert.equal(await store.uiCustomizations.get(OTHER, 'ALL'), undefined, 'another pool has none');
    });

    it('gives a client its own customization, else the pool\'s', async () => {
      assert.equal(await store.uiCustomizations.forClient(POOL, 'clienta'), undefined);
      await store.uiCustomizations.put(custom('ALL'), null);
      assert.equal((await store.uiCustomizations.forClient(POOL, 'clienta'))?.clientId, 'ALL');
      await store.uiCustomizations.put(custom('clienta', { css: '.banner-customizable{padding:0}' }), null);
      assert.deepEqual(await store.uiCustomizations.forClient(POOL, 'clienta'), custom('clienta', { css: '.banner-customizable{padding:0}' }));
      assert.equal((await store.uiCustomizations.forClient(POOL, 'clientb'))?.clientId, 'ALL');
      assert.equal(await store.uiCustomizations.forClient(OTHER, 'clienta'), undefined, 'a client id under another pool finds nothing');
      assert.equal(await store.uiCustomizations.delete(POOL, 'clienta'), true);
      assert.equal(await store.uiCustomizations.delete(POOL, 'clienta'), false);
      assert.equal((await store.uiCustomizations.forClient(POOL, 'clienta'))?.clientId, 'ALL');
    });

    it('goes with its client, and all of them with the pool', async () => {
      await store.uiCustomizations.put(custom('ALL'), null);
      await store.uiCustomizations.put(custom('clienta', { imageType: 'png' }), PNG);
      await store.uiCustomizations.put(custom('clientb'), null);
      await store.clients.delete(POOL, 'clienta');
      assert.equal(await store.uiCustomizations.get(POOL, 'clienta'), undefined);
      assert.equal(await store.uiCustomizations.image(POOL, 'clienta'), undefined);
      assert.ok(await store.uiCustomizations.get(POOL, 'ALL'), 'the pool\'s stays');
      await store.pools.delete(POOL);
      assert.equal(await store.uiCustomizations.get(POOL, 'ALL'), undefined);
      assert.equal(await store.uiCustomizations.get(POOL, 'clientb'), undefined);
    });
  });
}
