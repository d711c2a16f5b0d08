/**
 * Found by the fuzz test on PostgreSQL (issue 18, finding 11): a string holding U+0000 where the
 * model has no pattern (an attribute value, a group's description, a ListUsers filter, a value of
 * AuthParameters, a Session) reached the store, and PostgreSQL, which cannot hold the character
 * in text, failed the request with a 500; so did a forged pagination token whose position held
 * one. Cognate refuses the character in every string of a request, on either store, so that both
 * answer alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { isUnsigned } from '../../src/model/validate.ts';
import { dropAtExit, postgresArgs, postgresMode, postgresUnavailable, schemaName } from '../support/postgres.ts';
import { rawCall, sdkClient, startServer, type Server } from './harness.ts';

const SIGNED = {
  authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  'x-amz-date': '20250101T000000Z',
};
const NUL = 'a\u0000b';
/** A position in a listing by name, as the server hands them out, with the character in it. */
const FORGED_CURSOR = Buffer.from(JSON.stringify(['c2', NUL, 1])).toString('base64url');

/** A schema of its own (the harness drops only the schemas it names itself). */
function onPostgres(): string[] {
  if (postgresMode()) return [];
  const schema = schemaName('nul');
  dropAtExit(schema);
  return postgresArgs(schema);
}

const stores = [
  { name: 'SQLite', args: () => [], skip: postgresMode() ? 'COGNATE_TEST_STORE=postgres: the servers run on PostgreSQL' : undefined },
  { name: 'PostgreSQL', args: onPostgres, skip: await postgresUnavailable() },
];

for (const store of stores) {
  describe(`U+0000 in a request, on ${store.name}`, { skip: store.skip }, () => {
    let server: Server;
    let pool: string;
    let client: string;
    const call = async (operation: string, input: object) => {
      const res = await rawCall(server.url, `AWSCognitoIdentityProviderService.${operation}`, JSON.stringify(input), isUnsigned(operation) ? {} : SIGNED);
      return { status: res.status, ...(res.body as { __type: string; message: string }) };
    };
    before(async () => {
      server = await startServer({ args: store.args() });
      const cognito = sdkClient(server.url);
      pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'nul' }))).UserPool!.Id!;
      client = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }))).UserPoolClient!.ClientId!;
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: pool, Username: 'alice', MessageAction: 'SUPPRESS' }));
    });
    after(() => server?.stop());

    it('is refused in any string, with the validator’s words', async () => {
      const cases: [string, object][] = [
        ['AdminUpdateUserAttributes', { UserPoolId: pool, Username: 'alice', UserAttributes: [{ Name: 'name', Value: NUL }] }],
        ['SignUp', { ClientId: client, Username: 'bob', Password: 'Passw0rd!x', UserAttributes: [{ Name: 'name', Value: NUL }] }],
        ['CreateGroup', { UserPoolId: pool, GroupName: 'g', Description: NUL }],
        ['ListUsers', { UserPoolId: pool, Filter: `name = "${NUL}"` }],
        ['InitiateAuth', { ClientId: client, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: NUL, PASSWORD: 'x' } }],
        ['CreateUserPool', { PoolName: 'p', UserPoolTags: { [NUL]: 'v' } }],
      ];
      for (const [operation, input] of cases) {
        const res = await call(operation, input);
        assert.equal(res.status, 400, `${operation}: ${res.__type} ${res.message}`);
        assert.equal(res.__type, 'InvalidParameterException');
        assert.match(res.message, /failed to satisfy constraint: Member must not contain the null character \(U\+0000\)/);
      }
      const group = await call('CreateGroup', { UserPoolId: pool, GroupName: 'g', Description: NUL });
      assert.equal(group.message, `1 validation error detected: Value '${NUL}' at 'description' failed to satisfy constraint: Member must not contain the null character (U+0000)`);
    });

    it('is no position in a listing: a forged pagination token is refused', async () => {
      const res = await call('AdminListGroupsForUser', { UserPoolId: pool, Username: 'alice', NextToken: FORGED_CURSOR });
      assert.deepEqual([res.status, res.__type, res.message], [400, 'InvalidParameterException', 'Invalid pagination token.']);
    });
  });
}
