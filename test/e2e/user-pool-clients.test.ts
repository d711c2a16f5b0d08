import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from './harness.ts';

describe('app clients through the AWS SDK for JavaScript v3', () => {
  let server: Server;
  let cognito: CognitoIdentityProviderClient;
  let poolId: string;
  before(async () => {
    server = await startServer();
    cognito = sdkClient(server.url);
    poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'clients', Schema: [{ Name: 'tenant', AttributeDataType: 'String' }] }))).UserPool!.Id!;
  });
  after(() => server.stop());

  it('creates a client with AWS defaults', async () => {
    const c = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }))).UserPoolClient!;
    assert.match(c.ClientId!, /^[a-z0-9]{26}$/);
    assert.equal(c.UserPoolId, poolId);
    assert.equal(c.ClientName, 'web');
    assert.equal(c.ClientSecret, undefined);
    assert.equal(c.RefreshTokenValidity, 30);
    assert.deepEqual(c.TokenValidityUnits, {});
    assert.equal(c.AllowedOAuthFlowsUserPoolClient, false);
    assert.equal(c.EnableTokenRevocation, true);
    assert.equal(c.EnablePropagateAdditionalUserContextData, false);
    assert.equal(c.AuthSessionValidity, 3);
    assert.ok(c.CreationDate instanceof Date);
    assert.deepEqual((await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId }))).UserPoolClient, c);
  });

  it('generates a secret and returns every member it is given', async () => {
    const input = {
      UserPoolId: poolId,
      ClientName: 'server',
      GenerateSecret: true,
      AccessTokenValidity: 30,
      IdTokenValidity: 30,
      RefreshTokenValidity: 7,
      TokenValidityUnits: { AccessToken: 'minutes' as const, IdToken: 'minutes' as const, RefreshToken: 'days' as const },
      ReadAttributes: ['email', 'email_verified', 'custom:tenant'],
      WriteAttributes: ['email', 'custom:tenant'],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH' as const, 'ALLOW_USER_PASSWORD_AUTH' as const, 'ALLOW_REFRESH_TOKEN_AUTH' as const],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://app.example.com/callback'],
      LogoutURLs: ['https://app.example.com/logout'],
      DefaultRedirectURI: 'https://app.example.com/callback',
      AllowedOAuthFlows: ['code' as const],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
      PreventUserExistenceErrors: 'ENABLED' as const,
      EnableTokenRevocation: false,
      AuthSessionValidity: 10,
    };
    const c = (await cognito.send(new CreateUserPoolClientCommand(input))).UserPoolClient!;
    assert.match(c.ClientSecret!, /^[a-z0-9]{51}$/);
    const { UserPoolId, GenerateSecret, ...expected } = input;
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(c[k as keyof typeof c], v, k);
    const described = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId }))).UserPoolClient!;
    assert.equal(described.ClientSecret, c.ClientSecret);
  });

  it('replaces, not merges, on UpdateUserPoolClient and keeps the secret', async () => {
    const c = (await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'to-update', GenerateSecret: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'], AccessTokenValidity: 2,
    }))).UserPoolClient!;
    const u = (await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId, EnableTokenRevocation: false }))).UserPoolClient!;
    assert.equal(u.ClientName, 'to-update');
    assert.equal(u.ClientSecret, c.ClientSecret);
    assert.equal(u.ExplicitAuthFlows, undefined);
    assert.equal(u.AccessTokenValidity, undefined);
    assert.equal(u.EnableTokenRevocation, false);
    assert.deepEqual(u.CreationDate, c.CreationDate);
    const renamed = (await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId, ClientName: 'renamed' }))).UserPoolClient!;
    assert.equal(renamed.ClientName, 'renamed');
    assert.equal(renamed.EnableTokenRevocation, true);
  });

  it('refuses invalid settings as AWS does', async () => {
    const cases: [object, string][] = [
      [{ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } }, 'Invalid range for token validity.'],
      [{ RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'minutes' } }, 'Invalid range for token validity.'],
      [{ ReadAttributes: ['custom:nope'] }, 'Invalid read attributes specified while creating a client'],
      [{ WriteAttributes: ['sub'] }, 'Invalid write attributes specified while creating a client'],
      [{ ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'] }, 'Explicit auth flows can be either legacy, or new; but not both.'],
    ];
    for (const [extra, message] of cases) {
      await assert.rejects(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bad', ...extra })), { name: 'InvalidParameterException', message }, message);
    }
    await assert.rejects(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bad', ExplicitAuthFlows: ['NOPE' as never] })), {
      name: 'InvalidParameterException',
      message: /^1 validation error detected: Value '\[NOPE\]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[/,
    });
  });

  it('answers ResourceNotFoundException for an unknown pool or client', async () => {
    await assert.rejects(cognito.send(new CreateUserPoolClientCommand({ UserPoolId: 'us-east-1_nothere00', ClientName: 'x' })), {
      name: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.',
    });
    for (const cmd of [
      new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nothere' }),
      new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nothere' }),
      new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nothere' }),
    ]) {
      await assert.rejects(cognito.send(cmd as never), { name: 'ResourceNotFoundException', message: 'User pool client nothere does not exist.' });
    }
  });

  it('lists, deletes, and removes clients with their pool', async () => {
    const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'listing' }))).UserPool!.Id!;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: `c${i}` }))).UserPoolClient!.ClientId!);
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const res = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pool, MaxResults: 2, NextToken }));
      for (const c of res.UserPoolClients!) {
        assert.equal(c.UserPoolId, pool);
        seen.push(c.ClientId!);
      }
      NextToken = res.NextToken;
    } while (NextToken);
    assert.deepEqual(seen, ids);
    await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: pool, ClientId: ids[0] }));
    const rest = (await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pool }))).UserPoolClients!.map((c) => c.ClientId);
    assert.deepEqual(rest, ids.slice(1));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool }));
    await assert.rejects(cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: ids[1] })), { name: 'ResourceNotFoundException' });
  });
});
