/**
 * Issue 22, threat protection, with the JS SDK: auth events, risk from a new address, the
 * account-takeover and compromised-credentials actions, the blocked and skipped address ranges,
 * risk notifications in the inbox with one-click feedback links, and AUDIT mode.
 *
 * AWS's words and rules, where this test pins them:
 * - AdminListUserAuthEvents on a pool without threat protection: UserPoolAddOnNotEnabledException
 *   (https://github.com/ministackorg/ministack/pull/1538, "as real Cognito does"). No source shows
 *   its message, nor the messages of a blocked sign-in or a compromised password: those are Cognate's.
 * - The pool-wide configuration has no ClientId: "When this parameter isn't present, the risk
 *   configuration applies to all user pool app clients that don't have client-level settings"
 *   (the API model, RiskConfigurationType).
 * - ContextData (AdminInitiateAuth) carries the user's address from the server that relays them
 *   (developer guide, adaptive authentication, "Adding user device and session data to API requests").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand, AdminListUserAuthEventsCommand, AdminUpdateAuthEventFeedbackCommand, DescribeRiskConfigurationCommand, SetRiskConfigurationCommand,
  SignUpCommand, UpdateAuthEventFeedbackCommand, type AuthEventType,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { ClientRecord } from '../../src/domain/client.ts';

const PASSWORD = 'Correct-Horse-9';
const BREACHED = 'Password123!';

describe('threat protection', () => {
  let tb: Testbed;
  before(async () => (tb = await startTestbed({}, { compromisedPasswords: [BREACHED] })));
  after(() => tb.close());
  const send = (command: any): Promise<any> => tb.cognito.send(command);

  async function setup(mode: 'AUDIT' | 'ENFORCED' | 'OFF', username = 'alice') {
    const pool = await createPool(tb, { UserPoolAddOns: { AdvancedSecurityMode: mode } });
    const client = await createClient(tb, pool);
    await createTestUser(tb, pool, { username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: 'true' } });
    return { pool, client };
  }
  const signIn = (pool: PoolRecord, client: ClientRecord, ip: string, username = 'alice', password = PASSWORD) => send(new AdminInitiateAuthCommand({
    UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
    ContextData: { IpAddress: ip, ServerName: 'app.example.com', ServerPath: '/login', HttpHeaders: [{ headerName: 'User-Agent', headerValue: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0' }] },
  }));
  const events = async (pool: PoolRecord, username = 'alice'): Promise<AuthEventType[]> =>
    (await send(new AdminListUserAuthEventsCommand({ UserPoolId: pool.id, Username: username }))).AuthEvents;
  const mediumBlock = (pool: PoolRecord) => send(new SetRiskConfigurationCommand({
    UserPoolId: pool.id,
    AccountTakeoverRiskConfiguration: {
      NotifyConfiguration: { SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com', BlockEmail: { Subject: 'Blocked: {username}', TextBody: 'From {ip-address} on {device-name}. Me: {one-click-link-valid} Not me: {one-click-link-invalid}' } },
      Actions: { LowAction: { EventAction: 'NO_ACTION', Notify: false }, MediumAction: { EventAction: 'BLOCK', Notify: true }, HighAction: { EventAction: 'BLOCK', Notify: true } },
    },
  }));
  const inbox = async (pool: PoolRecord, username: string) =>
    ((await (await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`)).json()) as { messages: { subject: string; body: string }[] }).messages;

  it('a pool without threat protection answers UserPoolAddOnNotEnabledException, and records nothing', async () => {
    const { pool, client } = await setup('OFF');
    assert.ok((await signIn(pool, client, '10.0.0.1')).AuthenticationResult.AccessToken);
    await rejectsWith(events(pool), 'UserPoolAddOnNotEnabledException');
    await rejectsWith(send(new DescribeRiskConfigurationCommand({ UserPoolId: pool.id })), 'UserPoolAddOnNotEnabledException');
  });

  it('AUDIT records sign-ins with their address, device and risk, and takes no action', async () => {
    const { pool, client } = await setup('AUDIT');
    await mediumBlock(pool);
    await signIn(pool, client, '10.0.0.1');
    // A new address (same device) is Medium risk: recorded, not blocked, nobody notified.
    assert.ok((await signIn(pool, client, '10.9.9.9')).AuthenticationResult.AccessToken);
    const [risky, first] = await events(pool);
    assert.equal(first.EventType, 'SignIn');
    assert.equal(first.EventResponse, 'Pass');
    assert.deepEqual(first.EventRisk, { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false });
    assert.deepEqual(first.EventContextData, { IpAddress: '10.0.0.1', DeviceName: 'Chrome, Windows' });
    assert.deepEqual(first.ChallengeResponses, [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }]);
    assert.ok(first.CreationDate instanceof Date);
    assert.deepEqual([risky.EventResponse, risky.EventRisk?.RiskLevel, risky.EventRisk?.RiskDecision], ['Pass', 'Medium', 'AccountTakeover']);
    assert.equal((await inbox(pool, 'alice')).length, 0);
    // Pagination, newest first.
    const page1 = await send(new AdminListUserAuthEventsCommand({ UserPoolId: pool.id, Username: 'alice', MaxResults: 1 }));
    assert.equal(page1.AuthEvents[0].EventId, risky.EventId);
    const page2 = await send(new AdminListUserAuthEventsCommand({ UserPoolId: pool.id, Username: 'alice', MaxResults: 1, NextToken: page1.NextToken }));
    assert.equal(page2.AuthEvents[0].EventId, first.EventId);
    assert.equal(page2.NextToken, undefined);
  });

  it('ENFORCED with BLOCK refuses a sign-in from a new address, notifies the user, and the link records feedback once', async () => {
    const { pool, client } = await setup('ENFORCED');
    await mediumBlock(pool);
    await signIn(pool, client, '10.0.0.1');
    await rejectsWith(signIn(pool, client, '10.9.9.9'), 'NotAuthorizedException');
    const [blocked] = await events(pool);
    assert.deepEqual([blocked.EventResponse, blocked.EventRisk?.RiskDecision, blocked.EventRisk?.RiskLevel], ['Fail', 'Block', 'Medium']);

    const [notice] = await inbox(pool, 'alice');
    assert.equal(notice.subject, 'Blocked: alice');
    assert.match(notice.body, /^From 10\.9\.9\.9 on Chrome, Windows\. /);
    const link = /Me: (\S+)/.exec(notice.body)![1];
    assert.ok(link.startsWith(`${tb.url}/auth-event-feedback?`));
    assert.equal(new URL(link).searchParams.get('event_id'), blocked.EventId);
    // A GET (a mail scanner or link preview following the link) records nothing: had it, the
    // "This was me" link, fetched unasked, would lift the block on the attacker's address.
    const shown = await fetch(link);
    assert.equal(shown.status, 200);
    assert.match(shown.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const confirm = await shown.text();
    assert.match(confirm, /<form method="post" action="\/auth-event-feedback">/);
    assert.equal((await events(pool))[0].EventFeedback, undefined);
    await rejectsWith(signIn(pool, client, '10.9.9.9'), 'NotAuthorizedException');
    // The user's own click on the page's button POSTs the link's values, and records the feedback.
    const post = () => fetch(`${tb.url}/auth-event-feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URL(link).searchParams.toString() });
    assert.equal((await post()).status, 200);
    // Single use: the same link, or the other one, is refused afterwards.
    assert.equal((await post()).status, 400);
    const token = new URL(link).searchParams.get('feedback_token')!;
    await rejectsWith(send(new UpdateAuthEventFeedbackCommand({ UserPoolId: pool.id, Username: 'alice', EventId: blocked.EventId, FeedbackToken: token, FeedbackValue: 'Invalid' })), 'NotAuthorizedException');
    const withFeedback = (await events(pool)).find((e) => e.EventId === blocked.EventId)!;
    assert.equal(withFeedback.EventFeedback?.FeedbackValue, 'Valid');
    assert.equal(withFeedback.EventFeedback?.Provider, 'User');
    // "This was me": the address is now known, and the same sign-in passes.
    assert.ok((await signIn(pool, client, '10.9.9.9')).AuthenticationResult.AccessToken);
  });

  it('UpdateAuthEventFeedback refuses a wrong token; AdminUpdateAuthEventFeedback needs none', async () => {
    const { pool, client } = await setup('ENFORCED');
    await mediumBlock(pool);
    await signIn(pool, client, '10.0.0.1');
    await rejectsWith(signIn(pool, client, '10.7.7.7'), 'NotAuthorizedException');
    const [blocked] = await events(pool);
    await rejectsWith(send(new UpdateAuthEventFeedbackCommand({ UserPoolId: pool.id, Username: 'alice', EventId: blocked.EventId, FeedbackToken: 'x'.repeat(43), FeedbackValue: 'Valid' })), 'NotAuthorizedException');
    // An event that does not exist is refused as a wrong token is.
    await rejectsWith(send(new UpdateAuthEventFeedbackCommand({ UserPoolId: pool.id, Username: 'alice', EventId: 'no-such-event', FeedbackToken: 'x'.repeat(43), FeedbackValue: 'Valid' })), 'NotAuthorizedException', 'Invalid feedback token.');
    await rejectsWith(send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: pool.id, Username: 'alice', EventId: 'no-such-event', FeedbackValue: 'Valid' })), 'ResourceNotFoundException');
    await send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId: pool.id, Username: 'alice', EventId: blocked.EventId, FeedbackValue: 'Invalid' }));
    assert.deepEqual((await events(pool))[0].EventFeedback?.FeedbackValue, 'Invalid');
    // "This was not me": the address stays unknown, and stays blocked.
    await rejectsWith(signIn(pool, client, '10.7.7.7'), 'NotAuthorizedException');
  });

  it('BlockedIPRangeList refuses a sign-in; SkippedIPRangeList skips risk; the ranges must be CIDR', async () => {
    const { pool, client } = await setup('ENFORCED');
    await rejectsWith(send(new SetRiskConfigurationCommand({ UserPoolId: pool.id, RiskExceptionConfiguration: { BlockedIPRangeList: ['10.66.0.0/33'] } })), 'InvalidParameterException');
    await mediumBlock(pool);
    await send(new SetRiskConfigurationCommand({
      UserPoolId: pool.id, ClientId: client.clientId,
      AccountTakeoverRiskConfiguration: { Actions: { MediumAction: { EventAction: 'BLOCK', Notify: false }, HighAction: { EventAction: 'BLOCK', Notify: false } } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['10.66.0.0/16'], SkippedIPRangeList: ['192.168.0.0/24'] },
    }));
    await signIn(pool, client, '10.0.0.1');
    await rejectsWith(signIn(pool, client, '10.66.1.2'), 'NotAuthorizedException', 'Unable to sign in because of security reasons.');
    // A new address, but in the skipped range: not assessed, so not blocked.
    assert.ok((await signIn(pool, client, '192.168.0.7')).AuthenticationResult.AccessToken);
    assert.equal((await events(pool))[0].EventRisk?.RiskLevel, undefined);
    // The client's configuration is its own; the pool's has no ClientId.
    const own = (await send(new DescribeRiskConfigurationCommand({ UserPoolId: pool.id, ClientId: client.clientId }))).RiskConfiguration;
    assert.deepEqual(own.RiskExceptionConfiguration.BlockedIPRangeList, ['10.66.0.0/16']);
    const poolWide = (await send(new DescribeRiskConfigurationCommand({ UserPoolId: pool.id }))).RiskConfiguration;
    assert.equal(poolWide.ClientId, undefined);
    assert.equal(poolWide.RiskExceptionConfiguration, undefined);
    assert.equal(poolWide.AccountTakeoverRiskConfiguration.Actions.MediumAction.Notify, true);
  });

  it('a known-breached password is refused at sign-up (ENFORCED, BLOCK) and flagged at sign-in (NO_ACTION)', async () => {
    const { pool, client } = await setup('ENFORCED');
    await send(new SetRiskConfigurationCommand({ UserPoolId: pool.id, CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_UP'], Actions: { EventAction: 'BLOCK' } } }));
    await rejectsWith(send(new SignUpCommand({ ClientId: client.clientId, Username: 'bob', Password: BREACHED })), 'InvalidPasswordException');
    const ok = await send(new SignUpCommand({ ClientId: client.clientId, Username: 'bob', Password: PASSWORD }));
    assert.ok(ok.UserSub);
    const [signUp] = await events(pool, 'bob');
    assert.deepEqual([signUp.EventType, signUp.EventResponse], ['SignUp', 'Pass']);

    // SIGN_IN is not in the filter: a breached password signs in, its event flagged.
    await createTestUser(tb, pool, { username: 'carol', password: BREACHED });
    assert.ok((await signIn(pool, client, '10.0.0.1', 'carol', BREACHED)).AuthenticationResult.AccessToken);
    assert.equal((await events(pool, 'carol'))[0].EventRisk?.CompromisedCredentialsDetected, true);
    await send(new SetRiskConfigurationCommand({ UserPoolId: pool.id, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } } }));
    await rejectsWith(signIn(pool, client, '10.0.0.1', 'carol', BREACHED), 'NotAuthorizedException');
  });
});
