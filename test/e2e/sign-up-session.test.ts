/**
 * Signing in right after sign-up with USER_AUTH: SignUp's Session, ConfirmSignUp's Session, and
 * InitiateAuth with the latter (the confirmation code as the first factor), through the AWS SDK.
 *
 * AWS's shapes and rules, where this test pins them:
 * - SignUpResponse.Session, ConfirmSignUpRequest.Session, ConfirmSignUpResponse.Session and
 *   InitiateAuthRequest.Session / AdminInitiateAuthRequest.Session (the top-level member, not an
 *   AuthParameter): https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 *   ("Amazon Cognito assumes the SMS or email message one-time verification password from
 *   ConfirmSignUp as the primary authentication factor. You're not required to submit this code a
 *   second time. This option is only valid for users who have confirmed their sign-up and are
 *   signing in for the first time within the authentication flow session duration").
 * - SignUp answers a Session to a client that allows USER_AUTH, and InitiateAuth with
 *   ConfirmSignUp's answers tokens: https://github.com/aws/aws-sdk-js-v3/issues/6724
 * - Without SignUp's Session, ConfirmSignUp's signs in only where the pool has passwordless first
 *   factors: https://github.com/aws-amplify/amplify-android/pull/3136
 * - No MFA on that first sign-in: "The second authentication factor when your user signs in for the
 *   first time is their confirmation of the verification message"
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminSetUserPasswordCommand, AdminInitiateAuthCommand, ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand, type ExplicitAuthFlowsType } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { claimsOf, createClient, createPool, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const USER_AUTH: ExplicitAuthFlowsType[] = ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const PASSWORD = 'Corr3ct-horse!';
const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sms', ExternalId: 'x' };

describe('Sign-in right after sign-up (USER_AUTH with ConfirmSignUp\'s Session)', () => {
  let tb: Testbed;
  before(async () => (tb = await startTestbed()));
  after(() => tb.close());
  const send = (command: any): Promise<any> => tb.cognito.send(command);

  const setUp = async (firstFactors: ('PASSWORD' | 'EMAIL_OTP')[], more: Record<string, unknown> = {}) => {
    const pool = await createPool(tb, { AutoVerifiedAttributes: ['email'], Policies: { SignInPolicy: { AllowedFirstAuthFactors: firstFactors } }, ...more });
    return { pool, client: await createClient(tb, pool, { ExplicitAuthFlows: USER_AUTH }) };
  };
  const code = async (pool: PoolRecord, username: string) => {
    const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${username}`);
    return ((await res.json()) as { messages: { code: string }[] }).messages[0].code;
  };
  const signUp = (client: ClientRecord, Username: string, Password?: string) =>
    send(new SignUpCommand({ ClientId: client.clientId, Username, Password, UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }] }));
  const confirm = async (pool: PoolRecord, client: ClientRecord, Username: string, Session?: string) =>
    send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username, ConfirmationCode: await code(pool, Username), Session }));
  const initiate = (client: ClientRecord, USERNAME: string, Session: string | undefined) =>
    send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME }, Session }));

  it('passwordless pool: SignUp and ConfirmSignUp answer Sessions; InitiateAuth with the second signs in, once', async () => {
    const { pool, client } = await setUp(['PASSWORD', 'EMAIL_OTP']);
    const signedUp = await signUp(client, 'nia');
    assert.equal(typeof signedUp.Session, 'string');
    const { Session } = await confirm(pool, client, 'nia');
    assert.equal(typeof Session, 'string');
    const out = await initiate(client, 'nia', Session);
    assert.deepEqual([out.ChallengeName, out.ChallengeParameters], [undefined, {}]);
    assert.equal(claimsOf(out.AuthenticationResult.IdToken)['cognito:username'], 'nia');
    assert.ok(out.AuthenticationResult.RefreshToken);
    await rejectsWith(initiate(client, 'nia', Session), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    // Without a Session, USER_AUTH goes on as usual.
    assert.equal((await initiate(client, 'nia', undefined)).ChallengeName, 'SELECT_CHALLENGE');
  });

  it('only for the user and the client it was made for, and within the client\'s session validity', async () => {
    const { pool, client } = await setUp(['PASSWORD', 'EMAIL_OTP']);
    const other = await createClient(tb, pool, { ExplicitAuthFlows: USER_AUTH });
    await signUp(client, 'oli');
    await signUp(client, 'pam');
    const oli = (await confirm(pool, client, 'oli')).Session;
    await rejectsWith(initiate(client, 'pam', oli), 'NotAuthorizedException');
    const pam = (await confirm(pool, client, 'pam')).Session;
    await rejectsWith(initiate(other, 'pam', pam), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');

    // A temporary password set since (AdminSetUserPassword, not permanent) asks for a new one first.
    await signUp(client, 'rio');
    const rio = (await confirm(pool, client, 'rio')).Session;
    await tb.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.id, Username: 'rio', Password: 'Temp0rary-pass!', Permanent: false }));
    await rejectsWith(initiate(client, 'rio', rio), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');

    await signUp(client, 'quin');
    const quin = (await confirm(pool, client, 'quin')).Session;
    tb.clock.offset += 3 * 60_000 + 1000;
    try {
      await rejectsWith(initiate(client, 'quin', quin), 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    } finally {
      tb.clock.offset -= 3 * 60_000 + 1000;
    }
  });

  it('password pool: ConfirmSignUp answers a Session only with SignUp\'s, which a wrong code leaves usable', async () => {
    const { pool, client } = await setUp(['PASSWORD']);
    await signUp(client, 'ray', PASSWORD);
    assert.equal((await confirm(pool, client, 'ray')).Session, undefined);

    const signedUp = await signUp(client, 'sid', PASSWORD);
    const sent = await code(pool, 'sid');
    await rejectsWith(send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'sid', ConfirmationCode: sent === '000000' ? '111111' : '000000', Session: signedUp.Session })),
      'CodeMismatchException');
    const { Session } = await confirm(pool, client, 'sid', signedUp.Session);
    assert.equal(typeof Session, 'string');
    // A back end signs the user in the same way.
    const out = await send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'sid' }, Session }));
    assert.ok(out.AuthenticationResult.AccessToken);

    // Another user's SignUp Session adds nothing.
    const tia = await signUp(client, 'tia', PASSWORD);
    await signUp(client, 'uma', PASSWORD);
    assert.equal((await confirm(pool, client, 'uma', tia.Session)).Session, undefined);
  });

  it('a client without ALLOW_USER_AUTH gets no Sessions; a pool that requires MFA asks none on this first sign-in', async () => {
    const { pool } = await setUp(['PASSWORD', 'EMAIL_OTP']);
    const legacy = await createClient(tb, pool);
    const signedUp = await signUp(legacy, 'val');
    assert.equal(signedUp.Session, undefined);
    assert.equal((await confirm(pool, legacy, 'val')).Session, undefined);

    const mfa = await setUp(['PASSWORD'], { MfaConfiguration: 'ON', SmsConfiguration: SMS });
    const wes = await signUp(mfa.client, 'wes', PASSWORD);
    const { Session } = await confirm(mfa.pool, mfa.client, 'wes', wes.Session);
    assert.ok((await initiate(mfa.client, 'wes', Session)).AuthenticationResult.IdToken);
  });
});
