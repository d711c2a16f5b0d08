/** The contract for users' passkeys (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { PasskeyRecord } from '../../domain/passkey.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_PASSKEY00';
const user = (sub: string): UserRecord => ({
  poolId: POOL, sub, username: sub, status: 'CONFIRMED', enabled: true, attributes: { sub }, pending: {}, password: null, settings: {},
  createdAt: 1000, lastModifiedAt: 1000, version: 1,
});
const passkey = (sub: string, credentialId: string, over: Partial<PasskeyRecord> = {}): PasskeyRecord => ({
  poolId: POOL, sub, credentialId, publicKey: `sealed-${credentialId}`, counter: 0, transports: ['internal', 'hybrid'], attachment: 'platform',
  friendlyName: 'Passkey', relyingPartyId: 'localhost', createdAt: 2000, ...over,
});

export function passkeysContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (passkeys): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
      for (const sub of ['alice', 'bob']) await store.users.create(user(sub), { usernameKey: sub, aliases: [], search: [] });
    });
    afterEach(() => store.close());

    it('adds, reads, lists in pages and deletes a user\'s passkeys', async () => {
      assert.equal(await store.passkeys.add(passkey('alice', 'c1'), 20), 'added');
      const noAttachment = passkey('alice', 'c2', { transports: [] });
      delete noAttachment.attachment;
      assert.equal(await store.passkeys.add(noAttachment, 20), 'added');
      assert.equal(await store.passkeys.add(passkey('alice', 'c3'), 20), 'added');
      assert.deepEqual(await store.passkeys.get(POOL, 'alice', 'c1'), passkey('alice', 'c1'));
      assert.deepEqual(await store.passkeys.get(POOL, 'alice', 'c2'), noAttachment);
      assert.equal(await store.passkeys.get(POOL, 'bob', 'c1'), undefined, 'another user\'s');
      const first = await store.passkeys.list(POOL, 'alice', { limit: 2 });
      assert.deepEqual(first.items.map((p) => p.credentialId), ['c1', 'c2']);
      const second = await store.passkeys.list(POOL, 'alice', { limit: 2, after: first.next });
      assert.deepEqual([second.items.map((p) => p.credentialId), second.next], [['c3'], undefined]);
      assert.deepEqual((await store.passkeys.list(POOL, 'bob', { limit: 20 })).items, []);
      assert.equal(await store.passkeys.delete(POOL, 'bob', 'c1'), false, 'only its user deletes it');
      assert.equal(await store.passkeys.delete(POOL, 'alice', 'c1'), true);
      assert.equal(await store.passkeys.delete(POOL, 'alice', 'c1'), false);
      assert.equal(await store.passkeys.get(POOL, 'alice', 'c1'), undefined);
    });

    it('refuses a credential id registered in the pool, past the limit, and for a user who is gone', async () => {
      assert.equal(await store.passkeys.add(passkey('alice', 'c1'), 2), 'added');
      assert.equal(await store.passkeys.add(passkey('bob', 'c1'), 2), 'exists', 'another user of the pool');
      assert.equal(await store.passkeys.add(passkey('alice', 'c2'), 2), 'added');
      assert.equal(await store.passkeys.add(passkey('alice', 'c3'), 2), 'limit');
      assert.equal(await store.passkeys.add(passkey('nobody', 'c4'), 2), 'no-user');
      // Concurrent additions count against one another.
      const outcomes = await Promise.all(['d1', 'd2', 'd3', 'd4'].map((id) => store.passkeys.add(passkey('bob', id), 2)));
      assert.deepEqual(outcomes.sort(), ['added', 'added', 'limit', 'limit']);
    });

    it('lists every passkey of every pool in pages, and reseals a public key only while the passkey still holds it', async () => {
      const OTHER = 'us-east-1_PASSKEY01';
      await store.pools.create({ id: OTHER, name: 'other', createdAt: 0, lastModifiedAt: 0, config: {} });
      await store.users.create({ ...user('carol'), poolId: OTHER }, { usernameKey: 'carol', aliases: [], search: [] });
      await store.passkeys.add(passkey('alice', 'c1'), 20);
      await store.passkeys.add({ ...passkey('carol', 'c2'), poolId: OTHER }, 20);
      await store.passkeys.add(passkey('bob', 'c3'), 20);
      const first = await store.passkeys.listAll({ limit: 2 });
      assert.deepEqual(first.items.map((p) => [p.poolId, p.credentialId]), [[POOL, 'c1'], [OTHER, 'c2']]);
      const rest = await store.passkeys.listAll({ limit: 2, after: first.next });
      assert.deepEqual([rest.items.map((p) => p.credentialId), rest.next], [['c3'], undefined]);

      assert.equal(await store.passkeys.reseal(POOL, 'alice', 'c1', 'sealed-c1', 'v2.resealed'), true);
      assert.deepEqual(await store.passkeys.get(POOL, 'alice', 'c1'), passkey('alice', 'c1', { publicKey: 'v2.resealed' }), 'only the key changes');
      assert.equal(await store.passkeys.reseal(POOL, 'alice', 'c1', 'sealed-c1', 'v2.again'), false, 'not the value read: another write came first');
      assert.equal((await store.passkeys.get(POOL, 'alice', 'c1'))!.publicKey, 'v2.resealed');
      assert.equal(await store.passkeys.reseal(POOL, 'bob', 'c1', 'v2.resealed', 'v2.again'), false, "another user's");
      await store.passkeys.delete(POOL, 'bob', 'c3');
      assert.equal(await store.passkeys.reseal(POOL, 'bob', 'c3', 'sealed-c3', 'v2.again'), false, 'deleted meanwhile');
    });

    it('moves a counter only forward, one winner among equal counters; zero stays for an authenticator without one', async () => {
      await store.passkeys.add(passkey('alice', 'c1', { counter: 5 }), 20);
      assert.equal(await store.passkeys.advanceCounter(POOL, 'alice', 'c1', 5), false, 'a replayed counter');
      assert.equal(await store.passkeys.advanceCounter(POOL, 'alice', 'c1', 4), false);
      const both = await Promise.all([store.passkeys.advanceCounter(POOL, 'alice', 'c1', 6), store.passkeys.advanceCounter(POOL, 'alice', 'c1', 6)]);
      assert.deepEqual(both.sort(), [false, true]);
      assert.equal((await store.passkeys.get(POOL, 'alice', 'c1'))!.counter, 6);
      assert.equal(await store.passkeys.advanceCounter(POOL, 'bob', 'c1', 9), false, 'only its user\'s');
      await store.passkeys.add(passkey('alice', 'c0'), 20);
      assert.equal(await store.passkeys.advanceCounter(POOL, 'alice', 'c0', 0), true);
      assert.equal(await store.passkeys.advanceCounter(POOL, 'alice', 'c0', 1), true);
      assert.equal(await store.passkeys.advanceCounter(POOL, 'alice', 'c0', 0), false, 'once counting, zero is a replay');
    });

    it('goes with its user', async () => {
      await store.passkeys.add(passkey('alice', 'c1'), 20);
      await store.users.delete(POOL, 'alice');
      assert.equal(await store.passkeys.get(POOL, 'alice', 'c1'), undefined);
      await store.users.create(user('alice'), { usernameKey: 'alice', aliases: [], search: [] });
      assert.equal(await store.passkeys.add(passkey('alice', 'c1'), 20), 'added', 'the credential id is free again');
    });
  });
}
