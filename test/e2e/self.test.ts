/**
 * The operations a signed-in user calls on themself (GetUser, DeleteUser, DeleteUserAttributes),
 * driven with the AWS SDK for JavaScript v3 and real access tokens from the token service.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserAttributesCommand,
  DeleteUserCommand,
  DeleteUserPoolClientCommand,
  GetUserCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import { userKeys } from '../../src/domain/user.ts';
import { hashRefreshToken } from '../../src/services/tokens/refresh.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import { rawCall, sdkClient } from './harness.ts';

const TARGET = 'AWSCognitoIdentityProviderService.';

describe('operations a signed-in user calls on themself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-self-'));
  let app: App;
  let url: string;
  let cognito: CognitoIdentityProviderClient;
  let pool: PoolRecord;
  let client: ClientRecord;
  /** Reads only email, email_verified and custom:team; writes only custom:team and family_name. */
  let limited: ClientRecord;
  let offset = 0;
  let n = 0;

  before(async () => {
    app = await createApp(loadConfig(['--db', join(dir, 'db.sqlite'), '--port', '0', '--log-level', 'silent'], {}), { clock: { now: () => Date.now() + offset } });
    url = await app.listen();
    cognito = sdkClient(url);
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
    pool = (await app.store.pools.get(poolId))!;
    client = (await app.store.clients.get(poolId, clientId))!;
    limited = (await app.store.clients.get(poolId, limitedId))!;
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    offset = 0;
  });

  /** A user put straight into the store (the user-creating operations are tested elsewhere). */
  async function newUser(over: Partial<UserRecord> = {}): Promise<UserRecord> {
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
  }

  const tokensFor = (user: UserRecord, c: ClientRecord = client) =>
    app.deps.tokens.issue({ pool, client: c, user, groups: [], authTime: Math.floor(Date.now() / 1000), withRefreshToken: true });

  const stored = async (user: UserRecord) => (await app.store.users.get(pool.id, user.sub))!;

  /** An SDK call that must fail with this type and message. */
  async function refused(call: Promise<unknown>, type: string, message: string | RegExp): Promise<void> {
    await assert.rejects(call, (e: { name: string; message: string; $metadata: { httpStatusCode: number } }) => {
      assert.equal(e.name, type);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    });
  }

  describe('GetUser', () => {
    it('answers the username and every attribute but developer-only ones, without a signature', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      const out = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.equal(out.Username, user.username);
      const attrs = Object.fromEntries(out.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.deepEqual(attrs, {
        sub: user.sub, given_name: 'Alice', family_name: 'Liddell', email: user.attributes.email, email_verified: 'true',
        'custom:team': 'blue', 'custom:badge': 'b-17',
      });
      assert.equal(out.MFAOptions, undefined);
      assert.equal(out.PreferredMfaSetting, undefined);
      assert.equal(out.UserMFASettingList, undefined);

      // Clients send GetUser unsigned: no Authorization header at all.
      const raw = await rawCall(url, `${TARGET}GetUser`, JSON.stringify({ AccessToken }));
      assert.equal(raw.status, 200);
      assert.equal(raw.body.Username, user.username);
    });

    it('shows only what the app client may read (and sub), and never a value pending verification', async () => {
      const user = await newUser({ pending: { email: 'new@example.com' } });
      const { AccessToken } = await tokensFor(user, limited);
      const out = await cognito.send(new GetUserCommand({ AccessToken }));
      const attrs = Object.fromEntries(out.UserAttributes!.map((a) => [a.Name, a.Value]));
      assert.deepEqual(attrs, { sub: user.sub, email: user.attributes.email, email_verified: 'true', 'custom:team': 'blue' });
    });

    it('answers the MFA settings the user has', async () => {
      const user = await newUser({
        attributes: { sub: '2f0d7c1e-9a3b-4c5d-8e6f-aaaaaaaaaaaa', given_name: 'Bob', phone_number: '+15555550100', phone_number_verified: 'true' },
        sub: '2f0d7c1e-9a3b-4c5d-8e6f-aaaaaaaaaaaa',
        settings: {
          MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
          PreferredMfaSetting: 'SMS_MFA',
          UserMFASettingList: ['SMS_MFA'],
        },
      });
      const { AccessToken } = await tokensFor(user);
      const out = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.deepEqual(out.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
      assert.equal(out.PreferredMfaSetting, 'SMS_MFA');
      assert.deepEqual(out.UserMFASettingList, ['SMS_MFA']);
    });

    it('refuses a request without an access token, with AWS’s validation message', async () => {
      const raw = await rawCall(url, `${TARGET}GetUser`, '{}');
      assert.equal(raw.status, 400);
      assert.equal(raw.body.__type, 'InvalidParameterException');
      assert.match(raw.body.message, /Value null at 'accessToken' failed to satisfy constraint: Member must not be null/);
    });
  });

  describe('access-token errors, the same for all three operations', () => {
    const operations = {
      GetUser: (AccessToken: string) => cognito.send(new GetUserCommand({ AccessToken })),
      DeleteUser: (AccessToken: string) => cognito.send(new DeleteUserCommand({ AccessToken })),
      DeleteUserAttributes: (AccessToken: string) => cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['custom:team'] })),
    };

    for (const [name, call] of Object.entries(operations)) {
      it(`${name}: bad, ID, expired and revoked tokens`, async () => {
        const user = await newUser();
        const t = await tokensFor(user);
        await refused(call('not.a.token'), 'NotAuthorizedException', 'Invalid Access Token');
        await refused(call(t.IdToken), 'NotAuthorizedException', 'Invalid Access Token');
        offset = 3601_000;
        await refused(call(t.AccessToken), 'NotAuthorizedException', 'Access Token has expired');
        offset = 0;
        await app.store.tokens.revokeAllForUser(pool.id, user.sub, Date.now());
        await refused(call(t.AccessToken), 'NotAuthorizedException', 'Access Token has been revoked');
        assert.equal((await stored(user)).attributes['custom:team'], 'blue', 'nothing changed');
      });

      it(`${name}: a disabled user, a deleted user, a deleted app client`, async () => {
        const user = await newUser();
        const { AccessToken } = await tokensFor(user);
        const current = await stored(user);
        await app.store.users.update({ ...current, enabled: false }, userKeys(pool.config, current));
        await refused(call(AccessToken), 'NotAuthorizedException', 'User is disabled.');
        assert.ok(await app.store.users.get(pool.id, user.sub), 'a disabled user cannot delete themself');
        await app.store.users.delete(pool.id, user.sub);
        await refused(call(AccessToken), 'UserNotFoundException', 'User does not exist.');

        const other = await newUser();
        const doomedId = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.id, ClientName: 'doomed' }))).UserPoolClient!.ClientId!;
        const doomed = (await app.store.clients.get(pool.id, doomedId))!;
        const t = await tokensFor(other, doomed);
        await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool.id, ClientId: doomedId }));
        await refused(call(t.AccessToken), 'ResourceNotFoundException', `User pool client ${doomedId} does not exist.`);
        assert.ok(await app.store.users.get(pool.id, other.sub));
      });
    }
  });

  describe('DeleteUser', () => {
    it('deletes the user and revokes every token they hold', async () => {
      const user = await newUser();
      const a = await tokensFor(user);
      const b = await tokensFor(user, limited);
      assert.deepEqual(await cognito.send(new DeleteUserCommand({ AccessToken: a.AccessToken })).then(({ $metadata, ...rest }) => rest), {});
      assert.equal(await app.store.users.get(pool.id, user.sub), undefined);
      assert.equal(await app.store.users.getByAlias(pool.id, 'email', user.attributes.email), undefined, 'the alias is free again');
      for (const t of [a, b]) {
        assert.ok((await app.store.tokens.getRefresh(hashRefreshToken(t.RefreshToken!)))!.revokedAt !== null);
        await refused(cognito.send(new GetUserCommand({ AccessToken: t.AccessToken })), 'NotAuthorizedException', 'Access Token has been revoked');
      }
      // The username can be taken again, by a new user with a new sub.
      const again = await newUser({ username: user.username });
      const { AccessToken } = await tokensFor(again);
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken }))).Username, user.username);
    });

    it('leaves other users alone', async () => {
      const alice = await newUser();
      const bob = await newUser();
      await cognito.send(new DeleteUserCommand({ AccessToken: (await tokensFor(alice)).AccessToken }));
      const { AccessToken } = await tokensFor(bob);
      assert.equal((await cognito.send(new GetUserCommand({ AccessToken }))).Username, bob.username);
    });
  });

  describe('DeleteUserAttributes', () => {
    const remove = (AccessToken: string, ...UserAttributeNames: string[]) => cognito.send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames }));

    it('removes attributes; email takes email_verified, its pending value and its alias with it', async () => {
      const user = await newUser({ pending: { email: 'next@example.com' } });
      const { AccessToken } = await tokensFor(user);
      offset = 5_000;
      const out = await remove(AccessToken, 'email', 'custom:team', 'website');
      offset = 0;
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), []);
      const after = await stored(user);
      assert.deepEqual(after.attributes, { sub: user.sub, given_name: 'Alice', family_name: 'Liddell', 'custom:badge': 'b-17', 'dev:custom:secret': 's3cret' });
      assert.deepEqual(after.pending, {});
      assert.ok(after.lastModifiedAt > user.lastModifiedAt);
      assert.equal(after.version, user.version + 1);
      assert.equal(await app.store.users.getByAlias(pool.id, 'email', user.attributes.email), undefined, 'no longer signs in with the email');
      const got = await cognito.send(new GetUserCommand({ AccessToken }));
      assert.deepEqual(got.UserAttributes!.map((a) => a.Name).sort(), ['custom:badge', 'family_name', 'given_name', 'sub']);
    });

    it('answers success for an attribute the user does not have, and changes nothing', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      await remove(AccessToken, 'nickname', 'nickname');
      assert.deepEqual((await stored(user)).attributes, user.attributes);
    });

    it('refuses attributes the app client may not write: outside the schema, developer-only, sub', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      for (const name of ['custom:nothere', 'dev:custom:secret', 'custom:secret', 'sub']) {
        await refused(remove(AccessToken, name), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
      }
      assert.deepEqual((await stored(user)).attributes, user.attributes);
    });

    it('holds the app client to its WriteAttributes', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user, limited);
      await refused(remove(AccessToken, 'custom:team', 'email'), 'NotAuthorizedException', 'A client attempted to write unauthorized attribute');
      assert.equal((await stored(user)).attributes['custom:team'], 'blue', 'all or nothing');
      await remove(AccessToken, 'custom:team', 'family_name');
      const after = await stored(user);
      assert.equal(after.attributes['custom:team'], undefined);
      assert.equal(after.attributes.family_name, undefined);
    });

    it('refuses required, immutable and verified-flag attributes, changing nothing', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      await refused(remove(AccessToken, 'custom:team', 'given_name'), 'InvalidParameterException', 'Attributes did not conform to the schema: given_name: The attribute is required');
      await refused(remove(AccessToken, 'custom:badge'), 'InvalidParameterException', /^Attributes did not conform to the schema: custom:badge: Attribute cannot be updated/);
      await refused(remove(AccessToken, 'email_verified'), 'InvalidParameterException', /email_verified/);
      assert.deepEqual((await stored(user)).attributes, user.attributes);
    });

    it('refuses an unconfirmed user and one who must reset their password', async () => {
      const unconfirmed = await newUser({ status: 'UNCONFIRMED' });
      await refused(remove((await tokensFor(unconfirmed)).AccessToken, 'custom:team'), 'UserNotConfirmedException', 'User is not confirmed.');
      const reset = await newUser({ status: 'RESET_REQUIRED' });
      await refused(remove((await tokensFor(reset)).AccessToken, 'custom:team'), 'PasswordResetRequiredException', 'Password reset required for the user');
      assert.equal((await stored(reset)).attributes['custom:team'], 'blue');
    });

    it('checks the names against the model first', async () => {
      const user = await newUser();
      const { AccessToken } = await tokensFor(user);
      const raw = await rawCall(url, `${TARGET}DeleteUserAttributes`, JSON.stringify({ AccessToken, UserAttributeNames: ['x'.repeat(33)] }));
      assert.equal(raw.status, 400);
      assert.equal(raw.body.__type, 'InvalidParameterException');
      assert.match(raw.body.message, /^1 validation error detected: .*userAttributeNames/);
    });
  });
});
