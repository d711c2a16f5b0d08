/**
 * How many statements, and how many round trips to PostgreSQL, a signed-in user's requests make:
 * each wait for the database is most of what a request costs there (bench/profile.md, PostgreSQL).
 * Counted at pg's Client, on a server in this process with nothing else running (no listener, so no
 * delivery worker or maintenance); each operation runs once before it is counted, so that the
 * signing keys and the verified token are cached as they are under load. Not timed.
 *
 * Before signedInRows and the pipelined transactions, in statements / round trips: GetUser 4 / 4
 * (authenticate's pool, client, user and revocation reads, each on a connection of its own),
 * GetUserAttributeVerificationCode 10 / 10 (those four, two rate windows, BEGIN, the code, the
 * message, COMMIT), VerifyUserAttribute 14 / 14 (the four, a rate window, BEGIN, the code read, its
 * attempt and its use, the user read, SAVEPOINT, the user's update, RELEASE, COMMIT).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import pg from 'pg';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { Sha256 } from '../support/sha256.ts';
import { dropSchemas, postgresArgs, postgresUnavailable, schemaName } from '../support/postgres.ts';

const skip = await postgresUnavailable();

/**
 * Statements issued, and round trips: a statement issued while its connection had nothing
 * outstanding starts one; so does every statement of a connection not in pipeline mode, which pg
 * holds back until the answer to the one before.
 */
const counted = { statements: 0, trips: 0 };
let counting = false;

type Callback = (err: Error | null, res: unknown) => void;
/** Statements of each connection not yet answered. pg's Client.query is wrapped in this for the tests' time. */
const outstanding = new WeakMap<object, number>();
const query = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
function countingQuery(this: pg.Client, ...args: unknown[]): unknown {
  const n = outstanding.get(this) ?? 0;
  if (counting) {
    counted.statements++;
    if (n === 0 || !this.pipeline) counted.trips++;
  }
  outstanding.set(this, n + 1);
  const done = () => outstanding.set(this, (outstanding.get(this) ?? 1) - 1);
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const cb = args[last] as Callback;
    args[last] = (err: Error | null, res: unknown) => (done(), cb(err, res));
    return query.apply(this, args);
  }
  const out = query.apply(this, args) as Promise<unknown>;
  return out.then((r) => (done(), r), (e: unknown) => (done(), Promise.reject(e)));
}

const TARGET = 'AWSCognitoIdentityProviderService.';
// Development mode checks a signature's form only: the administrative calls of the set-up are signed with any key.
const signer = new SignatureV4({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, region: 'us-east-1', service: 'cognito-idp', sha256: Sha256 });

describe('round trips to PostgreSQL per request', { skip }, () => {
  let app: App;
  let dir: string;
  const schema = schemaName('trips');
  let accessToken: string;

  const call = async (operation: string, input: object, signed = false): Promise<Record<string, unknown>> => {
    const body = JSON.stringify(input);
    let headers: Record<string, string> = { host: 'localhost', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + operation };
    if (signed) headers = ((await signer.sign({ method: 'POST', protocol: 'http:', hostname: 'localhost', path: '/', query: {}, headers, body } as never)) as unknown as { headers: Record<string, string> }).headers;
    const res = await app.server.inject({ method: 'POST', url: '/', headers, payload: body });
    assert.equal(res.statusCode, 200, `${operation}: ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  const count = async (operation: string, input: object) => {
    counted.statements = counted.trips = 0;
    counting = true;
    try {
      await call(operation, input);
    } finally {
      counting = false;
    }
    return { ...counted };
  };

  before(async () => {
    pg.Client.prototype.query = countingQuery as typeof pg.Client.prototype.query;
    dir = mkdtempSync(join(tmpdir(), 'cognate-trips-'));
    writeFileSync(join(dir, 'cognate.json'), JSON.stringify({ fixedCode: '123456' }));
    app = await createApp(loadConfig(['--config', join(dir, 'cognate.json'), '--db', join(dir, 'db.sqlite'), ...postgresArgs(schema), '--mode', 'development', '--log-level', 'silent'], {}));
    await app.server.ready();
    const poolId = ((await call('CreateUserPool', { PoolName: 'trips', AutoVerifiedAttributes: [] }, true)).UserPool as { Id: string }).Id;
    const clientId = ((await call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }, true)).UserPoolClient as { ClientId: string }).ClientId;
    await call('AdminCreateUser', { UserPoolId: poolId, Username: 'u1', UserAttributes: [{ Name: 'email', Value: 'u1@example.com' }], MessageAction: 'SUPPRESS' }, true);
    await call('AdminSetUserPassword', { UserPoolId: poolId, Username: 'u1', Password: 'Passw0rd!Passw0rd', Permanent: true }, true);
    const auth = await call('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'u1', PASSWORD: 'Passw0rd!Passw0rd' } });
    accessToken = (auth.AuthenticationResult as { AccessToken: string }).AccessToken;
  });

  after(async () => {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    await dropSchemas([schema]);
  });

  it('GetUser: one statement (signedInRows)', async (t) => {
    await call('GetUser', { AccessToken: accessToken });
    const n = await count('GetUser', { AccessToken: accessToken });
    t.diagnostic(`${n.statements} statements, ${n.trips} round trips`);
    assert.deepEqual(n, { statements: 1, trips: 1 });
  });

  it('GetUserAttributeVerificationCode: BEGIN goes with the code', async (t) => {
    const input = { AccessToken: accessToken, AttributeName: 'email' };
    await call('GetUserAttributeVerificationCode', input);
    const n = await count('GetUserAttributeVerificationCode', input);
    t.diagnostic(`${n.statements} statements, ${n.trips} round trips`);
    // signedInRows; two rate windows; BEGIN with the code, the message, COMMIT.
    assert.deepEqual(n, { statements: 7, trips: 6 });
  });

  it("VerifyUserAttribute: BEGIN goes with the code's counted attempt (which reads it and uses it up), and the user's update needs no savepoint", async (t) => {
    const input = { AccessToken: accessToken, AttributeName: 'email', Code: '123456' };
    await call('GetUserAttributeVerificationCode', { AccessToken: accessToken, AttributeName: 'email' });
    await call('VerifyUserAttribute', input);
    await call('GetUserAttributeVerificationCode', { AccessToken: accessToken, AttributeName: 'email' });
    const n = await count('VerifyUserAttribute', input);
    t.diagnostic(`${n.statements} statements, ${n.trips} round trips`);
    // signedInRows; a rate window; BEGIN with the code's attempt (which returns the code and, the
    // answer being right, uses it up), the user's read and update, COMMIT. (The code's read, its
    // attempt and its use were three statements until 2026-12-03.)
    assert.deepEqual(n, { statements: 7, trips: 6 });
  });
});
