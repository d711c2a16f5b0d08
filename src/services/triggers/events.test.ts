/**
 * Event shapes against documented examples: the developer guide's example events (as kept in
 * awslabs/aws-lambda-rust-runtime's fixtures), events captured from Cognito (as kept in
 * aws-powertools/powertools-lambda-typescript's parser tests), and spec/verification.md.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as E from './index.ts';

/** The structure of a value: keys (recursively) and JSON types. */
function shape(v: unknown): unknown {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? [shape(v[0])] : [];
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, shape(x)]).sort());
  return typeof v;
}
const keys = (v: object) => Object.keys(v).sort();

const captured = { region: 'eu-west-1', userPoolId: 'eu-west-1_EXAMPLE', userName: 'user1' };
const capturedAttributes = { sub: '11111111-2222-3333-4444-555555555555', email_verified: 'true', 'cognito:user_status': 'CONFIRMED', email: 'user@example.com' };
const header = (triggerSource: string, clientId: string) => ({ version: '1', ...captured, callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId }, triggerSource });

describe('events equal captured Cognito events', () => {
  test('PreSignUp_AdminCreateUser', () => {
    const doc = { ...header('PreSignUp_AdminCreateUser', 'CLIENT_ID_NOT_APPLICABLE'), request: { userAttributes: capturedAttributes, validationData: null }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } };
    assert.deepEqual(E.preSignUpEvent({ ...captured, triggerSource: 'PreSignUp_AdminCreateUser', userAttributes: capturedAttributes }), doc);
  });

  test('PostConfirmation_ConfirmForgotPassword', () => {
    const doc = { ...header('PostConfirmation_ConfirmForgotPassword', 'example-client-id'), request: { userAttributes: capturedAttributes }, response: {} };
    assert.deepEqual(E.postConfirmationEvent({ ...captured, clientId: 'example-client-id', triggerSource: 'PostConfirmation_ConfirmForgotPassword', userAttributes: capturedAttributes }), doc);
  });

  test('DefineAuthChallenge_Authentication, first call', () => {
    const doc = { ...header('DefineAuthChallenge_Authentication', 'example-client-id'), request: { userAttributes: capturedAttributes, session: [] }, response: { challengeName: null, issueTokens: null, failAuthentication: null } };
    assert.deepEqual(E.defineAuthChallengeEvent({ ...captured, clientId: 'example-client-id', userAttributes: capturedAttributes, session: [] }), doc);
  });

  test('CustomEmailSender_ForgotPassword and _AdminCreateUser (no response; code encrypted later)', () => {
    for (const [triggerSource, clientId] of [['CustomEmailSender_ForgotPassword', 'example-client-id'], ['CustomEmailSender_AdminCreateUser', 'CLIENT_ID_NOT_APPLICABLE']] as const) {
      const doc = { ...header(triggerSource, clientId), request: { userAttributes: capturedAttributes, type: 'customEmailSenderRequestV1', code: 'AYADeIZczazd30Tm9/+4', clientMetadata: null } };
      const built = E.customEmailSenderEvent({ ...captured, ...(clientId === 'CLIENT_ID_NOT_APPLICABLE' ? {} : { clientId }), triggerSource, userAttributes: capturedAttributes, code: 'AYADeIZczazd30Tm9/+4' });
      assert.deepEqual(built, doc);
    }
  });

  test('CustomMessage_VerifyUserAttribute as spec/verification.md shows it', () => {
    const spec = {
      version: '1',
      triggerSource: 'CustomMessage_VerifyUserAttribute',
      region: 'us-east-1',
      userPoolId: 'us-east-1_AbCdEfGhI',
      userName: 'alice',
      callerContext: { awsSdkVersion: 'aws-sdk-js-3.600.0', clientId: 'client-id-of-the-token' },
      request: { userAttributes: { sub: 's', email: 'a@example.com', email_verified: 'false' }, codeParameter: '{####}', usernameParameter: null, clientMetadata: { from: 'the request' } },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    };
    const built = E.customMessageEvent({
      triggerSource: 'CustomMessage_VerifyUserAttribute',
      region: 'us-east-1',
      userPoolId: 'us-east-1_AbCdEfGhI',
      userName: 'alice',
      clientId: 'client-id-of-the-token',
      awsSdkVersion: 'aws-sdk-js-3.600.0',
      userAttributes: spec.request.userAttributes,
      clientMetadata: { from: 'the request' },
    });
    assert.deepEqual(built, spec);
    const admin = E.customMessageEvent({ triggerSource: 'CustomMessage_AdminCreateUser', region: 'r', userPoolId: 'p', userName: 'u', userAttributes: {} });
    assert.equal(admin.request.usernameParameter, '{username}');
  });
});

