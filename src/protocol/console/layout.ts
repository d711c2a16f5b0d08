/**
 * The console's document: a header with the navigation, a main region with one <h1>, an optional
 * notice (role="status" for what was done, role="alert" for an error). Server-rendered HTML; the
 * one script (assets) only improves it (live messages, confirmations), so every page and action
 * works without it. Every interpolated value goes through escapeHtml or attrs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { attrs, escapeHtml } from '../hosted-ui/html.ts';
import { BASE, FLASH_COOKIE, consoleCookie, setConsoleCookie, type Access } from './access.ts';

export { attrs, escapeHtml };

export const HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export interface Shell {
  title: string;
  access?: Access;
  /** The pool the page is about: its section navigation is shown. */
  pool?: { id: string; name?: string };
  /** Which navigation entry is the current page. */
  current?: string;
  notice?: Notice;
  /** Breadcrumbs before the title: [label, href]. */
  trail?: [string, string][];
}

/**
 * A name as one path segment. Browsers resolve a segment "." or ".." (percent-encoded or not)
 * before sending it, so that a user named ".." would link to the pool's page, and its Delete form to
 * the pool's delete: such a name gets a "~" before it, as does every name that starts with one, so
 * that nameOf reads each back as it was.
 */
function segment(name: string): string {
  return encodeURIComponent(/^(\.{1,2}|~[^]*)$/.test(name) ? `~${name}` : name);
}

/** A user's or group's name from its path segment (as Fastify decoded it): segment's inverse. */
export const nameOf = (segment: string) => (segment.startsWith('~') ? segment.slice(1) : segment);

export const href = (...parts: string[]) => `${BASE}/${parts.map(segment).join('/')}`;

function link(label: string, to: string, current?: string): string {
  return `<a${attrs({ href: to, 'aria-current': current === label ? 'page' : undefined })}>${escapeHtml(label)}</a>`;
}

function header(s: Shell): string {
  const main = [link('Pools', `${BASE}/`, s.current), link('Messages', `${BASE}/messages`, s.current), link('Token inspector', `${BASE}/tokens`, s.current)];
  const who = s.access?.signedIn
    ? `<form class="who" method="post"${attrs({ action: `${BASE}/sign-out` })}>${csrfField(s.access)}<span>${escapeHtml(s.access.signedIn)}</span> <button type="submit">Sign out</button></form>`
    : '';
  return `<header class="top"><a class="brand" href="${BASE}/">Cognate console</a>
<nav aria-label="Console"><ul>${main.map((l) => `<li>${l}</li>`).join('')}</ul></nav>${who}</header>`;
}

function poolNav(s: Shell): string {
  if (!s.pool) return '';
  const p = s.pool.id;
  const items = [link('Overview', href('pools', p), s.current), link('Users', href('pools', p, 'users'), s.current), link('Groups', href('pools', p, 'groups'), s.current),
    link('App clients', href('pools', p, 'clients'), s.current), link('Pool messages', `${BASE}/messages?pool=${encodeURIComponent(p)}`, s.current)];
  return `<nav class="sub" aria-label="Pool"><ul>${items.map((l) => `<li>${l}</li>`).join('')}</ul></nav>`;
}

function trail(s: Shell): string {
  if (!s.trail?.length) return '';
  return `<nav class="trail" aria-label="Breadcrumb"><ol>${s.trail.map(([label, to]) => `<li><a${attrs({ href: to })}>${escapeHtml(label)}</a></li>`).join('')}</ol></nav>`;
}

export function noticeHtml(n: Notice | undefined): string {
  if (!n) return '<div class="notice-slot" role="status"></div>';
  return n.kind === 'error'
    ? `<div class="notice error" role="alert">${escapeHtml(n.text)}</div>`
    : `<div class="notice ok" role="status">${escapeHtml(n.text)}</div>`;
}

export function csrfField(access: Access | undefined): string {
  return access ? `<input type="hidden" name="_csrf"${attrs({ value: access.csrf })}>` : '';
}

