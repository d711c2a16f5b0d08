/**
 * Issue 20: choice-based sign-in (USER_AUTH) from Amplify v6 in a real Chromium. signIn with
 * `authFlowType: 'USER_AUTH'` and `preferredChallenge: 'EMAIL_OTP'`, then confirmSignIn with the code
 * from Cognate's inbox, as Amplify's docs show it
 * (https://docs.amplify.aws/react/build-a-backend/auth/connect-your-frontend/switching-authentication-flows/);
 * and the first-factor selection (CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION) answered with a
 * code or the password by SRP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startBrowserRig, type BrowserRig } from '../support/browser.ts';


describe('Amplify v6 passwordless sign-in in Chromium', () => {
  let rig: BrowserRig;
  let poolId: string;
  const username = 'lin';
  const password = 'Correct-horse-1';

  const amplify = (name: string, ...args: unknown[]) => rig.call(name, ...args);
  const ok = (name: string, ...args: unknown[]) => rig.ok(name, ...args);
  const withCode = async (name: string, ...args: unknown[]): Promise<[any, string]> => {
    const before = await rig.inbox.newest(poolId, username);
    const value = await ok(name, ...args);
    return [value, await rig.inbox.codeAfter(poolId, username, before)];
  };

  before(async () => {
    rig = await startBrowserRig({ script: new URL('./pages/amplify.ts', import.meta.url), ready: 'amplify' });
    const pool = await rig.admin.send(new CreateUserPoolCommand({
      PoolName: 'passwordless', AutoVerifiedAttributes: ['email'], Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    }));
    poolId = pool.UserPool!.Id!;
    const client = await rig.admin.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    await ok('configure', { userPoolId: poolId, userPoolClientId: client.UserPoolClient!.ClientId!, userPoolEndpoint: rig.cognate.url });
    const [, code] = await withCode('signUp', { username, password, options: { userAttributes: { email: 'lin@example.com' } } });
    await ok('confirmSignUp', { username, confirmationCode: code });
  });
  after(() => rig?.close());

  it('signs in with preferredChallenge EMAIL_OTP and the emailed code', async () => {
    const [signIn, code] = await withCode('signIn', { username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    assert.equal(signIn.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.equal(signIn.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
    const done = await ok('confirmSignIn', { challengeResponse: code });
    assert.deepEqual([done.isSignedIn, done.nextStep.signInStep], [true, 'DONE']);
    assert.equal((await ok('getCurrentUser')).username, username);
    await ok('signOut');
  });

  it('refuses a wrong code', async () => {
    const [, code] = await withCode('signIn', { username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    const wrong = await amplify('confirmSignIn', { challengeResponse: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.error?.name, 'CodeMismatchException');
  });

  it('offers the first factors to choose from, and goes on with the one chosen', async () => {
    const signIn = await ok('signIn', { username, options: { authFlowType: 'USER_AUTH' } });
    assert.equal(signIn.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
    assert.deepEqual(signIn.nextStep.availableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const [chosen, code] = await withCode('confirmSignIn', { challengeResponse: 'EMAIL_OTP' });
    assert.equal(chosen.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.equal((await ok('confirmSignIn', { challengeResponse: code })).isSignedIn, true);
    await ok('signOut');

    await ok('signIn', { username, options: { authFlowType: 'USER_AUTH' } });
    const srp = await ok('confirmSignIn', { challengeResponse: 'PASSWORD_SRP' });
    assert.equal(srp.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_PASSWORD');
    assert.equal((await ok('confirmSignIn', { challengeResponse: password })).isSignedIn, true);
    await ok('signOut');
  });

  // Amplify's auto sign-in after sign-up with USER_AUTH: signUp({ options: { autoSignIn: { authFlowType:
  // 'USER_AUTH' } } }), confirmSignUp (COMPLETE_AUTO_SIGN_IN), autoSignIn(): InitiateAuth USER_AUTH with
  // ConfirmSignUp's Session (https://docs.amplify.aws/react/build-a-backend/auth/connect-your-frontend/sign-up/,
  // @aws-amplify/auth signInWithUserAuth.ts, handleUserAuthFlow.ts).
  it('signs a new passwordless user in right after confirming the sign-up (autoSignIn, USER_AUTH)', async () => {
    const before = await rig.inbox.newest(poolId, 'max');
    const signedUp = await ok('signUp', { username: 'max', options: { userAttributes: { email: 'max@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } } });
    assert.equal(signedUp.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    const code = await rig.inbox.codeAfter(poolId, 'max', before);
    const confirmation = await rig.inbox.newest(poolId, 'max');
    const confirmed = await ok('confirmSignUp', { username: 'max', confirmationCode: code });
    assert.deepEqual([confirmed.isSignUpComplete, confirmed.nextStep.signUpStep], [true, 'COMPLETE_AUTO_SIGN_IN']);
    const signedIn = await ok('autoSignIn');
    assert.deepEqual([signedIn.isSignedIn, signedIn.nextStep.signInStep], [true, 'DONE']);
    assert.equal((await ok('getCurrentUser')).username, 'max');
    // No second code was sent: the confirmation code was the first factor.
    assert.equal(await rig.inbox.newest(poolId, 'max'), confirmation);
    await ok('signOut');
  });

  it('left no error in the page', () => {
    assert.deepEqual(rig.pageErrors, []);
  });
});
