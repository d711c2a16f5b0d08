/**
 * Issue 20, MFA with TOTP through the AWS SDK: the pool's MFA settings, an authenticator set up by a
 * signed-in user and at sign-in (MFA_SETUP), and SOFTWARE_TOKEN_MFA answered with codes of the
 * server's time step or one step either side, each step once.
 *
 * AWS's words, where this test pins them:
 * - SetUserPoolMfaConfig's rules and errors, measured against the live service by floci's tests
 *   (hectorvent/floci, CognitoSetUserPoolMfaConfigIntegrationTest): "Invalid MFA configuration given,
 *   can't turn off MFA and configure an MFA together.", "Invalid MFA Configuration given. SMS MFA,
 *   Email MFA, or Software Token MFA must be enabled.", only configured factors answered.
 * - "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA" (InvalidParameterException):
 *   https://github.com/aws/aws-sdk-js-v3/issues/4645
 * - "Code mismatch and fail enable Software Token MFA" (EnableSoftwareTokenMFAException):
 *   https://github.com/aws-samples/aws-amplify-auth-starters/issues/15
 * - "Invalid code received for user" (CodeMismatchException, SOFTWARE_TOKEN_MFA): amplify-js's
 *   AuthErrorStrings INVALID_MFA_CODE; "Your software token has already been used once."
 *   (ExpiredCodeException): amplify-swift's integration tests and https://github.com/aws-amplify/amplify-swift
 * - ChallengeParameters: MFA_SETUP {MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP}
 *   (responses pasted in amplify-swift's tests); SOFTWARE_TOKEN_MFA {FRIENDLY_DEVICE_NAME,
 *   USER_ID_FOR_SRP} (the AWS CLI's admin-initiate-auth example).
 * - A verified TOTP still signs in after the pool turns TOTP off ("Adding MFA to a user pool",
 *   https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AdminGetUserCommand, AdminInitiateAuthCommand, AdminRespondToAuthChallengeCommand, AssociateSoftwareTokenCommand, CreateUserPoolCommand,
  DescribeUserPoolCommand, GetUserCommand, GetUserPoolMfaConfigCommand, SetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomBytes } from 'node:crypto';
import { userKeys } from '../../src/domain/user.ts';
import { cryptoRandom } from '../../src/ground/random.ts';
import { Sealer } from '../../src/services/sealing/sealer.ts';
import { rejectsWith } from '../support/testbed.ts';
import { startMfaRig, type MfaRig } from '../support/mfa-rig.ts';

describe('MFA: TOTP', () => {
  let rig: MfaRig;
  before(async () => (rig = await startMfaRig()));
  after(() => rig.close());
  const send = (command: any): Promise<any> => rig.tb.cognito.send(command);

  it('SetUserPoolMfaConfig replaces the pool\'s MFA settings by AWS\'s rules; GetUserPoolMfaConfig answers only what is configured', async () => {
    const { pool } = await rig.pool({ MfaConfiguration: 'OFF' });
    const UserPoolId = pool.id;
    assert.deepEqual(strip(await send(new GetUserPoolMfaConfigCommand({ UserPoolId }))), { MfaConfiguration: 'OFF' });
    await rejectsWith(send(new SetUserPoolMfaConfigCommand({ UserPoolId, SoftwareTokenMfaConfiguration: { Enabled: false } })), 'InvalidParameterException',
      "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
    for (const MfaConfiguration of ['ON', 'OPTIONAL'] as const) {
      await rejectsWith(send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration, WebAuthnConfiguration: { RelyingPartyId: 'example.com' } })),
        'InvalidParameterException', 'Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.');
    }
    const set = strip(await send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } })));
    assert.deepEqual(set, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    assert.deepEqual(strip(await send(new GetUserPoolMfaConfigCommand({ UserPoolId }))), set);
    assert.equal((await send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool.MfaConfiguration, 'OPTIONAL');
    // WebAuthn stands apart: accepted with OFF, kept when left out; every other factor goes with OFF.
    const off = strip(await send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'example.com' } })));
    assert.deepEqual(off, { MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'preferred' } });
    const sms = strip(await send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}' } })));
    assert.equal(sms.SmsMfaConfiguration.SmsAuthenticationMessage, 'Code: {####}');
    assert.equal(sms.SmsMfaConfiguration.SmsConfiguration.SnsCallerArn, 'arn:aws:iam::000000000000:role/cognito-sns');
    assert.equal(sms.WebAuthnConfiguration.RelyingPartyId, 'example.com');
    assert.equal((await send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool.SmsAuthenticationMessage, 'Code: {####}');
    assert.deepEqual(strip(await send(new SetUserPoolMfaConfigCommand({ UserPoolId }))).MfaConfiguration, 'OFF');
    // CreateUserPool knows SMS MFA only: ON without SmsConfiguration is refused, with it SMS MFA is on.
    await rejectsWith(send(new CreateUserPoolCommand({ PoolName: 'no-sms', MfaConfiguration: 'ON' })), 'InvalidParameterException',
      'SMS configuration and Auto verification for phone_number are required when MFA is required/optional');
    const created = await send(new CreateUserPoolCommand({ PoolName: 'sms', MfaConfiguration: 'OPTIONAL', SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/s' } }));
    assert.ok((await send(new GetUserPoolMfaConfigCommand({ UserPoolId: created.UserPool.Id }))).SmsMfaConfiguration);
  });

  it('sets up an authenticator for a signed-in user, then signs in with SOFTWARE_TOKEN_MFA (wrong, used, skewed codes)', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'alice');
    // OPTIONAL and no factor: no MFA.
    const AccessToken = (await rig.signIn(client, 'alice')).AuthenticationResult.AccessToken;
    await rejectsWith(send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })),
      'InvalidParameterException', 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA');
    const { SecretCode } = await send(new AssociateSoftwareTokenCommand({ AccessToken }));
    assert.match(SecretCode, /^[A-Z2-7]{32}$/);
    await rejectsWith(send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong(rig, SecretCode) })), 'EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
    assert.deepEqual(strip(await send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: rig.totp(SecretCode), FriendlyDeviceName: 'Pixel' }))), { Status: 'SUCCESS' });
    // Verified is not turned on: that is the user's preference to set.
    assert.equal((await send(new GetUserCommand({ AccessToken }))).UserMFASettingList, undefined);
    await send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const me = await send(new GetUserCommand({ AccessToken }));
    assert.deepEqual([me.UserMFASettingList, me.PreferredMfaSetting], [['SOFTWARE_TOKEN_MFA'], 'SOFTWARE_TOKEN_MFA']);

    const challenge = await rig.signIn(client, 'alice');
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(challenge.ChallengeParameters, { USER_ID_FOR_SRP: 'alice', FRIENDLY_DEVICE_NAME: 'Pixel' });
    const answer = (code: string, session = challenge.Session) => rig.respond(client, 'SOFTWARE_TOKEN_MFA', session, { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code });
    await rejectsWith(answer(wrong(rig, SecretCode)), 'CodeMismatchException', 'Invalid code received for user');
    // The step VerifySoftwareToken took cannot sign in; the Session survives both refusals.
    await rejectsWith(answer(rig.totp(SecretCode)), 'ExpiredCodeException', 'Your software token has already been used once.');
    rig.advance(90_000);
    await rejectsWith(answer(rig.totp(SecretCode, -60_000)), 'CodeMismatchException', 'Invalid code received for user');
    const done = await answer(rig.totp(SecretCode, -30_000));
    assert.ok(done.AuthenticationResult.AccessToken);
    await rejectsWith(answer(rig.totp(SecretCode)), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');

    const again = await rig.signIn(client, 'alice');
    const answerAgain = (code: string) => rig.respond(client, 'SOFTWARE_TOKEN_MFA', again.Session, { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code });
    await rejectsWith(answerAgain(rig.totp(SecretCode, -30_000)), 'ExpiredCodeException', 'Your software token has already been used once.');
    await rejectsWith(answerAgain(rig.totp(SecretCode, 60_000)), 'CodeMismatchException');
    assert.ok((await answerAgain(rig.totp(SecretCode, 30_000))).AuthenticationResult.IdToken);

    // A verified authenticator keeps signing in after the pool turns TOTP off (AWS's developer guide).
    await send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } }));
    assert.equal((await rig.signIn(client, 'alice')).ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });

  it('AdminInitiateAuth and AdminRespondToAuthChallenge take the same challenge', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'ada');
    const AccessToken = (await rig.signIn(client, 'ada')).AuthenticationResult.AccessToken;
    const secret = await rig.enrol(AccessToken);
    await send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
    rig.advance(30_000);
    const out = await send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada', PASSWORD: 'Corr3ct-horse!' } }));
    assert.equal(out.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    const done = await send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: pool.id, ClientId: client.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: out.Session, ChallengeResponses: { USERNAME: 'ada', SOFTWARE_TOKEN_MFA_CODE: rig.totp(secret) },
    }));
    assert.ok(done.AuthenticationResult.AccessToken);
  });

  it('MFA ON: a user without a factor sets one up in MFA_SETUP (AssociateSoftwareToken and VerifySoftwareToken with the Session)', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'bob');
    const setup = await rig.signIn(client, 'bob');
    assert.equal(setup.ChallengeName, 'MFA_SETUP');
    assert.deepEqual(setup.ChallengeParameters, { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'bob' });
    // Answering before an authenticator is verified does not sign in.
    await rejectsWith(rig.respond(client, 'MFA_SETUP', (await rig.signIn(client, 'bob')).Session, { USERNAME: 'bob' }), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');

    const associated = await send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    assert.ok(associated.Session && associated.Session !== setup.Session);
    await rejectsWith(send(new AssociateSoftwareTokenCommand({ Session: setup.Session })), 'NotAuthorizedException');
    await rejectsWith(send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrong(rig, associated.SecretCode) })), 'EnableSoftwareTokenMFAException');
    const verified = await send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: rig.totp(associated.SecretCode) }));
    assert.equal(verified.Status, 'SUCCESS');
    const done = await rig.respond(client, 'MFA_SETUP', verified.Session, { USERNAME: 'bob' });
    assert.ok(done.AuthenticationResult.AccessToken);
    const bob = await send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: 'bob' }));
    assert.deepEqual([bob.UserMFASettingList, bob.PreferredMfaSetting], [['SOFTWARE_TOKEN_MFA'], 'SOFTWARE_TOKEN_MFA']);
    assert.equal((await rig.signIn(client, 'bob')).ChallengeName, 'SOFTWARE_TOKEN_MFA');
  });

  it('keeps the secret sealed at rest', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'eve');
    const secret = await rig.enrol((await rig.signIn(client, 'eve')).AuthenticationResult.AccessToken);
    const stored = JSON.stringify((await rig.tb.app.store.users.getByUsername(pool.id, 'eve'))!.settings);
    assert.ok(!stored.includes(secret));
    assert.match(stored, /"secret":"v2\./);
  });

  it('a secret sealed under a master key that is not configured is answered as a wrong code, and not counted against the lockout: the user is not to blame', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'ida');
    const AccessToken = (await rig.signIn(client, 'ida')).AuthenticationResult.AccessToken;
    const secret = await rig.enrol(AccessToken);
    await send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
    // The database moved without its key: the secret is sealed under one this server does not hold.
    const ida = (await rig.tb.app.store.users.getByUsername(pool.id, 'ida'))!;
    const elsewhere = new Sealer(randomBytes(32), [], cryptoRandom).seal(secret, 'totp-secret');
    const moved = { ...ida, settings: { ...ida.settings, SoftwareToken: { secret: elsewhere } } };
    assert.ok(await rig.tb.app.store.users.update(moved, userKeys(pool.config, moved)));
    const challenge = await rig.signIn(client, 'ida');
    assert.equal(challenge.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    // More answers than the lockout allows (five), each with the right code, in the same Session.
    for (let i = 0; i < 7; i++) {
      await rejectsWith(rig.respond(client, 'SOFTWARE_TOKEN_MFA', challenge.Session, { USERNAME: 'ida', SOFTWARE_TOKEN_MFA_CODE: rig.totp(secret) }), 'CodeMismatchException', 'Invalid code received for user');
    }
  });

  it('counts TOTP answers towards the user\'s lockout: from the fifth wrong one in a row, even a right code waits', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'max');
    const AccessToken = (await rig.signIn(client, 'max')).AuthenticationResult.AccessToken;
    const secret = await rig.enrol(AccessToken);
    await send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
    rig.advance(30_000);
    const challenge = await rig.signIn(client, 'max');
    const answer = (code: string) => rig.respond(client, 'SOFTWARE_TOKEN_MFA', challenge.Session, { USERNAME: 'max', SOFTWARE_TOKEN_MFA_CODE: code });
    for (let i = 0; i < 5; i++) await rejectsWith(answer(wrong(rig, secret)), 'CodeMismatchException');
    await rejectsWith(answer(rig.totp(secret)), 'NotAuthorizedException', 'Password attempts exceeded');
    rig.advance(2000);
    assert.ok((await answer(rig.totp(secret))).AuthenticationResult.AccessToken);
  });

  it('a Session expires after the client\'s AuthSessionValidity', async () => {
    const { pool, client } = await rig.pool({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await rig.user(pool, 'sam');
    const AccessToken = (await rig.signIn(client, 'sam')).AuthenticationResult.AccessToken;
    const secret = await rig.enrol(AccessToken);
    await send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
    const challenge = await rig.signIn(client, 'sam');
    rig.advance(3 * 60_000 + 1000);
    await rejectsWith(rig.respond(client, 'SOFTWARE_TOKEN_MFA', challenge.Session, { USERNAME: 'sam', SOFTWARE_TOKEN_MFA_CODE: rig.totp(secret) }),
      'NotAuthorizedException', 'Invalid session for the user, session is expired.');
  });
});

/** The SDK's $metadata aside. */
function strip(out: Record<string, any>) {
  const { $metadata: _m, ...rest } = out;
  return rest;
}

/** A code no step of the window shows. */
function wrong(rig: MfaRig, secret: string): string {
  const window = new Set([-30_000, 0, 30_000].map((d) => rig.totp(secret, d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!window.has(code)) return code;
  }
}
