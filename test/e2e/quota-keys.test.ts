/**
 * Issue 18, findings 1 to 3: quotas and protection rules are keyed on the pool a request really
 * resolves to (through its app client, its token, or the UserPoolId of a pool that exists), never
 * on a member nothing checked; requests for a pool or app client that does not exist share one
 * bounded bucket; and a flood of made-up ids leaves no state behind.
 */
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { postgresMode } from '../support/postgres.ts';
import { startRig, type Rig } from '../support/rig.ts';
import { rawCall } from './harness.ts';

const T = 'AWSCognitoIdentityProviderService.';
const madeUpPool = () => `us-east-1_${Math.random().toString(36).slice(2, 11).padEnd(9, 'x')}`;
const madeUpClient = () => Math.random().toString(36).slice(2).padEnd(26, '0').slice(0, 26);

describe('quotas and protection rules follow the pool a request resolves to (issue 18)', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig({
      clock: 'fixed',
      files: { 'rules.json': '{}' },
      config: { limits: { requestRates: true, rates: { UserAccountRecovery: 2, UserUpdate: 2 }, unresolvedRate: 3 } },
      args: ['--protection-rules', '{dir}/rules.json'],
    });
  });
  after(() => rig.close());

  it('a made-up UserPoolId beside the ClientId or the token does not move a request to another bucket', async () => {
    const pool = await rig.pool();
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'alice', email: 'alice@example.com', email_verified: 'true' });
    const forgot = () => rawCall(rig.url, `${T}ForgotPassword`, JSON.stringify({ ClientId: client.clientId, Username: 'alice', UserPoolId: madeUpPool() }));
    const answers = [await forgot(), await forgot(), await forgot()];
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 400]);
    assert.deepEqual(answers[2].body, { __type: 'TooManyRequestsException', message: 'Rate exceeded' });

    const token = await rig.token(pool, client, user);
    const get = () => rawCall(rig.url, `${T}GetUser`, JSON.stringify({ AccessToken: token, UserPoolId: madeUpPool() }));
    const verify = () => rawCall(rig.url, `${T}GetUserAttributeVerificationCode`, JSON.stringify({ AccessToken: token, AttributeName: 'email', UserPoolId: madeUpPool() }));
    assert.equal((await get()).status, 200, 'GetUser is not in the UserUpdate category');
    assert.deepEqual([(await verify()).status, (await verify()).status, (await verify()).body.__type], [200, 200, 'TooManyRequestsException']);
    rig.advance(1000);
  });

  it("a made-up UserPoolId does not move a request out from under its pool's protection rules", async () => {
    const pool = await rig.pool();
    const client = await rig.client(pool);
    const open = await rig.pool();
    await rig.user(pool, { username: 'bob', email: 'bob@example.com', email_verified: 'true' });
    writeFileSync(join(rig.dir, 'rules.json'), JSON.stringify({ pools: { [pool.id]: { deny: ['127.0.0.0/8', '::1/128'] } } }));
    rig.advance(1100); // rules are looked at again at most once a second
    for (const UserPoolId of [open.id, madeUpPool()]) {
      const res = await rawCall(rig.url, `${T}ForgotPassword`, JSON.stringify({ ClientId: client.clientId, Username: 'bob', UserPoolId }));
      assert.equal(res.status, 403, `with UserPoolId ${UserPoolId}`);
      assert.equal(res.body.__type, 'ForbiddenException');
    }
    writeFileSync(join(rig.dir, 'rules.json'), '{}');
    rig.advance(1100);
  });

  it('requests for pools and clients that do not exist share one bucket, and leave one row', async () => {
    rig.advance(1000);
    const answers = [];
    // Made-up app clients share the bucket; a token that does not verify is answered as it is
    // (NotAuthorizedException), charged to no bucket, so junk cannot turn it into TooManyRequests.
    const forgot = () => rawCall(rig.url, `${T}ForgotPassword`, JSON.stringify({ ClientId: madeUpClient(), Username: 'x', UserPoolId: madeUpPool() }));
    const badToken = () => rawCall(rig.url, `${T}GetUser`, JSON.stringify({ AccessToken: `${madeUpClient()}.${madeUpClient()}.x`, UserPoolId: madeUpPool() }));
    for (const ask of [forgot, badToken, forgot, forgot, badToken, forgot, badToken]) answers.push(await ask());
    assert.deepEqual(answers.map((a) => a.body.__type), [
      'ResourceNotFoundException', 'NotAuthorizedException', 'ResourceNotFoundException', 'ResourceNotFoundException',
      'NotAuthorizedException', 'TooManyRequestsException', 'NotAuthorizedException',
    ]);
    if (!postgresMode()) {
      const db = new DatabaseSync(join(rig.dir, 'db.sqlite'), { readOnly: true });
      const keys = (db.prepare('SELECT key FROM rate_buckets').all() as { key: string }[]).map((r) => r.key);
      db.close();
      assert.ok(keys.includes('rate:unresolved'));
      const pools = new Set((await rig.app.store.pools.list({ limit: 60 })).items.map((p) => p.id));
      assert.ok(keys.every((k) => k === 'rate:unresolved' || pools.has(k.split(':')[1])), `a bucket for a pool that does not exist: ${keys.join(', ')}`);
    }
  });
});

