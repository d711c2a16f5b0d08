import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOL, CLIENT, ARN, invalid, serialization, valid } from '../../test/support/validation.ts';
import { operations, shapes } from './cognito-idp.generated.ts';
import { isKnownOperation, isUnsigned, operationNames, validateInput } from './validate.ts';

describe('operations', () => {
  it('has all 122 cognito-idp operations, sorted', () => {
    assert.equal(operationNames.length, 122);
    assert.equal(Object.keys(operations).length, 122);
    assert.deepEqual([...operationNames], [...operationNames].sort());
    for (const name of operationNames) {
      assert.ok(isKnownOperation(name));
      assert.equal(operations[name].name, name);
      assert.ok(shapes[operations[name].input], `input shape of ${name}`);
      assert.ok(operations[name].errors.includes('InternalErrorException') || operations[name].errors.length > 0);
    }
    assert.ok(isKnownOperation('GetUserAttributeVerificationCode'));
    assert.ok(!isKnownOperation('GetUserAttributeVerificationCodes'));
    assert.ok(!isKnownOperation('toString'));
    assert.ok(!isKnownOperation('__proto__'));
  });

  it('marks exactly the 32 operations that clients call unsigned', () => {
    const unsigned = operationNames.filter(isUnsigned);
    assert.equal(unsigned.length, 32);
    for (const name of ['GetUser', 'SignUp', 'InitiateAuth', 'RespondToAuthChallenge', 'GetUserAttributeVerificationCode', 'VerifyUserAttribute', 'ConfirmSignUp', 'ForgotPassword', 'RevokeToken']) {
      assert.ok(isUnsigned(name), name);
    }
    for (const name of ['AdminCreateUser', 'CreateUserPool', 'AdminInitiateAuth', 'ListUsers']) assert.ok(!isUnsigned(name), name);
    assert.ok(!isUnsigned('NoSuchOperation'));
  });

  it('validateInput refuses an unknown operation loudly', () => {
    assert.throws(() => validateInput('NoSuchOperation', {}), /unknown operation/);
  });
});