const common = { region: '<region>', userPoolId: '<userPoolId>', userName: '<userName>', clientId: '<apps client id>', awsSdkVersion: '<calling aws sdk with version>' };
const cm = { exampleMetadataKey: 'example metadata value' };

describe('events have the structure of the developer guide examples', () => {
  test('PreSignUp_SignUp', () => {
    const doc = {
      version: '1',
      triggerSource: 'PreSignUp_SignUp',
      region: '<region>',
      userPoolId: '<userPoolId>',
      userName: '<userName>',
      callerContext: { awsSdkVersion: '<calling aws sdk with version>', clientId: '<apps client id>' },
      request: { userAttributes: { email: '<email>', phone_number: '<phone_number>' }, validationData: { k1: 'v1', k2: 'v2' }, clientMetadata: cm },
      response: { autoConfirmUser: false, autoVerifyEmail: true, autoVerifyPhone: true },
    };
    const built = E.preSignUpEvent({ ...common, triggerSource: 'PreSignUp_SignUp', userAttributes: doc.request.userAttributes, validationData: doc.request.validationData, clientMetadata: cm });
    assert.deepEqual(shape(built), shape(doc));
    assert.deepEqual(built.request, doc.request);
  });

  test('PreAuthentication_Authentication and PostAuthentication_Authentication', () => {
    const pre = E.preAuthenticationEvent({ ...common, userAttributes: { email: '<email>' }, validationData: { k1: 'v1', k2: 'v2' } });
    assert.deepEqual(pre.request, { userAttributes: { email: '<email>' }, validationData: { k1: 'v1', k2: 'v2' } });
    assert.deepEqual(pre.response, {});
    const post = E.postAuthenticationEvent({ ...common, userAttributes: { email: '<email>', phone_number: '<phone_number>' }, newDeviceUsed: true, clientMetadata: cm });
    assert.deepEqual(post.request, { newDeviceUsed: true, userAttributes: { email: '<email>', phone_number: '<phone_number>' }, clientMetadata: cm });
    assert.deepEqual(post.response, {});
  });

  const groupConfiguration = { groupsToOverride: ['group-A', 'group-B', 'group-C'], iamRolesToOverride: ['arn:aws:iam::XXXXXXXXXXXX:role/sns_callerA'], preferredRole: 'arn:aws:iam::XXXXXXXXXXX:role/sns_caller' };
  const tokenInput = { ...common, userAttributes: { email: 'email', phone_number: 'phone_number' }, groups: groupConfiguration.groupsToOverride, iamRoles: groupConfiguration.iamRolesToOverride, preferredRole: groupConfiguration.preferredRole, clientMetadata: cm };

  test('PreTokenGeneration V1_0 (TokenGeneration_Authentication)', () => {
    const built = E.preTokenGenerationEvent({ ...tokenInput, triggerSource: 'TokenGeneration_Authentication' });
    assert.equal(built.version, '1');
    assert.deepEqual(built.request, { userAttributes: tokenInput.userAttributes, groupConfiguration, clientMetadata: cm });
    assert.deepEqual(built.response, { claimsOverrideDetails: null });
  });

  test('PreTokenGeneration V2_0 and V3_0 (version "2"/"3", scopes in the request, claimsAndScopeOverrideDetails in the response)', () => {
    for (const [eventVersion, version] of [['V2_0', '2'], ['V3_0', '3']] as const) {
      const built = E.preTokenGenerationEvent({ ...tokenInput, triggerSource: 'TokenGeneration_HostedAuth', eventVersion, scopes: ['scope-1', 'scope-2'] });
      assert.equal(built.version, version);
      assert.deepEqual(built.request, { userAttributes: tokenInput.userAttributes, scopes: ['scope-1', 'scope-2'], groupConfiguration, clientMetadata: cm });
      assert.deepEqual(built.response, { claimsAndScopeOverrideDetails: null });
    }
  });

  test('UserMigration_Authentication and _ForgotPassword', () => {
    const doc = { request: { password: '<password>', validationData: cm, clientMetadata: cm }, responseKeys: ['desiredDeliveryMediums', 'finalUserStatus', 'forceAliasCreation', 'messageAction', 'userAttributes'] };
    const built = E.userMigrationEvent({ ...common, triggerSource: 'UserMigration_Authentication', password: '<password>', validationData: cm, clientMetadata: cm });
    assert.deepEqual(built.request, doc.request);
    // the current guide adds enableSMSMFA to the response
    assert.deepEqual(keys(built.response), [...doc.responseKeys, 'enableSMSMFA'].sort());
    assert.ok(Object.values(built.response).every((v) => v === null));
    const forgot = E.userMigrationEvent({ ...common, triggerSource: 'UserMigration_ForgotPassword', password: 'ignored' });
    assert.deepEqual(forgot.request, { validationData: null });
  });

  test('CreateAuthChallenge and VerifyAuthChallengeResponse', () => {
    const userAttributes = { sub: '<sub>', 'cognito:user_status': 'CONFIRMED', phone_number_verified: 'true', 'cognito:phone_number_alias': '+12223334455', phone_number: '+12223334455' };
    const session = [{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: 'metadata' }];
    const create = E.createAuthChallengeEvent({ ...common, userAttributes, challengeName: 'CUSTOM_CHALLENGE', session, clientMetadata: cm });
    assert.deepEqual(create.request, { userAttributes, challengeName: 'CUSTOM_CHALLENGE', session, clientMetadata: cm });
    assert.deepEqual(create.response, { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null });
    const verify = E.verifyAuthChallengeResponseEvent({ ...common, userAttributes, privateChallengeParameters: { secret: '11122233' }, challengeAnswer: '123xxxx', clientMetadata: cm, userNotFound: false });
    assert.deepEqual(verify.request, { userAttributes, privateChallengeParameters: { secret: '11122233' }, challengeAnswer: '123xxxx', clientMetadata: cm, userNotFound: false });
    assert.deepEqual(verify.response, { answerCorrect: null });
    assert.equal(verify.triggerSource, 'VerifyAuthChallengeResponse_Authentication');
  });

  test('CustomSMSSender carries type customSMSSenderRequestV1', () => {
    const sms = E.customSMSSenderEvent({ ...common, triggerSource: 'CustomSMSSender_Authentication', userAttributes: { phone_number: '+1' }, code: '1', clientMetadata: cm });
    assert.deepEqual(sms.request, { type: 'customSMSSenderRequestV1', code: '1', clientMetadata: cm, userAttributes: { phone_number: '+1' } });
    assert.equal('response' in sms, false);
  });
});

describe('triggerName', () => {
  test('names triggers as Cognito does in its messages', () => {
    assert.equal(E.triggerName('TokenGeneration_RefreshTokens'), 'PreTokenGeneration');
    assert.equal(E.triggerName('VerifyAuthChallengeResponse_Authentication'), 'VerifyAuthChallengeResponse');
    assert.equal(E.triggerName('PreSignUp_ExternalProvider'), 'PreSignUp');
    assert.equal(E.triggerName('CustomSMSSender_SignUp'), 'CustomSMSSender');
  });
});
