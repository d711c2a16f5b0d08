/**
 * Passwords through the AWS SDK: ChangePassword, ForgotPassword (the pool's AccountRecoverySetting,
 * CustomMessage_ForgotPassword, UserMigration_ForgotPassword), ConfirmForgotPassword
 * (PostConfirmation_ConfirmForgotPassword), and sign-in after AdminResetUserPassword.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminResetUserPasswordCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { createClient, createPool, createTestUser, fnArn, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const FUNCTIONS = {
  message: `export const handler = async (event) => {
    if (event.triggerSource === 'CustomMessage_ForgotPassword') {
      event.response.emailSubject = 'Reset for ' + (event.request.clientMetadata?.app ?? 'us');
      event.response.emailMessage = 'Your reset code: ' + event.request.codeParameter;
    }
    return event;
  };`,
  confirmed: `export const handler = async (event) => {
    if (event.request.clientMetadata?.fail === 'yes') throw new Error('audit log unavailable');
    return event;
  };`,
  migrate: `export const handler = async (event) => {
    if (event.triggerSource === 'UserMigration_ForgotPassword' && event.userName === 'legacy') {
      event.response.userAttributes = { email: 'legacy@example.com', email_verified: 'true' };
      event.response.messageAction = 'SUPPRESS';
      return event;
    }
    throw new Error('unknown user');
  };`,
};

interface Message { code: string; destination: string; channel: string; subject: string | null; body: string }

describe('password recovery', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;

  before(async () => {
    tb = await startTestbed(FUNCTIONS);
    pool = await createPool(tb, {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }, { Name: 'verified_phone_number', Priority: 2 }] },
      LambdaConfig: { CustomMessage: fnArn('message'), PostConfirmation: fnArn('confirmed'), UserMigration: fnArn('migrate') },
    });
    client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'alice', password: 'Old-passw0rd', attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' } });
    await createTestUser(tb, pool, { username: 'bob', password: 'Old-passw0rd', attributes: { phone_number: '+15555550123', phone_number_verified: 'true', email: 'bob@example.com', email_verified: 'false' } });
    await createTestUser(tb, pool, { username: 'nobody-verified', password: 'Old-passw0rd', attributes: { email: 'nv@example.com', email_verified: 'false' } });
    await createTestUser(tb, pool, { username: 'invited', password: 'Temp-pass1', temporary: true, attributes: { email: 'inv@example.com', email_verified: 'true' } });
  });
  after(() => tb.close());

  const signIn = (USERNAME: string, PASSWORD: string) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME, PASSWORD } }));
  const forgot = (Username: string, ClientMetadata?: Record<string, string>) => tb.cognito.send(new ForgotPasswordCommand({ ClientId: client.clientId, Username, ClientMetadata }));
  const confirm = (Username: string, ConfirmationCode: string, Password: string, ClientMetadata?: Record<string, string>) =>
    tb.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: client.clientId, Username, ConfirmationCode, Password, ClientMetadata }));
  const lastMessage = async (username: string): Promise<Message> => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`);
    return ((await res.json()) as { messages: Message[] }).messages[0];
  };

  it('ChangePassword proves the current password and sets the new one', async () => {
    const { AccessToken } = (await signIn('alice', 'Old-passw0rd')).AuthenticationResult!;
    await rejectsWith(tb.cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Wrong-passw0rd', ProposedPassword: 'New-passw0rd!' })), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(tb.cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Old-passw0rd', ProposedPassword: 'weak' })), 'InvalidPasswordException', /^Password did not conform with policy/);
    await rejectsWith(tb.cognito.send(new ChangePasswordCommand({ AccessToken, ProposedPassword: 'New-passw0rd!' })), 'InvalidParameterException', /previousPassword/);
    await tb.cognito.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: 'Old-passw0rd', ProposedPassword: 'New-passw0rd!' }));
    await rejectsWith(signIn('alice', 'Old-passw0rd'), 'NotAuthorizedException', 'Incorrect username or password.');
    assert.ok((await signIn('alice', 'New-passw0rd!')).AuthenticationResult);
  });

  it('ForgotPassword sends a code through CustomMessage_ForgotPassword; ConfirmForgotPassword sets the password', async () => {
    const out = await forgot('alice', { app: 'Acme' });
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const m = await lastMessage('alice');
    assert.equal(m.subject, 'Reset for Acme');
    assert.equal(m.body, `Your reset code: ${m.code}`);
    await rejectsWith(confirm('alice', m.code === '000000' ? '111111' : '000000', 'Reset-passw0rd'), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    await rejectsWith(confirm('alice', m.code, 'weak'), 'InvalidPasswordException', /^Password did not conform with policy/);
    await confirm('alice', m.code, 'Reset-passw0rd');
    await rejectsWith(confirm('alice', m.code, 'Reset-passw0rd'), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');
    assert.ok((await signIn('alice', 'Reset-passw0rd')).AuthenticationResult);
  });

  it('follows the recovery order: a verified channel only', async () => {
    const out = await forgot('bob');
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    await rejectsWith(forgot('nobody-verified'), 'InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
    await rejectsWith(forgot('invited'), 'NotAuthorizedException', 'User password cannot be reset in the current state.');
  });

  it('answers unknown users, or migrates them with UserMigration_ForgotPassword', async () => {
    await rejectsWith(forgot('ghost'), 'UserNotFoundException', `Exception migrating user in app client ${client.clientId}`);
    const out = await forgot('legacy');
    assert.equal(out.CodeDeliveryDetails!.DeliveryMedium, 'EMAIL');
    const stored = (await tb.app.store.users.getByUsername(pool.id, 'legacy'))!;
    assert.equal(stored.status, 'RESET_REQUIRED');
    await rejectsWith(signIn('legacy', 'Anything-1'), 'PasswordResetRequiredException', 'Password reset required for the user');
    await confirm('legacy', (await lastMessage('legacy')).code, 'Fresh-passw0rd');
    assert.ok((await signIn('legacy', 'Fresh-passw0rd')).AuthenticationResult);
  });

  it('after AdminResetUserPassword, sign-in answers PasswordResetRequiredException until the code is used', async () => {
    await createTestUser(tb, pool, { username: 'carol', password: 'Old-passw0rd', attributes: { email: 'carol@example.com', email_verified: 'true' } });
    await tb.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.id, Username: 'carol' }));
    await rejectsWith(signIn('carol', 'Old-passw0rd'), 'PasswordResetRequiredException', 'Password reset required for the user');
    const code = (await lastMessage('carol')).code;
    // PostConfirmation_ConfirmForgotPassword runs after the password is set; its failure is the caller's error.
    await rejectsWith(confirm('carol', code, 'Carol-passw0rd', { fail: 'yes' }), 'UserLambdaValidationException', 'PostConfirmation failed with error audit log unavailable.');
    const stored = (await tb.app.store.users.getByUsername(pool.id, 'carol'))!;
    assert.equal(stored.status, 'CONFIRMED');
    assert.ok((await signIn('carol', 'Carol-passw0rd')).AuthenticationResult);
    const res = await fetch(`${tb.url}/_cognate/triggers?userPoolId=${pool.id}&triggerSource=PostConfirmation_ConfirmForgotPassword`);
    const { invocations } = (await res.json()) as { invocations: { outcome: string }[] };
    assert.equal(invocations[0].outcome, 'UserLambdaValidationException');
  });

  it('hides unknown users from a client that prevents user-existence errors', async () => {
    const hiding = await createClient(tb, pool, { PreventUserExistenceErrors: 'ENABLED' });
    const noMigration = await createPool(tb);
    const plain = await createClient(tb, noMigration, { PreventUserExistenceErrors: 'ENABLED' });
    const out = await tb.cognito.send(new ForgotPasswordCommand({ ClientId: plain.clientId, Username: 'ghost@example.com' }));
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'g***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    await rejectsWith(
      tb.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: hiding.clientId, Username: 'ghost2', ConfirmationCode: '123456', Password: 'Fresh-passw0rd' })),
      'CodeMismatchException', 'Invalid verification code provided, please try again.',
    );
  });
});
