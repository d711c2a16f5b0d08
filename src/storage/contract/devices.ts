/** The contract for users' devices, and the refresh tokens issued to them (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DeviceRecord } from '../../domain/device.ts';
import type { UserRecord } from '../../domain/user.ts';
import { StoreConflict } from '../repositories/conflicts.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_DEVICES00';

const user = (sub: string): UserRecord => ({
  poolId: POOL, sub, username: sub, status: 'CONFIRMED', enabled: true, attributes: { sub }, pending: {}, password: null, settings: {},
  createdAt: 1000, lastModifiedAt: 1000, version: 1,
});

const device = (sub: string, key: string, over: Partial<DeviceRecord> = {}): DeviceRecord => ({
  poolId: POOL, sub, key, groupKey: '-group', verifier: 'v2.sealed', salt: 'aa', name: 'phone', status: 'remembered', lastIp: '192.0.2.1',
  createdAt: 2000, lastModifiedAt: 2000, lastAuthenticatedAt: 2000, ...over,
});

export function devicesContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (devices): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create({ id: POOL, name: 'devices', createdAt: 0, lastModifiedAt: 0, config: {} });
      for (const sub of ['alice', 'bob']) await store.users.create(user(sub), { usernameKey: sub, aliases: [], search: [] });
    });
    afterEach(() => store.close());

    it("keeps a user's devices by key, once each, apart from other users'", async () => {
      const d = device('alice', 'us-east-1_k1');
      await store.devices.create(d);
      await assert.rejects(store.devices.create(d), StoreConflict);
      await store.devices.create(device('bob', 'us-east-1_k2', { name: null, lastIp: null }));
      assert.deepEqual(await store.devices.get(POOL, 'alice', 'us-east-1_k1'), d);
      assert.equal(await store.devices.get(POOL, 'bob', 'us-east-1_k1'), undefined, "another user's device is not found by its key");
      assert.deepEqual((await store.devices.get(POOL, 'bob', 'us-east-1_k2'))!.name, null);
    });

    it('sets the status, records sign-ins, lists in pages and deletes', async () => {
      for (let i = 0; i < 5; i++) await store.devices.create(device('alice', `us-east-1_k${i}`, { createdAt: 2000 + i }));
      assert.equal(await store.devices.setStatus(POOL, 'alice', 'us-east-1_k1', 'not_remembered', 3000), true);
      assert.equal(await store.devices.setStatus(POOL, 'bob', 'us-east-1_k1', 'not_remembered', 3000), false);
      await store.devices.touch(POOL, 'alice', 'us-east-1_k1', 4000, '198.51.100.7');
      await store.devices.touch(POOL, 'alice', 'us-east-1_k2', 4000, null);
      const k1 = (await store.devices.get(POOL, 'alice', 'us-east-1_k1'))!;
      assert.deepEqual([k1.status, k1.lastModifiedAt, k1.lastAuthenticatedAt, k1.lastIp], ['not_remembered', 3000, 4000, '198.51.100.7']);
      assert.equal((await store.devices.get(POOL, 'alice', 'us-east-1_k2'))!.lastIp, '192.0.2.1', 'no address keeps the last one');
      const first = await store.devices.list(POOL, 'alice', { limit: 2 });
      assert.deepEqual(first.items.map((d) => d.key), ['us-east-1_k0', 'us-east-1_k1']);
      const rest = await store.devices.list(POOL, 'alice', { limit: 3, after: first.next });
      assert.deepEqual(rest.items.map((d) => d.key), ['us-east-1_k2', 'us-east-1_k3', 'us-east-1_k4']);
      assert.equal(rest.next, undefined);
      assert.deepEqual((await store.devices.list(POOL, 'bob', { limit: 10 })).items, []);
      assert.equal(await store.devices.delete(POOL, 'alice', 'us-east-1_k0'), true);
      assert.equal(await store.devices.delete(POOL, 'alice', 'us-east-1_k0'), false);
    });

    it('lists every device of every pool in pages, and reseals a verifier only while the device still holds it', async () => {
      const OTHER = 'us-east-1_DEVICES01';
      await store.pools.create({ id: OTHER, name: 'other', createdAt: 0, lastModifiedAt: 0, config: {} });
      await store.users.create({ ...user('carol'), poolId: OTHER }, { usernameKey: 'carol', aliases: [], search: [] });
      await store.devices.create(device('alice', 'us-east-1_k1'));
      await store.devices.create({ ...device('carol', 'us-east-1_k2'), poolId: OTHER });
      await store.devices.create(device('bob', 'us-east-1_k3'));
      const first = await store.devices.listAll({ limit: 2 });
      assert.deepEqual(first.items.map((d) => [d.poolId, d.key]), [[POOL, 'us-east-1_k1'], [OTHER, 'us-east-1_k2']]);
      const rest = await store.devices.listAll({ limit: 2, after: first.next });
      assert.deepEqual([rest.items.map((d) => d.key), rest.next], [['us-east-1_k3'], undefined]);

      assert.equal(await store.devices.reseal(POOL, 'alice', 'us-east-1_k1', 'v2.sealed', 'v2.resealed'), true);
      assert.deepEqual(await store.devices.get(POOL, 'alice', 'us-east-1_k1'), device('alice', 'us-east-1_k1', { verifier: 'v2.resealed' }), 'only the verifier changes');
      assert.equal(await store.devices.reseal(POOL, 'alice', 'us-east-1_k1', 'v2.sealed', 'v2.again'), false, 'not the value read: another write came first');
      assert.equal((await store.devices.get(POOL, 'alice', 'us-east-1_k1'))!.verifier, 'v2.resealed');
      assert.equal(await store.devices.reseal(OTHER, 'alice', 'us-east-1_k1', 'v2.resealed', 'v2.again'), false, 'another pool');
      await store.devices.delete(POOL, 'bob', 'us-east-1_k3');
      assert.equal(await store.devices.reseal(POOL, 'bob', 'us-east-1_k3', 'v2.sealed', 'v2.again'), false, 'forgotten meanwhile');
    });

    it('deletes the devices with their user', async () => {
      await store.devices.create(device('alice', 'us-east-1_k1'));
      await store.users.delete(POOL, 'alice');
      assert.equal(await store.devices.get(POOL, 'alice', 'us-east-1_k1'), undefined);
    });

    it("revokes the refresh tokens issued to a device, and only those", async () => {
      const t = { hash: 'r1', poolId: POOL, clientId: 'c', sub: 'alice', originJti: 'o1', authTime: 1, createdAt: 1, expiresAt: 9000, revokedAt: null, deviceKey: 'us-east-1_k1' };
      await store.tokens.putRefresh(t);
      await store.tokens.putRefresh({ ...t, hash: 'r2', originJti: 'o2', deviceKey: 'us-east-1_k2' });
      const { deviceKey: _none, ...plain } = { ...t, hash: 'r3', originJti: 'o3' };
      await store.tokens.putRefresh(plain);
      assert.deepEqual(await store.tokens.getRefresh('r1'), t);
      assert.deepEqual(await store.tokens.getRefresh('r3'), plain, 'a token issued to no device names none');
      await store.tokens.revokeForDevice(POOL, 'alice', 'us-east-1_k1', 50);
      assert.equal((await store.tokens.getRefresh('r1'))!.revokedAt, 50);
      assert.equal((await store.tokens.getRefresh('r2'))!.revokedAt, null);
      assert.equal((await store.tokens.getRefresh('r3'))!.revokedAt, null);
      assert.equal(await store.tokens.isOriginRevoked('o1'), false, 'the access tokens already issued stay good until they expire');
    });
  });
}
