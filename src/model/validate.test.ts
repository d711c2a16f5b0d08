import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CognitoError } from '../errors/cognito-error.ts';
import { operations, shapes } from './cognito-idp.generated.ts';
import { loadModel, locateModel, render } from './generate.ts';
import { isKnownOperation, isUnsigned, javaPatternToRegExp, operationNames, validateInput } from './validate.ts';

const POOL = 'us-east-1_AbCdEf123';
const CLIENT = '1example23456789abcdefghij';
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:hook';

/** The message of the InvalidParameterException the input draws. */
function invalid(operation: string, input: unknown): string {
  const err = validateInput(operation, input);
  assert.ok(err instanceof CognitoError, `expected a validation error for ${JSON.stringify(input)}`);
  assert.equal(err.type, 'InvalidParameterException', err.message);
  return err.message;
}

function serialization(operation: string, input: unknown): string {
  const err = validateInput(operation, input);
  assert.ok(err instanceof CognitoError, 'expected a SerializationException');
  assert.equal(err.type, 'SerializationException', err.message);
  return err.message;
}

function valid(operation: string, input: unknown): void {
  const err = validateInput(operation, input);
  assert.equal(err, null, err?.message);
}

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

describe('lists', () => {
  it('reports constrained string elements once, at the list, listing every constraint', () => {
    const enumSet = (shapes.ExplicitAuthFlowsType.enum ?? []).join(', ');
    assert.equal(
      invalid('CreateUserPoolClient', { UserPoolId: POOL, ClientName: 'c', ExplicitAuthFlows: ['FOO', 'ALLOW_USER_SRP_AUTH', 'BAR'] }),
      "1 validation error detected: Value '[FOO, ALLOW_USER_SRP_AUTH, BAR]' at 'explicitAuthFlows' failed to satisfy constraint: " +
        `Member must satisfy constraint: [Member must satisfy enum value set: [${enumSet}]]`,
    );
    assert.equal(
      invalid('CreateUserPoolClient', { UserPoolId: POOL, ClientName: 'c', CallbackURLs: ['https://ok', ''] }),
      "1 validation error detected: Value '[https://ok, ]' at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: " +
        '[Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+]',
    );
    valid('CreateUserPoolClient', { UserPoolId: POOL, ClientName: 'c', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  });

  it('checks the list length, then its elements', () => {
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', Policies: { SignInPolicy: { AllowedFirstAuthFactors: [] } } }),
      "1 validation error detected: Value '[]' at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const flows = ['code', 'implicit', 'client_credentials', 'nope'];
    assert.equal(
      invalid('CreateUserPoolClient', { UserPoolId: POOL, ClientName: 'c', AllowedOAuthFlows: flows }),
      '2 validation errors detected: ' +
        "Value '[code, implicit, client_credentials, nope]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must have length less than or equal to 3; " +
        "Value '[code, implicit, client_credentials, nope]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [code, implicit, client_credentials]]",
    );
  });

  it('paths into structure elements 1-based with .member.', () => {
    assert.equal(
      invalid('AdminCreateUser', {
        UserPoolId: POOL,
        Username: 'bob',
        UserAttributes: [{ Name: 'email', Value: 'b@example.com' }, { Value: 'x' }, { Name: 'bad name!\u0000', Value: 'y' }],
      }),
      '2 validation errors detected: ' +
        "Value null at 'userAttributes.2.member.name' failed to satisfy constraint: Member must not be null; " +
        "Value 'bad name!\u0000' at 'userAttributes.3.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+",
    );
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', Schema: [{ Name: 'ok' }, { Name: 'x'.repeat(21) }] }),
      `1 validation error detected: Value '${'x'.repeat(21)}' at 'schema.2.member.name' failed to satisfy constraint: Member must have length less than or equal to 20`,
    );
  });

  it('shows a list of structures like Java does', () => {
    const schema = Array.from({ length: 51 }, (_, i) => ({ Name: `a${i}`, Mutable: true }));
    const msg = invalid('CreateUserPool', { PoolName: 'p', Schema: schema });
    assert.match(msg, /^1 validation error detected: Value '\[\{Name=a0, Mutable=true\}, \{Name=a1, Mutable=true\}, .*\{Name=a50, Mutable=true\}\]' at 'schema' failed to satisfy constraint: Member must have length less than or equal to 50$/);
  });
});

describe('maps', () => {
  it('checks values at the map', () => {
    const big = 'x'.repeat(131073);
    assert.equal(
      invalid('GetUserAttributeVerificationCode', { AccessToken: 'abc', AttributeName: 'email', ClientMetadata: { ok: 'fine', k: big } }),
      `1 validation error detected: Value '{ok=fine, k=${big}}' at 'clientMetadata' failed to satisfy constraint: ` +
        'Map value must satisfy constraint: [Member must have length less than or equal to 131072, Member must have length greater than or equal to 0]',
    );
  });

  it('checks keys, then values, and the entry count', () => {
    assert.equal(
      invalid('CreateTerms', {
        UserPoolId: POOL,
        ClientId: CLIENT,
        TermsName: 'terms-of-use',
        TermsSource: 'LINK',
        Enforcement: 'NONE',
        Links: { 'cognito:klingon': 'has space' },
      }),
      '2 validation errors detected: ' +
        "Value '{cognito:klingon=has space}' at 'links' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$]; " +
        "Value '{cognito:klingon=has space}' at 'links' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$]",
    );
    assert.equal(
      invalid('CreateTerms', { UserPoolId: POOL, ClientId: CLIENT, TermsName: 'privacy-policy', TermsSource: 'LINK', Enforcement: 'NONE', Links: {} }),
      "1 validation error detected: Value '{}' at 'links' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    valid('CreateTerms', {
      UserPoolId: POOL,
      ClientId: CLIENT,
      TermsName: 'privacy-policy',
      TermsSource: 'LINK',
      Enforcement: 'NONE',
      Links: { 'cognito:default': 'https://example.com/privacy', 'cognito:chinese-simplified': 'https://example.com/zh' },
    });
  });

  it('checks tag keys', () => {
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', UserPoolTags: { '': 'v' } }),
      "1 validation error detected: Value '{=v}' at 'userPoolTags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]",
    );
  });
});