/**
 * Thousands of requests naming pools, app clients, users and tokens that do not exist (and junk beside
 * real ones), against a server whose quotas would let them all through: the store may not grow by
 * more than 4 MB, and no table may gain a row per request. Before the fix, each made-up UserPoolId
 * left a rate bucket behind (270 MB in under 3 s from one attacker).
 */
describe('a flood of made-up ids leaves nothing behind (issue 18)', { skip: postgresMode() && 'measures the SQLite file' }, () => {
  // 5,000 in every run; COGNATE_JUNK_REQUESTS=20000 for the figure the issue asks for (docs/security.md).
  const REQUESTS = Number(process.env.COGNATE_JUNK_REQUESTS ?? 5_000);
  let rig: Rig;
  before(async () => {
    const generous = { UserAuthentication: 1e6, UserCreation: 1e6, UserAccountRecovery: 1e6, UserRead: 1e6, UserUpdate: 1e6, UserToken: 1e6 };
    rig = await startRig({ config: { limits: { requestRates: true, rates: generous, unresolvedRate: 1e6 } } });
  });
  after(() => rig.close());

  const size = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };

  it(`grows the store by less than 4 MB over ${REQUESTS} junk requests`, async () => {
    const pool = await rig.pool();
    const client = await rig.client(pool);
    const user = await rig.user(pool, { username: 'real', email: 'real@example.com', email_verified: 'true' });
    const token = await rig.token(pool, client, user);
    const forged = `${token.split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}`;
    const file = join(rig.dir, 'db.sqlite');
    const db = new DatabaseSync(file, { readOnly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const rows = () => Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
    const before = rows();
    // The database file itself, after the WAL is copied into it: the WAL is scratch space, reused
    // after each checkpoint and bounded by the store (sqlite/checkpointer.ts, WAL_BOUND_FRAMES).
    const checkpointed = () => {
      const writer = new DatabaseSync(file);
      writer.exec('PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE)');
      writer.close();
      return size(file);
    };
    const bytesBefore = checkpointed();

    const junk: [string, () => object][] = [
      ['ForgotPassword', () => ({ ClientId: madeUpClient(), Username: madeUpClient(), UserPoolId: madeUpPool() })],
      ['ForgotPassword', () => ({ ClientId: client.clientId, Username: madeUpClient(), UserPoolId: madeUpPool() })],
      ['ConfirmForgotPassword', () => ({ ClientId: client.clientId, Username: madeUpClient(), ConfirmationCode: '123456', Password: 'Passw0rd!x' })],
      ['ConfirmSignUp', () => ({ ClientId: client.clientId, Username: madeUpClient(), ConfirmationCode: '123456', UserPoolId: madeUpPool() })],
      ['ResendConfirmationCode', () => ({ ClientId: madeUpClient(), Username: madeUpClient() })],
      ['InitiateAuth', () => ({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: madeUpClient(), PASSWORD: 'x' }, UserPoolId: madeUpPool() })],
      ['InitiateAuth', () => ({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: client.clientId, AuthParameters: { REFRESH_TOKEN: madeUpClient() } })],
      ['RespondToAuthChallenge', () => ({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: madeUpClient(), Session: madeUpClient().repeat(3), ChallengeResponses: { USERNAME: 'x' } })],
      ['GetUser', () => ({ AccessToken: forged, UserPoolId: madeUpPool() })],
      ['GetUserAttributeVerificationCode', () => ({ AccessToken: `${madeUpClient()}.${madeUpClient()}.${madeUpClient()}`, AttributeName: 'email' })],
      ['RevokeToken', () => ({ ClientId: client.clientId, Token: madeUpClient() })],
      ['SignUp', () => ({ ClientId: madeUpClient(), Username: madeUpClient(), Password: 'Passw0rd!x' })],
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const [operation, body] = junk[i % junk.length];
      const res = await rig.app.server.inject({
        method: 'POST', url: '/', payload: JSON.stringify(body()),
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${T}${operation}` },
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    await rig.app.store.settled();
    const grown = checkpointed() - bytesBefore;
    const after = rows();
    db.close();
    assert.deepEqual([...statuses.keys()].filter((s) => s >= 500), [], `answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok(grown < 4 * 1024 * 1024, `the store grew by ${grown} bytes`);
        for (const t of tables) assert.ok(after[t] - before[t] <= 16, `${t}: ${before[t]} rows before, ${after[t]} after`);
  });
});
