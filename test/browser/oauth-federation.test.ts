/**
 * Issue 21 end to end, federation: Chromium signs in to Cognate's managed login through an upstream
 * OIDC provider (oidc-provider, with a sign-in page of its own) and back through
 * /oauth2/idpresponse; openid-client, the app's relying party, verifies the ID token Cognate issues.
 * The federation engine's own cases (triggers, refusals, attribute mapping) are in
 * test/e2e/federation.test.ts.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { AdminGetUserCommand, AdminLinkProviderForUserCommand, CreateIdentityProviderCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import type { Page } from 'puppeteer-core';
import { startUpstream, type Upstream } from '../support/oidc-upstream.ts';
import {
  atCallback, authorization, clientOf, confirmedUser, fillByLabel, press, relyingParty, startOAuthRig, textOf, type OAuthRig, type PoolAndClient,
} from '../support/oauth-browser.ts';

describe('federated sign-in in Chromium through an upstream OIDC provider', () => {
  let rig: OAuthRig;
  let up: Upstream;
  let web: PoolAndClient;
  let config: oidc.Configuration;

  /** The upstream's own sign-in page, filled as its user would. */
  async function upstreamSignIn(page: Page, account: string): Promise<void> {
    assert.equal(new URL(page.url()).origin, up.issuer, `at the upstream (on ${page.url()})`);
    assert.match(await textOf(page), /Sign in to the upstream/);
    await fillByLabel(page, 'Account', account);
    await press(page, 'Continue');
  }

  const userOf = (username: string) => rig.admin.send(new AdminGetUserCommand({ UserPoolId: web.poolId, Username: username }));

  before(async () => {
    rig = await startOAuthRig();
    up = await startUpstream(`${rig.cognate.url}/oauth2/idpresponse`, { loginForm: true });
    const poolId = (await rig.admin.send(new CreateUserPoolCommand({ PoolName: 'federated' }))).UserPool!.Id!;
    await rig.admin.send(new CreateIdentityProviderCommand({
      UserPoolId: poolId, ProviderName: 'Corp', ProviderType: 'OIDC',
      ProviderDetails: { client_id: up.clientId, client_secret: up.clientSecret, attributes_request_method: 'GET', oidc_issuer: up.issuer, authorize_scopes: 'openid email profile' },
      AttributeMapping: { email: 'email', name: 'name' },
    }));
    web = await clientOf(rig, poolId, { SupportedIdentityProviders: ['COGNITO', 'Corp'] });
    config = await relyingParty(rig, web);
    up.accounts.set('acct-1', { email: 'ann@example.com', email_verified: true, name: 'Ann' });
    up.accounts.set('acct-9', { email: 'nina@corp.example.com', name: 'Nina at Corp' });
  });
  afterEach(() => {
    assert.deepEqual(rig.problems.splice(0), []);
  });
  after(async () => {
    await rig?.close();
    await up?.close();
  });

  it('signs in first through the upstream\'s own page (a new EXTERNAL_PROVIDER user), then again as the same user', async () => {
    const { page } = await rig.tab();
    const idpResponses: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${rig.cognate.url}/oauth2/idpresponse?`)) idpResponses.push(r.url());
    });
    const auth = await authorization(rig, config);
    await page.goto(auth.url.href);
    // Cognate's sign-in page offers the app client's provider; its link starts the federated sign-in.
    await press(page, 'Continue with Corp');
    await upstreamSignIn(page, 'acct-1');
    const tokens = await oidc.authorizationCodeGrant(config, atCallback(rig, page), auth.checks);
    const id = tokens.claims()!;
    // The username is <ProviderName>_<sub> (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation-consolidate-users.html).
    assert.equal(id['cognito:username'], 'Corp_acct-1');
    assert.equal(id.email, 'ann@example.com');
    assert.equal(id.nonce, auth.checks.expectedNonce);
    const identities = id.identities as Record<string, unknown>[];
    // In the ID token, primary and dateCreated are strings (see src/services/tokens/tokens.test.ts for the source).
    assert.deepEqual(identities.map((i) => [i.userId, i.providerName, i.providerType, i.issuer, i.primary]), [['acct-1', 'Corp', 'OIDC', null, 'true']]);
    assert.match(String(identities[0].dateCreated), /^\d{13}$/);
    const user = await userOf('Corp_acct-1');
    assert.equal(user.UserStatus, 'EXTERNAL_PROVIDER');
    assert.equal(user.UserAttributes!.find((a) => a.Name === 'sub')!.Value, id.sub);

    // The provider's answer, replayed in another browser (a leaked URL), signs no one in: its state is spent.
    assert.equal(idpResponses.length, 1);
    const thief = await rig.tab();
    const replay = await thief.page.goto(idpResponses[0]);
    assert.equal(replay!.status(), 400);
    assert.equal(new URL(thief.page.url()).origin, rig.cognate.url, 'no redirect to the app');
    assert.match(await textOf(thief.page), /unknown or has expired/);
    assert.deepEqual(rig.problems.splice(0).map((p) => p.replace(/^\[[^\]]*\] /, '')), ['Failed to load resource: the server responded with a status of 400 (Bad Request)']);

    // Again, in the same browser: the upstream remembers its user, and Cognate signs in the same one.
    const again = await authorization(rig, config, { identity_provider: 'Corp' });
    await page.goto(again.url.href);
    const second = await oidc.authorizationCodeGrant(config, atCallback(rig, page), again.checks);
    assert.equal(second.claims()!.sub, id.sub);
    assert.equal(second.claims()!['cognito:username'], 'Corp_acct-1');
  });

  it('signs a provider user linked by AdminLinkProviderForUser in as the native user', async () => {
    await confirmedUser(rig, web.poolId, 'nina', 'nina@example.com');
    const nina = await userOf('nina');
    await rig.admin.send(new AdminLinkProviderForUserCommand({
      UserPoolId: web.poolId,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'nina' },
      SourceUser: { ProviderName: 'Corp', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: 'acct-9' },
    }));
    const { page } = await rig.tab();
    const auth = await authorization(rig, config, { identity_provider: 'Corp' });
    await page.goto(auth.url.href);
    await upstreamSignIn(page, 'acct-9');
    const id = (await oidc.authorizationCodeGrant(config, atCallback(rig, page), auth.checks)).claims()!;
    assert.equal(id.sub, nina.UserAttributes!.find((a) => a.Name === 'sub')!.Value, 'the native user\'s sub');
    assert.equal(id['cognito:username'], 'nina');
    await assert.rejects(userOf('Corp_acct-9'), { name: 'UserNotFoundException' }, 'no second user was made');
    assert.equal((await userOf('nina')).UserStatus, 'CONFIRMED');
  });

  it('sends the upstream\'s refusal, and a provider the client does not have, back to the app\'s callback', async () => {
    const { page } = await rig.tab();
    up.next.refuse = 'access_denied';
    try {
      const auth = await authorization(rig, config, { identity_provider: 'Corp' });
      await page.goto(auth.url.href);
      const at = atCallback(rig, page);
      // Cognate's choice, as its federation routes document Cognito's: error=invalid_request, the provider's answer in the description.
      assert.equal(at.searchParams.get('error'), 'invalid_request');
      assert.match(at.searchParams.get('error_description')!, /access_denied/);
      assert.equal(at.searchParams.get('state'), auth.checks.expectedState);
    } finally {
      delete up.next.refuse;
    }
    const auth = await authorization(rig, config, { identity_provider: 'Nobody' });
    await page.goto(auth.url.href);
    const at = atCallback(rig, page);
    assert.equal(at.searchParams.get('error'), 'invalid_request');
    assert.equal(at.searchParams.get('state'), auth.checks.expectedState);
    await assert.rejects(oidc.authorizationCodeGrant(config, at, auth.checks), (e: unknown) => e instanceof oidc.AuthorizationResponseError && e.error === 'invalid_request');
  });
});