describe('numbers and blobs', () => {
  it('checks integer ranges, quoting the value as Cognito does', () => {
    assert.equal(
      invalid('AdminListGroupsForUser', { UserPoolId: POOL, Username: 'bob', Limit: -1 }),
      "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    assert.equal(
      invalid('ListUsers', { UserPoolId: POOL, Limit: 61 }),
      "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    valid('ListUsers', { UserPoolId: POOL, Limit: 0 });
    valid('ListUsers', { UserPoolId: POOL, Limit: 60 });
  });

  it('paths into nested structures with dots', () => {
    assert.equal(
      invalid('CreateUserPool', { PoolName: 'p', Policies: { PasswordPolicy: { MinimumLength: 5, PasswordHistorySize: 25 } } }),
      '2 validation errors detected: ' +
        "Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6; " +
        "Value '25' at 'policies.passwordPolicy.passwordHistorySize' failed to satisfy constraint: Member must have value less than or equal to 24",
    );
  });

  it('lowers only the first letter of a member name', () => {
    assert.equal(
      invalid('AdminSetUserSettings', { UserPoolId: POOL, Username: 'bob', MFAOptions: [{ DeliveryMedium: 'PIGEON' }] }),
      "1 validation error detected: Value 'PIGEON' at 'mFAOptions.1.member.deliveryMedium' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]",
    );
  });

  it('measures a blob in decoded bytes and shows it as a ByteBuffer', () => {
    valid('SetUICustomization', { UserPoolId: POOL, ImageFile: Buffer.alloc(131072).toString('base64') });
    assert.equal(
      invalid('SetUICustomization', { UserPoolId: POOL, ImageFile: Buffer.alloc(131073).toString('base64') }),
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=131073 cap=131073]' at 'imageFile' failed to satisfy constraint: Member must have length less than or equal to 131072",
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

describe('javaPatternToRegExp', () => {
  it('compiles every pattern of the model', () => {
    for (const [name, s] of Object.entries(shapes)) {
      if (s.pattern !== undefined) assert.doesNotThrow(() => javaPatternToRegExp(s.pattern!), name);
    }
  });

  it('keeps Java semantics: whole match, ASCII \\s, (?s), line terminators for .', () => {
    assert.ok(javaPatternToRegExp('[0-9]+').test('123'));
    assert.ok(!javaPatternToRegExp('[0-9]+').test('12a'));
    assert.ok(!javaPatternToRegExp('[\\S]+').test('a\u000Bb'));
    assert.ok(javaPatternToRegExp('[\\S]+').test('a\u00a0b')); // not Java whitespace
    assert.ok(!javaPatternToRegExp('[\\w\\s]+').test('a\u00a0b'));
    assert.ok(javaPatternToRegExp('(?s).*').test('a\nb'));
    assert.ok(!javaPatternToRegExp('.*').test('a\u0085b'));
    assert.ok(javaPatternToRegExp('^[0-9A-Za-z\\.\\-_]*(?<!\\.)$').test('a.b'));
    assert.ok(!javaPatternToRegExp('^[0-9A-Za-z\\.\\-_]*(?<!\\.)$').test('ab.'));
    assert.ok(javaPatternToRegExp('\\p{Alpha}+\\@\\p{Digit}').test('ab@1'));
    assert.ok(javaPatternToRegExp('[^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+').test('abc'));
    assert.throws(() => javaPatternToRegExp('[a-z&&[^q]]'));
  });
});

describe('generate.ts', () => {
  it('regenerates the committed file byte for byte', (t) => {
    let path: string;
    try {
      path = locateModel();
    } catch {
      t.skip('python3 with botocore is not available');
      return;
    }
    const committed = readFileSync(new URL('./cognito-idp.generated.ts', import.meta.url), 'utf8');
    assert.equal(render(loadModel(path)), committed);
  });
});
