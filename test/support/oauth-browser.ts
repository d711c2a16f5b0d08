/**
 * The managed login in a real Chromium with openid-client as the relying party: Cognate started
 * the README's way, an app's callback page on another origin, and a fresh incognito context per
 * sign-in. The app's side (discovery, the authorization URL, the code's exchange) runs in the test
 * process, as a server-side web app's would; the browser only follows redirects and fills forms.
 */
import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  type CreateUserPoolClientRequest, type CreateUserPoolRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { sdkClient, startServer, type Server, type StartOptions } from '../e2e/harness.ts';
import { inboxOf, launchBrowser, serveSite, type Inbox, type StaticSite } from './browser.ts';

export const PASSWORD = 'Correct-horse-1';

export interface Tab {
  page: Page;
  context: BrowserContext;
}

export interface OAuthRig {
  cognate: Server;
  admin: ReturnType<typeof sdkClient>;
  inbox: Inbox;
  browser: Browser;
  /** The app: serves `/callback` (and `/bye`, the sign-out page) on http://localhost:<port>. */
  app: StaticSite;
  callback: string;
  signedOut: string;
  /** Every page's uncaught errors and console errors, across contexts: `[url] text`. */
  problems: string[];
  /** A page in a new incognito context: no cookies of any other test. */
  tab(): Promise<Tab>;
  close(): Promise<void>;
}

export async function startOAuthRig(server?: StartOptions): Promise<OAuthRig> {
  const cognate = await startServer(server);
  const page = { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>The app</title><p>Back in the app.</p>' };
  const app = await serveSite({ '/callback': page, '/bye': page, '/favicon.ico': { type: 'image/x-icon', body: '' } });
  const browser = await launchBrowser();
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  const admin = sdkClient(cognate.url);
  return {
    cognate, admin, inbox: inboxOf(cognate.url), browser, app, problems,
    callback: `${app.origin}/callback`,
    signedOut: `${app.origin}/bye`,
    async tab() {
      const context = await browser.createBrowserContext();
      contexts.push(context);
      const p = await context.newPage();
      p.on('pageerror', (e) => problems.push(`[${p.url()}] ${String(e)}`));
      p.on('console', (m) => {
        if (m.type() === 'error') problems.push(`[${p.url()}] ${m.text()}`);
      });
      return { page: p, context };
    },
    async close() {
      admin.destroy();
      await browser.close();
      await app.close();
      await cognate.stop();
    },
  };
}

export interface PoolAndClient {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

/** A pool and an app client of the code flow calling back to the rig's app. */
export async function poolWithClient(rig: OAuthRig, pool: Partial<CreateUserPoolRequest> = {}, client: Partial<CreateUserPoolClientRequest> = {}): Promise<PoolAndClient> {
  const poolId = (await rig.admin.send(new CreateUserPoolCommand({ PoolName: 'oauth', ...pool }))).UserPool!.Id!;
  return clientOf(rig, poolId, client);
}

/** An app client of the code flow calling back to the rig's app, in that pool. */
export async function clientOf(rig: OAuthRig, poolId: string, client: Partial<CreateUserPoolClientRequest> = {}): Promise<PoolAndClient> {
  const made = await rig.admin.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId, ClientName: 'web', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'], CallbackURLs: [rig.callback], LogoutURLs: [rig.signedOut], SupportedIdentityProviders: ['COGNITO'],
    ...client,
  }));
  return { poolId, clientId: made.UserPoolClient!.ClientId!, ...(made.UserPoolClient!.ClientSecret ? { clientSecret: made.UserPoolClient!.ClientSecret } : {}) };
}

/** A confirmed user with a permanent password and a verified email. */
export async function confirmedUser(rig: OAuthRig, poolId: string, username: string, email = `${username}@example.com`): Promise<void> {
  await rig.admin.send(new AdminCreateUserCommand({
    UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
  }));
  await rig.admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

/** openid-client configured by Cognate's discovery document at the pool's issuer. */
export function relyingParty(rig: OAuthRig, c: PoolAndClient): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(`${rig.cognate.url}/${c.poolId}`), c.clientId, c.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
}

export interface Authorization {
  url: URL;
  checks: { pkceCodeVerifier: string; expectedState: string; expectedNonce: string };
}

/** The authorization URL an app builds: the code flow, PKCE S256, a state and a nonce. */
export async function authorization(rig: OAuthRig, config: oidc.Configuration, extra: Record<string, string> = {}): Promise<Authorization> {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const expectedState = oidc.randomState();
  const expectedNonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: rig.callback, scope: 'openid email', code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier), code_challenge_method: 'S256',
    state: expectedState, nonce: expectedNonce, ...extra,
  });
  return { url, checks: { pkceCodeVerifier, expectedState, expectedNonce } };
}

/** Types into the input a label names, as a person reading the page would find it. */
export async function fillByLabel(page: Page, label: string, value: string): Promise<void> {
  const id = await page.$$eval('label', (labels, text) => labels.find((l) => l.textContent?.trim() === text)?.getAttribute('for'), label);
  assert.ok(id, `a label "${label}" on ${page.url()}`);
  await page.type(`[id="${id}"]`, value);
}

/** Clicks the button (or link) of that text and waits for the page it leads to (after any redirects). */
export async function press(page: Page, text: string): Promise<void> {
  const button = await page.$(`::-p-xpath(//*[self::button or self::a][normalize-space(.)="${text}"])`);
  assert.ok(button, `a button or link "${text}" on ${page.url()}`);
  await Promise.all([page.waitForNavigation(), button.click()]);
}

/** The sign-in page's form, filled and sent. */
export async function signInWith(page: Page, username: string, password = PASSWORD): Promise<void> {
  assert.match(page.url(), /\/login\?/, 'on the sign-in page');
  await fillByLabel(page, 'Username', username);
  await fillByLabel(page, 'Password', password);
  await press(page, 'Sign in');
}

/** Where the browser is, as the app's callback: fails unless it is the app's callback URL. */
export function atCallback(rig: OAuthRig, page: Page): URL {
  const at = new URL(page.url());
  assert.equal(at.origin + at.pathname, rig.callback, `back at the app's callback (on ${page.url()}: ${at.searchParams.get('error') ?? ''})`);
  return at;
}

/** The page's visible text. */
export const textOf = (page: Page): Promise<string> => page.evaluate(() => (globalThis as any).document.body.innerText as string);
