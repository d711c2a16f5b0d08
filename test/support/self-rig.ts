/**
 * The server the tests of a signed-in user's own operations drive: the app in the test's own
 * process, a pool with custom and developer-only attributes, an app client, and one whose read and
 * write permissions are limited; users are put straight into the store and given real tokens.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserPoolClientCommand, CreateUserPoolCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { userKeys, type UserRecord } from '../../src/domain/user.ts';
import type { IssuedTokens } from '../../src/services/tokens/issue.ts';
import { sdkClient } from '../e2e/harness.ts';

export interface SelfRig {
  app: App;
  url: string;
  cognito: CognitoIdentityProviderClient;
  pool: PoolRecord;
  client: ClientRecord;
  /** Reads only email, email_verified and custom:team; writes only custom:team and family_name. */
  limited: ClientRecord;
  /** Milliseconds added to the server's clock. */
  clock: { offset: number };
  /** A user put straight into the store (the user-creating operations are tested elsewhere). */
  newUser(over?: Partial<UserRecord>): Promise<UserRecord>;
  tokensFor(user: UserRecord, c?: ClientRecord): Promise<IssuedTokens>;
  stored(user: UserRecord): Promise<UserRecord>;
  close(): Promise<void>;
}

export async function startSelfRig(): Promise<SelfRig> {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-self-'));
  const clock = { offset: 0 };
  let n = 0;
  const app = await createApp(loadConfig(['--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}), { clock: { now: () => Date.now() + clock.offset } });
  const url = await app.listen();
  const cognito = sdkClient(url);
  const poolId = (
    await cognito.send(
      new CreateUserPoolCommand({
        PoolName: 'self',
        AliasAttributes: ['email'],
        Schema: [
          { Name: 'given_name', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'team', AttributeDataType: 'String', Mutable: true },
          { Name: 'badge', AttributeDataType: 'String', Mutable: false },
          { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true, Mutable: true },
        ],
      }),
    )
  ).UserPool!.Id!;
  const clientId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app' }))).UserPoolClient!.ClientId!;
  const limitedId = (
    await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'limited',
        ReadAttributes: ['email', 'email_verified', 'custom:team'],
        WriteAttributes: ['custom:team', 'family_name'],
      }),
    )
  ).UserPoolClient!.ClientId!;
  const pool = (await app.store.pools.get(poolId))!;
  const client = (await app.store.clients.get(poolId, clientId))!;
  const limited = (await app.store.clients.get(poolId, limitedId))!;
  return {
    app, url, cognito, pool, client, limited, clock,
    async newUser(over = {}) {
      n++;
      const sub = `2f0d7c1e-9a3b-4c5d-8e6f-${String(n).padStart(12, '0')}`;
      const now = Date.now();
      const user: UserRecord = {
        poolId: pool.id, sub, username: `user${n}`, status: 'CONFIRMED', enabled: true,
        attributes: {
          sub, given_name: 'Alice', family_name: 'Liddell', email: `user${n}@example.com`, email_verified: 'true',
          'custom:team': 'blue', 'custom:badge': 'b-17', 'dev:custom:secret': 's3cret',
        },
        pending: {}, password: null, settings: {}, createdAt: now, lastModifiedAt: now, version: 1,
        ...over,
      };
      await app.store.users.create(user, userKeys(pool.config, user));
      return user;
    },
    tokensFor: (user, c = client) =>
      app.deps.tokens.issue({ pool, client: c, user, groups: [], authTime: Math.floor(Date.now() / 1000), withRefreshToken: true }),
    stored: async (user) => (await app.store.users.get(pool.id, user.sub))!,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An SDK call that must fail with this type and message, as a client error (HTTP 400). */
export async function refused(call: Promise<unknown>, type: string, message: string | RegExp): Promise<void> {
  await assert.rejects(call, (e: { name: string; message: string; $metadata: { httpStatusCode: number } }) => {
    assert.equal(e.name, type);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    assert.equal(e.$metadata.httpStatusCode, 400);
    return true;
  });
}
