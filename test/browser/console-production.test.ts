/**
 * The web console in production mode, in Chromium and with plain fetch: nothing of the data before
 * signing in with a configured access key, never with a pool user's credentials or tokens; a session
 * cookie scripts cannot read, sent only to this site over a secure connection; actions signed and
 * logged under the signed-in key; signing out ends the session for a replayed cookie too; a form
 * without its CSRF field changes nothing; and a console not enabled is an HTML 404.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand, ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'puppeteer-core';
import { sdkClient, startServer, type Server } from '../e2e/harness.ts';
import { launchBrowser } from '../support/browser.ts';
import { CONSOLE, consoleTab, fill, noticeOf, openPanel, press, screenshot, textOf, type ConsoleTab } from '../support/console-browser.ts';

const KEY = { accessKeyId: 'AKIACONSOLETEST00001', secretAccessKey: 'console-test-secret-key-0123456789' };
const PASSWORD = 'Pool-user-pass-1';
const SESSION = '__Host-cognate-console';
const CSRF = '__Host-cognate-console-csrf';

const configDirs: string[] = [];
after(() => configDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function configFile(content: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-console-cfg-'));
  configDirs.push(dir);
  const file = join(dir, 'cognate.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

/** The log lines that are JSON, parsed. */
const entries = (logs: string[]) => logs.flatMap((l) => {
  try {
    return [JSON.parse(l) as Record<string, unknown>];
  } catch {
    return [];
  }
});

const onSignIn = (page: Page) => new URL(page.url()).pathname === `${CONSOLE}/sign-in`;

