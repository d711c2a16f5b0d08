/**
 * Issue 19: an Amplify v6 app in a real Chromium calls Cognate directly, page and Cognate on
 * different origins, no proxy; CORS is all that lets it. Every step is one Amplify call made inside
 * the page, as an app makes it; codes come from Cognate's inbox, as a developer's test reads them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminGetUserCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { serveSite, startBrowserRig, type BrowserRig } from '../support/browser.ts';


describe('Amplify v6 in Chromium against Cognate', () => {
  let rig: BrowserRig;
  let poolId: string;
  const username = 'ada';
  const password = 'Correct-horse-1';

  const amplify = (name: string, ...args: unknown[]) => rig.call(name, ...args);
  const ok = (name: string, ...args: unknown[]) => rig.ok(name, ...args);

  /** Runs a call that sends a code, and returns its value with the code Cognate sent. */
  const withCode = async (name: string, ...args: unknown[]): Promise<[any, string]> => {
    const before = await rig.inbox.newest(poolId, username);
    const value = await ok(name, ...args);
    return [value, await rig.inbox.codeAfter(poolId, username, before)];
  };

  before(async () => {
    rig = await startBrowserRig({ script: new URL('./pages/amplify.ts', import.meta.url), ready: 'amplify' });
    const pool = await rig.admin.send(new CreateUserPoolCommand({ PoolName: 'browser', AutoVerifiedAttributes: ['email'] }));
    poolId = pool.UserPool!.Id!;
    const client = await rig.admin.send(new CreateUserPoolClientCommand({
      UserPoolId: poolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }));
    await ok('configure', { userPoolId: poolId, userPoolClientId: client.UserPoolClient!.ClientId!, userPoolEndpoint: rig.cognate.url });
    assert.notEqual(new URL(rig.site.origin).origin, new URL(rig.cognate.url).origin);
  });
  after(() => rig?.close());

  it('runs with CORS on: the browser refuses a cross-origin answer without CORS headers', async () => {
    // The same request to a server that answers without Access-Control-Allow-Origin: it arrives, yet
    // the page never sees the answer. With --disable-web-security the fetch would succeed.
    const bare = await serveSite({ '/': { type: 'application/json', body: '{}' } }, '127.0.0.1');
    const marked = await serveSite({ '/': { type: 'application/json', body: '{"seen":true}' } }, '127.0.0.1', { 'access-control-allow-origin': '*' });
    try {
      const call = (url: string) => rig.page.evaluate(async (u) => {
        try {
          return await (await fetch(u, { method: 'POST', body: '{}' })).text();
        } catch (e: any) {
          return `refused: ${e.name}`;
        }
      }, url);
      assert.equal(await call(`${bare.origin}/`), 'refused: TypeError');
      assert.deepEqual(bare.requests, ['POST /']);
      assert.equal(await call(`${marked.origin}/`), '{"seen":true}');
    } finally {
      await bare.close();
      await marked.close();
    }
  });

  it('signs up and confirms with the code from the inbox', async () => {
    const [signUp, code] = await withCode('signUp', { username, password, options: { userAttributes: { email: 'ada@example.com' } } });
    assert.equal(signUp.isSignUpComplete, false);
    assert.equal(signUp.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    assert.equal(signUp.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
    assert.equal(signUp.nextStep.codeDeliveryDetails.destination, 'a***@e***');
    const confirmed = await ok('confirmSignUp', { username, confirmationCode: code });
    assert.equal(confirmed.isSignUpComplete, true);
  });

  it('signs in with SRP (Amplify\'s default) and reads the session and the attributes', async () => {
    const signIn = await ok('signIn', { username, password });
    assert.deepEqual([signIn.isSignedIn, signIn.nextStep.signInStep], [true, 'DONE']);
    const session = await ok('fetchAuthSession');
    assert.equal(session.tokens.idToken.payload['cognito:username'], username);
    assert.equal(session.tokens.idToken.payload.email, 'ada@example.com');
    assert.equal(session.tokens.accessToken.payload.token_use, 'access');
    assert.equal(session.tokens.accessToken.payload.iss, `${rig.cognate.url}/${poolId}`);
    const attributes = await ok('fetchUserAttributes');
    assert.equal(attributes.email, 'ada@example.com');
    assert.equal(attributes.email_verified, 'true');
  });

  it('changes the email and verifies it with a code (the verification heart)', async () => {
    const [update, first] = await withCode('updateUserAttributes', { userAttributes: { email: 'ada@example.org' } });
    assert.equal(update.email.isUpdated, false);
    assert.equal(update.email.nextStep.updateAttributeStep, 'CONFIRM_ATTRIBUTE_WITH_CODE');
    assert.equal(update.email.nextStep.codeDeliveryDetails.destination, 'a***@e***');
    // Asking again (GetUserAttributeVerificationCode) sends a new code; the newest one verifies.
    const [resent, code] = await withCode('sendUserAttributeVerificationCode', { userAttributeKey: 'email' });
    assert.equal(resent.deliveryMedium, 'EMAIL');
    assert.match(first, /^\d{6}$/);
    await ok('confirmUserAttribute', { userAttributeKey: 'email', confirmationCode: code });
    const attributes = await ok('fetchUserAttributes', { forceRefresh: true });
    assert.equal(attributes.email, 'ada@example.org');
    assert.equal(attributes.email_verified, 'true');
  });

  it('signs out, and signs in again with USER_PASSWORD_AUTH', async () => {
    await ok('signOut');
    assert.equal((await ok('fetchAuthSession')).tokens, undefined);
    const signIn = await ok('signIn', { username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    assert.equal(signIn.isSignedIn, true);
    assert.equal((await ok('getCurrentUser')).username, username);
    await ok('signOut');
  });

  it('resets a forgotten password with the code from the inbox', async () => {
    const [reset, code] = await withCode('resetPassword', { username });
    assert.equal(reset.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
    assert.equal(reset.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
    await ok('confirmResetPassword', { username, confirmationCode: code, newPassword: 'Battery-staple-2' });
    const old = await amplify('signIn', { username, password });
    assert.equal(old.error?.name, 'NotAuthorizedException');
    assert.equal((await ok('signIn', { username, password: 'Battery-staple-2' })).isSignedIn, true);
  });

  it('deletes the signed-in user', async () => {
    await ok('deleteUser');
    await assert.rejects(rig.admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username })), { name: 'UserNotFoundException' });
    assert.equal((await ok('fetchAuthSession')).tokens, undefined);
  });

  it('left no error in the page, and the browser refused nothing of Cognate\'s', () => {
    assert.deepEqual(rig.pageErrors, []);
    const refused = rig.consoleErrors.filter((e) => /CORS policy/.test(e));
    assert.ok(refused.length > 0 && refused.every((e) => !e.includes(rig.cognate.url)), refused.join('\n'));
  });
});
