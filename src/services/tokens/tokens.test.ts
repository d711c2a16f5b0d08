import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { clientConfig, type ClientRecord } from '../../domain/client.ts';
import { newPoolConfig, type PoolRecord } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { SqliteStore } from '../../storage/sqlite/store.ts';
import { Sealer } from '../sealing/sealer.ts';
import { KeyRing } from './keys.ts';
import { TokenService } from './tokens.ts';

/** A pool with a key, a client, a user and a token service, on an in-memory store. */
async function setUp() {
  const store = new SqliteStore(':memory:');
  let now = Date.UTC(2026, 10, 22, 12);
  const clock = { now: () => now };
  const random = { bytes: (n: number) => randomBytes(n) };
  const pool: PoolRecord = { id: 'us-east-1_TOKENS', name: 't', createdAt: now, lastModifiedAt: now, config: newPoolConfig({ PoolName: 't' }) };
  await store.pools.create(pool);
  const keys = new KeyRing(store, new Sealer(randomBytes(32), [], random), random, clock);
  await keys.createKey(store, pool.id);
  const client: ClientRecord = {
    poolId: pool.id, clientId: 'client1', name: 'c', secret: null, createdAt: now, lastModifiedAt: now,
    config: clientConfig({ UserPoolId: pool.id, ClientName: 'c' }, pool.config.SchemaAttributes ?? [], 'creating', false),
  };
  const user: UserRecord = {
    poolId: pool.id, sub: 'sub-1', username: 'alice', status: 'CONFIRMED', enabled: true, attributes: { sub: 'sub-1' },
    pending: {}, password: null, settings: {}, createdAt: now, lastModifiedAt: now, version: 1,
  };
  const tokens = new TokenService({ keys, repos: store, clock, random, issuerBase: () => 'http://127.0.0.1:9229' });
  const issue = async () => (await tokens.issue({ pool, client, user, groups: [], authTime: Math.floor(now / 1000), withRefreshToken: false })).AccessToken;
  return { store, tokens, pool, client, user, keys, issue, advance: (ms: number) => (now += ms) };
}

describe('access token verification', () => {
  it('verifies a token again and again, and still refuses one changed after it was verified', async () => {
    const { store, tokens, pool, issue } = await setUp();
    const token = await issue();
    for (let i = 0; i < 3; i++) assert.equal((await tokens.verifyAccessToken(token, pool.id)).sub, 'sub-1');
    // The same signature over another payload: the memo of verified tokens must not vouch for it.
    const [h, p, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = [h, Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url'), sig].join('.');
    await assert.rejects(tokens.verifyAccessToken(forged, pool.id), { name: 'NotAuthorizedException', message: 'Invalid Access Token' });
    // A flipped signature byte, likewise.
    const flipped = `${h}.${p}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BA' : 'AA'}`;
    await assert.rejects(tokens.verifyAccessToken(flipped, pool.id), { message: 'Invalid Access Token' });
    await store.close();
  });

  it('decodes a verified token once: later presentations share its decoded claims, which no caller can change', async () => {
    const { store, tokens, pool, issue } = await setUp();
    const token = await issue();
    const first = tokens.present(token);
    assert.notEqual(tokens.present(token), first, 'not remembered before its signature is checked');
    await tokens.verifyAccessToken(first, pool.id);
    // The same text arriving in another request (another string object) finds the decoded token.
    const again = tokens.present(JSON.parse(JSON.stringify({ t: token })).t);
    assert.equal(tokens.present(token), again);
    assert.equal(again.sub, 'sub-1');
    assert.ok(Object.isFrozen(again.jws.payload));
    assert.throws(() => {
      (again.jws.payload as Record<string, unknown>).sub = 'someone-else';
    }, TypeError);
    assert.equal((await tokens.verifyAccessToken(again, pool.id)).sub, 'sub-1');
    await store.close();
  });

  it('checks expiry and revocation on every use, verified before or not', async () => {
    const { store, tokens, pool, issue, advance } = await setUp();
    const token = await issue();
    const claims = await tokens.verifyAccessToken(token, pool.id);
    await store.tokens.revokeOrigin(claims.origin_jti, claims.exp * 1000);
    await assert.rejects(tokens.verifyAccessToken(token, pool.id), { message: 'Access Token has been revoked' });
    const other = await issue();
    await tokens.verifyAccessToken(other, pool.id);
    advance(3601 * 1000);
    await assert.rejects(tokens.verifyAccessToken(other, pool.id), { message: 'Access Token has expired' });
    await store.close();
  });
});

describe('the ID token\'s identities claim', () => {
  it('is the attribute\'s array, with primary and dateCreated as strings, as in Cognito\'s ID tokens', async () => {
    // Cognito ID tokens pasted into public GitHub sources (one of a Google user, one of a SAML user) carry
    // "identities":[{"userId":"102613502779525861182","providerName":"Google","providerType":"Google","issuer":null,"primary":"true","dateCreated":"1682704282933"}],
    // and apps' typings of the claim say `primary: 'true'; dateCreated: string`; the attribute (AdminGetUser) holds true and a number.
    const { store, tokens, pool, client, user } = await setUp();
    const identities = JSON.stringify([{ userId: 'acct-1', providerName: 'Corp', providerType: 'OIDC', issuer: null, primary: true, dateCreated: 1682704282933 }]);
    const issued = await tokens.issue({ pool, client, user: { ...user, attributes: { ...user.attributes, identities } }, groups: [], authTime: 0, withRefreshToken: false });
    const claims = JSON.parse(Buffer.from(issued.IdToken!.split('.')[1], 'base64url').toString());
    assert.deepEqual(claims.identities, [{ userId: 'acct-1', providerName: 'Corp', providerType: 'OIDC', issuer: null, primary: 'true', dateCreated: '1682704282933' }]);
    await store.close();
  });
});
