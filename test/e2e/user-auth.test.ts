/**
 * Choice-based sign-in (USER_AUTH) through the AWS SDK: SELECT_CHALLENGE and its AvailableChallenges,
 * PREFERRED_CHALLENGE, each first factor (PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP with codes read
 * from the inbox), wrong answers, the client's ALLOW_USER_AUTH and the pool's AllowedFirstAuthFactors.
 *
 * AWS's shapes: the API reference of InitiateAuth (AuthParameters: USERNAME, PREFERRED_CHALLENGE; the
 * response's AvailableChallenges) and RespondToAuthChallenge (SELECT_CHALLENGE answered with ANSWER
 * and, for PASSWORD and PASSWORD_SRP, PASSWORD or SRP_A in the same response):
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminInitiateAuthCommand,
  AdminSetUserMFAPreferenceCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type ChallengeNameType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { srpClient } from '../support/srp-client.ts';
import { claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sms', ExternalId: 'x' };

describe('USER_AUTH', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } }, SmsConfiguration: SMS });
    client = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await createTestUser(tb, pool, {
      username: 'alice', password: 'Corr3ct-horse',
      attributes: { email: 'alice@example.com', email_verified: 'true', phone_number: '+15555550100', phone_number_verified: 'true' },
    });
    // Passwordless, with an email address verified; and one whose address is not.
    await createTestUser(tb, pool, { username: 'bob', attributes: { email: 'bob@example.com', email_verified: 'true' } });
    await createTestUser(tb, pool, { username: 'carol', password: 'Corr3ct-horse', attributes: { email: 'carol@example.com', email_verified: 'false' } });
  });
  after(() => tb.close());

  const initiate = (AuthParameters: Record<string, string>, clientId = client.clientId) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters }));
  const respond = (ChallengeName: ChallengeNameType, ChallengeResponses: Record<string, string>, Session?: string) =>
    tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName, ChallengeResponses, Session }));
  const latestCode = async (username: string) => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`);
    return ((await res.json()) as { messages: { code: string; channel: string }[] }).messages[0];
  };

  it('without PREFERRED_CHALLENGE answers SELECT_CHALLENGE with what the pool allows and the user can use', async () => {
    const out = await initiate({ USERNAME: 'alice' });
    assert.equal(out.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(out.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']);
    assert.ok(out.Session);
    // No password: the codes only; an address not verified is not offered.
    assert.deepEqual((await initiate({ USERNAME: 'bob' })).AvailableChallenges, ['EMAIL_OTP']);
    assert.deepEqual((await initiate({ USERNAME: 'carol' })).AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
  });

  it('PREFERRED_CHALLENGE PASSWORD checks the password at once; a wrong one is refused as in USER_PASSWORD_AUTH', async () => {
    const out = await initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Corr3ct-horse' });
    assert.equal(claimsOf(out.AuthenticationResult!.AccessToken!).username, 'alice');
    await rejectsWith(initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-horse1' }), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD' }), 'InvalidParameterException', 'Missing required parameter PASSWORD');
  });

  it('PREFERRED_CHALLENGE PASSWORD_SRP answers PASSWORD_VERIFIER, then tokens', async () => {
    const srp = srpClient(pool.id);
    const out = await initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.A });
    assert.equal(out.ChallengeName, 'PASSWORD_VERIFIER');
    const done = await respond('PASSWORD_VERIFIER', srp.answer(out.ChallengeParameters!, 'Corr3ct-horse'));
    assert.ok(done.AuthenticationResult?.IdToken);
  });

  it('SELECT_CHALLENGE answered PASSWORD or PASSWORD_SRP goes on with the parameters in the same answer', async () => {
    const first = await initiate({ USERNAME: 'alice' });
    const done = await respond('SELECT_CHALLENGE', { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD: 'Corr3ct-horse' }, first.Session);
    assert.ok(done.AuthenticationResult?.RefreshToken);
    // The choice is single use.
    await rejectsWith(respond('SELECT_CHALLENGE', { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD: 'Corr3ct-horse' }, first.Session), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');

    const srp = srpClient(pool.id);
    const second = await initiate({ USERNAME: 'alice' });
    const verifier = await respond('SELECT_CHALLENGE', { USERNAME: 'alice', ANSWER: 'PASSWORD_SRP', SRP_A: srp.A }, second.Session);
    assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
    const tokens = await respond('PASSWORD_VERIFIER', srp.answer(verifier.ChallengeParameters!, 'Corr3ct-horse'));
    assert.ok(tokens.AuthenticationResult?.AccessToken);
  });

  it('EMAIL_OTP: a code to the verified address, answered with EMAIL_OTP_CODE; a wrong one is a CodeMismatchException', async () => {
    const out = await initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(out.ChallengeName, 'EMAIL_OTP');
    assert.equal(out.ChallengeParameters!.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.match(out.ChallengeParameters!.CODE_DELIVERY_DESTINATION, /^a\*+@e\*+/);
    const { code, channel } = await latestCode('alice');
    assert.equal(channel, 'email');
    const done = await respond('EMAIL_OTP', { USERNAME: 'alice', EMAIL_OTP_CODE: code }, out.Session);
    assert.equal(claimsOf(done.AuthenticationResult!.IdToken!).email, 'alice@example.com');

    const again = await initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const fresh = (await latestCode('alice')).code;
    const wrong = fresh === '000000' ? '111111' : '000000';
    await rejectsWith(respond('EMAIL_OTP', { USERNAME: 'alice', EMAIL_OTP_CODE: wrong }, again.Session), 'CodeMismatchException');
    // The same Session takes the right code after a wrong one, as Cognito's sign-in codes do (the
    // code burns after five wrong answers): Amplify's confirmSignIn retries with the Session it holds.
    const retried = await respond('EMAIL_OTP', { USERNAME: 'alice', EMAIL_OTP_CODE: fresh }, again.Session);
    assert.ok(retried.AuthenticationResult!.AccessToken);
  });

  it('asks no MFA after a passwordless code, though the pool and the user have MFA on', async () => {
    // "MFA ... as additional factors to sign in your users who have passwords as their primary
    // authentication factor": https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
    const mfaPool = await createPool(tb, { PoolName: 'mfa-optional', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } }, SmsConfiguration: SMS, MfaConfiguration: 'OPTIONAL' });
    const mfaClient = await createClient(tb, mfaPool, { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] });
    await createTestUser(tb, mfaPool, { username: 'dan', password: 'Corr3ct-horse', attributes: { email: 'dan@example.com', email_verified: 'true', phone_number: '+15555550101', phone_number_verified: 'true' } });
    await tb.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: mfaPool.id, Username: 'dan', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const withPassword = await tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: mfaClient.clientId, AuthParameters: { USERNAME: 'dan', PASSWORD: 'Corr3ct-horse' } }));
    assert.equal(withPassword.ChallengeName, 'SMS_MFA');
    const out = await tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: mfaClient.clientId, AuthParameters: { USERNAME: 'dan', PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${mfaPool.id}&username=dan&channel=email`);
    const { code } = ((await res.json()) as { messages: { code: string }[] }).messages[0];
    const done = await tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: mfaClient.clientId, ChallengeName: 'EMAIL_OTP', Session: out.Session, ChallengeResponses: { USERNAME: 'dan', EMAIL_OTP_CODE: code } }));
    assert.equal(done.ChallengeName, undefined);
    assert.ok(done.AuthenticationResult!.AccessToken);
  });

  it('SMS_OTP through SELECT_CHALLENGE: the code goes by SMS, answered with SMS_OTP_CODE', async () => {
    const first = await initiate({ USERNAME: 'alice' });
    const out = await respond('SELECT_CHALLENGE', { USERNAME: 'alice', ANSWER: 'SMS_OTP' }, first.Session);
    assert.equal(out.ChallengeName, 'SMS_OTP');
    assert.equal(out.ChallengeParameters!.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
    const { code, channel } = await latestCode('alice');
    assert.equal(channel, 'sms');
    const done = await respond('SMS_OTP', { USERNAME: 'alice', SMS_OTP_CODE: code }, out.Session);
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  it('a passwordless user signs in with an email code alone', async () => {
    const out = await initiate({ USERNAME: 'bob', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const done = await respond('EMAIL_OTP', { USERNAME: 'bob', EMAIL_OTP_CODE: (await latestCode('bob')).code }, out.Session);
    assert.equal(claimsOf(done.AuthenticationResult!.AccessToken!).username, 'bob');
  });

  it('refuses an ANSWER that was not offered, and another user answering', async () => {
    const first = await initiate({ USERNAME: 'bob' });
    await rejectsWith(respond('SELECT_CHALLENGE', { USERNAME: 'bob', ANSWER: 'PASSWORD', PASSWORD: 'x' }, first.Session), 'InvalidParameterException', 'The challenge PASSWORD is not available for this user.');
    const second = await initiate({ USERNAME: 'bob' });
    await rejectsWith(respond('SELECT_CHALLENGE', { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' }, second.Session), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  it('a preferred challenge the user cannot use answers the choice instead', async () => {
    const out = await initiate({ USERNAME: 'carol', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(out.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(out.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
    // WEB_AUTHN is not offered (passkeys come with their own change).
    assert.equal((await initiate({ USERNAME: 'alice', PREFERRED_CHALLENGE: 'WEB_AUTHN' })).ChallengeName, 'SELECT_CHALLENGE');
  });

  it('needs ALLOW_USER_AUTH on the client', async () => {
    const other = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await rejectsWith(initiate({ USERNAME: 'alice' }, other.clientId), 'InvalidParameterException', 'USER_AUTH flow not enabled for this client');
    // A client created without ExplicitAuthFlows allows SRP, custom and refresh only.
    const bare = await createClient(tb, pool, { ExplicitAuthFlows: undefined });
    await rejectsWith(initiate({ USERNAME: 'alice' }, bare.clientId), 'InvalidParameterException', 'USER_AUTH flow not enabled for this client');
  });

  it('offers only the factors the pool allows', async () => {
    const passwordOnly = await createPool(tb);
    const c = await createClient(tb, passwordOnly, { ExplicitAuthFlows: ['ALLOW_USER_AUTH'] });
    await createTestUser(tb, passwordOnly, { username: 'dave', password: 'Corr3ct-horse', attributes: { email: 'd@example.com', email_verified: 'true' } });
    const out = await initiate({ USERNAME: 'dave', PREFERRED_CHALLENGE: 'EMAIL_OTP' }, c.clientId);
    assert.equal(out.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(out.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
  });

  it('AdminInitiateAuth takes USER_AUTH too', async () => {
    const out = await tb.cognito.send(new AdminInitiateAuthCommand({
      UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Corr3ct-horse' },
    }));
    assert.ok(out.AuthenticationResult?.AccessToken);
  });

  it('an unknown name: UserNotFoundException, unless the client hides who exists', async () => {
    await rejectsWith(initiate({ USERNAME: 'nobody' }), 'UserNotFoundException', 'User does not exist.');
  });
});
