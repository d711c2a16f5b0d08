/**
 * The web console in a real Chromium, development mode (open on loopback): each page driven by
 * accessible names only, each action checked against what the API then says. Every page is
 * watched for uncaught errors, console errors, CSP violations and the console's own assets
 * failing. Screenshots go to COGNATE_SCREENSHOTS (docs/console for the README) or a temporary folder.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  AdminGetUserCommand, AdminListGroupsForUserCommand, AdminResetUserPasswordCommand, ConfirmForgotPasswordCommand, DescribeUserPoolClientCommand,
  InitiateAuthCommand, ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'puppeteer-core';
import { sdkClient, startServer, type Server } from '../e2e/harness.ts';
import { launchBrowser } from '../support/browser.ts';
import { aria, CONSOLE, consoleTab, find, fill, noticeOf, openPanel, pageWidth, paste, press, recordsOf, rowsOf, screenshot, textOf, type ConsoleTab } from '../support/console-browser.ts';

const POOL = 'console-demo';
const PASSWORD = 'Console-horse-9';

const secretHash = (secret: string, username: string, clientId: string) => createHmac('sha256', secret).update(username + clientId).digest('base64');
/** The path's segment after `after` in the page's URL (an id the console put there). */
const segmentAfter = (page: Page, after: string) => decodeURIComponent(new URL(page.url()).pathname.split('/').at(new URL(page.url()).pathname.split('/').indexOf(after) + 1)!);
const verdictOf = (page: Page) => page.evaluate(() => ((globalThis as any).document.querySelector('.verdict[role=status]')?.textContent ?? '') as string);
const messageRows = (page: Page) => recordsOf(page, 'Messages, newest first (times in UTC)');

