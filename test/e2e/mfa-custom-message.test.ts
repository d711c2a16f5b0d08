/**
 * Sign-in codes through the pool's CustomMessage function: an SMS MFA code and a passwordless email
 * code are shaped by it with triggerSource CustomMessage_Authentication and the request's
 * ClientMetadata, as Cognito does ("CustomMessage_Authentication: Custom message to send MFA codes
 * during authentication", https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminSetUserMFAPreferenceCommand, InitiateAuthCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createTestUser, fnArn, startTestbed, type Testbed } from '../support/testbed.ts';

const CUSTOM_MESSAGE = `export const handler = async (event) => {
  const note = event.triggerSource + ' for ' + (event.request.clientMetadata?.app ?? 'no app') + ': ' + event.request.codeParameter;
  event.response.smsMessage = note;
  event.response.emailMessage = note;
  event.response.emailSubject = 'Sign in';
  return event;
};`;

describe('sign-in codes and the CustomMessage function', () => {
  let tb: Testbed;
  before(async () => (tb = await startTestbed({ message: CUSTOM_MESSAGE })));
  after(() => tb.close());

  const newest = async (poolId: string, username: string) => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${poolId}&username=${username}`);
    return ((await res.json()) as { messages: { code: string; body: string; channel: string }[] }).messages[0];
  };

  it('shapes an SMS MFA code and a passwordless email code, with the request\'s ClientMetadata', async () => {
    const pool = await createPool(tb, {
      LambdaConfig: { CustomMessage: fnArn('message') }, SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sms', ExternalId: 'x' },
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
    await tb.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}' } }));
    const client = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH'] });
    await createTestUser(tb, pool, { username: 'eve', password: 'Corr3ct-horse', attributes: { email: 'eve@example.com', email_verified: 'true', phone_number: '+15555550102', phone_number_verified: 'true' } });
    await tb.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: pool.id, Username: 'eve', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const mfa = await tb.cognito.send(new InitiateAuthCommand({
      ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eve', PASSWORD: 'Corr3ct-horse' }, ClientMetadata: { app: 'web' },
    }));
    assert.equal(mfa.ChallengeName, 'SMS_MFA');
    const sms = await newest(pool.id, 'eve');
    assert.equal(sms.channel, 'sms');
    assert.equal(sms.body, `CustomMessage_Authentication for web: ${sms.code}`);

    const otp = await tb.cognito.send(new InitiateAuthCommand({
      ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'eve', PREFERRED_CHALLENGE: 'EMAIL_OTP' }, ClientMetadata: { app: 'mobile' },
    }));
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    const email = await newest(pool.id, 'eve');
    assert.equal(email.channel, 'email');
    assert.equal(email.body, `CustomMessage_Authentication for mobile: ${email.code}`);
  });
});
