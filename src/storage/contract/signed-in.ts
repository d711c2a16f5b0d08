/** The contract for Store.signedInRows, the read every request of a signed-in user makes (see index.ts). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_SIGNEDIN0';
const OTHER = 'us-east-1_SIGNEDIN1';

const pool = (id: string, config: PoolRecord['config'] = { MfaConfiguration: 'OFF' }): PoolRecord => ({ id, name: `pool-${id}`, createdAt: 1000, lastModifiedAt: 1000, config });
const client = (poolId: string, clientId: string): ClientRecord => ({
  poolId, clientId, name: `client-${clientId}`, secret: 'shh', secrets: [{ value: 'shh', createdAt: 2000 }],
  createdAt: 2000, lastModifiedAt: 2000, config: { RefreshTokenValidity: 30, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] },
});
const user = (poolId: string, sub: string): UserRecord => ({
  poolId, sub, username: `user-${sub}`, status: 'CONFIRMED', enabled: true,
  attributes: { sub, email: `${sub}@example.com`, email_verified: 'false' }, pending: { email: `new-${sub}@example.com` },
  password: { hash: 'scrypt$x', srpSalt: 'aa', srpVerifier: 'bb', setAt: 1, expiresAt: null }, settings: { signedOutAt: 5 },
  createdAt: 3000, lastModifiedAt: 3000, version: 1,
});
const keysOf = (u: UserRecord) => ({ usernameKey: u.username, aliases: [], search: [] });
const refresh = (originJti: string) => ({ hash: `h-${originJti}`, poolId: POOL, clientId: 'c1', sub: 's1', originJti, authTime: 1, createdAt: 1, expiresAt: 9e12, revokedAt: null });

/**
 * `another`, when the adapter can: a second instance of the store on the same database as the one
 * given (another Cognate process), whose writes the first must see at once.
 */
export function signedInContract(name: string, open: () => Promise<Store>, another?: (store: Store) => Promise<Store>): void {
  describe(`store contract (signed-in rows): ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      for (const id of [POOL, OTHER]) await store.pools.create(pool(id));
      await store.clients.create(client(POOL, 'c1'));
      await store.clients.create(client(OTHER, 'c-other'));
      for (const u of [user(POOL, 's1'), user(OTHER, 's-other')]) await store.users.create(u, keysOf(u));
      await store.tokens.putRefresh(refresh('o-revoked'));
      await store.tokens.revokeRefresh('h-o-revoked', 10);
    });
    afterEach(() => store.close());

    it('reads the records the repositories give, and the revocation', async () => {
      const rows = await store.signedInRows({ poolId: POOL, clientId: 'c1', sub: 's1', originJti: 'o-revoked' });
      assert.deepEqual(rows, { pool: await store.pools.get(POOL), client: await store.clients.get(POOL, 'c1'), user: await store.users.get(POOL, 's1'), revoked: true });
      assert.deepEqual(rows, { pool: pool(POOL), client: client(POOL, 'c1'), user: user(POOL, 's1'), revoked: true });
      assert.equal((await store.signedInRows({ poolId: POOL, clientId: 'c1', sub: 's1', originJti: 'o-live' })).revoked, false);
    });

    it('finds nothing for a missing pool, client or user, a client or user of another pool, or a key not given', async () => {
      const none = { pool: undefined, client: undefined, user: undefined, revoked: false };
      assert.deepEqual(await store.signedInRows({ poolId: 'us-east-1_NOSUCHPOO', clientId: 'c1', sub: 's1', originJti: 'o-live' }), none);
      const rows = await store.signedInRows({ poolId: POOL, clientId: 'c-other', sub: 's-other' });
      assert.deepEqual(rows, { ...none, pool: pool(POOL) }, "the other pool's client and user are not this pool's");
      assert.deepEqual(await store.signedInRows({ poolId: POOL, clientId: 'c-none', sub: 's-none', originJti: 'o-none' }), { ...none, pool: pool(POOL) });
      assert.deepEqual(await store.signedInRows({ poolId: POOL }), { ...none, pool: pool(POOL) });
    });

    it('hands out records of their own, read again the same', async () => {
      const first = await store.signedInRows({ poolId: POOL, clientId: 'c1', sub: 's1' });
      first.pool!.name = 'changed by a caller';
      first.client!.name = 'changed by a caller';
      first.user!.attributes.email = 'changed@example.com';
      assert.deepEqual(await store.signedInRows({ poolId: POOL, clientId: 'c1', sub: 's1' }), { pool: pool(POOL), client: client(POOL, 'c1'), user: user(POOL, 's1'), revoked: false });
    });

    it('sees its own writes at once: a changed pool, client and user, a revocation, deletions', async () => {
      await seesWritesOf(store, store);
    });

    it('sees at once what another instance on the same database wrote', { skip: another ? false : 'one instance only (an in-memory database)' }, async () => {
      const second = await another!(store);
      try {
        await seesWritesOf(store, second);
      } finally {
        await second.close();
      }
    });
  });
}

/** `writer` (the store itself, or another instance on its database) changes and remakes everything; `store` sees each step at once. */
async function seesWritesOf(store: Store, writer: Store): Promise<void> {
  const keys = { poolId: POOL, clientId: 'c1', sub: 's1', originJti: 'o-later' };
  await store.signedInRows(keys);
  await changeEverything(writer);
  await expectChanged(store, keys);
  await dropAndRemake(writer);
  await expectRemade(store, keys);
}

async function changeEverything(store: Store): Promise<void> {
  await store.pools.update({ ...pool(POOL, { MfaConfiguration: 'ON' }), lastModifiedAt: 5000 });
  await store.clients.update({ ...client(POOL, 'c1'), lastModifiedAt: 5000, config: { RefreshTokenValidity: 1 } });
  await store.users.update({ ...user(POOL, 's1'), enabled: false, lastModifiedAt: 5000 }, keysOf(user(POOL, 's1')));
  await store.tokens.putRefresh(refresh('o-later'));
  await store.tokens.revokeRefresh('h-o-later', 20);
}

async function expectChanged(store: Store, keys: Parameters<Store['signedInRows']>[0]): Promise<void> {
  const rows = await store.signedInRows(keys);
  assert.deepEqual(rows.pool, { ...pool(POOL, { MfaConfiguration: 'ON' }), lastModifiedAt: 5000 });
  assert.deepEqual(rows.client, { ...client(POOL, 'c1'), lastModifiedAt: 5000, config: { RefreshTokenValidity: 1 } });
  assert.deepEqual(rows.user, { ...user(POOL, 's1'), enabled: false, lastModifiedAt: 5000, version: 2 });
  assert.equal(rows.revoked, true);
}

/** The pool and its client deleted and made again, each changed once since: the version changeEverything left, on new rows. */
async function dropAndRemake(store: Store): Promise<void> {
  await store.pools.delete(POOL);
  await store.pools.create(pool(POOL));
  assert.equal(await store.pools.update(pool(POOL, { MfaConfiguration: 'OPTIONAL' })), true);
  await store.clients.create(client(POOL, 'c1'));
  assert.equal(await store.clients.update({ ...client(POOL, 'c1'), config: { RefreshTokenValidity: 2 } }), true);
}

async function expectRemade(store: Store, keys: Parameters<Store['signedInRows']>[0]): Promise<void> {
  assert.deepEqual(await store.signedInRows(keys), {
    pool: pool(POOL, { MfaConfiguration: 'OPTIONAL' }),
    client: { ...client(POOL, 'c1'), config: { RefreshTokenValidity: 2 } },
    user: undefined,
    revoked: true,
  });
}