export function document(s: Shell, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(s.title)} – Cognate console</title>
<link rel="stylesheet" href="${BASE}/assets/console.css">
<script src="${BASE}/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header(s)}
<main id="main" tabindex="-1">
${trail(s)}<h1>${escapeHtml(s.title)}</h1>
${poolNav(s)}${noticeHtml(s.notice)}
${body}
</main>
</body>
</html>`;
}

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  for (const [k, v] of Object.entries(HEADERS)) void reply.header(k, v);
  return reply.status(status).send(html);
}

/** A notice for the next page (after a redirect): a short-lived cookie only this site's requests carry. */
export function flash(req: FastifyRequest, reply: FastifyReply, n: Notice): void {
  setConsoleCookie(reply, req, FLASH_COOKIE, Buffer.from(JSON.stringify(n)).toString('base64url'), 60);
}

/** The notice a redirect left, read once. */
export function takeFlash(req: FastifyRequest, reply: FastifyReply): Notice | undefined {
  const raw = consoleCookie(req, FLASH_COOKIE);
  if (!raw) return undefined;
  setConsoleCookie(reply, req, FLASH_COOKIE, '', 0);
  try {
    const n = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Notice;
    return (n.kind === 'ok' || n.kind === 'error') && typeof n.text === 'string' ? { kind: n.kind, text: n.text.slice(0, 500) } : undefined;
  } catch {
    return undefined;
  }
}

/** A two-column list of a record's fields. */
export function facts(rows: [string, string | number | boolean | undefined | null][]): string {
  const items = rows.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${v === undefined || v === null || v === '' ? '<span class="muted">—</span>' : escapeHtml(String(v))}</dd></div>`);
  return `<dl class="facts">${items.join('')}</dl>`;
}

/** A table in a scrollable, labelled region (narrow screens scroll it sideways, not the page). */
export function table(caption: string, head: string[], rows: string[][], empty = 'Nothing here yet.'): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  return `<div class="scroll" role="region" tabindex="0"${attrs({ 'aria-label': caption })}><table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table></div>`;
}

/** A form that runs one action: a button, and the fields before it. */
export function actionForm(access: Access | undefined, action: string, button: string, fields = '', o: { danger?: boolean; confirm?: string; label?: string } = {}): string {
  return `<form method="post" class="action"${attrs({ action, 'data-confirm': o.confirm })}>${csrfField(access)}${fields}<button type="submit"${attrs({ class: o.danger ? 'danger' : undefined, 'aria-label': o.label })}>${escapeHtml(button)}</button></form>`;
}

/** A disclosure holding a form: its summary names it ("Create user"), its fields are labelled. */
export function formPanel(summary: string, access: Access | undefined, action: string, fields: string, submit: string, open = false): string {
  return `<details class="panel"${attrs({ open })}><summary>${escapeHtml(summary)}</summary>
<form method="post"${attrs({ action })}>${csrfField(access)}${fields}<button type="submit" class="primary">${escapeHtml(submit)}</button></form></details>`;
}

export function field(label: string, name: string, o: { type?: string; required?: boolean; value?: string; hint?: string; autocomplete?: string } = {}): string {
  const id = `f-${name}`;
  const hintId = o.hint ? `${id}-hint` : undefined;
  return `<div class="field"><label${attrs({ for: id })}>${escapeHtml(label)}</label><input${attrs({ id, name, type: o.type ?? 'text', required: o.required, value: o.value, autocomplete: o.autocomplete ?? 'off', 'aria-describedby': hintId })}>${o.hint ? `<p class="hint"${attrs({ id: hintId })}>${escapeHtml(o.hint)}</p>` : ''}</div>`;
}

export function checkbox(label: string, name: string, checked = false): string {
  const id = `f-${name}`;
  return `<div class="check"><input${attrs({ id, name, type: 'checkbox', value: 'true', checked })}><label${attrs({ for: id })}>${escapeHtml(label)}</label></div>`;
}

export function select(label: string, name: string, options: string[], o: { required?: boolean } = {}): string {
  const id = `f-${name}`;
  return `<div class="field"><label${attrs({ for: id })}>${escapeHtml(label)}</label><select${attrs({ id, name, required: o.required })}>${options.map((v) => `<option${attrs({ value: v })}>${escapeHtml(v)}</option>`).join('')}</select></div>`;
}

export const when = (ms: unknown) => (typeof ms === 'number' ? new Date(ms * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '');
export const yesNo = (b: unknown) => (b === true || b === 'true' ? 'Yes' : 'No');
