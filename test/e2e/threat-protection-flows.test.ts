/**
 * Issue 22, threat protection in the flows: adaptive MFA (MFA_IF_CONFIGURED asks a second factor
 * of a risky sign-in in a pool whose own MFA setting asks none; MFA_REQUIRED blocks a user with
 * no factor: AccountTakeoverActionType in the API reference), failed sign-ins, the address of
 * UserContextData believed only from a client with a secret and
 * EnablePropagateAdditionalUserContextData (CreateUserPoolClient's reference: "... you must also
 * include the IpAddress in UserContextData ... you can only activate it in an app client that has
 * a client secret"), and the events of sign-up, password change and reset.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand, AdminListUserAuthEventsCommand, ChangePasswordCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand,
  RespondToAuthChallengeCommand, SetRiskConfigurationCommand, SetUserPoolMfaConfigCommand, type AuthEventType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEVELOPER_EMAIL } from '../support/mfa-rig.ts';
import { createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { ClientRecord } from '../../src/domain/client.ts';

const PASSWORD = 'Correct-Horse-9';

describe('threat protection in the sign-in and password flows', () => {
  let tb: Testbed;
  before(async () => (tb = await startTestbed()));
  after(() => tb.close());
  const send = (command: any): Promise<any> => tb.cognito.send(command);
  const events = async (pool: PoolRecord, username: string): Promise<AuthEventType[]> =>
    (await send(new AdminListUserAuthEventsCommand({ UserPoolId: pool.id, Username: username }))).AuthEvents;
  const adminSignIn = (pool: PoolRecord, client: ClientRecord, ip: string, username: string, password = PASSWORD) => send(new AdminInitiateAuthCommand({
    UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    ContextData: { IpAddress: ip, ServerName: 'app.example.com', ServerPath: '/login', HttpHeaders: [] },
  }));
  const takeover = (pool: PoolRecord, action: 'MFA_IF_CONFIGURED' | 'MFA_REQUIRED' | 'BLOCK') => send(new SetRiskConfigurationCommand({
    UserPoolId: pool.id, AccountTakeoverRiskConfiguration: { Actions: { MediumAction: { EventAction: action, Notify: false }, HighAction: { EventAction: action, Notify: false } } },
  }));
  const newest = async (pool: PoolRecord, username: string) => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`);
    return ((await res.json()) as { messages: { code: string; subject: string }[] }).messages[0];
  };

  it('MFA_IF_CONFIGURED: a risky sign-in answers an email code first, and its event shows the MFA', async () => {
    const pool = await createPool(tb, { UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' }, EmailConfiguration: DEVELOPER_EMAIL });
    await send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: { Message: 'Code {####}', Subject: 'Your code' } }));
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'erin', password: PASSWORD, attributes: { email: 'erin@example.com', email_verified: 'true' } });
    await takeover(pool, 'MFA_IF_CONFIGURED');
    assert.ok((await adminSignIn(pool, client, '10.0.0.1', 'erin')).AuthenticationResult.AccessToken, 'no history, no risk, no MFA');
    const challenge = await adminSignIn(pool, client, '10.8.8.8', 'erin');
    assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    const { code } = await newest(pool, 'erin');
    const done = await send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName: 'EMAIL_OTP', Session: challenge.Session, ChallengeResponses: { USERNAME: 'erin', EMAIL_OTP_CODE: code } }));
    assert.ok(done.AuthenticationResult.AccessToken);
    const [risky] = await events(pool, 'erin');
    assert.deepEqual(risky.ChallengeResponses, [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }, { ChallengeName: 'Mfa', ChallengeResponse: 'Success' }]);
    assert.equal(risky.EventRisk?.RiskLevel, 'Medium');
  });

  it('MFA_REQUIRED blocks a risky sign-in of a user with no factor; a wrong password is a failed sign-in', async () => {
    const pool = await createPool(tb, { UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'finn', password: PASSWORD });
    await takeover(pool, 'MFA_REQUIRED');
    await adminSignIn(pool, client, '10.0.0.1', 'finn');
    await rejectsWith(adminSignIn(pool, client, '10.8.8.8', 'finn'), 'NotAuthorizedException');
    await rejectsWith(adminSignIn(pool, client, '10.0.0.1', 'finn', 'Wrong-Password-1'), 'NotAuthorizedException', 'Incorrect username or password.');
    const [wrong, blocked] = await events(pool, 'finn');
    assert.deepEqual([wrong.EventResponse, wrong.ChallengeResponses], ['Fail', [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }]]);
    assert.deepEqual([blocked.EventResponse, blocked.EventRisk?.RiskDecision], ['Fail', 'Block']);
  });

  it("UserContextData's address is believed only from a client with a secret that propagates it", async () => {
    const pool = await createPool(tb, { UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
    const open = await createClient(tb, pool);
    const trusted = await createClient(tb, pool, { GenerateSecret: true, EnablePropagateAdditionalUserContextData: true });
    await createTestUser(tb, pool, { username: 'gus', password: PASSWORD });
    const secretHash = createHmac('sha256', trusted.secret!).update(`gus${trusted.clientId}`).digest('base64');
    const signIn = (client: ClientRecord, extra: Record<string, string> = {}) => send(new InitiateAuthCommand({
      ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gus', PASSWORD, ...extra },
      UserContextData: { IpAddress: '203.0.113.9', EncodedData: 'opaque' },
    }));
    await signIn(open);
    await signIn(trusted, { SECRET_HASH: secretHash });
    const [fromTrusted, fromOpen] = await events(pool, 'gus');
    assert.equal(fromOpen.EventContextData?.IpAddress, '127.0.0.1');
    assert.equal(fromTrusted.EventContextData?.IpAddress, '203.0.113.9');
  });

  it('password changes and resets are recorded', async () => {
    const pool = await createPool(tb, { UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' }, AutoVerifiedAttributes: ['email'] });
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username: 'hana', password: PASSWORD, attributes: { email: 'hana@example.com', email_verified: 'true' } });
    const { AuthenticationResult } = await send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'hana', PASSWORD } }));
    await send(new ChangePasswordCommand({ AccessToken: AuthenticationResult.AccessToken, PreviousPassword: PASSWORD, ProposedPassword: 'Another-Horse-8' }));
    await send(new ForgotPasswordCommand({ ClientId: client.clientId, Username: 'hana' }));
    const { code } = await newest(pool, 'hana');
    await send(new ConfirmForgotPasswordCommand({ ClientId: client.clientId, Username: 'hana', ConfirmationCode: code, Password: 'Third-Horse-7' }));
    assert.deepEqual((await events(pool, 'hana')).map((e) => [e.EventType, e.EventResponse]), [
      ['PasswordChange', 'Pass'], ['ForgotPassword', 'Pass'], ['PasswordChange', 'Pass'], ['SignIn', 'Pass'],
    ]);
  });
});
