/**
 * Driving the web console in Chromium the way a person does: by accessible names (a panel's
 * summary, a field's label, a button's text), never by CSS classes or ids. Each tab records what
 * would show that a page is broken: uncaught errors, console errors, CSP violations, and the
 * console's own stylesheet or script failing to load.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';

export const CONSOLE = '/_cognate/console';

/**
 * Where screenshots go: COGNATE_SCREENSHOTS (`npm run screenshots` says docs/console, which the
 * README shows), else a folder under node_modules/.cache that each run overwrites.
 */
export const SCREENSHOTS = process.env.COGNATE_SCREENSHOTS ?? new URL('../../node_modules/.cache/cognate-console-screenshots/', import.meta.url).pathname;

export interface ConsoleTab {
  page: Page;
  /** Everything that went wrong in the tab, as `[url] what`; a test takes out what it expects. */
  problems: string[];
  /** The messages of the confirmation dialogs the tab accepted. */
  dialogs: string[];
}

/** A page in a fresh incognito context (no cookies of another tab), watched for problems. */
export async function consoleTab(browser: Browser): Promise<ConsoleTab> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (e) => problems.push(`[${page.url()}] uncaught: ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`[${page.url()}] console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.url().includes(`${CONSOLE}/assets/`)) problems.push(`[${page.url()}] asset failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.url().includes(`${CONSOLE}/assets/`) && r.status() !== 200) problems.push(`[${page.url()}] asset answered ${r.status()}: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.accept();
  });
  // The event fires in the page; the exposed function carries it out, across navigations.
  await page.exposeFunction('reportCspViolation', (what: string) => problems.push(`[${page.url()}] CSP: ${what}`));
  await page.evaluateOnNewDocument(() => {
    const g = globalThis as any;
    g.document.addEventListener('securitypolicyviolation', (e: any) => g.reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, problems, dialogs };
}

/** A `::-p-aria` selector: an accessible name, and a role when the name alone is ambiguous. */
export const aria = (name: string, role?: string): string => `::-p-aria(${role ? `[name="${name}"][role="${role}"]` : name})`;

export async function find(page: Page, name: string, role?: string): Promise<ElementHandle> {
  const found = await page.$(aria(name, role));
  assert.ok(found, `"${name}"${role ? ` (${role})` : ''} on ${page.url()}`);
  return found;
}

/** Opens the disclosure panel its summary names ("Create pool"). */
export async function openPanel(page: Page, summary: string): Promise<void> {
  await (await find(page, summary)).click();
  await page.waitForFunction((text) => [...(globalThis as any).document.querySelectorAll('details[open] > summary')].some((s: any) => s.textContent.trim() === text), {}, summary);
}

/** Types into the field its label names. */
export async function fill(page: Page, label: string, value: string, role = 'textbox'): Promise<void> {
  const input = await find(page, label, role);
  await input.evaluate((el: any) => (el.value = ''));
  await input.type(value);
}

/** Puts a long value into a field at once, as pasting does. */
export async function paste(page: Page, label: string, value: string): Promise<void> {
  const input = await find(page, label, 'textbox');
  await input.evaluate((el: any, v: string) => {
    el.value = v;
    el.dispatchEvent(new (globalThis as any).Event('input', { bubbles: true }));
  }, value);
}

/** Presses the button (or follows the link) its name names and waits for the page it leads to (after redirects). */
export async function press(page: Page, name: string, role: 'button' | 'link' = 'button'): Promise<void> {
  const button = await find(page, name, role);
  await Promise.all([page.waitForNavigation(), button.click()]);
}

/** The page's visible text. */
export const textOf = (page: Page): Promise<string> => page.evaluate(() => (globalThis as any).document.body.innerText as string);

/** The text of the page's notice (role=status or role=alert), '' when there is none. */
export const noticeOf = (page: Page): Promise<string> =>
  page.evaluate(() => ((globalThis as any).document.querySelector('main .notice')?.textContent ?? '') as string);

/** The cells' text of the rows of the table whose caption is `caption`. */
export const rowsOf = (page: Page, caption: string): Promise<string[][]> =>
  page.evaluate((c) => {
    const table = [...(globalThis as any).document.querySelectorAll('table')].find((t: any) => t.caption?.textContent.trim() === c);
    return table ? [...table.tBodies[0].rows].map((r: any) => [...r.cells].map((td: any) => td.textContent.trim() as string)) : [];
  }, caption);

/** A table's body rows as records by column header: what a reader of the table sees, whatever the column order. */
export const recordsOf = (page: Page, caption: string): Promise<Record<string, string>[]> =>
  page.evaluate((c) => {
    const table = [...(globalThis as any).document.querySelectorAll('table')].find((t: any) => t.caption?.textContent.trim() === c);
    if (!table) return [];
    const head = [...table.tHead.rows[0].cells].map((th: any) => th.textContent.trim() as string);
    return [...table.tBodies[0].rows].map((r: any) => Object.fromEntries([...r.cells].map((td: any, i: number) => [head[i], td.textContent.trim() as string])));
  }, caption);

/** A full-page PNG into SCREENSHOTS. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) as `${string}.png`, fullPage: true });
}

/** Whether the page scrolls sideways. */
export const pageWidth = (page: Page): Promise<number> => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
