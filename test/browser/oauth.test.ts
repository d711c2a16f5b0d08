/**
 * Issue 21 end to end: the managed login in a real Chromium, with openid-client v6 as the relying
 * party in the test process. openid-client reads Cognate's discovery document, builds the
 * authorization URL (code flow, PKCE S256, state, nonce), and exchanges the code, verifying the ID
 * token against the pool's JWKS; Chromium follows the redirects and fills the sign-in form by its
 * labels. The same flows over plain HTTP are in test/oauth/oauth-endpoints.test.ts.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, CreateResourceServerCommand, CreateUserPoolClientCommand, SetUserPoolMfaConfigCommand,
  type CreateUserPoolRequest, type SetUserPoolMfaConfigCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import type { Page } from 'puppeteer-core';
import { totpCode } from '../../src/services/mfa/totp.ts';
import {
  atCallback, authorization, confirmedUser, fillByLabel, PASSWORD, poolWithClient, press, relyingParty, signInWith, startOAuthRig, textOf, type OAuthRig, type PoolAndClient,
} from '../support/oauth-browser.ts';

/** Chromium's console line for a page answered 400 (a refused form), which a test expects. */
const REFUSED_PAGE = 'Failed to load resource: the server responded with a status of 400 (Bad Request)';
const withoutUrls = (problems: string[]) => problems.map((p) => p.replace(/^\[[^\]]*\] /, ''));

