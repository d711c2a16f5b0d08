/**
 * Issue 18, finding 11: a JSON null or a null inside a list or map answered HTTP 500 on the
 * requests below (each one did, before the model validation checked every level). A null member
 * of a structure is the member left out (Smithy's awsJson1_1 protocol test
 * AwsJson11ServersDontDeserializeNullStructureValues); a null element of a list or value of a map
 * is a 400 SerializationException (Smithy's RestJsonBodyMalformedListNullItem and
 * RestJsonBodyMalformedMapNullValue: every list and map of the Cognito model is dense). A member
 * the model leaves optional but the operation needs is an InvalidParameterException in the
 * validator's words. The fuzz test (fuzz.test.ts) looks for more; these stay as named cases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isUnsigned } from '../../src/model/validate.ts';
import { rawCall, sdkClient, startServer, type Server } from './harness.ts';

/** A well-formed SigV4 header: development mode checks its form, not the key or signature. */
const SIGNED = {
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  'x-amz-date': '20250101T000000Z',
};

describe('a JSON null at any level answers a 4xx, never a 500', () => {
  let server: Server;
  let pool: string;
  let client: string;
  let token: string;
  let refresh: string;
  const call = async (operation: string, input: object) => {
    const res = await rawCall(server.url, `AWSCognitoIdentityProviderService.${operation}`, JSON.stringify(input), isUnsigned(operation) ? {} : SIGNED);
    return { status: res.status, type: (res.body as { __type?: string }).__type, message: (res.body as { message?: string }).message };
  };
  const answers = async (operation: string, input: object, type: string | 200, message?: string) => {
    const res = await call(operation, input);
    assert.equal(res.status === 200 ? 200 : res.type, type, `${operation} ${JSON.stringify(input)}: ${res.status} ${res.type} ${res.message}`);
    if (message !== undefined) assert.equal(res.message, message);
  };

  before(async () => {
    server = await startServer();
    const cognito = sdkClient(server.url);
    pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'nulls' }))).UserPool!.Id!;
    client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'alice', MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: 'alice', Password: 'Passw0rd!x', Permanent: true }));
    const out = await cognito.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!x' } }));
    token = out.AuthenticationResult!.AccessToken!;
    refresh = out.AuthenticationResult!.RefreshToken!;
  });
  after(() => server.stop());

  it('takes a null member as the member left out', async () => {
    await answers('AdminCreateUser', { UserPoolId: pool, Username: 'bob', UserAttributes: null, MessageAction: 'SUPPRESS' }, 200);
    await answers('ListUsers', { UserPoolId: pool, Filter: null }, 200);
    await answers('ListUsers', { UserPoolId: pool, PaginationToken: null, Limit: null }, 200);
    await answers('ListUserPools', { MaxResults: 5, NextToken: null }, 200);
    await answers('ListUserPoolClients', { UserPoolId: pool, NextToken: null }, 200);
    await answers('ListGroups', { UserPoolId: pool, NextToken: null }, 200);
    await answers('AdminListGroupsForUser', { UserPoolId: pool, Username: 'alice', NextToken: null }, 200);
    await answers('CreateGroup', { UserPoolId: pool, GroupName: 'g', Description: null, Precedence: null }, 200);
    await answers('ListUsersInGroup', { UserPoolId: pool, GroupName: 'g', NextToken: null }, 200);
    await answers('ChangePassword', { AccessToken: token, PreviousPassword: null, ProposedPassword: 'N3w-Passw0rd!' }, 'InvalidParameterException',
      "1 validation error detected: Value null at 'previousPassword' failed to satisfy constraint: Member must not be null");
  });

  it('refuses a null in a map of parameters with a SerializationException', async () => {
    const flow = { ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH' };
    await answers('InitiateAuth', { ...flow, AuthParameters: { USERNAME: 'alice', PASSWORD: null } }, 'SerializationException', "Unexpected value type at 'authParameters.PASSWORD': expected a string");
    await answers('InitiateAuth', { ...flow, AuthParameters: { USERNAME: null, PASSWORD: 'x' } }, 'SerializationException');
    await answers('InitiateAuth', { ClientId: client, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: null } }, 'SerializationException');
    await answers('AdminInitiateAuth', { UserPoolId: pool, ClientId: client, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: null } }, 'SerializationException');
    await answers('CreateUserPool', { PoolName: 'p', UserPoolTags: { team: null } }, 'SerializationException');
  });

  it('refuses a null in a list with a SerializationException', async () => {
    await answers('AddCustomAttributes', { UserPoolId: pool, CustomAttributes: [null] }, 'SerializationException');
    await answers('AdminUpdateUserAttributes', { UserPoolId: pool, Username: 'alice', UserAttributes: [null] }, 'SerializationException');
    await answers('UpdateUserAttributes', { AccessToken: token, UserAttributes: [null] }, 'SerializationException');
    await answers('AdminCreateUser', { UserPoolId: pool, Username: 'carol', UserAttributes: [null] }, 'SerializationException');
    await answers('SignUp', { ClientId: client, Username: 'dave', Password: 'Passw0rd!x', UserAttributes: [null] }, 'SerializationException');
    await answers('CreateUserPool', { PoolName: 'p', Schema: [null] }, 'SerializationException');
    await answers('CreateUserPool', { PoolName: 'p', AccountRecoverySetting: { RecoveryMechanisms: [null] } }, 'SerializationException');
    await answers('CreateUserPool', { PoolName: 'p', AliasAttributes: [null] }, 'SerializationException');
    await answers('CreateUserPoolClient', { UserPoolId: pool, ClientName: 'c', ExplicitAuthFlows: [null] }, 'SerializationException');
    await answers('UpdateUserPoolClient', { UserPoolId: pool, ClientId: client, ExplicitAuthFlows: [null] }, 'SerializationException');
  });

  it('names a schema attribute without a name, which the model leaves optional', async () => {
    await answers('AddCustomAttributes', { UserPoolId: pool, CustomAttributes: [{}] }, 'InvalidParameterException',
      "1 validation error detected: Value null at 'customAttributes.1.member.name' failed to satisfy constraint: Member must not be null");
    await answers('CreateUserPool', { PoolName: 'p', Schema: [{ AttributeDataType: 'String' }] }, 'InvalidParameterException',
      "1 validation error detected: Value null at 'schema.1.member.name' failed to satisfy constraint: Member must not be null");
  });

  it('still serves the user after all of these', async () => {
    await answers('GetUser', { AccessToken: token }, 200);
    await answers('GetTokensFromRefreshToken', { ClientId: client, RefreshToken: refresh, ClientSecret: null }, 200);
  });
});
