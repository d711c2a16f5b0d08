import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signUpEvent, verifyAttributeEvent } from '../../../test/support/trigger-functions.ts';
import { checkAnswer, InvalidAnswer } from './answers.ts';
import * as E from './events/index.ts';

const c = { region: 'us-east-1', userPoolId: 'us-east-1_x', userName: 'u' };
const withResponse = <T extends { response: object }>(event: T, response: object) => ({ ...event, response: { ...event.response, ...response } });
const refused = (fn: () => unknown, clientMessage: string | RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof InvalidAnswer && (typeof clientMessage === 'string' ? e.clientMessage === clientMessage : clientMessage.test(e.clientMessage)));

describe('checkAnswer', () => {
  test('the answer must be the event: an object with a response object', () => {
    for (const answer of [undefined, null, 'hello', 42, [], {}, { response: 'x' }, { response: null }]) refused(() => checkAnswer(signUpEvent(), answer), 'Unrecognizable lambda output');
  });

  test('only the response is taken from the answer; missing keys keep the values sent', () => {
    const event = verifyAttributeEvent();
    const out = checkAnswer(event, { ...event, request: { userAttributes: { email: 'evil@example.com' } }, response: { emailSubject: 'Hi' } });
    assert.deepEqual(out.request, event.request);
    assert.deepEqual(out.response, { smsMessage: null, emailMessage: null, emailSubject: 'Hi' });
  });

  test('PreSignUp: flags are booleans (null means false)', () => {
    const out = checkAnswer(signUpEvent(), withResponse(signUpEvent(), { autoConfirmUser: true, autoVerifyEmail: null }));
    assert.deepEqual(out.response, { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
    refused(() => checkAnswer(signUpEvent(), withResponse(signUpEvent(), { autoConfirmUser: 'true' })), 'Unrecognizable lambda output');
  });

  test('CustomMessage: strings with the placeholders, within the limits', () => {
    const ev = verifyAttributeEvent();
    assert.equal(checkAnswer(ev, withResponse(ev, { smsMessage: 'Code {####}' })).response.smsMessage, 'Code {####}');
    refused(() => checkAnswer(ev, withResponse(ev, { emailMessage: 42 })), 'Unrecognizable lambda output');
    refused(() => checkAnswer(ev, withResponse(ev, { smsMessage: 'no code' })), 'The smsMessage returned by CustomMessage does not contain the code placeholder {####}.');
    refused(() => checkAnswer(ev, withResponse(ev, { smsMessage: `{####}${'x'.repeat(135)}` })), 'The smsMessage returned by CustomMessage is longer than 140 characters.');
    assert.ok(checkAnswer(ev, withResponse(ev, { smsMessage: `{####}${'é'.repeat(134)}` })));
    refused(() => checkAnswer(ev, withResponse(ev, { emailMessage: `{####}${'x'.repeat(20000)}` })), /emailMessage returned by CustomMessage is longer than 20000/);
    refused(() => checkAnswer(ev, withResponse(ev, { emailSubject: 'x'.repeat(141) })), /emailSubject returned by CustomMessage is longer than 140/);
    const admin = E.customMessageEvent({ ...c, triggerSource: 'CustomMessage_AdminCreateUser', userAttributes: {} });
    refused(() => checkAnswer(admin, withResponse(admin, { emailMessage: 'Your password is {####}' })), 'The emailMessage returned by CustomMessage does not contain the username placeholder {username}.');
    assert.ok(checkAnswer(admin, withResponse(admin, { emailMessage: 'User {username}, password {####}' })));
  });

  test('PreTokenGeneration: V1 claims are strings; V2 claims may be any JSON, with scopes', () => {
    const v1 = E.preTokenGenerationEvent({ ...c, triggerSource: 'TokenGeneration_Authentication', userAttributes: {} });
    assert.ok(checkAnswer(v1, withResponse(v1, { claimsOverrideDetails: { claimsToAddOrOverride: { a: 'b' }, claimsToSuppress: ['email'], groupOverrideDetails: { groupsToOverride: ['g'] } } })));
    refused(() => checkAnswer(v1, withResponse(v1, { claimsOverrideDetails: { claimsToAddOrOverride: { a: 1 } } })), 'Unrecognizable lambda output');
    const v2 = E.preTokenGenerationEvent({ ...c, triggerSource: 'TokenGeneration_Authentication', userAttributes: {}, eventVersion: 'V2_0' });
    const good = { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { tier: { level: 2 } } }, accessTokenGeneration: { scopesToAdd: ['a:b'], scopesToSuppress: [] } } };
    assert.deepEqual(checkAnswer(v2, withResponse(v2, good)).response, good);
    refused(() => checkAnswer(v2, withResponse(v2, { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: 'a:b' } } })), 'Unrecognizable lambda output');
    try {
      checkAnswer(v2, withResponse(v2, { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopesToAdd: 'a:b' } } }));
    } catch (e) {
      assert.match((e as Error).message, /response\.claimsAndScopeOverrideDetails\.accessTokenGeneration\.scopesToAdd must be a list of strings/);
    }
  });

  test('UserMigration, DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse', () => {
    const m = E.userMigrationEvent({ ...c, triggerSource: 'UserMigration_Authentication', password: 'p' });
    assert.ok(checkAnswer(m, withResponse(m, { userAttributes: { email: 'a@b.c' }, finalUserStatus: 'CONFIRMED', messageAction: 'SUPPRESS', desiredDeliveryMediums: ['EMAIL'] })));
    refused(() => checkAnswer(m, withResponse(m, { finalUserStatus: 'UNCONFIRMED' })), 'Unrecognizable lambda output');
    refused(() => checkAnswer(m, withResponse(m, { desiredDeliveryMediums: ['FAX'] })), 'Unrecognizable lambda output');
    const d = E.defineAuthChallengeEvent({ ...c, userAttributes: {}, session: [] });
    assert.ok(checkAnswer(d, withResponse(d, { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false })));
    refused(() => checkAnswer(d, withResponse(d, { issueTokens: 'yes' })), 'Unrecognizable lambda output');
    const cr = E.createAuthChallengeEvent({ ...c, userAttributes: {}, challengeName: 'CUSTOM_CHALLENGE', session: [] });
    assert.ok(checkAnswer(cr, withResponse(cr, { publicChallengeParameters: { q: '1+1' }, privateChallengeParameters: { a: '2' }, challengeMetadata: 'm' })));
    refused(() => checkAnswer(cr, withResponse(cr, { privateChallengeParameters: { a: 2 } })), 'Unrecognizable lambda output');
    const v = E.verifyAuthChallengeResponseEvent({ ...c, userAttributes: {}, privateChallengeParameters: {}, challengeAnswer: 'x' });
    assert.equal(checkAnswer(v, withResponse(v, { answerCorrect: true })).response.answerCorrect, true);
    refused(() => checkAnswer(v, withResponse(v, { answerCorrect: 1 })), 'Unrecognizable lambda output');
  });
});
