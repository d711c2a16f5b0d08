/**
 * A browser without a browser, for the managed login pages in unit-speed tests: it keeps cookies,
 * follows redirects within the server (stopping at the first one that leaves it, such as the app's
 * redirect_uri), reads a page's forms and submits them with their hidden fields. Chromium tests
 * (test/browser) prove the same pages in a real browser.
 */
import { decodeHtml } from './html-entities.ts';

export interface Answer {
  status: number;
  url: string;
  /** Where a redirect that left the server went. */
  location?: string;
  html: string;
}

export interface FormOnPage {
  action: string;
  fields: Record<string, string>;
}

export class FormBrowser {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  constructor(base: string) {
    this.base = base;
  }

  #keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  #cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** GET (or POST a form) and follow redirects while they stay on the server. */
  async go(path: string, form?: Record<string, string>): Promise<Answer> {
    let url = new URL(path, this.base).toString();
    let init: RequestInit = form
      ? { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.#cookieHeader() }, redirect: 'manual' }
      : { headers: { cookie: this.#cookieHeader() }, redirect: 'manual' };
    for (let hops = 0; hops < 10; hops++) {
      const res = await fetch(url, init);
      this.#keep(res);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin !== new URL(this.base).origin) return { status: res.status, url, location: next.toString(), html: '' };
        url = next.toString();
        init = { headers: { cookie: this.#cookieHeader() }, redirect: 'manual' };
        continue;
      }
      return { status: res.status, url, html: await res.text() };
    }
    throw new Error('too many redirects');
  }

  /** The page's form posting to `action`, with its hidden fields' values. */
  static form(html: string, action: string): FormOnPage {
    const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
    const found = forms.find((m) => new RegExp(`action="${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(m[1]!));
    if (!found) throw new Error(`no form posting to ${action} in:\n${html.slice(0, 2000)}`);
    const fields: Record<string, string> = {};
    for (const input of found[2]!.matchAll(/<input\b([^>]*)>/gi)) {
      const attrs = input[1]!;
      if (!/type="hidden"/i.test(attrs)) continue;
      const name = /name="([^"]*)"/.exec(attrs)?.[1];
      const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? '';
      if (name) fields[decodeHtml(name)] = decodeHtml(value);
    }
    return { action, fields };
  }

  /** Fills and submits the form posting to `action` on `page`. */
  submit(page: Answer, action: string, values: Record<string, string>): Promise<Answer> {
    const f = FormBrowser.form(page.html, action);
    return this.go(action, { ...f.fields, ...values });
  }
}
