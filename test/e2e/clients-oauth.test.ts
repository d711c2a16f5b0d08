import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  UpdateUserPoolClientCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from './harness.ts';

const WEB = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code' as const],
  AllowedOAuthScopes: ['openid'],
  CallbackURLs: ['https://app.example.com/cb'],
};
const M2M = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials' as const], AllowedOAuthScopes: ['orders/read'] };

describe('app clients\' OAuth members through the AWS SDK for JavaScript v3', () => {
  let server: Server;
  let cognito: CognitoIdentityProviderClient;
  let poolId: string;
  const create = (extra: Partial<CreateUserPoolClientRequest>) =>
    cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'oauth', ...extra }));
  before(async () => {
    server = await startServer();
    cognito = sdkClient(server.url);
    poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'oauth-clients' }))).UserPool!.Id!;
    // The resource servers whose scopes the clients name.
    for (const Identifier of ['orders', 'https://api.example.com']) {
      await cognito.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier, Name: Identifier.replace(/[^\w]/g, '-'), Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] }));
    }
  });
  after(() => server.stop());

  it('stores and describes a code-flow client as given', async () => {
    const input = {
      ...WEB,
      AllowedOAuthFlows: ['code' as const, 'implicit' as const],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin', 'https://api.example.com/read'],
      CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'http://127.0.0.1:8080/cb', 'myapp://signed-in'],
      LogoutURLs: ['https://app.example.com/bye', 'http://localhost:3000/bye'],
      DefaultRedirectURI: 'http://localhost:3000/cb',
      SupportedIdentityProviders: ['COGNITO'],
      AccessTokenValidity: 5,
      IdTokenValidity: 24,
      RefreshTokenValidity: 3650,
      TokenValidityUnits: { AccessToken: 'minutes' as const, IdToken: 'hours' as const, RefreshToken: 'days' as const },
    };
    const c = (await create(input)).UserPoolClient!;
    for (const [k, v] of Object.entries(input)) assert.deepEqual(c[k as keyof typeof c], v, k);
    assert.deepEqual((await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: c.ClientId }))).UserPoolClient, c);
  });

  it('gives a machine-to-machine client with a secret client_credentials and resource-server scopes only', async () => {
    const c = (await create({ ...M2M, GenerateSecret: true })).UserPoolClient!;
    assert.deepEqual(c.AllowedOAuthFlows, ['client_credentials']);
    assert.deepEqual(c.AllowedOAuthScopes, ['orders/read']);
  });

  it('refuses OAuth settings AWS refuses, in its words', async () => {
    const cases: [Partial<CreateUserPoolClientRequest>, string, string | RegExp][] = [
      // Terraform provider acceptance test, quoting AWS: https://github.com/hashicorp/terraform-provider-aws (internal/service/cognitoidp/managed_user_pool_client_test.go)
      [{ AllowedOAuthFlowsUserPoolClient: true }, 'InvalidParameterException', 'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.'],
      [{ AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid'], CallbackURLs: WEB.CallbackURLs }, 'InvalidParameterException', 'AllowedOAuthFlowsUserPoolClient must be true to set AllowedOAuthFlows or AllowedOAuthScopes.'],
      // Same source, and https://github.com/cisagov/crossfeed/pull/440 ("InvalidOAuthFlowException: CallbackUrls can not be empty ...")
      [{ ...WEB, CallbackURLs: undefined }, 'InvalidOAuthFlowException', 'CallbackUrls can not be empty when code flow or implicit flow is selected'],
      [{ ...WEB, AllowedOAuthFlows: ['implicit'], CallbackURLs: [] }, 'InvalidOAuthFlowException', 'CallbackUrls can not be empty when code flow or implicit flow is selected'],
      // AWS CLI transcript: "client_credentials flow can not be selected along with code flow or implicit flow"
      [{ ...WEB, GenerateSecret: true, AllowedOAuthFlows: ['client_credentials', 'code'], AllowedOAuthScopes: ['orders/read'] }, 'InvalidOAuthFlowException', 'client_credentials flow can not be selected along with code flow or implicit flow.'],
      // Terraform users quoting AWS: "InvalidOAuthFlowException: client_credentials flow can not be selected if client does not have a client secret."
      [{ ...M2M }, 'InvalidOAuthFlowException', 'client_credentials flow can not be selected if client does not have a client secret.'],
      // AWS CLI transcript: "openid is not supported with client_credentials flow"
      [{ ...M2M, GenerateSecret: true, AllowedOAuthScopes: ['orders/read', 'openid'] }, 'InvalidOAuthFlowException', 'openid is not supported with client_credentials flow'],
      [{ ...M2M, GenerateSecret: true, AllowedOAuthScopes: ['email'] }, 'InvalidOAuthFlowException', 'email is not supported with client_credentials flow'],
      // A scope neither Cognito's nor identifier/name cannot name a resource server's scope.
      [{ ...WEB, AllowedOAuthScopes: ['openid', 'admin'] }, 'ScopeDoesNotExistException', 'Scope admin does not exist.'],
      // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html: a redirect URI is absolute,
      // has no fragment, and is https except http://localhost (the loopback IP since 2025: https://github.com/microsoft/vscode/issues/256122)
      [{ ...WEB, CallbackURLs: ['http://app.example.com/cb'] }, 'InvalidParameterException', /^CallbackURLs http:\/\/app\.example\.com\/cb is not valid/],
      [{ ...WEB, CallbackURLs: ['https://app.example.com/cb#x'] }, 'InvalidParameterException', /^CallbackURLs https:\/\/app\.example\.com\/cb#x is not valid/],
      [{ ...WEB, CallbackURLs: ['/cb'] }, 'InvalidParameterException', /^CallbackURLs \/cb is not valid/],
      [{ ...WEB, LogoutURLs: ['http://evil.example.com/'] }, 'InvalidParameterException', /^LogoutURLs http:\/\/evil\.example\.com\/ is not valid/],
      [{ ...WEB, DefaultRedirectURI: 'https://other.example.com/cb' }, 'InvalidParameterException', 'DefaultRedirectURI must be one of the CallbackURLs.'],
      [{ DefaultRedirectURI: 'https://other.example.com/cb' }, 'InvalidParameterException', 'DefaultRedirectURI must be one of the CallbackURLs.'],
      // CDK and Terraform users quote AWS: "The provider Google does not exist for User Pool us-east-1_XXXXXXXXX"
      [{ ...WEB, SupportedIdentityProviders: ['COGNITO', 'Google'] }, 'InvalidParameterException', `The provider Google does not exist for User Pool ${'POOL'}`],
    ];
    for (const [extra, name, message] of cases) {
      const expected = typeof message === 'string' ? message.replace('POOL', poolId) : message;
      await assert.rejects(create(extra), { name, message: expected }, JSON.stringify(extra));
    }
  });

  it('checks token validities and AuthSessionValidity ranges', async () => {
    // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html:
    // access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 10 years; AuthSessionValidity 3 to 15 minutes (botocore model).
    for (const extra of [
      { AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' as const } },
      { IdTokenValidity: 25 },
      { RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: 'minutes' as const } },
      { RefreshTokenValidity: 3651 },
    ]) {
      await assert.rejects(create(extra), { name: 'InvalidParameterException', message: 'Invalid range for token validity.' }, JSON.stringify(extra));
    }
    await assert.rejects(create({ AuthSessionValidity: 16 }), { name: 'InvalidParameterException', message: /authSessionValidity/ });
    await assert.rejects(create({ AuthSessionValidity: 2 }), { name: 'InvalidParameterException', message: /authSessionValidity/ });
  });

  it('refuses a scope no resource server of the pool defines, and a provider the pool does not have', async () => {
    await assert.rejects(create({ ...M2M, GenerateSecret: true, AllowedOAuthScopes: ['orders/write'] }), { name: 'ScopeDoesNotExistException', message: 'Scope orders/write does not exist.' });
    await assert.rejects(create({ ...M2M, GenerateSecret: true, AllowedOAuthScopes: ['billing/read'] }), { name: 'ScopeDoesNotExistException' });
    await assert.rejects(create({ SupportedIdentityProviders: ['COGNITO', 'Google'] }), { name: 'InvalidParameterException', message: `The provider Google does not exist for User Pool ${poolId}` });
  });

  it('checks UpdateUserPoolClient against the client\'s existing secret', async () => {
    const plain = (await create({ ClientName: 'plain' })).UserPoolClient!;
    await assert.rejects(cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: plain.ClientId, ...M2M })), {
      name: 'InvalidOAuthFlowException', message: 'client_credentials flow can not be selected if client does not have a client secret.',
    });
    const secret = (await create({ ClientName: 'secret', GenerateSecret: true })).UserPoolClient!;
    const u = (await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: secret.ClientId, ...M2M }))).UserPoolClient!;
    assert.deepEqual(u.AllowedOAuthFlows, ['client_credentials']);
    // Update replaces: leaving the OAuth members out turns OAuth off again.
    const off = (await cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: secret.ClientId }))).UserPoolClient!;
    assert.equal(off.AllowedOAuthFlowsUserPoolClient, false);
    assert.equal(off.AllowedOAuthFlows, undefined);
    await assert.rejects(cognito.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: secret.ClientId, ...WEB, CallbackURLs: ['http://example.com'] })), {
      name: 'InvalidParameterException',
    });
  });
});
