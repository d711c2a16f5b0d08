import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POOL, CLIENT, invalid, valid } from '../../test/support/validation.ts';
import { shapes } from './cognito-idp.generated.ts';

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
