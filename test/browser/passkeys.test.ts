/**
 * Issue 20, passkeys in a real browser: Amplify v6 registers a passkey through Chromium's WebAuthn
 * API, answered by the DevTools virtual authenticator (a platform authenticator with user
 * verification, as a phone's or a laptop's), against Cognate; then lists and deletes it. The page is
 * served on http://localhost:<port>, so the relying party `localhost` (Cognate's default when it
 * listens on a loopback address) is the page's own: https://www.w3.org/TR/webauthn-3/#relying-party-identifier.
 * Amplify's calls: https://docs.amplify.aws/javascript/build-a-backend/auth/manage-users/manage-webauthn-credentials/
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startBrowserRig, type BrowserRig } from '../support/browser.ts';


describe('passkeys with Amplify v6 in Chromium (virtual authenticator)', () => {
  let rig: BrowserRig;
  let authenticatorId: string;
  const username = 'grace';
  const password = 'Correct-horse-1';

  const amplify = (name: string, ...args: unknown[]) => rig.call(name, ...args);
  const ok = (name: string, ...args: unknown[]) => rig.ok(name, ...args);

  before(async () => {
    rig = await startBrowserRig({ script: new URL('./pages/amplify.ts', import.meta.url), ready: 'amplify' });
    assert.equal(new URL(rig.site.origin).hostname, 'localhost');
    const pool = await rig.admin.send(new CreateUserPoolCommand({ PoolName: 'passkeys', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } }));
    const poolId = pool.UserPool!.Id!;
    const client = await rig.admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'spa', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
    await rig.admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'grace@example.com' }] }));
    await rig.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
    await ok('configure', { userPoolId: poolId, userPoolClientId: client.UserPoolClient!.ClientId!, userPoolEndpoint: rig.cognate.url });
    const cdp = await rig.page.createCDPSession();
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));
    (rig as any).cdp = cdp;
  });
  after(() => rig?.close());

  it('signs in with a password, then registers a passkey with associateWebAuthnCredential', async () => {
    assert.equal((await ok('signIn', { username, password })).isSignedIn, true);
    await ok('associateWebAuthnCredential');
    // The authenticator holds one discoverable credential for the relying party localhost.
    const { credentials } = await (rig as any).cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0].rpId, 'localhost');
    assert.equal(credentials[0].isResidentCredential, true);
    // A second one is excluded (excludeCredentials): the browser refuses before Cognate is asked.
    assert.equal((await amplify('associateWebAuthnCredential')).error?.name, 'PasskeyAlreadyExists');
  });

  it('lists the passkey (listWebAuthnCredentials), then deletes it (deleteWebAuthnCredential)', async () => {
    const { credentials, nextToken } = await ok('listWebAuthnCredentials');
    assert.equal(nextToken, undefined);
    assert.equal(credentials.length, 1);
    const [c] = credentials;
    const [held] = (await (rig as any).cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    // DevTools gives the credential id in base64; Cognito's CredentialId is base64url.
    assert.equal(c.credentialId, Buffer.from(held.credentialId, 'base64').toString('base64url'));
    assert.equal(c.relyingPartyId, 'localhost');
    assert.equal(c.friendlyCredentialName, 'Passkey');
    assert.equal(c.authenticatorAttachment, 'platform');
    assert.deepEqual(c.authenticatorTransports, ['internal']);
    // Amplify turns CreatedAt (epoch seconds) into a Date; the page hands it over as an ISO string.
    const createdAt = await rig.page.evaluate(async () => ((await (globalThis as any).amplify.listWebAuthnCredentials()).credentials[0].createdAt as Date).toISOString());
    assert.ok(Math.abs(Date.parse(createdAt) - Date.now()) < 120_000, createdAt);
    await ok('deleteWebAuthnCredential', { credentialId: c.credentialId });
    assert.deepEqual((await ok('listWebAuthnCredentials')).credentials, []);
  });

  it('registers again once the first is deleted (the authenticator\'s copy is no longer excluded)', async () => {
    await ok('associateWebAuthnCredential');
    assert.equal((await ok('listWebAuthnCredentials')).credentials.length, 1);
  });

  it('signs in with the passkey: USER_AUTH, WEB_AUTHN preferred, answered by the authenticator', async () => {
    await ok('signOut');
    assert.equal((await ok('fetchAuthSession')).tokens, undefined);
    const { credentials: before } = await (rig as any).cdp.send('WebAuthn.getCredentials', { authenticatorId });
    const signIn = await ok('signIn', { username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
    assert.deepEqual([signIn.isSignedIn, signIn.nextStep.signInStep], [true, 'DONE']);
    const session = await ok('fetchAuthSession');
    assert.equal(session.tokens.accessToken.payload.username, username);
    // The authenticator signed: its counter moved on.
    const { credentials: after } = await (rig as any).cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.ok(after[0].signCount > before[0].signCount, `${before[0].signCount} → ${after[0].signCount}`);
    assert.deepEqual(rig.pageErrors, []);
  });
});
