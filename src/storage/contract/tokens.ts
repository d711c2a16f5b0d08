/** The contract for challenge sessions, refresh tokens and the pools' signing keys (see index.ts for the rest). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SigningKeyRecord } from '../../domain/keys.ts';
import type { Store } from '../store.ts';

const POOL = 'us-east-1_CODES0000';

export function authSessionsContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (auth sessions, refresh tokens): ${name}`, () => {
    it('hands a session out once, and never after it expired', async () => {
      const store = await open();
      try {
        await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
        const s = { hash: 'h1', poolId: POOL, clientId: 'c', sub: 's', challenge: 'PASSWORD_VERIFIER', state: { b: 'ff' }, createdAt: 1000, expiresAt: 5000 };
        await store.authSessions.put(s);
        await store.authSessions.put({ ...s, hash: 'h2' });
        const [a, b] = await Promise.all([store.authSessions.take('h1', 2000), store.authSessions.take('h1', 2000)]);
        assert.deepEqual([a, b].filter(Boolean), [s]);
        assert.equal(await store.authSessions.take('h2', 5000), undefined, 'expired');
        assert.equal(await store.authSessions.take('nope', 0), undefined);
      } finally {
        await store.close();
      }
    });

    it('reads a session without taking it, until it expires', async () => {
      const store = await open();
      try {
        await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
        const s = { hash: 'g1', poolId: POOL, clientId: '', sub: 's', challenge: 'HOSTED_LOGIN', state: { authTime: 1 }, createdAt: 1000, expiresAt: 5000 };
        await store.authSessions.put(s);
        assert.deepEqual(await store.authSessions.get('g1', 2000), s);
        assert.deepEqual(await store.authSessions.get('g1', 2000), s, 'still there');
        assert.equal(await store.authSessions.get('g1', 5000), undefined, 'expired');
        assert.deepEqual(await store.authSessions.take('g1', 2000), s);
        assert.equal(await store.authSessions.get('g1', 2000), undefined, 'taken');
      } finally {
        await store.close();
      }
    });

    it('keeps the scopes a refresh token was granted', async () => {
      const store = await open();
      try {
        await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
        const t = { hash: 's1', poolId: POOL, clientId: 'c', sub: 's', originJti: 'os1', authTime: 1, createdAt: 1, expiresAt: 9000, revokedAt: null, scopes: ['openid', 'orders/read'] };
        await store.tokens.putRefresh(t);
        assert.deepEqual(await store.tokens.getRefresh('s1'), t);
      } finally {
        await store.close();
      }
    });

    it('keeps refresh tokens by hash and revokes them with their origin', async () => {
      const store = await open();
      try {
        await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
        const t = { hash: 'r1', poolId: POOL, clientId: 'c', sub: 's', originJti: 'o1', authTime: 1, createdAt: 1, expiresAt: 9000, revokedAt: null };
        await store.tokens.putRefresh(t);
        await store.tokens.putRefresh({ ...t, hash: 'r2', originJti: 'o2' });
        await store.tokens.putRefresh({ ...t, hash: 'r3', originJti: 'o3', sub: 'other' });
        assert.deepEqual(await store.tokens.getRefresh('r1'), t);
        await store.tokens.revokeRefresh('r1', 50);
        assert.equal((await store.tokens.getRefresh('r1'))!.revokedAt, 50);
        assert.equal(await store.tokens.isOriginRevoked('o1'), true);
        assert.equal(await store.tokens.isOriginRevoked('o2'), false);
        await store.tokens.revokeAllForUser(POOL, 's', 60);
        assert.equal(await store.tokens.isOriginRevoked('o2'), true);
        assert.equal(await store.tokens.isOriginRevoked('o3'), false, "another user's tokens stay");
        await store.tokens.revokeOrigin('o9', 100);
        assert.equal(await store.tokens.isOriginRevoked('o9'), true);
        assert.equal(await store.tokens.purgeExpired(9500), 3 + 3, 'three refresh tokens and three revocations (o1, o2, o9) expired');
        assert.equal(await store.tokens.getRefresh('r2'), undefined);
        assert.equal(await store.tokens.isOriginRevoked('o9'), false);
      } finally {
        await store.close();
      }
    });
  });
}

export function signingKeysContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (signing keys): ${name}`, () => {
    it("keeps a pool's keys newest first, seals one anew, retires one, and removes only keys retired before a time", async () => {
      const store = await open();
      try {
        await store.pools.create({ id: POOL, name: 'p', createdAt: 0, lastModifiedAt: 0, config: {} });
        await store.pools.create({ id: 'us-east-1_OTHER0000', name: 'o', createdAt: 0, lastModifiedAt: 0, config: {} });
        const key = (kid: string, createdAt: number, poolId = POOL): SigningKeyRecord => ({
          poolId, kid, publicJwk: { kty: 'RSA', kid, n: 'AQAB', e: 'AQAB' }, privateKeyEnc: `v1.sealed-${kid}`, createdAt, retiredAt: null,
        });
        await store.signingKeys.add(key('k1', 1000));
        await store.signingKeys.add(key('k2', 2000));
        await store.signingKeys.add(key('k3', 3000, 'us-east-1_OTHER0000'));
        assert.deepEqual(await store.signingKeys.list(POOL), [key('k2', 2000), key('k1', 1000)]);
        await store.signingKeys.reseal(POOL, 'k2', 'v2.resealed-k2');
        assert.deepEqual(await store.signingKeys.list(POOL), [{ ...key('k2', 2000), privateKeyEnc: 'v2.resealed-k2' }, key('k1', 1000)], 'sealed anew, the rest kept');
        await store.signingKeys.reseal(POOL, 'k2', key('k2', 2000).privateKeyEnc);
        await store.signingKeys.retire(POOL, 'k1', 2500);
        await store.signingKeys.retire(POOL, 'k1', 9999);
        assert.deepEqual(await store.signingKeys.list(POOL), [key('k2', 2000), { ...key('k1', 1000), retiredAt: 2500 }], 'retired once, at the first time');
        assert.equal(await store.signingKeys.purgeRetired(POOL, 2500), 0, 'retired at 2500: not before it');
        assert.equal(await store.signingKeys.purgeRetired(POOL, 2501), 1);
        assert.deepEqual((await store.signingKeys.list(POOL)).map((k) => k.kid), ['k2']);
        assert.deepEqual((await store.signingKeys.list('us-east-1_OTHER0000')).map((k) => k.kid), ['k3'], "another pool's keys stay");
      } finally {
        await store.close();
      }
    });
  });
}
