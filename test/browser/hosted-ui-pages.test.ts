/**
 * The managed login pages in a real browser, under the headers they are served with: nothing
 * wider than a 320-pixel screen, no CSP violation, a visible focus ring, text of at least 4.5:1
 * contrast, and forms that post without any script.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { Frame } from '../../src/protocol/hosted-ui/frame.ts';
import {
  confirmForgotPasswordPage, confirmSignUpPage, errorPage, forgotPasswordPage, mfaPage, newPasswordPage, PAGE_HEADERS, selectMfaPage,
  signedOutPage, signInPage, signUpPage, totpSetupPage,
} from '../../src/protocol/hosted-ui/views.ts';
import { launchBrowser, serveSite, type StaticSite } from '../support/browser.ts';

const frame: Frame = {
  title: 'Sign in', appName: 'A rather long application name for a small screen', csrf: 'csrf', carry: { client_id: 'c1', state: 's' },
  error: 'Incorrect username or password.', info: 'We have sent you a code.',
  branding: { logoUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
};
const session = { session: 'AYABe'.repeat(200), username: 'alice' };
const field = { name: 'email', label: 'Email', type: 'email' as const, required: true };
const PAGES: Record<string, string> = {
  '/login': signInPage(frame, { usernameLabel: 'Username or email', signUp: true, providers: [{ name: 'Google', href: '/g' }, { name: 'CorporateDirectory', href: '/o' }] }),
  '/signup': signUpPage(frame, { usernameField: { name: 'username', label: 'Username', type: 'text', required: true }, fields: [field], passwordHint: 'At least 8 characters.' }),
  '/confirm': confirmSignUpPage(frame, { username: 'alice', destination: 'a***@e***', medium: 'EMAIL' }),
  '/forgotPassword': forgotPasswordPage(frame, {}),
  '/confirmForgotPassword': confirmForgotPasswordPage(frame, { username: 'alice', passwordHint: 'At least 8 characters.' }),
  '/mfa': mfaPage(frame, { ...session, kind: 'SMS_MFA', destination: '+*******0123' }),
  '/selectMfa': selectMfaPage(frame, { ...session, options: ['SMS_MFA', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA'] }),
  '/totp': totpSetupPage(frame, { ...session, secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUri: `otpauth://totp/App:alice?secret=${'JBSWY3DPEHPK3PXP'.repeat(2)}&issuer=App` }),
  '/newPassword': newPasswordPage(frame, { ...session, fields: [field], passwordHint: 'At least 8 characters.' }),
  '/error': errorPage({ title: 'Error' }, { heading: 'An error was encountered with the requested page.', message: 'redirect_mismatch' }),
  '/signedOut': signedOutPage(frame),
};

describe('the managed login pages in a browser', () => {
  let browser: Browser;
  let site: StaticSite;
  before(async () => {
    browser = await launchBrowser();
    const files = Object.fromEntries(Object.entries(PAGES).map(([path, body]) => [path, { type: PAGE_HEADERS['content-type'], body }]));
    site = await serveSite(files, 'localhost', PAGE_HEADERS);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const path of Object.keys(PAGES)) {
    it(`${path} fits 320 pixels, breaks no CSP rule, shows focus and keeps contrast`, async () => {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await page.setViewport({ width: 320, height: 640 });
      await page.goto(`${site.origin}${path}`);
      assert.deepEqual(problems, []);
      // The functions given to evaluate run in the page: its globals are reached through globalThis (this project type-checks without the DOM library).
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      assert.ok(width <= 320, `${path} is ${width} px wide`);

      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as any;
        const s = getComputedStyle(document.activeElement);
        return { tag: document.activeElement.tagName as string, outline: s.outlineStyle as string, width: parseFloat(s.outlineWidth) };
      });
      if (focus.tag === 'BODY') assert.equal(await page.$$eval('a, input, button', (els) => els.length), 0, `${path}: Tab reaches its controls`);
      else assert.ok(focus.outline !== 'none' && focus.width >= 2, `${path}: focus ring on ${focus.tag}: ${JSON.stringify(focus)}`);

      const low = await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as any;
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
        const background = (el: any): number[] => {
          for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || c[3] > 0) return c;
          }
          return [255, 255, 255];
        };
        const out: string[] = [];
        for (const el of document.querySelectorAll('h1, p, label, legend, a, button, code, summary, div[role], input:not([type=hidden]):not([type=radio])')) {
          const a = lum(rgb(getComputedStyle(el).color));
          const b = lum(background(el));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < 4.5) out.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}`);
        }
        return out;
      });
      assert.deepEqual(low, []);
      await page.close();
    });
  }

  it('posts the sign-in form with no script', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/login`);
    await page.type('#username', 'alice');
    await page.type('#password', 'Passw0rd!');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    assert.ok(site.requests.includes('POST /login'), site.requests.join(', '));
    assert.ok(!site.requests.some((r) => r.includes('Passw0rd')), 'the password is never in a URL');
    await page.close();
  });
});