describe('required members', () => {
  it('words one missing member', () => {
    assert.equal(
      invalid('GetUser', {}),
      "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null",
    );
  });

  it('counts several and joins them with "; "', () => {
    assert.equal(
      invalid('AdminAddUserToGroup', {}),
      '3 validation errors detected: ' +
        "Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'username' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'groupName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('treats null as absent', () => {
    assert.equal(
      invalid('CreateUserPool', { PoolName: null }),
      "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
    );
    valid('CreateUserPool', { PoolName: 'p', Policies: null, Schema: null });
  });

  it('checks required members of nested structures only when the structure is there', () => {
    valid('CreateUserPool', { PoolName: 'p' });
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', SmsConfiguration: {}, UserPoolAddOns: {} }),
      '2 validation errors detected: ' +
        "Value null at 'smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'userPoolAddOns.advancedSecurityMode' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('string constraints', () => {
  it('checks maximum and minimum length', () => {
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'a'.repeat(129) }),
      `1 validation error detected: Value '${'a'.repeat(129)}' at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    valid('CreateUserPool', { PoolName: 'a'.repeat(128) });
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', SmsVerificationMessage: '{####' }),
      "2 validation errors detected: Value '{####' at 'smsVerificationMessage' failed to satisfy constraint: Member must have length greater than or equal to 6; " +
        "Value '{####' at 'smsVerificationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*",
    );
  });

  it('reports length before pattern for the same value', () => {
    assert.equal(
      invalid('AdminGetUser', { UserPoolId: '', Username: 'bob' }),
      '2 validation errors detected: ' +
        "Value '' at 'userPoolId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });

  it('words a pattern violation as AWS does', () => {
    assert.equal(
      invalid('AdminConfirmSignUp', { UserPoolId: 'YOUR-USER-POOL-ID', Username: 'admin@example.com' }),
      "1 validation error detected: Value 'YOUR-USER-POOL-ID' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
    );
  });

  it('matches \\p{L}-style patterns against the whole value, Unicode included', () => {
    for (const name of ['admins', 'Ünïcødé', 'группа', '管理者', 'a+b@c.d', 'smile😀']) {
      valid('CreateGroup', { UserPoolId: POOL, GroupName: name });
    }
    for (const name of ['two words', 'tab\there', 'nbsp\u00a0x']) {
      assert.equal(
        invalid('CreateGroup', { UserPoolId: POOL, GroupName: name }),
        `1 validation error detected: Value '${name}' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`,
      );
    }
  });

  it('anchors patterns: a partial match is not a match', () => {
    // [\w-]+_[0-9a-zA-Z]+ would find a match inside these
    assert.match(invalid('AdminGetUser', { UserPoolId: `${POOL}!`, Username: 'bob' }), /at 'userPoolId'/);
    assert.match(invalid('AdminGetUser', { UserPoolId: ` ${POOL}`, Username: 'bob' }), /at 'userPoolId'/);
  });

  it('checks enum values, listed in model order', () => {
    const expected = `[${(shapes.UserPoolMfaType.enum ?? []).join(', ')}]`;
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', MfaConfiguration: 'false' }),
      `1 validation error detected: Value 'false' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: ${expected}`,
    );
    valid('CreateUserPool', { PoolName: 'p', MfaConfiguration: 'OPTIONAL' });
  });

  it('counts length in code points', () => {
    valid('CreateGroup', { UserPoolId: POOL, GroupName: '😀'.repeat(128) }); // 256 UTF-16 units
    assert.match(invalid('CreateGroup', { UserPoolId: POOL, GroupName: '😀'.repeat(129) }), /less than or equal to 128$/);
  });
});

describe('sensitive members', () => {
  it('leave the value out', () => {
    assert.equal(
      invalid('GetUser', { AccessToken: 'not a token' }),
      "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    );
    assert.equal(
      invalid('AdminSetUserPassword', { UserPoolId: POOL, Username: '', Password: 'has space' }),
      '3 validation errors detected: ' +
        "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; " +
        "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
    );
  });

  it('still say null when missing', () => {
    assert.equal(
      invalid('AdminSetUserPassword', { UserPoolId: POOL, Username: 'bob' }),
      "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
    );
  });

  it('hide a sensitive map and whatever sits inside a sensitive structure', () => {
    assert.equal(
      invalid('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { PASSWORD: 'x'.repeat(131073) } }),
      "1 validation error detected: Value at 'authParameters' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072, Member must have length greater than or equal to 0]",
    );
    assert.equal(
      invalid('SignUp', { ClientId: CLIENT, Username: 'bob', UserContextData: { EncodedData: 'x'.repeat(131073) } }),
      "1 validation error detected: Value at 'userContextData.encodedData' failed to satisfy constraint: Member must have length less than or equal to 131072",
    );
  });

  it('hide a sensitive element member', () => {
    assert.equal(
      invalid('AdminUpdateUserAttributes', { UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'email', Value: 'x'.repeat(2049) }] }),
      "1 validation error detected: Value at 'userAttributes.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048",
    );
  });
});

describe('wrong JSON types are SerializationExceptions', () => {
  it('names the path and the expected type', () => {
    assert.equal(
      serialization('CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: '8' } } }),
      "Unexpected value type at 'policies.passwordPolicy.minimumLength': expected an integer",
    );
    assert.equal(serialization('CreateUserPool', { PoolName: 7 }), "Unexpected value type at 'poolName': expected a string");
    assert.equal(
      serialization('CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: { RequireNumbers: 'true' } } }),
      "Unexpected value type at 'policies.passwordPolicy.requireNumbers': expected a boolean",
    );
    assert.equal(serialization('CreateUserPool', { PoolName: 'p', Schema: { Name: 'x' } }), "Unexpected value type at 'schema': expected a list (JSON array)");
    assert.equal(serialization('CreateUserPool', { PoolName: 'p', Policies: [] }), "Unexpected value type at 'policies': expected a structure (JSON object)");
    assert.equal(serialization('CreateUserPool', { PoolName: 'p', UserPoolTags: ['a'] }), "Unexpected value type at 'userPoolTags': expected a map (JSON object)");
    assert.equal(serialization('CreateUserPool', { PoolName: 'p', UserPoolTags: { a: 1 } }), "Unexpected value type at 'userPoolTags.a': expected a string");
    assert.equal(serialization('CreateUserPool', { PoolName: 'p', AutoVerifiedAttributes: ['email', 3] }), "Unexpected value type at 'autoVerifiedAttributes.2.member': expected a string");
    assert.equal(serialization('SetUICustomization', { UserPoolId: POOL, ImageFile: 'not base64!' }), "Unexpected value type at 'imageFile': expected a blob (base64 string)");
  });

  it('wants whole numbers in the int range for integers', () => {
    assert.match(serialization('ListUsers', { UserPoolId: POOL, Limit: 1.5 }), /at 'limit': expected an integer/);
    assert.match(serialization('ListUsers', { UserPoolId: POOL, Limit: 2 ** 31 }), /at 'limit': expected an integer/);
  });

  it('takes precedence over validation errors anywhere in the input', () => {
    assert.equal(serialization('AdminGetUser', { UserPoolId: 'bad', Username: 5 }), "Unexpected value type at 'username': expected a string");
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [null, [], 'x', 3, true, undefined]) serialization('GetUser', body);
  });

  it('leaves no state behind for the next call', () => {
    serialization('CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: '8' } } });
    assert.equal(invalid('GetUser', {}), "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null");
    valid('GetUser', { AccessToken: 'abc.def.ghi' });
  });
});

describe('valid input', () => {
  it('ignores unknown members', () => {
    valid('GetUser', { AccessToken: 'abc', Unknown: 1, toString: 'x', __proto__: { evil: true } });
    valid('CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: 8, Bogus: 'x' } } });
  });

  it('accepts any JSON as a document', () => {
    valid('CompleteWebAuthnRegistration', { AccessToken: 'abc', Credential: { id: 'x', response: { clientDataJSON: 'y' }, n: [1, 2] } });
  });

  it('passes a full CreateUserPool', () => {
    valid('CreateUserPool', {
      PoolName: 'My pool-1',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 8,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          PasswordHistorySize: 5,
          TemporaryPasswordValidityDays: 7,
        },
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
      },
      DeletionProtection: 'ACTIVE',
      LambdaConfig: {
        PreSignUp: ARN,
        CustomMessage: ARN,
        PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: ARN },
      },
      AutoVerifiedAttributes: ['email'],
      UsernameAttributes: ['email', 'phone_number'],
      SmsVerificationMessage: 'Your code is {####}',
      EmailVerificationMessage: 'Your code is {####}.\nThanks!',
      EmailVerificationSubject: 'Your code',
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Code: {####}', SmsMessage: 'Code {####}' },
      SmsAuthenticationMessage: 'Sign-in code {####}',
      MfaConfiguration: 'OPTIONAL',
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'ext', SnsRegion: 'us-east-1' },
      UserPoolTags: { team: 'identity', env: '' },
      AdminCreateUserConfig: {
        AllowAdminCreateUserOnly: false,
        UnusedAccountValidityDays: 7,
        InviteMessageTemplate: { EmailMessage: 'Hi {username}, {####}', EmailSubject: 'Welcome', SMSMessage: '{username} {####}' },
      },
      Schema: [
        { Name: 'email', AttributeDataType: 'String', Mutable: true, Required: true },
        { Name: 'tenant', AttributeDataType: 'String', StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
        { Name: 'age', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '0', MaxValue: '150' } },
      ],
      UserPoolAddOns: { AdvancedSecurityMode: 'OFF' },
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }, { Priority: 2, Name: 'verified_phone_number' }] },
      UserPoolTier: 'ESSENTIALS',
    });
  });
});
