import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddCustomAttributesCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from './harness.ts';

describe('user pools through the AWS SDK for JavaScript v3', () => {
  let server: Server;
  let cognito: CognitoIdentityProviderClient;
  before(async () => {
    server = await startServer();
    cognito = sdkClient(server.url);
  });
  after(() => server.stop());

  it('creates a pool with AWS defaults filled in', async () => {
    const before = Date.now();
    const { UserPool: p } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'defaults' }));
    assert.match(p!.Id!, /^us-east-1_[0-9A-Za-z]{9}$/);
    assert.equal(p!.Name, 'defaults');
    assert.equal(p!.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${p!.Id}`);
    assert.deepEqual(p!.Policies!.PasswordPolicy, {
      MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7,
    });
    assert.deepEqual(p!.LambdaConfig, {});
    assert.equal(p!.MfaConfiguration, 'OFF');
    assert.equal(p!.DeletionProtection, 'INACTIVE');
    assert.deepEqual(p!.EmailConfiguration, { EmailSendingAccount: 'COGNITO_DEFAULT' });
    assert.deepEqual(p!.VerificationMessageTemplate, { DefaultEmailOption: 'CONFIRM_WITH_CODE' });
    assert.deepEqual(p!.AdminCreateUserConfig, { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 });
    assert.deepEqual(p!.UserAttributeUpdateSettings, { AttributesRequireVerificationBeforeUpdate: [] });
    assert.deepEqual(p!.UserPoolTags, {});
    assert.equal(p!.EstimatedNumberOfUsers, 0);
    assert.ok(p!.CreationDate instanceof Date && p!.CreationDate.getTime() >= before - 1000);
    const names = p!.SchemaAttributes!.map((a) => a.Name);
    assert.equal(names.length, 20);
    assert.deepEqual(names.slice(0, 3), ['sub', 'name', 'given_name']);
    assert.deepEqual(p!.SchemaAttributes![0], {
      Name: 'sub', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: false, Required: true,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
    });
  });

  it('stores and returns every member it is given', async () => {
    const input = {
      PoolName: 'full',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
      DeletionProtection: 'ACTIVE' as const,
      LambdaConfig: { CustomMessage: 'arn:aws:lambda:us-east-1:000000000000:function:custom-message', PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:pre' },
      AutoVerifiedAttributes: ['email' as const],
      AliasAttributes: ['email' as const, 'preferred_username' as const],
      VerificationMessageTemplate: { EmailMessage: 'Code: {####}', EmailSubject: 'Your code', SmsMessage: 'SMS code {####}' },
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email' as const] },
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com', From: 'Example <no-reply@example.com>' },
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sms', ExternalId: 'ext-1' },
      UserPoolTags: { team: 'identity' },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailMessage: 'Hi {username}, {####}', EmailSubject: 'Welcome' } },
      Schema: [
        { Name: 'email', Required: true, Mutable: true },
        { Name: 'tenant', AttributeDataType: 'String' as const, Mutable: false, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } },
        { Name: 'level', AttributeDataType: 'Number' as const, NumberAttributeConstraints: { MinValue: '0', MaxValue: '10' } },
      ],
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }] },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
    };
    const created = (await cognito.send(new CreateUserPoolCommand(input))).UserPool!;
    const p = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created.Id }))).UserPool!;
    assert.deepEqual(p, created);
    assert.equal(p.Policies!.PasswordPolicy!.MinimumLength, 12);
    assert.equal(p.Policies!.PasswordPolicy!.RequireUppercase, false);
    assert.equal(p.AdminCreateUserConfig!.UnusedAccountValidityDays, 3);
    assert.deepEqual(p.LambdaConfig, input.LambdaConfig);
    assert.deepEqual(p.AliasAttributes, ['email', 'preferred_username']);
    assert.equal(p.EmailVerificationMessage, 'Code: {####}', 'the legacy member mirrors the template');
    assert.equal(p.SmsVerificationMessage, 'SMS code {####}');
    assert.deepEqual(p.EmailConfiguration, input.EmailConfiguration);
    assert.deepEqual(p.SmsConfiguration, input.SmsConfiguration);
    assert.deepEqual(p.UserPoolTags, { team: 'identity' });
    assert.deepEqual(p.UsernameConfiguration, { CaseSensitive: false });
    assert.deepEqual(p.AccountRecoverySetting, input.AccountRecoverySetting);
    assert.deepEqual(p.DeviceConfiguration, input.DeviceConfiguration);
    const byName = new Map(p.SchemaAttributes!.map((a) => [a.Name, a]));
    assert.equal(byName.get('email')!.Required, true);
    assert.deepEqual(byName.get('custom:tenant'), {
      Name: 'custom:tenant', AttributeDataType: 'String', DeveloperOnlyAttribute: false, Mutable: false, Required: false,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
    });
    assert.equal(byName.get('custom:level')!.AttributeDataType, 'Number');
    assert.equal(p.DeletionProtection, 'ACTIVE');
    await assert.rejects(cognito.send(new DeleteUserPoolCommand({ UserPoolId: p.Id })), {
      name: 'InvalidParameterException',
      message: 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    });
  });

  it('replaces, not merges, on UpdateUserPool', async () => {
    const { UserPool: p } = await cognito.send(new CreateUserPoolCommand({
      PoolName: 'to-update', MfaConfiguration: 'OFF', AutoVerifiedAttributes: ['email'],
      LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:000000000000:function:pre' }, UserPoolTags: { a: 'b' },
      AliasAttributes: ['email'], Schema: [{ Name: 'team', AttributeDataType: 'String' }],
    }));
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: p!.Id, DeletionProtection: 'ACTIVE', PoolName: 'renamed' }));
    const u = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: p!.Id }))).UserPool!;
    assert.equal(u.Name, 'renamed');
    assert.equal(u.DeletionProtection, 'ACTIVE');
    assert.deepEqual(u.LambdaConfig, {}, 'members left out return to their defaults');
    assert.equal(u.AutoVerifiedAttributes, undefined);
    assert.deepEqual(u.AliasAttributes, ['email'], 'what UpdateUserPool cannot set is kept');
    assert.ok(u.SchemaAttributes!.some((a) => a.Name === 'custom:team'));
    assert.ok(u.LastModifiedDate!.getTime() >= u.CreationDate!.getTime());
    await cognito.send(new UpdateUserPoolCommand({ UserPoolId: p!.Id, DeletionProtection: 'INACTIVE' }));
    await cognito.send(new DeleteUserPoolCommand({ UserPoolId: p!.Id }));
  });

  it('refuses inconsistent settings as AWS does', async () => {
    await assert.rejects(cognito.send(new CreateUserPoolCommand({ PoolName: 'x', AliasAttributes: ['email'], UsernameAttributes: ['email'] })), {
      name: 'InvalidParameterException',
      message: 'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    });
    await assert.rejects(cognito.send(new CreateUserPoolCommand({ PoolName: 'x', UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } })), {
      name: 'InvalidParameterException',
      message: 'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes',
    });
    // AWS's words: https://github.com/boto/boto3/issues/2317, https://github.com/hashicorp/terraform-provider-aws/issues/18430.
    await assert.rejects(cognito.send(new CreateUserPoolCommand({ PoolName: 'x', Schema: [{ Name: 'org', AttributeDataType: 'String', Required: true }] })), {
      name: 'InvalidParameterException',
      message: 'Required custom attributes are not supported currently.',
    });
    await assert.rejects(cognito.send(new CreateUserPoolCommand({ PoolName: 'bad name!' })), {
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'bad name!' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
    });
    await assert.rejects(cognito.send(new CreateUserPoolCommand({ PoolName: 'x', MfaConfiguration: 'ON' })), { name: 'InvalidParameterException' });
  });

  it('answers ResourceNotFoundException for a pool that does not exist', async () => {
    for (const cmd of [
      new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' }),
      new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' }),
      new DeleteUserPoolCommand({ UserPoolId: 'us-east-1_nothere00' }),
      new AddCustomAttributesCommand({ UserPoolId: 'us-east-1_nothere00', CustomAttributes: [{ Name: 'a' }] }),
    ]) {
      await assert.rejects(cognito.send(cmd as never), { name: 'ResourceNotFoundException', message: 'User pool us-east-1_nothere00 does not exist.' });
    }
  });

  it('adds custom attributes, refusing a name that exists', async () => {
    const { UserPool: p } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'custom' }));
    await cognito.send(new AddCustomAttributesCommand({ UserPoolId: p!.Id, CustomAttributes: [{ Name: 'plan', AttributeDataType: 'String' }, { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true }] }));
    const names = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: p!.Id }))).UserPool!.SchemaAttributes!.map((a) => a.Name);
    assert.ok(names.includes('custom:plan'));
    assert.ok(names.includes('dev:custom:secret'));
    await assert.rejects(cognito.send(new AddCustomAttributesCommand({ UserPoolId: p!.Id, CustomAttributes: [{ Name: 'plan' }] })), {
      name: 'InvalidParameterException',
      message: 'custom:plan: Existing attribute already has name custom:plan.',
    });
  });

  it('counts the pool\'s users in DescribeUserPool\'s EstimatedNumberOfUsers; ListUserPools has no such member', async () => {
    // UserPoolType.EstimatedNumberOfUsers ("A number estimating the size of the user pool"), in CreateUserPool's
    // and DescribeUserPool's answers only: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html;
    // UserPoolDescriptionType has Id, Name, LambdaConfig, Status, LastModifiedDate and CreationDate.
    const { UserPool: p } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'counted' }));
    const { UserPool: other } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'counted-other' }));
    const estimate = async (UserPoolId: string) => (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.EstimatedNumberOfUsers;
    assert.equal(await estimate(p!.Id!), 0);
    for (const Username of ['ann', 'ben', 'cid']) await cognito.send(new AdminCreateUserCommand({ UserPoolId: p!.Id, Username, MessageAction: 'SUPPRESS' }));
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: other!.Id, Username: 'ann', MessageAction: 'SUPPRESS' }));
    assert.equal(await estimate(p!.Id!), 3);
    assert.equal(await estimate(other!.Id!), 1);
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: p!.Id, Username: 'ben' }));
    assert.equal(await estimate(p!.Id!), 2);
    const listed = (await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.find((x) => x.Id === p!.Id)!;
    assert.equal('EstimatedNumberOfUsers' in listed, false);
  });

  it('lists pools in pages with MaxResults and NextToken', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await cognito.send(new CreateUserPoolCommand({ PoolName: `page-${i}` }))).UserPool!.Id!);
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const res = await cognito.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
      assert.ok(res.UserPools!.length <= 2);
      for (const p of res.UserPools!) {
        seen.push(p.Id!);
        assert.ok(p.Name && p.CreationDate instanceof Date && p.LambdaConfig);
      }
      NextToken = res.NextToken;
      pages++;
    } while (NextToken);
    assert.ok(pages >= 3);
    for (const id of ids) assert.ok(seen.includes(id));
    assert.equal(new Set(seen).size, seen.length, 'no pool listed twice');
    await assert.rejects(cognito.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: 'garbage' })), { name: 'InvalidParameterException' });
    await assert.rejects(cognito.send(new ListUserPoolsCommand({ MaxResults: 0 })), {
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });
});
