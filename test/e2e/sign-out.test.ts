/**
 * Issue 18, finding 4: GlobalSignOut revoked only refresh-token rows not yet rotated, so a rotated
 * token in its grace period went on working, and an access token whose refresh token's row had been
 * purged could not be revoked at all. Now a sign-out is a time kept with the user, and every token
 * issued before it is refused whatever the state of its row (AWS: GlobalSignOut "invalidates the
 * identity, access and refresh tokens that Amazon Cognito has issued to a user"; the refusals are
 * NotAuthorizedException "Access Token has been revoked" and "Refresh Token has been revoked").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { purgeExpired } from '../../src/storage/purge.ts';
import { claimsOf, createClient, createPool, createTestUser, fnArn, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

describe('sign-out refuses every earlier token (issue 18)', () => {
  let tb: Testbed;
  let pool: PoolRecord;

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
  });
  after(() => tb.close());

  const signIn = async (client: ClientRecord, username: string) =>
    (await tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }))).AuthenticationResult!;
  const getUser = (AccessToken: string) => tb.cognito.send(new GetUserCommand({ AccessToken }));

  it('refuses a rotated refresh token still in its grace period, and the tokens issued with it', async () => {
    const client = await createClient(tb, pool, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 } });
    await createTestUser(tb, pool, { username: 'rotating', password: 'Passw0rd!' });
    const first = await signIn(client, 'rotating');
    const refresh = async (RefreshToken: string) =>
      (await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken }))).AuthenticationResult!;
    const second = await refresh(first.RefreshToken!);
    assert.ok((await refresh(first.RefreshToken!)).AccessToken, 'the rotated token works within its grace period');
    await tb.cognito.send(new GlobalSignOutCommand({ AccessToken: second.AccessToken! }));
    await rejectsWith(refresh(first.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(refresh(second.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    for (const t of [first.AccessToken!, second.AccessToken!]) await rejectsWith(getUser(t), 'NotAuthorizedException', 'Access Token has been revoked');
  });

  it('refuses an access token whose refresh token row was purged', async () => {
    // Both for an hour: an access token refreshed at minute 59 outlives its refresh token's row by 59 minutes.
    const client = await createClient(tb, pool, { AccessTokenValidity: 60, RefreshTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes', RefreshToken: 'minutes' } });
    await createTestUser(tb, pool, { username: 'purged', password: 'Passw0rd!' });
    const { RefreshToken } = await signIn(client, 'purged');
    const shift = (ms: number) => (tb.clock.offset += ms);
    try {
      shift(59 * 60_000);
      const { AccessToken } = (await tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: client.clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken! } }))).AuthenticationResult!;
      shift(2 * 60_000);
      const removed = await purgeExpired(tb.app.store, tb.app.deps.clock.now());
      assert.ok(removed.tokens >= 1, 'the refresh token row is gone');
      assert.equal((await getUser(AccessToken!)).Username, 'purged', 'the access token still works');
      await tb.cognito.send(new GlobalSignOutCommand({ AccessToken }));
      await rejectsWith(getUser(AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    } finally {
      shift(-61 * 60_000);
    }
  });

  it('accepts a token issued just after the sign-out (iat has whole seconds; the jti the millisecond)', async () => {
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'quick', password: 'Passw0rd!' });
    tb.clock.frozenAt = Date.now();
    try {
      const before = await signIn(client, 'quick');
      tb.clock.offset += 1;
      await tb.cognito.send(new GlobalSignOutCommand({ AccessToken: before.AccessToken! }));
      tb.clock.offset += 1;
      const afterwards = await signIn(client, 'quick');
      assert.equal(claimsOf(before.AccessToken!).iat, claimsOf(afterwards.AccessToken!).iat, 'issued in the same second');
      await rejectsWith(getUser(before.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
      assert.equal((await getUser(afterwards.AccessToken!)).Username, 'quick');
      assert.match(String(claimsOf(afterwards.AccessToken!).jti), /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a version-7 UUID');
    } finally {
      tb.clock.offset -= 2;
      delete tb.clock.frozenAt;
    }
  });

  it('AdminUserGlobalSignOut and AdminDisableUser refuse earlier tokens, also once the user is enabled again', async () => {
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'admin-ended', password: 'Passw0rd!' });
    const a = await signIn(client, 'admin-ended');
    await tb.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.id, Username: 'admin-ended' }));
    await rejectsWith(getUser(a.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    await new Promise((r) => setTimeout(r, 2));
    const b = await signIn(client, 'admin-ended');
    await tb.cognito.send(new AdminDisableUserCommand({ UserPoolId: pool.id, Username: 'admin-ended' }));
    await tb.cognito.send(new AdminEnableUserCommand({ UserPoolId: pool.id, Username: 'admin-ended' }));
    await rejectsWith(getUser(b.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    await new Promise((r) => setTimeout(r, 2));
    assert.equal((await getUser((await signIn(client, 'admin-ended')).AccessToken!)).Username, 'admin-ended');
  });
});

describe('a sign-out while a refresh is being made (issue 18 review)', () => {
  let tb: Testbed;
  before(async () => {
    tb = await startTestbed({ slow: 'export const handler = async (event) => { await new Promise((r) => setTimeout(r, 400)); return event; };' });
  });
  after(() => tb.close());

  it('wins: the refresh yields nothing usable, whether its refresh token rotates or not', async () => {
    const pool = await createPool(tb, { LambdaConfig: { PreTokenGeneration: fnArn('slow') } });
    for (const rotation of [true, false]) {
      const client = await createClient(tb, pool, rotation ? { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 60 } } : {});
      const username = `racing-${rotation}`;
      await createTestUser(tb, pool, { username, password: 'Passw0rd!' });
      const signedIn = (await tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' } }))).AuthenticationResult!;
      const refreshing = tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: signedIn.RefreshToken! }));
      await new Promise((r) => setTimeout(r, 150));
      await tb.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.id, Username: username }));
      await rejectsWith(refreshing, 'NotAuthorizedException', 'Refresh Token has been revoked');
    }
  });
});
