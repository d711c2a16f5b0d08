/** The contract for users and groups (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { UserKeys, UserRecord } from '../../domain/user.ts';
import { UserKeyConflict } from '../repositories/conflicts.ts';
import { KEYS_UNCHANGED } from '../repositories/users.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_USERS0000';
const user = (sub: string, username = sub, over: Partial<UserRecord> = {}): UserRecord => ({
  poolId: POOL, sub, username, status: 'CONFIRMED', enabled: true,
  attributes: { sub, email: `${username}@example.com`, email_verified: 'true' }, pending: {},
  password: { hash: 'scrypt$x', srpSalt: 'aa', srpVerifier: 'bb', setAt: 1, expiresAt: null }, settings: {},
  createdAt: 1000, lastModifiedAt: 1000, version: 1, ...over,
});
const keys = (u: UserRecord, extra: Partial<UserKeys> = {}): UserKeys => ({
  usernameKey: u.username.toLowerCase(),
  aliases: [{ kind: 'email', key: u.attributes.email }],
  search: [{ attr: 'username', value: u.username }, { attr: 'email', value: u.attributes.email }],
  ...extra,
});

export function usersContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (users, groups): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.pools.create({ id: POOL, name: 'users', createdAt: 0, lastModifiedAt: 0, config: {} });
    });
    afterEach(() => store.close());

    it('creates a user and finds it by sub, username and alias', async () => {
      const alice = user('s-alice', 'Alice');
      await store.users.create(alice, keys(alice));
      assert.deepEqual(await store.users.get(POOL, 's-alice'), alice);
      assert.deepEqual(await store.users.getByUsername(POOL, 'alice'), alice);
      assert.deepEqual(await store.users.getByAlias(POOL, 'email', 'Alice@example.com'), alice);
      assert.equal(await store.users.getByUsername('us-east-1_other0000', 'alice'), undefined);
      assert.equal(await store.users.count(POOL), 1);
    });

    it('refuses a taken username or alias, storing nothing', async () => {
      const alice = user('s-alice', 'alice');
      await store.users.create(alice, keys(alice));
      const again = user('s-other', 'ALICE');
      await assert.rejects(store.users.create(again, keys(again)), (e: unknown) => e instanceof UserKeyConflict && e.kind === 'username');
      const sameMail = user('s-bob', 'bob', { attributes: { sub: 's-bob', email: 'alice@example.com' } });
      await assert.rejects(store.users.create(sameMail, keys(sameMail)), (e: unknown) => e instanceof UserKeyConflict && e.kind === 'email');
      assert.equal(await store.users.get(POOL, 's-bob'), undefined, 'the failed create left no user behind');
      assert.equal(await store.users.count(POOL), 1);
    });

    it('updates with optimistic concurrency and moves aliases', async () => {
      const alice = user('s-alice', 'alice');
      await store.users.create(alice, keys(alice));
      const changed = { ...alice, attributes: { ...alice.attributes, email: 'new@example.com' }, lastModifiedAt: 2000 };
      assert.equal(await store.users.update(changed, keys(changed)), true);
      const stored = (await store.users.get(POOL, 's-alice'))!;
      assert.equal(stored.version, 2);
      assert.equal(stored.attributes.email, 'new@example.com');
      assert.equal(await store.users.getByAlias(POOL, 'email', 'alice@example.com'), undefined);
      assert.equal((await store.users.getByAlias(POOL, 'email', 'new@example.com'))!.sub, 's-alice');
      assert.equal(await store.users.update(changed, keys(changed)), false, 'a stale version is refused');
    });

    it('updates the row alone when told its keys are unchanged, and the keys still find the user', async () => {
      const alice = user('s-alice', 'alice');
      await store.users.create(alice, keys(alice));
      const verified = { ...alice, attributes: { ...alice.attributes, email_verified: 'false' }, lastModifiedAt: 2000 };
      assert.equal(await store.users.update(verified, KEYS_UNCHANGED), true);
      const stored = (await store.users.get(POOL, 's-alice'))!;
      assert.deepEqual([stored.version, stored.attributes.email_verified], [2, 'false']);
      assert.equal((await store.users.getByAlias(POOL, 'email', 'alice@example.com'))!.sub, 's-alice');
      assert.equal((await store.users.getByUsername(POOL, 'alice'))!.sub, 's-alice');
      const found = await store.users.list(POOL, { attr: 'email', op: '=', value: 'alice@example.com' }, { limit: 10 });
      assert.deepEqual(found.items.map((u) => u.sub), ['s-alice']);
      assert.equal(await store.users.update(verified, KEYS_UNCHANGED), false, 'a stale version is refused');
    });

    it('refuses an update whose alias another user holds, changing nothing', async () => {
      const alice = user('s-alice', 'alice');
      const bob = user('s-bob', 'bob');
      await store.users.create(alice, keys(alice));
      await store.users.create(bob, keys(bob));
      const clash = { ...bob, attributes: { ...bob.attributes, email: 'alice@example.com' } };
      await assert.rejects(store.users.update(clash, keys(clash)), UserKeyConflict);
      assert.equal((await store.users.get(POOL, 's-bob'))!.attributes.email, 'bob@example.com');
      assert.equal((await store.users.getByAlias(POOL, 'email', 'bob@example.com'))!.sub, 's-bob', 'old alias kept');
    });

    it('deletes a user with aliases, memberships and codes', async () => {
      const alice = user('s-alice', 'alice');
      await store.users.create(alice, keys(alice));
      await store.groups.create({ poolId: POOL, name: 'admins', description: null, roleArn: null, precedence: null, createdAt: 1, lastModifiedAt: 1 });
      await store.groups.addMember(POOL, 'admins', 's-alice');
      await store.codes.put({ poolId: POOL, userId: 's-alice', purpose: 'sign-up', attribute: '', hmac: Buffer.from('h'), keyId: 'k', createdAt: 1, expiresAt: 2, attempts: 0, consumedAt: null, invalidatedAt: null });
      assert.equal(await store.users.delete(POOL, 's-alice'), true);
      assert.equal(await store.users.getByAlias(POOL, 'email', 'alice@example.com'), undefined);
      assert.deepEqual((await store.groups.listMembers(POOL, 'admins', { limit: 10 })).items, []);
      assert.equal(await store.codes.get({ poolId: POOL, userId: 's-alice', purpose: 'sign-up', attribute: '' }), undefined);
      assert.equal(await store.users.delete(POOL, 's-alice'), false);
    });

    it('counts a pool\'s users: its own only, not a deleted one, none once the pool is gone', async () => {
      // DescribeUserPool's EstimatedNumberOfUsers.
      const OTHER = 'us-east-1_USERS0001';
      await store.pools.create({ id: OTHER, name: 'other', createdAt: 0, lastModifiedAt: 0, config: {} });
      assert.equal(await store.users.count(POOL), 0);
      for (const n of ['a', 'b', 'c']) {
        const u = user(`s-${n}`, n);
        await store.users.create(u, keys(u));
      }
      const elsewhere = { ...user('s-x', 'x'), poolId: OTHER };
      await store.users.create(elsewhere, keys(elsewhere));
      assert.equal(await store.users.count(POOL), 3);
      assert.equal(await store.users.count(OTHER), 1);
      await store.users.delete(POOL, 's-b');
      assert.equal(await store.users.count(POOL), 2);
      await store.pools.delete(POOL);
      assert.equal(await store.users.count(POOL), 0);
      assert.equal(await store.users.count(OTHER), 1);
      assert.equal(await store.users.count('us-east-1_NOPOOL000'), 0);
    });

    it('lists users in pages, unfiltered in creation order', async () => {
      for (const n of ['c', 'a', 'b', 'd', 'e']) {
        const u = user(`s-${n}`, n);
        await store.users.create(u, keys(u));
      }
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const p = await store.users.list(POOL, undefined, { limit: 2, after });
        seen.push(...p.items.map((u) => u.username));
        after = p.next;
      } while (after);
      assert.deepEqual(seen, ['c', 'a', 'b', 'd', 'e']);
    });

    it('filters by exact value and by prefix, in value order, across pages', async () => {
      for (const n of ['carol', 'carl', 'bob', 'caroline', 'dave', 'car']) {
        const u = user(`s-${n}`, n);
        await store.users.create(u, keys(u));
      }
      const collect = async (f: { attr: string; op: '=' | '^='; value: string }) => {
        const out: string[] = [];
        let after: string | undefined;
        do {
          const p = await store.users.list(POOL, f, { limit: 2, after });
          out.push(...p.items.map((u) => u.username));
          after = p.next;
        } while (after);
        return out;
      };
      assert.deepEqual(await collect({ attr: 'username', op: '^=', value: 'car' }), ['car', 'carl', 'carol', 'caroline']);
      assert.deepEqual(await collect({ attr: 'email', op: '=', value: 'bob@example.com' }), ['bob']);
      assert.deepEqual(await collect({ attr: 'email', op: '^=', value: 'zz' }), []);
      await assert.rejects(store.users.list(POOL, { attr: 'username', op: '=', value: 'x' }, { limit: 2, after: 'junk' }));
    });

    it('keeps groups with members, in pages, and deletes memberships with the group', async () => {
      const g = (name: string, precedence: number | null = null) => ({ poolId: POOL, name, description: `${name} group`, roleArn: null, precedence, createdAt: 1, lastModifiedAt: 1 });
      for (const name of ['zeta', 'alpha', 'mid']) await store.groups.create(g(name, 5));
      await assert.rejects(store.groups.create(g('alpha')));
      for (const n of ['u1', 'u2', 'u3']) {
        const u = user(n);
        await store.users.create(u, keys(u));
        await store.groups.addMember(POOL, 'alpha', n);
      }
      await store.groups.addMember(POOL, 'alpha', 'u1');
      await store.groups.addMember(POOL, 'zeta', 'u1');
      await store.groups.addMember(POOL, 'mid', 'u1');
      assert.deepEqual((await store.groups.listMembers(POOL, 'alpha', { limit: 10 })).items, ['u1', 'u2', 'u3']);
      const mine: string[] = [];
      let after: string | undefined;
      do {
        const p = await store.groups.listForUser(POOL, 'u1', { limit: 2, after });
        mine.push(...p.items.map((x) => x.name));
        after = p.next;
      } while (after);
      assert.deepEqual(mine, ['alpha', 'mid', 'zeta']);
      assert.equal(await store.groups.update({ ...g('alpha', 1), description: 'changed', lastModifiedAt: 9 }), true);
      assert.equal((await store.groups.get(POOL, 'alpha'))!.description, 'changed');
      await store.groups.removeMember(POOL, 'alpha', 'u2');
      assert.deepEqual((await store.groups.listMembers(POOL, 'alpha', { limit: 10 })).items, ['u1', 'u3']);
      assert.equal(await store.groups.delete(POOL, 'alpha'), true);
      assert.deepEqual((await store.groups.listForUser(POOL, 'u1', { limit: 10 })).items.map((x) => x.name), ['mid', 'zeta']);
      assert.deepEqual((await store.groups.list(POOL, { limit: 10 })).items.map((x) => x.name), ['zeta', 'mid']);
    });
  });
}