describe('the web console in Chromium (development mode)', () => {
  let cognate: Server;
  let admin: ReturnType<typeof sdkClient>;
  let browser: Browser;
  let tab: ConsoleTab;
  let page: Page;
  let poolId: string;
  let client: { id: string; secret: string };

  before(async () => {
    cognate = await startServer();
    admin = sdkClient(cognate.url);
    browser = await launchBrowser();
    tab = await consoleTab(browser);
    page = tab.page;
  });
  afterEach(() => assert.deepEqual(tab.problems.splice(0), []));
  after(async () => {
    admin?.destroy();
    await browser?.close();
    await cognate?.stop();
  });

  it('creates a pool from the pools page, lands on its overview, and lists it with its user count', async () => {
    const res = await page.goto(`${cognate.url}${CONSOLE}/`);
    assert.equal(res!.status(), 200);
    assert.match(res!.headers()['content-security-policy'] ?? '', /default-src 'none'/);
    assert.match(await textOf(page), /No user pools yet/);
    await openPanel(page, 'Create pool');
    await fill(page, 'Pool name', POOL);
    await press(page, 'Create');
    poolId = segmentAfter(page, 'pools');
    assert.match(poolId, /^us-east-1_\w+$/);
    assert.equal(await noticeOf(page), `Pool ${POOL} created (${poolId}).`);
    assert.equal(await page.$eval('h1', (h) => h.textContent), POOL);
    await screenshot(page, 'pool');

    await press(page, 'Pools', 'link');
    const rows = await rowsOf(page, 'User pools');
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2]]), [[POOL, poolId, '0']]);
  });

  it('creates an app client with a secret and shows the secret on request, as DescribeUserPoolClient has it', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}`);
    await press(page, 'App clients', 'link');
    await openPanel(page, 'Create app client');
    await fill(page, 'App client name', 'web');
    await (await find(page, 'Generate a client secret', 'checkbox')).click();
    await press(page, 'Create');
    const clientId = segmentAfter(page, 'clients');
    assert.equal(await noticeOf(page), 'App client web created.');
    await screenshot(page, 'app-client');
    const described = (await admin.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }))).UserPoolClient!;
    assert.ok(described.ExplicitAuthFlows!.includes('ALLOW_USER_PASSWORD_AUTH'));
    assert.ok(!(await textOf(page)).includes(described.ClientSecret!), 'no secret until asked for');

    await press(page, 'Show client secret');
    const shown = await (await find(page, 'Client secret', 'status')).evaluate((o) => o.textContent);
    assert.equal(shown, described.ClientSecret);
    client = { id: clientId, secret: shown! };
  });

  it('creates a user, disables and enables them, sets a password and resets it', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}/users`);
    await openPanel(page, 'Create user');
    await fill(page, 'Username', 'alice');
    await fill(page, 'Email', 'alice@example.com');
    await press(page, 'Create');
    assert.equal(await noticeOf(page), 'User alice created.');
    assert.equal(new URL(page.url()).pathname, `${CONSOLE}/pools/${poolId}/users/alice`);

    await press(page, 'Disable user');
    assert.equal(await noticeOf(page), 'User alice disabled.');
    assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).Enabled, false);
    await press(page, 'Enable user');
    assert.equal(await noticeOf(page), 'User alice enabled.');
    assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).Enabled, true);

    // Cognito resets only a password the user chose: a first, permanent one is set here.
    await openPanel(page, 'Set password');
    await fill(page, 'New password', PASSWORD);
    await press(page, 'Set password');
    assert.equal(await noticeOf(page), 'Password set for alice.');
    assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserStatus, 'CONFIRMED');

    await press(page, 'Reset password');
    assert.match(await noticeOf(page), /^Password reset: alice was sent a code/);
    assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserStatus, 'RESET_REQUIRED');
  });

  it('creates a group on the groups page and adds the user to it from the user\'s page', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}/groups`);
    await openPanel(page, 'Create group');
    await fill(page, 'Group name', 'admins');
    await fill(page, 'Description', 'People who run things');
    await press(page, 'Create');
    assert.equal(await noticeOf(page), 'Group admins created.');
    assert.deepEqual((await rowsOf(page, `Groups of ${POOL}`)).map((r) => r.slice(0, 2)), [['admins', 'People who run things']]);
    await screenshot(page, 'groups');

    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}/users/alice`);
    await openPanel(page, 'Add to group');
    await (await find(page, 'Group', 'combobox')).select('admins');
    await press(page, 'Add');
    assert.equal(await noticeOf(page), 'alice added to admins.');
    assert.deepEqual((await rowsOf(page, 'Groups')).map((r) => r[0]), ['admins']);
    const groups = await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'alice' }));
    assert.deepEqual(groups.Groups!.map((g) => g.GroupName), ['admins']);
    await screenshot(page, 'user');
  });

  it('shows the reset code on the messages page, and a new message live, without a reload', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/`);
    await press(page, 'Messages', 'link');
    const codes = (await messageRows(page)).filter((r) => r.Pool === poolId && r.Username === 'alice' && /^\d{6}$/.test(r.Code!));
    assert.equal(codes.length, 1, 'the reset code');
    await screenshot(page, 'messages');

    // The page stays open: a mark in its window survives only if it is not reloaded.
    await page.evaluate(() => ((globalThis as any).keptOpen = true));
    const before = (await messageRows(page)).length;
    await admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice' }));
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('table[data-live-messages] tbody tr').length > n, {}, before);
    assert.equal(await page.evaluate(() => (globalThis as any).keptOpen), true, 'not reloaded');
    assert.equal(await page.$eval('#live-status', (s) => s.textContent), '1 new message');
    const [newest] = await messageRows(page);
    assert.deepEqual([newest!.Pool, newest!.Username], [poolId, 'alice']);
    assert.match(newest!.Code!, /^\d{6}$/);
    assert.notEqual(newest!.Code, codes[0]!.Code, 'a new code');

    // The code shown is the one Cognate checks.
    await admin.send(new ConfirmForgotPasswordCommand({
      ClientId: client.id, Username: 'alice', ConfirmationCode: newest!.Code, Password: PASSWORD, SecretHash: secretHash(client.secret, 'alice', client.id),
    }));
    assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }))).UserStatus, 'CONFIRMED');
  });

  it('inspects tokens: a signed-in user\'s access token is accepted with its claims; garbage, a forged one and a revoked one are refused', async () => {
    const signedIn = await admin.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.id,
      AuthParameters: { USERNAME: 'alice', PASSWORD, SECRET_HASH: secretHash(client.secret, 'alice', client.id) },
    }));
    const token = signedIn.AuthenticationResult!.AccessToken!;
    await page.goto(`${cognate.url}${CONSOLE}/`);
    await press(page, 'Token inspector', 'link');
    await paste(page, 'Token', token);
    await press(page, 'Inspect');
    assert.equal(await verdictOf(page), `Accepted: a valid access token of alice in ${poolId}.`);
    // Named "Claims" twice: the heading, and the block it heads.
    const named = await Promise.all((await page.$$(aria('Claims'))).map((e) => e.evaluate((el) => ({ tag: el.tagName, text: el.textContent! }))));
    const claims = JSON.parse(named.find((n) => n.tag === 'PRE')!.text);
    assert.equal(claims.username, 'alice');
    assert.equal(claims.client_id, client.id);
    assert.equal(claims.token_use, 'access');
    assert.deepEqual(claims['cognito:groups'], ['admins']);
    await screenshot(page, 'tokens');

    await paste(page, 'Token', 'not-a-token');
    await press(page, 'Inspect');
    assert.match(await verdictOf(page), /^Not a JWT/);

    const [head, body] = token.split('.');
    await paste(page, 'Token', `${head}.${body}.${Buffer.from('forged').toString('base64url')}`);
    await press(page, 'Inspect');
    assert.match(await verdictOf(page), /^Refused: /);

    // "Sign out everywhere" (AdminUserGlobalSignOut) revokes the tokens alice has.
    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}/users/alice`);
    await press(page, 'Sign out everywhere');
    assert.match(await noticeOf(page), /^alice signed out everywhere/);
    await page.goto(`${cognate.url}${CONSOLE}/tokens`);
    await paste(page, 'Token', token);
    await press(page, 'Inspect');
    assert.match(await verdictOf(page), /^Refused: NotAuthorizedException/);
  });

  it('narrows the users table with a ListUsers filter, counts users on the pools page, and deletes a user after a confirmation', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}/users`);
    await openPanel(page, 'Create user');
    await fill(page, 'Username', 'bob');
    await fill(page, 'Email', 'bob@other.example');
    await press(page, 'Create');
    await press(page, 'Users', 'link');
    assert.deepEqual((await rowsOf(page, `Users of ${POOL}`)).map((r) => r[0]).sort(), ['alice', 'bob']);
    await screenshot(page, 'users');

    await fill(page, 'Filter', 'email ^= "alice"', 'searchbox');
    await press(page, 'Search');
    assert.deepEqual((await rowsOf(page, `Users of ${POOL}`)).map((r) => [r[0], r[1]]), [['alice', 'alice@example.com']]);
    const listed = await admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "alice"' }));
    assert.deepEqual(listed.Users!.map((u) => u.Username), ['alice']);
    await fill(page, 'Filter', 'email ^= "nobody"', 'searchbox');
    await press(page, 'Search');
    assert.match(await textOf(page), /No user matches this filter\./);

    await page.goto(`${cognate.url}${CONSOLE}/`);
    assert.deepEqual((await rowsOf(page, 'User pools')).map((r) => [r[0], r[2]]), [[POOL, '2']]);

    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}/users/bob`);
    await press(page, 'Delete user');
    assert.deepEqual(tab.dialogs.splice(0), ['Delete the user bob?']);
    assert.equal(await noticeOf(page), 'User bob deleted.');
    assert.deepEqual((await rowsOf(page, `Users of ${POOL}`)).map((r) => r[0]), ['alice']);
    await page.goto(`${cognate.url}${CONSOLE}/`);
    assert.deepEqual((await rowsOf(page, 'User pools')).map((r) => [r[0], r[2]]), [[POOL, '1']]);
    await screenshot(page, 'pools');
  });

  it('shows the pools page on a 320-pixel screen without scrolling the page sideways', async () => {
    const narrow = await consoleTab(browser);
    try {
      await narrow.page.setViewport({ width: 320, height: 640 });
      for (const path of ['/', `/pools/${poolId}`, `/pools/${poolId}/users`, '/messages']) {
        await narrow.page.goto(`${cognate.url}${CONSOLE}${path}`);
        const width = await pageWidth(narrow.page);
        assert.ok(width <= 320, `${path} is ${width} px wide`);
      }
      assert.deepEqual(narrow.problems, []);
    } finally {
      await narrow.page.browserContext().close();
    }
  });

  it('answers 421 and no data to a request naming another host (a DNS name rebound to loopback)', async () => {
    const url = new URL(`${cognate.url}${CONSOLE}/`);
    const answer = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d)).on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
      }).on('error', reject).end();
    });
    assert.equal(answer.status, 421);
    assert.match(answer.type, /^text\/html/);
    assert.ok(!answer.body.includes(poolId) && !answer.body.includes(POOL), 'no pool named');
  });
});