const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('the managed login in Chromium, openid-client as the relying party', () => {
  let rig: OAuthRig;
  let web: PoolAndClient;
  let config: oidc.Configuration;

  /** Chromium through the sign-in page; openid-client's exchange of the code. */
  async function signedIn(username = 'alice') {
    const { page } = await rig.tab();
    const auth = await authorization(rig, config);
    await page.goto(auth.url.href);
    await signInWith(page, username);
    const tokens = await oidc.authorizationCodeGrant(config, atCallback(rig, page), auth.checks);
    return { page, auth, tokens };
  }

  before(async () => {
    rig = await startOAuthRig();
    web = await poolWithClient(rig);
    config = await relyingParty(rig, web);
    await confirmedUser(rig, web.poolId, 'alice');
  });
  afterEach(() => {
    // No page (Cognate's or the app's) logged an error or threw: each test that expects one takes it out.
    assert.deepEqual(rig.problems.splice(0), []);
  });
  after(() => rig?.close());

  it('signs in with the code flow and PKCE through the sign-in page; openid-client verifies the ID token', async () => {
    assert.equal(config.serverMetadata().issuer, `${rig.cognate.url}/${web.poolId}`);
    const { page, auth, tokens } = await signedIn();
    const at = new URL(page.url());
    assert.equal(at.searchParams.get('state'), auth.checks.expectedState);
    assert.equal(rig.app.requests.filter((r) => r.startsWith('GET /callback?')).length >= 1, true);

    // openid-client has checked the signature (JWKS), iss, aud, exp, iat and the nonce; these are what it handed back.
    const id = tokens.claims()!;
    assert.equal(id.aud, web.clientId);
    assert.equal(id.nonce, auth.checks.expectedNonce);
    assert.equal(id.email, 'alice@example.com');
    assert.equal(id['cognito:username'], 'alice');
    assert.equal(id.token_use, 'id');
    assert.equal(tokens.token_type, 'bearer', 'openid-client lower-cases the token type');
    assert.equal(tokens.expires_in, 3600);
    const access = claimsOf(tokens.access_token);
    assert.equal(access.scope, 'openid email');
    assert.equal(access.client_id, web.clientId);
    assert.equal(access.sub, id.sub);
    assert.ok(tokens.refresh_token);

    // The same code twice: openid-client hears invalid_grant.
    await assert.rejects(oidc.authorizationCodeGrant(config, at, auth.checks), (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant');
  });

  it('signs in the second time without the form (the session cookie), and asks again after /logout', async () => {
    const { page, tokens } = await signedIn();
    // The managed login session: a cookie scripts cannot read, sent over HTTPS only (Chromium counts loopback as
    // secure), not on other sites' subrequests, for the hour Cognito's session cookie lasts ("session cookies that are
    // valid for 1 hour": https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
    const session = (await page.browserContext().cookies()).find((c) => c.name === `cognito-${web.poolId}`);
    assert.ok(session, 'the pool\'s session cookie');
    assert.deepEqual([session.httpOnly, session.secure, session.sameSite, session.path], [true, true, 'Lax', '/']);
    assert.ok(Math.abs(session.expires - Date.now() / 1000 - 3600) < 60, `expires in an hour: ${session.expires}`);
    const again = await authorization(rig, config);
    await page.goto(again.url.href);
    const second = await oidc.authorizationCodeGrant(config, atCallback(rig, page), again.checks);
    assert.equal(second.claims()!.sub, tokens.claims()!.sub, 'the same user, without a page');

    // Cognito's /logout takes client_id and logout_uri; openid-client adds client_id to the end-session URL itself.
    const logout = oidc.buildEndSessionUrl(config, { logout_uri: rig.signedOut });
    assert.equal(logout.href.startsWith(`${rig.cognate.url}/logout?`), true);
    await page.goto(logout.href);
    assert.equal(page.url(), rig.signedOut);

    const third = await authorization(rig, config);
    await page.goto(third.url.href);
    assert.match(page.url(), /\/login\?/, 'the sign-in page again');
    assert.equal(new URL(page.url()).origin, rig.cognate.url);
  });

  it('refreshes, answers userInfo, revokes; the revoked refresh token then fails with invalid_grant', async () => {
    const { tokens } = await signedIn();
    const sub = tokens.claims()!.sub;
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    assert.equal(claimsOf(refreshed.access_token).scope, 'openid email', 'the refresh keeps the granted scopes');
    assert.equal(refreshed.claims()!.sub, sub);
    assert.equal(refreshed.refresh_token, undefined, 'Cognito does not rotate refresh tokens unless the client asks it to');

    const info = await oidc.fetchUserInfo(config, refreshed.access_token, sub);
    assert.equal(info.sub, sub);
    assert.equal(info.email, 'alice@example.com');
    // A string, as in the sample response of https://docs.aws.amazon.com/cognito/latest/developerguide/userinfo-endpoint.html.
    assert.equal(info.email_verified, 'true');
    assert.equal(info.username, 'alice');

    await oidc.tokenRevocation(config, tokens.refresh_token!);
    await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant');
    // Revoking the refresh token revokes the access tokens it issued.
    await assert.rejects(oidc.fetchUserInfo(config, refreshed.access_token, sub), (e: unknown) =>
      e instanceof oidc.WWWAuthenticateChallengeError && e.status === 401 && e.cause[0]?.parameters.error === 'invalid_token');
  });

  it('grants client_credentials with a resource server\'s scope', async () => {
    await rig.admin.send(new CreateResourceServerCommand({ UserPoolId: web.poolId, Identifier: 'orders', Name: 'Orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }, { ScopeName: 'write', ScopeDescription: 'Place orders' }] }));
    const m2m = await rig.admin.send(new CreateUserPoolClientCommand({
      UserPoolId: web.poolId, ClientName: 'm2m', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['orders/read', 'orders/write'],
    }));
    const machine = await relyingParty(rig, { poolId: web.poolId, clientId: m2m.UserPoolClient!.ClientId!, clientSecret: m2m.UserPoolClient!.ClientSecret! });
    const tokens = await oidc.clientCredentialsGrant(machine, { scope: 'orders/read' });
    const access = claimsOf(tokens.access_token);
    assert.deepEqual([access.sub, access.client_id, access.scope, access.token_use], [m2m.UserPoolClient!.ClientId, m2m.UserPoolClient!.ClientId, 'orders/read', 'access']);
    assert.equal(tokens.id_token, undefined);
    assert.equal(tokens.refresh_token, undefined);
    await assert.rejects(oidc.clientCredentialsGrant(machine, { scope: 'orders/delete' }), (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === 'invalid_scope');
    const wrong = await relyingParty(rig, { poolId: web.poolId, clientId: m2m.UserPoolClient!.ClientId!, clientSecret: 'not-the-secret' });
    await assert.rejects(oidc.clientCredentialsGrant(wrong, { scope: 'orders/read' }), (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === 'invalid_client');
  });

  it('refuses an unregistered redirect_uri on its own error page, and never redirects there', async () => {
    const { page } = await rig.tab();
    const evil = 'http://localhost:1/steal';
    const auth = await authorization(rig, config, { redirect_uri: evil });
    const res = await page.goto(auth.url.href);
    assert.equal(res!.status(), 400);
    assert.equal(new URL(page.url()).origin, rig.cognate.url, 'the browser stayed on Cognate');
    const text = await textOf(page);
    assert.match(text, /An error was encountered with the requested page\./);
    assert.match(text, /The redirect_uri is not one of the app client's callback URLs\./);
    assert.equal(await page.$('form'), null, 'no sign-in form that could lead on to it');
    // Chromium reports the page's 400 in the console; that one, and only it, is expected.
    assert.deepEqual(withoutUrls(rig.problems.splice(0)), [REFUSED_PAGE]);
  });

  it('refuses a code exchanged with another PKCE verifier: invalid_grant', async () => {
    const { page } = await rig.tab();
    const auth = await authorization(rig, config);
    await page.goto(auth.url.href);
    await signInWith(page, 'alice');
    const at = atCallback(rig, page);
    await assert.rejects(
      oidc.authorizationCodeGrant(config, at, { ...auth.checks, pkceCodeVerifier: oidc.randomPKCECodeVerifier() }),
      (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === 'invalid_grant' && e.status === 400,
    );
  });

  it('sends unauthorized_client back to the callback for a client without the code flow', async () => {
    const implicit = await rig.admin.send(new CreateUserPoolClientCommand({
      UserPoolId: web.poolId, ClientName: 'implicit-only', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'],
      AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [rig.callback], SupportedIdentityProviders: ['COGNITO'],
    }));
    const spa = await relyingParty(rig, { poolId: web.poolId, clientId: implicit.UserPoolClient!.ClientId! });
    const { page } = await rig.tab();
    const auth = await authorization(rig, spa);
    await page.goto(auth.url.href);
    const at = atCallback(rig, page);
    assert.equal(at.searchParams.get('error'), 'unauthorized_client');
    assert.equal(at.searchParams.get('state'), auth.checks.expectedState);
    await assert.rejects(oidc.authorizationCodeGrant(spa, at, auth.checks), (e: unknown) => e instanceof oidc.AuthorizationResponseError && e.error === 'unauthorized_client');
  });

  /** A pool with MFA on, its client's relying party, and a confirmed user. */
  async function mfaPool(mfa: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>, username: string, pool: Partial<CreateUserPoolRequest> = {}) {
    const c = await poolWithClient(rig, pool);
    await rig.admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: c.poolId, ...mfa }));
    await confirmedUser(rig, c.poolId, username);
    return { c, rp: await relyingParty(rig, c) };
  }

  /** The MFA page's code: a wrong one first (the same page again, with AWS's message for the factor), then the right one. */
  async function answerCode(page: Page, refusal: string, right: () => Promise<string> | string, wrong = '000000') {
    await fillByLabel(page, 'Code', wrong);
    await press(page, 'Sign in');
    assert.ok((await textOf(page)).includes(refusal), `${refusal} on the page`);
    assert.deepEqual(withoutUrls(rig.problems.splice(0)), [REFUSED_PAGE]);
    await fillByLabel(page, 'Code', await right());
    await press(page, 'Sign in');
  }

  it('signs in with TOTP MFA on the pages: the authenticator set up during the first sign-in, its code asked the next time', async () => {
    const { c, rp } = await mfaPool({ MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }, 'mo');
    const first = await rig.tab();
    const auth = await authorization(rig, rp);
    await first.page.goto(auth.url.href);
    await signInWith(first.page, 'mo');
    assert.match(await textOf(first.page), /Add this secret key to your authenticator app/);
    const secret = (await first.page.$eval('code.secret', (el) => el.textContent!)).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await fillByLabel(first.page, 'Code from the app', totpCode(secret, Date.now()));
    await press(first.page, 'Verify');
    const tokens = await oidc.authorizationCodeGrant(rp, atCallback(rig, first.page), auth.checks);
    assert.equal(tokens.claims()!['cognito:username'], 'mo');
    const mo = await rig.admin.send(new AdminGetUserCommand({ UserPoolId: c.poolId, Username: 'mo' }));
    assert.deepEqual(mo.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);

    const second = await rig.tab();
    const again = await authorization(rig, rp);
    await second.page.goto(again.url.href);
    await signInWith(second.page, 'mo');
    assert.match(await textOf(second.page), /Enter the code from your authenticator app\./);
    // The next time step's code: the one of this step was spent on the set-up (one step of skew is accepted).
    const near = [-30_000, 0, 30_000, 60_000].map((skew) => totpCode(secret, Date.now() + skew));
    await answerCode(second.page, 'Invalid code received for user', () => totpCode(secret, Date.now() + 30_000), near.includes('000000') ? '111111' : '000000');
    const next = await oidc.authorizationCodeGrant(rp, atCallback(rig, second.page), again.checks);
    assert.equal(next.claims()!.sub, tokens.claims()!.sub);
  });

  it('signs in with an emailed code (EMAIL_OTP) on the pages, read from the inbox', async () => {
    const { c, rp } = await mfaPool({ MfaConfiguration: 'ON', EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Sign-in code' } }, 'em', {
      // AWS: email MFA needs the pool to send through SES (DEVELOPER); Cognate's development inbox receives it.
      EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com', From: 'no-reply@example.com' },
    });
    await rig.admin.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: c.poolId, Username: 'em', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const { page } = await rig.tab();
    const auth = await authorization(rig, rp);
    await page.goto(auth.url.href);
    const before = await rig.inbox.newest(c.poolId, 'em');
    await signInWith(page, 'em');
    assert.match(await textOf(page), /We have sent a code by email to e\*\*\*@e\*\*\*/);
    await answerCode(page, 'Invalid code or auth state for the user.', () => rig.inbox.codeAfter(c.poolId, 'em', before));
    const tokens = await oidc.authorizationCodeGrant(rp, atCallback(rig, page), auth.checks);
    assert.equal(tokens.claims()!.email, 'em@example.com');
  });

  it('asks a user made with a temporary password for a new one on /newPassword, then signs in', async () => {
    await rig.admin.send(new AdminCreateUserCommand({
      UserPoolId: web.poolId, Username: 'newbie', TemporaryPassword: 'Temporary-1', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'newbie@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    const { page } = await rig.tab();
    const auth = await authorization(rig, config);
    await page.goto(auth.url.href);
    await signInWith(page, 'newbie', 'Temporary-1');
    assert.match(page.url(), /\/login$/, 'the new-password page is the sign-in form\'s answer');
    assert.match(await textOf(page), /Choose a new password to continue\./);
    await fillByLabel(page, 'New password', PASSWORD);
    await fillByLabel(page, 'Enter new password again', `${PASSWORD}x`);
    await press(page, 'Change password');
    assert.match(await textOf(page), /The passwords do not match\./);
    assert.deepEqual(withoutUrls(rig.problems.splice(0)), [REFUSED_PAGE]);
    await fillByLabel(page, 'New password', PASSWORD);
    await fillByLabel(page, 'Enter new password again', PASSWORD);
    await press(page, 'Change password');
    const tokens = await oidc.authorizationCodeGrant(config, atCallback(rig, page), auth.checks);
    assert.equal(tokens.claims()!['cognito:username'], 'newbie');
    const newbie = await rig.admin.send(new AdminGetUserCommand({ UserPoolId: web.poolId, Username: 'newbie' }));
    assert.equal(newbie.UserStatus, 'CONFIRMED');
  });
});
