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
import { purgeExpired } from '../../src/storage/purge.ts';
import { postgresMode } from '../support/postgres.ts';
import { startRig, type Rig } from '../support/rig.ts';
import { rawCall } from './harness.ts';

const T = 'AWSCognitoIdentityProviderService.';
const madeUpPool = () => `us-east-1_${Math.random().toString(36).slice(2, 11).padEnd(9, 'x')}`;
const madeUpClient = () => Math.random().toString(36).slice(2).padEnd(26, '0').slice(0, 26);
/** A name as long as a real one may be (128), so that nothing kept for it grows with it. */
const madeUpName = () => madeUpClient().repeat(5).slice(0, 128);
/** The tables that keep a row for a name no user holds, for a client that hides which exist. */
const REMEMBERED = ['rate_windows', 'lockouts'];

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
 *
 * The exception: an app client that hides whether users exist must remember a made-up name as it
 * would a user (the hourly code limit and a code's five answers, in rate_windows; failed sign-ins,
 * in lockouts), or the name's answers would tell it from a user. Those rows are short, at most one
 * per request, and gone once their window has passed.
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
  const file = () => join(rig.dir, 'db.sqlite');
  // The database file itself, after the WAL is copied into it: the WAL is scratch space, reused
  // after each checkpoint and bounded by the store (sqlite/checkpointer.ts, WAL_BOUND_FRAMES).
  const checkpointed = () => {
    const writer = new DatabaseSync(file());
    writer.exec('PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE)');
    const { pages } = writer.prepare('SELECT (SELECT page_count FROM pragma_page_count) - (SELECT freelist_count FROM pragma_freelist_count) AS pages').get() as { pages: number };
    const { pageSize } = writer.prepare('SELECT page_size AS pageSize FROM pragma_page_size').get() as { pageSize: number };
    writer.close();
    return { bytes: size(file()), used: pages * pageSize };
  };
  /** Sends `count` requests made by `junk` in turn, a few at a time as a flood comes; the answers' statuses, counted. */
  const flood = async (count: number, junk: [string, () => object][]) => {
    const statuses = new Map<number, number>();
    let sent = 0;
    const sender = async () => {
      for (let i = sent++; i < count; i = sent++) {
        const [operation, body] = junk[i % junk.length];
        const res = await rig.app.server.inject({
          method: 'POST', url: '/', payload: JSON.stringify(body()),
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${T}${operation}` },
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    };
    // Four at once: the stand-in password checks of a hiding client's sign-ins (a hash each, as
    // long as a user's) then overlap in Node's thread pool.
    await Promise.all(Array.from({ length: 4 }, sender));
    await rig.app.store.settled();
    return statuses;
  };

  // The bar, 4 MB over 20,000 junk requests, is 210 bytes a request. Were every request a
  // made-up name sent to a hiding client's ForgotPassword or ResendConfirmationCode, the windows
  // kept for the names would be all of it: 208 bytes a name before the fix (a 76-character key,
  // written in the table and again in its index of keys). At most half of it, so that the rest
  // of the store has room.
  it('keeps a short row for each made-up name sent to a hiding client', async (t) => {
    const pool = await rig.pool({ AutoVerifiedAttributes: ['email'] });
    const hiding = await rig.client(pool, { PreventUserExistenceErrors: 'ENABLED' });
    const names = Math.ceil(REQUESTS / 4);
    const before = checkpointed();
    const statuses = await flood(names, [
      ['ForgotPassword', () => ({ ClientId: hiding.clientId, Username: madeUpName() })],
      ['ResendConfirmationCode', () => ({ ClientId: hiding.clientId, Username: madeUpName() })],
    ]);
    assert.deepEqual(Object.fromEntries(statuses), { 200: names });
    const perName = (checkpointed().used - before.used) / names;
    t.diagnostic(`${names} made-up names: ${perName.toFixed(1)} bytes each`);
    assert.ok(perName < 105, `${perName.toFixed(1)} bytes a name`);
  });

  it(`grows the store by less than 4 MB over ${REQUESTS} junk requests`, async (t) => {
    const pool = await rig.pool({ AutoVerifiedAttributes: ['email'] });
    const client = await rig.client(pool);
    const hiding = await rig.client(pool, { PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    const user = await rig.user(pool, { username: 'real', email: 'real@example.com', email_verified: 'true' });
    const token = await rig.token(pool, client, user);
    const forged = `${token.split('.').slice(0, 2).join('.')}.${Buffer.from('forged').toString('base64url')}`;
    const db = new DatabaseSync(file(), { readOnly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    const rows = () => Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
    const before = rows();
    const bytesBefore = checkpointed().bytes;

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
      // Made-up names, each remembered for a while as a user would be (see above).
      ['ForgotPassword', () => ({ ClientId: hiding.clientId, Username: madeUpName() })],
      ['ResendConfirmationCode', () => ({ ClientId: hiding.clientId, Username: madeUpName() })],
      ['ConfirmForgotPassword', () => ({ ClientId: hiding.clientId, Username: madeUpName(), ConfirmationCode: '123456', Password: 'Passw0rd!x' })],
      ['InitiateAuth', () => ({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: hiding.clientId, AuthParameters: { USERNAME: madeUpName(), PASSWORD: 'Passw0rd!x' } })],
    ];
    const remembering = junk.filter(([, body]) => (body() as { ClientId?: string }).ClientId === hiding.clientId).length;
    const statuses = await flood(REQUESTS, junk);
    const grown = checkpointed().bytes - bytesBefore;
    const after = rows();
    t.diagnostic(`${REQUESTS} junk requests: the store grew by ${grown} bytes; rows added: ${JSON.stringify(Object.fromEntries(tables.map((n) => [n, after[n] - before[n]]).filter(([, n]) => n)))}`);
    assert.deepEqual([...statuses.keys()].filter((s) => s >= 500), [], `answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok(grown < 4 * 1024 * 1024, `the store grew by ${grown} bytes`);
    const perName = Math.ceil((REQUESTS * remembering) / junk.length);
    for (const n of tables) {
      const bound = REMEMBERED.includes(n) ? perName : 16;
      assert.ok(after[n] - before[n] <= bound, `${n}: ${before[n]} rows before, ${after[n]} after`);
    }

    // A day later (a sign-up code's validity, the longest window), the maintenance has removed them.
    rig.advance(25 * 3_600_000);
    await purgeExpired(rig.app.store, rig.app.deps.clock.now());
    const purged = rows();
    db.close();
    for (const n of REMEMBERED) assert.ok(purged[n] - before[n] <= 16, `${n}: ${before[n]} rows before, ${purged[n]} after the purge`);
  });
});
