/**
 * Issue 20, MFA with codes sent by SMS and email, and the choice between factors: SMS_MFA and
 * EMAIL_OTP as second factors (codes from the development inbox), SELECT_MFA_TYPE, the legacy
 * SetUserSettings option, and Cognito's rule that with MFA required a user with a phone number
 * gets SMS_MFA without having chosen it.
 *
 * AWS's words and rules, where this test pins them:
 * - A wrong SMS (or email) MFA code: CodeMismatchException "Invalid code or auth state for the user."
 *   https://github.com/aws-amplify/amplify-js/issues/3066, https://github.com/aws-amplify/amplify-js/issues/11069
 * - Several factors and no preference: SELECT_MFA_TYPE (AdminSetUserMFAPreference's reference:
 *   "If multiple options are activated and no preference is set, a challenge to choose an MFA
 *   option will be returned during sign-in"), answered with ANSWER = the factor's name
 *   (https://github.com/aws-amplify/amplify-android/issues/2677).
 * - MFA required and a phone number: SMS MFA by default, not preferred
 *   (https://github.com/aws-amplify/amplify-js/issues/4646, https://github.com/aws-amplify/amplify-js/issues/1875).
 * - "User does not have delivery config set to turn on ..." for a factor the user cannot receive
 *   (https://github.com/aws/aws-sdk-js-v3/issues/4645, the same words for SMS and email here).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserSettingsCommand, GetUserCommand, SetUserSettingsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { rejectsWith } from '../support/testbed.ts';
import { startMfaRig, type MfaRig } from '../support/mfa-rig.ts';

describe('MFA: codes by SMS and email, and the choice', () => {
  let rig: MfaRig;
  before(async () => (rig = await startMfaRig()));
  after(() => rig.close());
  const send = (command: any): Promise<any> => rig.tb.cognito.send(command);
  const ALL = {
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your sign-in code is {####}' },
    SoftwareTokenMfaConfiguration: { Enabled: true },
    EmailMfaConfiguration: { Message: 'Sign in with {####}', Subject: 'Your sign-in code' },
  };

  it('SMS_MFA: the code goes by SMS in the pool\'s message; a wrong one may be corrected in the same Session', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', ...ALL });
    await rig.user(pool, 'carol', { phone_number: '+15555550123', phone_number_verified: 'true', email: 'carol@example.com' });
    await send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.id, Username: 'carol', SMSMfaSettings: { Enabled: true } }));
    const challenge = await rig.signIn(client, 'carol');
    assert.equal(challenge.ChallengeName, 'SMS_MFA');
    assert.equal(challenge.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    assert.equal(challenge.ChallengeParameters.CODE_DELIVERY_DESTINATION, '+*******0123');
    const sent = await rig.code(pool, 'carol');
    assert.equal(sent.channel, 'sms');
    assert.equal(sent.body, `Your sign-in code is ${sent.code}`);
    const answer = (code: string) => rig.respond(client, 'SMS_MFA', challenge.Session, { USERNAME: 'carol', SMS_MFA_CODE: code });
    await rejectsWith(answer(sent.code === '000000' ? '111111' : '000000'), 'CodeMismatchException', 'Invalid code or auth state for the user.');
    assert.ok((await answer(sent.code)).AuthenticationResult.AccessToken);
  });

  it('EMAIL_OTP as a second factor, in the pool\'s EmailMfaConfiguration; SELECT_MFA_TYPE when several factors and none preferred', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', ...ALL });
    await rig.user(pool, 'dan', { phone_number: '+15555550199', email: 'dan@example.com', email_verified: 'true' });
    await send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.id, Username: 'dan', SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } }));
    const dan = await send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'dan' }));
    assert.deepEqual([dan.UserMFASettingList, dan.PreferredMfaSetting], [['SMS_MFA', 'EMAIL_OTP'], undefined]);

    const select = await rig.signIn(client, 'dan');
    assert.equal(select.ChallengeName, 'SELECT_MFA_TYPE');
    assert.deepEqual(select.ChallengeParameters, { MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]', USER_ID_FOR_SRP: 'dan' });
    await rejectsWith(rig.respond(client, 'SELECT_MFA_TYPE', select.Session, { USERNAME: 'dan', ANSWER: 'SOFTWARE_TOKEN_MFA' }), 'InvalidParameterException');
    const email = await rig.respond(client, 'SELECT_MFA_TYPE', select.Session, { USERNAME: 'dan', ANSWER: 'EMAIL_OTP' });
    assert.equal(email.ChallengeName, 'EMAIL_OTP');
    assert.equal(email.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    const sent = await rig.code(pool, 'dan');
    assert.deepEqual([sent.channel, sent.subject, sent.body], ['email', 'Your sign-in code', `Sign in with ${sent.code}`]);
    assert.ok((await rig.respond(client, 'EMAIL_OTP', email.Session, { USERNAME: 'dan', EMAIL_OTP_CODE: sent.code })).AuthenticationResult.IdToken);

    // A preferred factor is asked for at once.
    await send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.id, Username: 'dan', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    assert.equal((await rig.signIn(client, 'dan')).ChallengeName, 'EMAIL_OTP');
    // Turning the preferred factor off takes the preference with it.
    await send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.id, Username: 'dan', EmailMfaSettings: { Enabled: false } }));
    const after = await send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'dan' }));
    assert.deepEqual([after.UserMFASettingList, after.PreferredMfaSetting], [['SMS_MFA'], undefined]);
    assert.equal((await rig.signIn(client, 'dan')).ChallengeName, 'SMS_MFA');
  });

  it('refuses a factor the user cannot receive, and two preferred factors', async () => {
    const { pool } = await rig.pool({ MfaConfiguration: 'OPTIONAL', ...ALL });
    await rig.user(pool, 'erin', { email: 'erin@example.com' });
    await rejectsWith(send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.id, Username: 'erin', SMSMfaSettings: { Enabled: true } })),
      'InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA');
    await rejectsWith(send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: pool.id, Username: 'erin', EmailMfaSettings: { Enabled: true, PreferredMfa: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    })), 'InvalidParameterException');
  });

  it('MFA ON: a user with a phone number and no choice made gets SMS_MFA; without one, MFA_SETUP lists the pool\'s factors', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'ON', ...ALL });
    await rig.user(pool, 'fay', { phone_number: '+15555550111' });
    await rig.user(pool, 'gus', { email: 'gus@example.com' });
    assert.equal((await rig.signIn(client, 'fay')).ChallengeName, 'SMS_MFA');
    const setup = await rig.signIn(client, 'gus');
    assert.equal(setup.ChallengeName, 'MFA_SETUP');
    assert.equal(setup.ChallengeParameters.MFAS_CAN_SETUP, '["SMS_MFA","SOFTWARE_TOKEN_MFA","EMAIL_OTP"]');
  });

  it('the legacy SetUserSettings option turns SMS MFA on and shows in MFAOptions', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', ...ALL });
    await rig.user(pool, 'hal', { phone_number: '+15555550122' });
    const AccessToken = (await rig.signIn(client, 'hal')).AuthenticationResult.AccessToken;
    await rejectsWith(send(new SetUserSettingsCommand({ AccessToken, MFAOptions: [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }] })), 'InvalidParameterException');
    await send(new SetUserSettingsCommand({ AccessToken, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }));
    assert.deepEqual((await send(new GetUserCommand({ AccessToken }))).MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    assert.equal((await rig.signIn(client, 'hal')).ChallengeName, 'SMS_MFA');
    await send(new AdminSetUserSettingsCommand({ UserPoolId: pool.id, Username: 'hal', MFAOptions: [] }));
    assert.equal((await send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'hal' }))).MFAOptions, undefined);
    assert.ok((await rig.signIn(client, 'hal')).AuthenticationResult);
  });

  it('email MFA needs a DEVELOPER email configuration and the Essentials or Plus plan', async () => {
    const { pool } = await rig.pool({ MfaConfiguration: 'OFF' }, { EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' } });
    const { SetUserPoolMfaConfigCommand, UpdateUserPoolCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await rejectsWith(send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })), 'InvalidParameterException');
    await send(new UpdateUserPoolCommand({ UserPoolId: pool.id, UserPoolTier: 'LITE', EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com' } }));
    await rejectsWith(send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: {} })), 'FeatureUnavailableInTierException');
  });
});
