/**
 * What a JSON null means, at every level, and what validation leaves of the input for the handler
 * (issue 18, finding 11). A null member of a structure is the member left out, as Smithy's
 * awsJson1_1 protocol test AwsJson11ServersDontDeserializeNullStructureValues has a server do. A
 * null element of a list or value of a map is refused with a 400 SerializationException, as
 * Smithy's malformed-request tests RestJsonBodyMalformedListNullItem and
 * RestJsonBodyMalformedMapNullValue have it for dense collections (every list and map of the
 * Cognito model is dense: none is @sparse), and as AWS's server SDKs do (aws-sdk-js-v3 #2771,
 * "reject null in non-sparse collections"). And the character U+0000, which PostgreSQL cannot
 * hold in text, is refused in any string (Cognate's own rule: both stores must answer alike).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT, POOL, invalid, serialization, valid } from '../../test/support/validation.ts';
import { validateInput } from './validate.ts';

describe('a null member', () => {
  it('is the member left out, at the top and below', () => {
    valid('AdminCreateUser', { UserPoolId: POOL, Username: 'bob', UserAttributes: null, ClientMetadata: null, TemporaryPassword: null });
    valid('ListUsers', { UserPoolId: POOL, Filter: null, PaginationToken: null, Limit: null });
    valid('CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: null, SignInPolicy: { AllowedFirstAuthFactors: null } } });
    assert.equal(
      invalid('AdminCreateUser', { UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: null, Value: 'x' }] }),
      "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to satisfy constraint: Member must not be null",
    );
  });

  it('is removed from the input the handler gets, at every level', () => {
    const input = { UserPoolId: POOL, Username: 'bob', TemporaryPassword: null, UserAttributes: [{ Name: 'email', Value: null }] };
    assert.equal(validateInput('AdminCreateUser', input), null);
    assert.deepEqual(input, { UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'email' }] });
    const pool = { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: null, RequireNumbers: true } } };
    assert.equal(validateInput('CreateUserPool', pool), null);
    assert.deepEqual(pool, { PoolName: 'p', Policies: { PasswordPolicy: { RequireNumbers: true } } });
  });
});

describe('members the model does not know', () => {
  it('are removed from the input the handler gets, at every level, but a map keeps its keys', () => {
    const input = JSON.parse('{"PoolName":"p","Junk":1,"__proto__":{"x":1},"Policies":{"PasswordPolicy":{"MinimumLength":8,"Bogus":"x"}},"UserPoolTags":{"__proto__":"v","team":"id"}}');
    assert.equal(validateInput('CreateUserPool', input), null);
    assert.deepEqual(Object.keys(input), ['PoolName', 'Policies', 'UserPoolTags']);
    assert.deepEqual(input.Policies, { PasswordPolicy: { MinimumLength: 8 } });
    assert.deepEqual(Object.keys(input.UserPoolTags), ['__proto__', 'team']);
  });
});

describe('a null inside a list or a map', () => {
  it('is a SerializationException naming the element', () => {
    assert.equal(
      serialization('AdminUpdateUserAttributes', { UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'name', Value: 'x' }, null] }),
      "Unexpected value type at 'userAttributes.2.member': expected a structure (JSON object)",
    );
    assert.equal(serialization('AddCustomAttributes', { UserPoolId: POOL, CustomAttributes: [null] }), "Unexpected value type at 'customAttributes.1.member': expected a structure (JSON object)");
    assert.equal(
      serialization('CreateUserPoolClient', { UserPoolId: POOL, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', null] }),
      "Unexpected value type at 'explicitAuthFlows.2.member': expected a string",
    );
    assert.equal(
      serialization('CreateUserPool', { PoolName: 'p', AccountRecoverySetting: { RecoveryMechanisms: [null] } }),
      "Unexpected value type at 'accountRecoverySetting.recoveryMechanisms.1.member': expected a structure (JSON object)",
    );
  });

  it('is a SerializationException naming the map key', () => {
    assert.equal(
      serialization('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: null } }),
      "Unexpected value type at 'authParameters.PASSWORD': expected a string",
    );
    assert.equal(serialization('CreateUserPool', { PoolName: 'p', UserPoolTags: { team: null } }), "Unexpected value type at 'userPoolTags.team': expected a string");
  });
});

describe('the null character (U+0000)', () => {
  it('is refused in a string, a list element, a map key or value, naming where', () => {
    const rule = 'failed to satisfy constraint: Member must not contain the null character (U+0000)';
    assert.equal(invalid('CreateGroup', { UserPoolId: POOL, GroupName: 'g', Description: 'a\u0000b' }), `1 validation error detected: Value 'a\u0000b' at 'description' ${rule}`);
    assert.equal(invalid('AdminUpdateUserAttributes', { UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'name', Value: '\u0000' }] }), `1 validation error detected: Value at 'userAttributes.1.member.value' ${rule}`);
    assert.equal(invalid('CreateUserPoolClient', { UserPoolId: POOL, ClientName: 'c', ReadAttributes: ['email', 'x\u0000'] }), `1 validation error detected: Value '[email, x\u0000]' at 'readAttributes' ${rule}`);
    // Where the model's pattern refuses it already, that is the one violation reported.
    assert.equal(invalid('ListUsers', { UserPoolId: POOL, AttributesToGet: ['x\u0000'] }).split('; ').length, 1);
    assert.equal(invalid('CreateUserPool', { PoolName: 'p', UserPoolTags: { 'k\u0000': 'v' } }), `1 validation error detected: Value '{k\u0000=v}' at 'userPoolTags' ${rule}`);
    assert.equal(invalid('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: '\u0000' } }), `1 validation error detected: Value at 'authParameters' ${rule}`);
    valid('CreateGroup', { UserPoolId: POOL, GroupName: 'g', Description: 'a\\u0000b' });
  });
});
