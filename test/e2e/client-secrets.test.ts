/**
 * An app client's secrets through the AWS SDK for JavaScript v3: AddUserPoolClientSecret,
 * ListUserPoolClientSecrets, DeleteUserPoolClientSecret, and every place a secret is checked taking
 * either of the two. AWS's documented rules, held here
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html,
 * API_ListUserPoolClientSecrets.html, API_DeleteUserPoolClientSecret.html, API_ClientSecretDescriptorType.html):
 * - up to 2 active secrets per confidential client; ClientSecret is given (24-64 of [\w+]) or generated;
 * - ClientSecretValue is answered only when Cognito generated it, and never by the listing;
 * - ClientSecretId is `<client-id>--<epoch-create-time>`;
 * - the last remaining secret cannot be deleted; the errors are LimitExceededException and
 *   InvalidParameterException (their wording is not published: Cognate's).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AddUserPoolClientSecretCommand,
  CreateResourceServerCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  ListUserPoolClientSecretsCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { ClientRecord } from '../../src/domain/client.ts';
import { createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const PASSWORD = 'Passw0rd!long';

describe('app client secrets', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb);
    await createTestUser(tb, pool, { username: 'alice', password: PASSWORD });
  });
  after(() => tb.close());

  const list = async (c: ClientRecord) => (await tb.cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.id, ClientId: c.clientId }))).ClientSecrets!;
  const add = (c: ClientRecord, ClientSecret?: string) => tb.cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool.id, ClientId: c.clientId, ClientSecret }));
  const del = (c: ClientRecord, ClientSecretId: string) => tb.cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: pool.id, ClientId: c.clientId, ClientSecretId }));
  const described = async (c: ClientRecord) => (await tb.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.id, ClientId: c.clientId }))).UserPoolClient!;
  const hash = (secret: string, c: ClientRecord) => createHmac('sha256', secret).update('alice' + c.clientId).digest('base64');
  const signIn = (c: ClientRecord, secret: string) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: c.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD, SECRET_HASH: hash(secret, c) } }));

  it('lists the secret a client was made with, by id and date and without its value', async () => {
    const c = await createClient(tb, pool, { GenerateSecret: true });
    const secrets = await list(c);
    assert.equal(secrets.length, 1);
    assert.equal(secrets[0].ClientSecretId, `${c.clientId}--${c.createdAt}`);
    assert.equal(secrets[0].ClientSecretValue, undefined);
    assert.equal(secrets[0].ClientSecretCreateDate!.getTime(), c.createdAt);
  });

  it('adds a second secret (shown once, when generated); either one signs in; a third is refused', async () => {
    const c = await createClient(tb, pool, { GenerateSecret: true });
    const added = (await add(c)).ClientSecretDescriptor!;
    assert.match(added.ClientSecretValue!, /^[a-z0-9]{51}$/);
    assert.match(added.ClientSecretId!, new RegExp(`^${c.clientId}--\\d+$`));
    const secrets = await list(c);
    assert.deepEqual(secrets.map((s) => s.ClientSecretId), [`${c.clientId}--${c.createdAt}`, added.ClientSecretId]);
    assert.ok(secrets.every((s) => s.ClientSecretValue === undefined), 'the listing never shows a value');
    // DescribeUserPoolClient goes on answering the first secret.
    assert.equal((await described(c)).ClientSecret, c.secret);
    assert.ok((await signIn(c, c.secret!)).AuthenticationResult);
    assert.ok((await signIn(c, added.ClientSecretValue!)).AuthenticationResult);
    await rejectsWith(signIn(c, 'x'.repeat(51)), 'NotAuthorizedException', `Unable to verify secret hash for client ${c.clientId}`);
    await rejectsWith(add(c), 'LimitExceededException', 'An app client can have at most 2 client secrets.');
    assert.equal((await list(c)).length, 2);
  });

  it('takes a secret given, without answering it back, and refuses one outside the model\'s pattern', async () => {
    const c = await createClient(tb, pool, { GenerateSecret: true });
    const mine = 'my_own_secret_of_24_chars+plus';
    const added = (await add(c, mine)).ClientSecretDescriptor!;
    assert.equal(added.ClientSecretValue, undefined);
    assert.ok((await signIn(c, mine)).AuthenticationResult);
    const other = await createClient(tb, pool, { GenerateSecret: true });
    await rejectsWith(add(other, 'too-short'), 'InvalidParameterException', /clientSecret/);
    await rejectsWith(add(other, 'has spaces in it, which are not allowed'), 'InvalidParameterException', /clientSecret/);
  });

  it('deletes the old secret after a rotation: the new one works, the old one no longer does, and is what Describe answers', async () => {
    const c = await createClient(tb, pool, { GenerateSecret: true });
    const newer = (await add(c)).ClientSecretDescriptor!;
    await del(c, `${c.clientId}--${c.createdAt}`);
    assert.deepEqual((await list(c)).map((s) => s.ClientSecretId), [newer.ClientSecretId]);
    assert.equal((await described(c)).ClientSecret, newer.ClientSecretValue);
    assert.ok((await signIn(c, newer.ClientSecretValue!)).AuthenticationResult);
    await rejectsWith(signIn(c, c.secret!), 'NotAuthorizedException', `Unable to verify secret hash for client ${c.clientId}`);
    await rejectsWith(del(c, newer.ClientSecretId!), 'InvalidParameterException', 'The last client secret of an app client cannot be deleted.');
    await rejectsWith(del(c, `${c.clientId}--1`), 'ResourceNotFoundException', `Client secret ${c.clientId}--1 does not exist.`);
    // Room for another again.
    assert.ok((await add(c)).ClientSecretDescriptor?.ClientSecretValue);
  });

  it('refuses a secret for a public client, and a client of another pool', async () => {
    const pub = await createClient(tb, pool);
    await rejectsWith(add(pub), 'InvalidParameterException', /has no client secret/);
    assert.deepEqual(await list(pub), []);
    const elsewhere = await createPool(tb);
    const theirs = await createClient(tb, elsewhere, { GenerateSecret: true });
    await rejectsWith(tb.cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool.id, ClientId: theirs.clientId })), 'ResourceNotFoundException', `User pool client ${theirs.clientId} does not exist.`);
    await rejectsWith(tb.cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.id, ClientId: theirs.clientId })), 'ResourceNotFoundException');
  });

  it('GetTokensFromRefreshToken and RevokeToken take either secret', async () => {
    const c = await createClient(tb, pool, { GenerateSecret: true });
    const second = (await add(c)).ClientSecretDescriptor!.ClientSecretValue!;
    const tokens = (await signIn(c, second)).AuthenticationResult!;
    for (const secret of [c.secret!, second]) {
      const out = await tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.clientId, ClientSecret: secret, RefreshToken: tokens.RefreshToken! }));
      assert.ok(out.AuthenticationResult?.AccessToken);
    }
    await rejectsWith(
      tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.clientId, ClientSecret: 'n'.repeat(51), RefreshToken: tokens.RefreshToken! })),
      'NotAuthorizedException',
    );
    await rejectsWith(tb.cognito.send(new RevokeTokenCommand({ ClientId: c.clientId, ClientSecret: 'n'.repeat(51), Token: tokens.RefreshToken! })), 'UnauthorizedException', 'Invalid client credentials.');
    await tb.cognito.send(new RevokeTokenCommand({ ClientId: c.clientId, ClientSecret: second, Token: tokens.RefreshToken! }));
    await rejectsWith(
      tb.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: c.clientId, ClientSecret: second, RefreshToken: tokens.RefreshToken! })),
      'NotAuthorizedException',
    );
  });

  it('the OAuth token endpoint authenticates the client with either secret, and not with one deleted', async () => {
    await tb.cognito.send(new CreateResourceServerCommand({ UserPoolId: pool.id, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }));
    const m2m = await createClient(tb, pool, { GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read'] });
    const token = async (secret: string, how: 'basic' | 'post') => {
      const form = new URLSearchParams({ grant_type: 'client_credentials', ...(how === 'post' ? { client_id: m2m.clientId, client_secret: secret } : {}) });
      const res = await fetch(`${tb.url}/oauth2/token`, {
        method: 'POST', body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(how === 'basic' ? { authorization: `Basic ${Buffer.from(`${m2m.clientId}:${secret}`).toString('base64')}` } : {}) },
      });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const second = (await add(m2m)).ClientSecretDescriptor!.ClientSecretValue!;
    for (const secret of [m2m.secret!, second]) {
      assert.equal((await token(secret, 'basic')).status, 200);
      assert.equal((await token(secret, 'post')).status, 200);
    }
    assert.deepEqual([(await token('w'.repeat(51), 'basic')).body.error], ['invalid_client']);
    await del(m2m, `${m2m.clientId}--${m2m.createdAt}`);
    assert.deepEqual([(await token(m2m.secret!, 'post')).body.error], ['invalid_client']);
    assert.equal((await token(second, 'post')).status, 200);
  });
});
