/**
 * Issue 20: an Amplify v6 app in a real Chromium sets up TOTP MFA against Cognate and signs in with
 * it, each step one Amplify call inside the page, as an app makes it: setUpTOTP
 * (AssociateSoftwareToken), verifyTOTPSetup (VerifySoftwareToken), updateMFAPreference and
 * fetchMFAPreference (SetUserMFAPreference, GetUser), signIn answered by confirmSignIn
 * (SOFTWARE_TOKEN_MFA); and, in a pool that requires MFA, the set-up Amplify runs inside sign-in
 * (MFA_SETUP: CONTINUE_SIGN_IN_WITH_TOTP_SETUP). Codes are computed as an authenticator app would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { totpCode } from '../../src/services/mfa/totp.ts';
import { startBrowserRig, type BrowserRig } from '../support/browser.ts';


describe('Amplify v6 in Chromium: TOTP MFA against Cognate', () => {
  let rig: BrowserRig;
  const password = 'Correct-horse-1';

  const amplify = (name: string, ...args: unknown[]) => rig.call(name, ...args);
  const ok = (name: string, ...args: unknown[]) => rig.ok(name, ...args);

  /** A pool with TOTP MFA (`mode`), an SPA client, a confirmed user; Amplify configured for it. */
  async function poolFor(mode: 'ON' | 'OPTIONAL', username: string): Promise<string> {
    const poolId = (await rig.admin.send(new CreateUserPoolCommand({ PoolName: `mfa-${mode}` }))).UserPool!.Id!;
    await rig.admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: mode, SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const client = await rig.admin.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    await rig.admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS' }));
    await rig.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
    await ok('configure', { userPoolId: poolId, userPoolClientId: client.UserPoolClient!.ClientId!, userPoolEndpoint: rig.cognate.url });
    return poolId;
  }

  before(async () => {
    rig = await startBrowserRig({ script: new URL('./pages/amplify.ts', import.meta.url), ready: 'amplify' });
  });
  after(() => rig?.close());

  it('sets up TOTP for a signed-in user, prefers it, and signs in with a code (SRP, then SOFTWARE_TOKEN_MFA)', async () => {
    const poolId = await poolFor('OPTIONAL', 'ada');
    const first = await ok('signIn', { username: 'ada', password });
    assert.deepEqual([first.isSignedIn, first.nextStep.signInStep], [true, 'DONE']);

    const setup = await ok('setUpTOTP');
    assert.match(setup.sharedSecret, /^[A-Z2-7]{32}$/);
    const wrongCode = totpCode(setup.sharedSecret, Date.now()) === '000000' ? '111111' : '000000';
    const refused = await amplify('verifyTOTPSetup', { code: wrongCode });
    assert.equal(refused.error?.name, 'EnableSoftwareTokenMFAException');
    await ok('verifyTOTPSetup', { code: totpCode(setup.sharedSecret, Date.now()), options: { friendlyDeviceName: 'Chromium' } });
    await ok('updateMFAPreference', { totp: 'PREFERRED' });
    assert.deepEqual(await ok('fetchMFAPreference'), { enabled: ['TOTP'], preferred: 'TOTP' });
    const stored = await rig.admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ada' }));
    assert.deepEqual([stored.UserMFASettingList, stored.PreferredMfaSetting], [['SOFTWARE_TOKEN_MFA'], 'SOFTWARE_TOKEN_MFA']);

    await ok('signOut');
    const signIn = await ok('signIn', { username: 'ada', password });
    assert.deepEqual([signIn.isSignedIn, signIn.nextStep.signInStep], [false, 'CONFIRM_SIGN_IN_WITH_TOTP_CODE']);
    // A wrong code leaves the sign-in where it was; the next step's code (one step of skew, and
    // later than the step verifyTOTPSetup took) signs in.
    const wrong = await amplify('confirmSignIn', { challengeResponse: wrongCode });
    assert.deepEqual(wrong.error, { name: 'CodeMismatchException', message: 'Invalid code received for user' });
    const done = await ok('confirmSignIn', { challengeResponse: totpCode(setup.sharedSecret, Date.now() + 30_000) });
    assert.deepEqual([done.isSignedIn, done.nextStep.signInStep], [true, 'DONE']);
    const session = await ok('fetchAuthSession');
    assert.equal(session.tokens.idToken.payload['cognito:username'], 'ada');
    await ok('signOut');
  });

  it('in a pool that requires MFA, sets TOTP up inside sign-in (MFA_SETUP) and is signed in', async () => {
    const poolId = await poolFor('ON', 'bea');
    const signIn = await ok('signIn', { username: 'bea', password });
    assert.deepEqual([signIn.isSignedIn, signIn.nextStep.signInStep], [false, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP']);
    const secret = signIn.nextStep.totpSetupDetails.sharedSecret;
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const done = await ok('confirmSignIn', { challengeResponse: totpCode(secret, Date.now()) });
    assert.deepEqual([done.isSignedIn, done.nextStep.signInStep], [true, 'DONE']);
    assert.deepEqual(await ok('fetchMFAPreference'), { enabled: ['TOTP'], preferred: 'TOTP' });
    const stored = await rig.admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bea' }));
    assert.deepEqual(stored.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    await ok('signOut');
  });

  // Amplify v6's MFA_SETUP with email: CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION, 'EMAIL',
  // CONTINUE_SIGN_IN_WITH_EMAIL_SETUP, the address (RespondToAuthChallenge MFA_SETUP with EMAIL),
  // CONFIRM_SIGN_IN_WITH_EMAIL_CODE (https://docs.amplify.aws/react/build-a-backend/auth/connect-your-frontend/sign-in/,
  // @aws-amplify/auth signInHelpers.ts handleMFASetupChallenge).
  it('in a pool that requires MFA and offers email, sets email MFA up inside sign-in and is signed in', async () => {
    const poolId = (await rig.admin.send(new CreateUserPoolCommand({
      PoolName: 'mfa-email', EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com' },
    }))).UserPool!.Id!;
    await rig.admin.send(new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: { Subject: 'Your code' },
    }));
    const client = await rig.admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    await rig.admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'cy', MessageAction: 'SUPPRESS' }));
    await rig.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'cy', Password: password, Permanent: true }));
    await ok('configure', { userPoolId: poolId, userPoolClientId: client.UserPoolClient!.ClientId!, userPoolEndpoint: rig.cognate.url });

    const signIn = await ok('signIn', { username: 'cy', password });
    assert.deepEqual([signIn.nextStep.signInStep, signIn.nextStep.allowedMFATypes], ['CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION', ['TOTP', 'EMAIL']]);
    assert.equal((await ok('confirmSignIn', { challengeResponse: 'EMAIL' })).nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
    const before = await rig.inbox.newest(poolId, 'cy');
    const sent = await ok('confirmSignIn', { challengeResponse: 'cy@example.com' });
    assert.equal(sent.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.deepEqual(sent.nextStep.codeDeliveryDetails, { deliveryMedium: 'EMAIL', destination: 'c***@e***' });
    const code = await rig.inbox.codeAfter(poolId, 'cy', before);
    const done = await ok('confirmSignIn', { challengeResponse: code });
    assert.deepEqual([done.isSignedIn, done.nextStep.signInStep], [true, 'DONE']);
    assert.deepEqual(await ok('fetchMFAPreference'), { enabled: ['EMAIL'], preferred: 'EMAIL' });
    const attrs = await ok('fetchUserAttributes');
    assert.deepEqual([attrs.email, attrs.email_verified], ['cy@example.com', 'true']);
    await ok('signOut');
    // From now on sign-in asks for an emailed code.
    assert.equal((await ok('signIn', { username: 'cy', password })).nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
  });
});
