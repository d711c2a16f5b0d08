/**
 * A real browser for end-to-end tests: the Chromium that `@sparticuz/chromium` ships inside its npm
 * package, driven by `puppeteer-core`, so `npm test` needs nothing but npm. A test starts Cognate the
 * README's way, serves a page (a script bundled for the browser with esbuild) from another origin,
 * opens it, and reads codes from Cognate's inbox, as a developer's own browser test would.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import chromium from '@sparticuz/chromium';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { sdkClient, startServer, type Server, type StartOptions } from '../e2e/harness.ts';

const CHROMIUM_VERSION: string = JSON.parse(readFileSync(new URL('../../node_modules/@sparticuz/chromium/package.json', import.meta.url), 'utf8')).version;
const CACHE = new URL(`../../node_modules/.cache/cognate-chromium-${CHROMIUM_VERSION}/`, import.meta.url).pathname;

/** Makes the lock folder; false while another process holds it. A lock older than two minutes belongs to a process that died. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/**
 * The Chromium binary, unpacked once per install into node_modules/.cache. The package unpacks into
 * the system's temporary folder, where another version (or another test process still writing it)
 * may already sit; a lock folder keeps concurrent test files from launching a half-written binary.
 */
async function chromiumBinary(): Promise<string> {
  const ready = join(CACHE, 'ready');
  const lock = `${CACHE.replace(/\/$/, '')}.lock`;
  mkdirSync(join(CACHE, '..'), { recursive: true });
  for (let waited = 0; !existsSync(ready); waited += 200) {
    if (!takeLock(lock)) {
      if (waited > 180_000) throw new Error(`Chromium was not unpacked into ${CACHE} within 3 minutes`);
      await sleep(200);
      continue;
    }
    try {
      // What a process that died half-way left is unpacked again: the package skips files that exist.
      rmSync(CACHE, { recursive: true, force: true });
      mkdirSync(CACHE, { recursive: true });
      // The package reads the temporary folder synchronously before its first await.
      const previous = process.env.TMPDIR;
      process.env.TMPDIR = CACHE;
      const unpacking = chromium.executablePath();
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      await unpacking;
      writeFileSync(ready, '');
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return join(CACHE, 'chromium');
}

/**
 * The package's flags, but two: `--disable-web-security` switches CORS off (the very thing the
 * browser tests are for) and `--single-process` breaks new browser contexts. The rest keep Chromium
 * from calling Google's hosts, which a closed network refuses at every start.
 */
const LAUNCH_ARGS = [
  ...chromium.args.filter((a) => a !== '--disable-web-security' && a !== '--single-process'),
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu',
];

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'cognate-chromium-profile-'));
  const browser = await puppeteer.launch({ executablePath: await chromiumBinary(), args: LAUNCH_ARGS, headless: true, userDataDir });
  browser.once('disconnected', () => rmSync(userDataDir, { recursive: true, force: true }));
  return browser;
}

/** A TypeScript (or JavaScript) module bundled for the browser, npm imports included. */
export async function bundleForBrowser(entry: URL): Promise<string> {
  const out = await build({ entryPoints: [entry.pathname], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  return out.outputFiles[0].text;
}

export interface StaticSite {
  origin: string;
  /** Requests the site received, as `METHOD /path`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves fixed answers on a free port of `host`; `headers` go on every answer. Page and Cognate
 * then sit on different origins (a different host name, a different port), as an app and its
 * identity service do.
 */
export async function serveSite(files: Record<string, { type: string; body: string }>, host = 'localhost', headers: Record<string, string> = {}): Promise<StaticSite> {
  const requests: string[] = [];
  const server: HttpServer = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    req.resume();
    if (!file) return res.writeHead(404, headers).end();
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...headers }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, host === 'localhost' ? '127.0.0.1' : host, resolve));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://${host}:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Inbox {
  /** The id of the newest message to the user (or ''), so that a later code is told from an earlier one. */
  newest(poolId: string, username: string): Promise<string>;
  /** The code of the first message to the user newer than `after`, waiting for it to be written. */
  codeAfter(poolId: string, username: string, after: string): Promise<string>;
}

/** Reads codes the way a developer's test does: GET /_cognate/messages (development mode). */
export function inboxOf(cognateUrl: string): Inbox {
  const list = async (poolId: string, username: string) => {
    const res = await fetch(`${cognateUrl}/_cognate/messages?${new URLSearchParams({ userPoolId: poolId, username, limit: '20' })}`);
    if (!res.ok) throw new Error(`inbox answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { messages: { id: string; code: string | null }[] }).messages;
  };
  return {
    newest: async (poolId, username) => (await list(poolId, username))[0]?.id ?? '',
    async codeAfter(poolId, username, after) {
      for (let tries = 0; tries < 100; tries++) {
        const fresh = (await list(poolId, username)).find((m) => m.id > after && m.code);
        if (fresh) return fresh.code!;
        await sleep(50);
      }
      throw new Error(`no new code for ${username} in ${poolId}`);
    },
  };
}

/** What a call made inside the page gave: its value, or the name and message of what it threw. */
export type Outcome = { value?: any; error?: { name: string; message: string } };

export interface BrowserRig {
  cognate: Server;
  /** An SDK client for the administrator's side (pools, clients, AdminGetUser). */
  admin: ReturnType<typeof sdkClient>;
  inbox: Inbox;
  browser: Browser;
  site: StaticSite;
  page: Page;
  /** Runs `globalThis[ready][name](...args)` in the page, as the app's code would call it. */
  call(name: string, ...args: unknown[]): Promise<Outcome>;
  /** The value of a call that must succeed (the test fails with what it threw otherwise). */
  ok(name: string, ...args: unknown[]): Promise<any>;
  /** What the page threw and nobody caught. */
  pageErrors: string[];
  /** What the browser reported as errors in the console (refused requests, 4xx answers). */
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Cognate (started as the README starts it, `node src/main.ts serve`) and a page on another origin
 * running `script` bundled for the browser, open in a fresh Chromium. `ready` is a global the
 * script sets once it can be driven.
 */
export async function startBrowserRig(options: { script: URL; ready: string; server?: StartOptions }): Promise<BrowserRig> {
  const cognate = await startServer(options.server);
  const site = await serveSite({
    '/': { type: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><title>Cognate browser test</title><script type="module" src="/app.js"></script>' },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: await bundleForBrowser(options.script) },
  });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${site.origin}/`);
  await page.waitForFunction((name) => name in globalThis, {}, options.ready);
  const admin = sdkClient(cognate.url);
  const call = (name: string, ...args: unknown[]): Promise<Outcome> =>
    page.evaluate(async (api, n, a) => {
      try {
        return { value: await (globalThis as any)[api][n](...a) };
      } catch (e: any) {
        return { error: { name: e?.name, message: e?.message } };
      }
    }, options.ready, name, args);
  return {
    cognate, admin, inbox: inboxOf(cognate.url), browser, site, page, pageErrors, consoleErrors, call,
    async ok(name, ...args) {
      const out = await call(name, ...args);
      assert.equal(out.error, undefined, `${name}: ${JSON.stringify(out.error)}`);
      return out.value;
    },
    async close() {
      admin.destroy();
      await browser.close();
      await site.close();
      await cognate.stop();
    },
  };
}