describe('the web console in production mode', () => {
  let cognate: Server;
  let admin: ReturnType<typeof sdkClient>;
  let browser: Browser;
  let tab: ConsoleTab;
  let page: Page;
  let poolId: string;
  let accessToken: string;
  let session: string;
  /** The console's pages that show a pool's data, and its JSON API. */
  let pages: string[];
  const api = `${CONSOLE}/api/messages`;

  /** A plain request (no browser, no cookie unless given), not following redirects. */
  const plain = (path: string, init: RequestInit = {}) => fetch(`${cognate.url}${path}`, { redirect: 'manual', ...init });
  const poolNames = async () => ((await admin.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).map((p) => p.Name);

  before(async () => {
    cognate = await startServer({ args: ['--mode', 'production', '--config', configFile({ console: { enabled: true }, credentials: [KEY] })] });
    admin = sdkClient(cognate.url, KEY);
    poolId = (await admin.send(new CreateUserPoolCommand({ PoolName: 'private-pool' }))).UserPool!.Id!;
    const clientId = (await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))).UserPoolClient!.ClientId!;
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol', MessageAction: 'SUPPRESS' }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'carol', Password: PASSWORD, Permanent: true }));
    const signedIn = await admin.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'carol', PASSWORD } }));
    accessToken = signedIn.AuthenticationResult!.AccessToken!;
    pages = [`${CONSOLE}/`, `${CONSOLE}/pools/${poolId}`, `${CONSOLE}/pools/${poolId}/users`, `${CONSOLE}/pools/${poolId}/users/carol`, `${CONSOLE}/messages`, `${CONSOLE}/tokens`];
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

  it('before sign-in, sends every page to the sign-in page and answers the JSON API 401, with nothing of the data', async () => {
    for (const path of pages) {
      const res = await plain(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.get('location'), `${CONSOLE}/sign-in?next=${encodeURIComponent(path)}`, path);
      assert.ok(!(await res.text()).includes(poolId), path);
    }
    const json = await plain(api);
    assert.equal(json.status, 401);
    assert.deepEqual(Object.keys((await json.json()) as object), ['error']);

    for (const path of pages) {
      await page.goto(`${cognate.url}${path}`);
      assert.ok(onSignIn(page), `${path} went to ${page.url()}`);
      const text = await textOf(page);
      assert.ok(!text.includes(poolId) && !text.includes('private-pool') && !text.includes('carol'), path);
    }
    await screenshot(page, 'sign-in');
    const refused = await page.goto(`${cognate.url}${api}`);
    assert.equal(refused!.status(), 401);
    assert.ok(!(await textOf(page)).includes(poolId));
    assert.deepEqual(tab.problems.splice(0).map((p) => p.replace(/^\[[^\]]*\] /, '')), ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });

  it('refuses a pool user\'s username and password, and their access token as a bearer token or as the session cookie', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/sign-in`);
    await fill(page, 'Access key ID', 'carol');
    await fill(page, 'Secret access key', PASSWORD);
    await press(page, 'Sign in');
    assert.ok(onSignIn(page));
    assert.match(await noticeOf(page), /Those credentials are not this server's/);
    assert.equal((await page.browserContext().cookies()).find((c) => c.name === SESSION), undefined, 'no session');
    assert.deepEqual(tab.problems.splice(0).map((p) => p.replace(/^\[[^\]]*\] /, '')), ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);

    for (const headers of [{ authorization: `Bearer ${accessToken}` }, { cookie: `${SESSION}=${accessToken}` }, { cookie: `cognate-console=${accessToken}` }]) {
      for (const path of [...pages, api]) {
        const res = await plain(path, { headers });
        assert.equal(res.status, path === api ? 401 : 303, `${path} with ${Object.keys(headers)[0]}`);
        assert.ok(!(await res.text()).includes(poolId));
      }
    }
    // In a browser of its own, so that the planted cookie leaves with it.
    const planted = await consoleTab(browser);
    try {
      await planted.page.browserContext().setCookie({ name: SESSION, value: accessToken, domain: new URL(cognate.url).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
      await planted.page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}`);
      assert.ok(onSignIn(planted.page), 'the token is no session');
      assert.ok(!(await textOf(planted.page)).includes(poolId));
      assert.deepEqual(planted.problems, []);
    } finally {
      await planted.page.browserContext().close();
    }
  });

  it('refuses a configured key with a wrong secret', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/sign-in`);
    await fill(page, 'Access key ID', KEY.accessKeyId);
    await fill(page, 'Secret access key', `${KEY.secretAccessKey}x`);
    await press(page, 'Sign in');
    assert.ok(onSignIn(page));
    assert.match(await noticeOf(page), /Those credentials are not this server's/);
    assert.equal((await page.browserContext().cookies()).find((c) => c.name === SESSION), undefined, 'no session');
    assert.deepEqual(tab.problems.splice(0).map((p) => p.replace(/^\[[^\]]*\] /, '')), ['console: Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
  });

  it('signs in with a configured key pair, back to the page asked for, with an HttpOnly, SameSite=Strict, Secure session cookie', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/pools/${poolId}`);
    assert.ok(onSignIn(page));
    await fill(page, 'Access key ID', KEY.accessKeyId);
    await fill(page, 'Secret access key', KEY.secretAccessKey);
    await press(page, 'Sign in');
    assert.equal(new URL(page.url()).pathname, `${CONSOLE}/pools/${poolId}`);
    assert.equal(await page.$eval('h1', (h) => h.textContent), 'private-pool');
    assert.match(await textOf(page), new RegExp(KEY.accessKeyId));
    const cookie = (await page.browserContext().cookies()).find((c) => c.name === SESSION);
    assert.ok(cookie, 'the session cookie');
    assert.deepEqual([cookie.httpOnly, cookie.sameSite, cookie.secure, cookie.path], [true, 'Strict', true, '/']);
    session = cookie.value;
    const res = await plain(`${CONSOLE}/`, { headers: { cookie: `${SESSION}=${session}` } });
    assert.equal(res.status, 200, 'the cookie is the session');
    assert.match(await res.text(), /private-pool/);
  });

  it('signs the console\'s calls with the signed-in key: the request log has CreateUserPool under it', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/`);
    await openPanel(page, 'Create pool');
    await fill(page, 'Pool name', 'made-in-console');
    await press(page, 'Create');
    assert.match(await noticeOf(page), /^Pool made-in-console created/);
    assert.ok((await poolNames()).includes('made-in-console'));
    // The server writes the line before it answers; the pipe may deliver it a little later.
    let logged: Record<string, unknown> | undefined;
    for (let i = 0; i < 200 && !logged; i++, await sleep(25)) logged = entries(cognate.logs).find((e) => e.operation === 'CreateUserPool' && e.accessKeyId === KEY.accessKeyId);
    assert.ok(logged, 'CreateUserPool logged under the signed-in key');
    const consoleReads = entries(cognate.logs).filter((e) => e.operation === 'ListUserPools');
    assert.ok(consoleReads.length > 0 && consoleReads.every((e) => e.accessKeyId === KEY.accessKeyId));
  });

  it('refuses a form posted without its CSRF field with 403, changing nothing', async () => {
    const csrf = (await page.browserContext().cookies()).find((c) => c.name === CSRF)!.value;
    const post = (form: Record<string, string>) => plain(`${CONSOLE}/pools`, {
      method: 'POST', body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${SESSION}=${session}; ${CSRF}=${csrf}` },
    });
    const forged = await post({ name: 'forged' });
    assert.equal(forged.status, 403);
    assert.match(forged.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(!(await poolNames()).includes('forged'));
    const wrong = await post({ name: 'forged', _csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` });
    assert.equal(wrong.status, 403);
    assert.ok(!(await poolNames()).includes('forged'));
    // The same request with the field goes through: the field is what was missing.
    const sent = await post({ name: 'with-field', _csrf: csrf });
    assert.equal(sent.status, 303);
    assert.ok((await poolNames()).includes('with-field'));
  });

  it('signs out: the browser is back at the sign-in page, and the old cookie, replayed, gets the redirect again', async () => {
    await page.goto(`${cognate.url}${CONSOLE}/`);
    await press(page, 'Sign out');
    assert.ok(onSignIn(page));
    assert.equal(await noticeOf(page), 'Signed out.');
    for (const path of pages) {
      const res = await plain(path, { headers: { cookie: `${SESSION}=${session}` } });
      assert.equal(res.status, 303, path);
      assert.match(res.headers.get('location') ?? '', new RegExp(`^${CONSOLE}/sign-in\\?`));
    }
    assert.equal((await plain(api, { headers: { cookie: `${SESSION}=${session}` } })).status, 401);
  });
});

describe('a production console not enabled', () => {
  it('answers 404 with an HTML page at every console path', async () => {
    const server = await startServer({ args: ['--mode', 'production', '--config', configFile({ credentials: [KEY] })] });
    try {
      for (const path of [CONSOLE, `${CONSOLE}/`, `${CONSOLE}/sign-in`, `${CONSOLE}/api/messages`, `${CONSOLE}/assets/console.js`]) {
        const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
        assert.equal(res.status, 404, path);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
        assert.match(await res.text(), /console is off/, path);
      }
    } finally {
      await server.stop();
    }
  });
});
