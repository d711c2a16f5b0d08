/**
 * A pool's schema refused in AWS's words: CreateUserPool's Schema and AddCustomAttributes, through
 * the AWS SDK for JavaScript v3. Each answer names where AWS's wording was found.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddCustomAttributesCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  type CognitoIdentityProviderClient,
  type SchemaAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer, type Server } from './harness.ts';

describe('a pool schema refused in AWS words', () => {
  let server: Server;
  let cognito: CognitoIdentityProviderClient;
  before(async () => {
    server = await startServer();
    cognito = sdkClient(server.url);
  });
  after(() => server.stop());

  const create = (...Schema: SchemaAttributeType[]) => cognito.send(new CreateUserPoolCommand({ PoolName: 'schema', Schema: Schema.length ? Schema : undefined }));
  const add = async (UserPoolId: string, ...CustomAttributes: SchemaAttributeType[]) => cognito.send(new AddCustomAttributesCommand({ UserPoolId, CustomAttributes }));
  const refused = (message: string) => ({ name: 'InvalidParameterException', message });
  const schemaOf = async (UserPoolId: string) => (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!.SchemaAttributes!;

  it('refuses a custom attribute without AttributeDataType, in CreateUserPool and AddCustomAttributes', async () => {
    // Real answers quoted in https://github.com/aws-amplify/amplify-cli/issues/9525 and
    // https://github.com/aws-amplify/docs/pull/4624; moto's test_create_user_pool_custom_attribute_without_data_type
    // (https://github.com/getmoto/moto/blob/master/tests/test_cognitoidp/test_cognitoidp.py) asserts the same.
    const message = 'Invalid AttributeDataType input, consider using the provided AttributeDataType enum.';
    await assert.rejects(create({ Name: 'plan' }), refused(message));
    await assert.rejects(create({ Name: 'plan', DeveloperOnlyAttribute: true, Mutable: false }), refused(message));
    const { UserPool } = await create();
    await assert.rejects(add(UserPool!.Id!, { Name: 'plan' }), refused(message));
    await assert.rejects(add(UserPool!.Id!, { Name: 'ok', AttributeDataType: 'String' }, { Name: 'plan' }), refused(message));
    assert.ok(!(await schemaOf(UserPool!.Id!)).some((a) => a.Name!.startsWith('custom:')), 'nothing added when one attribute is refused');
  });

  it('refuses a standard attribute given another type or made developer-only, in one sentence', async () => {
    // https://github.com/hashicorp/terraform-provider-aws/issues/23181 quotes the real answer for family_name;
    // moto's test_create_user_pool_standard_attribute_with_changed_data_type_or_developer_only gives it for both causes.
    await assert.rejects(create({ Name: 'email', AttributeDataType: 'Number' }), refused('You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email'));
    await assert.rejects(create({ Name: 'family_name', DeveloperOnlyAttribute: true }), refused('You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute family_name'));
  });

  it('refuses string lengths and number bounds as AWS does, naming custom attributes with their prefix', async () => {
    // AWS's answers as moto's tests give them (test_create_user_pool_invalid_schema_values,
    // test_create_user_pool_string_schema_max_length_over_2048, ..._string_schema_min_bigger_than_max,
    // ..._number_schema_min_bigger_than_max): https://github.com/getmoto/moto/blob/master/tests/test_cognitoidp/test_cognitoidp.py,
    // added with https://github.com/getmoto/moto/pull/4493.
    const string = (Name: string, c: { MinLength?: string; MaxLength?: string }): SchemaAttributeType => ({ Name, AttributeDataType: 'String', StringAttributeConstraints: c });
    const number = (Name: string, c: { MinValue?: string; MaxValue?: string }): SchemaAttributeType => ({ Name, AttributeDataType: 'Number', NumberAttributeConstraints: c });
    await assert.rejects(create(string('email', { MinLength: 'invalid_value' })), refused('Invalid StringAttributeConstraints for schema attribute email'));
    await assert.rejects(create(string('email', { MaxLength: '-1' })), refused('Invalid StringAttributeConstraints for schema attribute email'));
    await assert.rejects(create(number('updated_at', { MaxValue: '1.5' })), refused('Invalid NumberAttributeConstraints for schema attribute updated_at'));
    await assert.rejects(create(string('email', { MinLength: '2049' })), refused('user.email: String attributes cannot have a length of more than 2048'));
    await assert.rejects(create(string('email', { MaxLength: '2049' })), refused('user.email: String attributes cannot have a length of more than 2048'));
    await assert.rejects(create(string('email', { MinLength: '2', MaxLength: '1' })), refused('user.email: Max length cannot be less than min length.'));
    await assert.rejects(create(number('updated_at', { MinValue: '2', MaxValue: '1' })), refused('user.updated_at: Max value cannot be less than min value.'));
    // A custom attribute is named as the schema names it.
    await assert.rejects(create(string('code', { MinLength: '5', MaxLength: '4' })), refused('user.custom:code: Max length cannot be less than min length.'));
    await assert.rejects(create({ ...number('level', { MinValue: '9', MaxValue: '-9' }), DeveloperOnlyAttribute: true }), refused('user.dev:custom:level: Max value cannot be less than min value.'));
    const { UserPool } = await create();
    await assert.rejects(add(UserPool!.Id!, string('tag', { MaxLength: '4096' })), refused('user.custom:tag: String attributes cannot have a length of more than 2048'));
    await assert.rejects(add(UserPool!.Id!, number('score', { MinValue: 'x' })), refused('Invalid NumberAttributeConstraints for schema attribute custom:score'));
    // Negative and very large bounds are numbers like any other.
    await add(UserPool!.Id!, number('delta', { MinValue: '-100', MaxValue: '99999999999999999999' }));
  });

  it('names a taken custom attribute as AWS does: the custom: name asked for, then the name that holds it', async () => {
    // https://github.com/jmaleonard/serverless-cognito-add-custom-attributes/issues/3 quotes a real answer
    // ("custom:custom:name: Existing attribute already has name custom:custom:name."); moto's
    // test_add_custom_attributes_existing_attribute gives the developer-only form.
    const { UserPool } = await create({ Name: 'plan', AttributeDataType: 'String' }, { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true });
    const id = UserPool!.Id!;
    await assert.rejects(add(id, { Name: 'plan', AttributeDataType: 'Number' }), refused('custom:plan: Existing attribute already has name custom:plan.'));
    await assert.rejects(add(id, { Name: 'secret', AttributeDataType: 'String', DeveloperOnlyAttribute: true }), refused('custom:secret: Existing attribute already has name dev:custom:secret.'));
    await assert.rejects(add(id, { Name: 'secret', AttributeDataType: 'String' }), refused('custom:secret: Existing attribute already has name dev:custom:secret.'));
    // The name is looked at first: a taken name without a type is answered as taken.
    await assert.rejects(add(id, { Name: 'plan' }), refused('custom:plan: Existing attribute already has name custom:plan.'));
  });
});
