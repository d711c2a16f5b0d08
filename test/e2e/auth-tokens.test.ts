/**
 * Refresh and revocation through the AWS SDK: REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken with and
 * without rotation, GlobalSignOut, AdminUserGlobalSignOut and RevokeToken, and revoked or expired
 * tokens refused with Cognito's messages.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const PASSWORD = 'Corr3ct-horse';

describe('refresh and revocation', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
    client = await createClient(tb, pool);
    for (const username of ['alice', 'bob', 'carol']) await createTestUser(tb, pool, { username, password: PASSWORD });
  });
  after(() => tb.close());

  const signIn = async (username = 'alice', clientId = client.clientId, params: Record<string, string> = {}) =>
    (await tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD, ...params } }))).AuthenticationResult!;
  const refresh = (token: string, clientId = client.clientId, params: Record<string, string> = {}) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: token, ...params } }));
  const signOutProbe = (accessToken: string) => tb.cognito.send(new GlobalSignOutCommand({ AccessToken: accessToken }));

  it('REFRESH_TOKEN_AUTH: new access and ID tokens, same origin_jti and auth_time, no new refresh token', async () => {
    const first = await signIn();
    const out = await refresh(first.RefreshToken!);
    const r = out.AuthenticationResult!;
    assert.equal(r.RefreshToken, undefined);
    assert.ok(r.AccessToken && r.IdToken);
    const [a, b] = [claimsOf(first.AccessToken!), claimsOf(r.AccessToken!)];
    assert.equal(b.origin_jti, a.origin_jti);
    assert.equal(b.auth_time, a.auth_time);
    assert.notEqual(b.jti, a.jti);
    // REFRESH_TOKEN is the same flow; AdminInitiateAuth takes it too.
    const admin = await tb.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'REFRESH_TOKEN', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }));
    assert.equal(claimsOf(admin.AuthenticationResult!.IdToken!).origin_jti, a.origin_jti);
  });

  it('refuses unknown, other clients\' and expired refresh tokens', async () => {
    const first = await signIn();
    await rejectsWith(refresh('bm90LWEtdG9rZW4'), 'NotAuthorizedException', 'Invalid Refresh Token');
    const other = await createClient(tb, pool);
    await rejectsWith(refresh(first.RefreshToken!, other.clientId), 'NotAuthorizedException', 'Invalid Refresh Token');
    tb.clock.offset = 31 * 86_400_000;
    try {
      await rejectsWith(refresh(first.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has expired');
      await rejectsWith(signOutProbe(first.AccessToken!), 'NotAuthorizedException', 'Access Token has expired');
    } finally {
      tb.clock.offset = 0;
    }
  });

  it('takes SECRET_HASH over the username or the sub when refreshing for a client with a secret', async () => {
    const secret = await createClient(tb, pool, { GenerateSecret: true });
    const hash = (name: string) => createHmac('sha256', secret.secret!).update(name + secret.clientId).digest('base64');
    const first = await signIn('alice', secret.clientId, { SECRET_HASH: hash('alice') });
    const sub = claimsOf(first.AccessToken!).sub as string;
    await rejectsWith(refresh(first.RefreshToken!, secret.clientId), 'NotAuthorizedException', `Client ${secret.clientId} is configured for secret but secret was not received`);
    assert.ok((await refresh(first.RefreshToken!, secret.clientId, { SECRET_HASH: hash('alice') })).AuthenticationResult);
    assert.ok((await refresh(first.RefreshToken!, secret.clientId, { SECRET_HASH: hash(sub) })).AuthenticationResult);
    // GetTokensFromRefreshToken takes the secret itself.
    await rejectsWith(tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, RefreshToken: first.RefreshToken! })), 'NotAuthorizedException');
    const out = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: secret.clientId, ClientSecret: secret.secret!, RefreshToken: first.RefreshToken! }));
    assert.ok(out.AuthenticationResult?.AccessToken);
  });

  it('GetTokensFromRefreshToken rotates the refresh token when the client enables rotation', async () => {
    const plain = await signIn();
    const same = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: client.clientId, RefreshToken: plain.RefreshToken! }));
    assert.equal(same.AuthenticationResult!.RefreshToken, undefined);

    const rotating = await createClient(tb, pool, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } });
    const first = await signIn('alice', rotating.clientId);
    tb.clock.frozenAt = Date.now();
    try {
      const out = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: first.RefreshToken! }));
      const second = out.AuthenticationResult!;
      assert.ok(second.RefreshToken && second.RefreshToken !== first.RefreshToken);
      // Within the grace period the old token still works; after it, it is refused.
      tb.clock.offset = 9_000;
      assert.ok((await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: first.RefreshToken! }))).AuthenticationResult);
      tb.clock.offset = 10_000;
      await rejectsWith(tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: first.RefreshToken! })), 'NotAuthorizedException', 'Refresh Token has been revoked');
      const third = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: rotating.clientId, RefreshToken: second.RefreshToken! }));
      assert.ok(third.AuthenticationResult!.RefreshToken);
    } finally {
      tb.clock.offset = 0;
      tb.clock.frozenAt = undefined;
    }
  });

  it('GlobalSignOut ends every token of the user, and only of that user', async () => {
    const a = await signIn('bob');
    const b = await signIn('bob');
    const other = await signIn('alice');
    await tb.cognito.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken! }));
    await rejectsWith(signOutProbe(b.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejectsWith(refresh(b.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(refresh(a.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    assert.ok((await refresh(other.RefreshToken!)).AuthenticationResult, "another user's session is untouched");
    // Signing in again works.
    await signOutProbe((await signIn('bob')).AccessToken!);
  });

  it('AdminUserGlobalSignOut does the same for an administrator', async () => {
    const t = await signIn('carol');
    await tb.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.id, Username: 'carol' }));
    await rejectsWith(signOutProbe(t.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejectsWith(refresh(t.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(tb.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool.id, Username: 'nobody' })), 'UserNotFoundException', 'User does not exist.');
  });

  it('RevokeToken ends one refresh token and the tokens issued with it', async () => {
    const a = await signIn();
    const b = await signIn();
    const refreshed = (await refresh(a.RefreshToken!)).AuthenticationResult!;
    await tb.cognito.send(new RevokeTokenCommand({ ClientId: client.clientId, Token: a.RefreshToken! }));
    await rejectsWith(refresh(a.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(signOutProbe(a.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejectsWith(signOutProbe(refreshed.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    assert.ok((await refresh(b.RefreshToken!)).AuthenticationResult, 'the other session lives on');
    // Unknown or already revoked tokens answer success (RFC 7009); access tokens cannot be revoked.
    await tb.cognito.send(new RevokeTokenCommand({ ClientId: client.clientId, Token: a.RefreshToken! }));
    await rejectsWith(tb.cognito.send(new RevokeTokenCommand({ ClientId: client.clientId, Token: b.AccessToken! })), 'UnsupportedTokenTypeException');
  });

  it('RevokeToken needs revocation enabled, the client secret, and the token\'s own client', async () => {
    const t = await signIn();
    const off = await createClient(tb, pool, { EnableTokenRevocation: false });
    await rejectsWith(tb.cognito.send(new RevokeTokenCommand({ ClientId: off.clientId, Token: t.RefreshToken! })), 'UnsupportedOperationException');
    const secret = await createClient(tb, pool, { GenerateSecret: true });
    await rejectsWith(tb.cognito.send(new RevokeTokenCommand({ ClientId: secret.clientId, Token: t.RefreshToken! })), 'UnauthorizedException');
    // Another client's token: nothing is revoked.
    await tb.cognito.send(new RevokeTokenCommand({ ClientId: secret.clientId, ClientSecret: secret.secret!, Token: t.RefreshToken! }));
    assert.ok((await refresh(t.RefreshToken!)).AuthenticationResult);
  });
});
