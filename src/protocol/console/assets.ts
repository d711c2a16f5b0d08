/**
 * The console's stylesheet and its one script, served by Cognate itself (no CDN, and a CSP that
 * allows only this origin's). The CSS keeps text at 4.5:1 contrast or more, a visible focus ring,
 * and tables that scroll inside their region on a narrow screen. The script is progressive: the
 * pages work without it; with it, a destructive action asks first and the messages page updates live.
 */
import type { FastifyInstance } from 'fastify';
import { BASE } from './access.ts';

export const CONSOLE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f6f8fa;color:#1f2328;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:#0a4f99}
:focus-visible{outline:3px solid #0b5cab;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;background:#1f2328;color:#fff;padding:.5rem 1rem}
.top a{color:#fff;text-decoration:none}
.top .brand{font-weight:700}
.top nav ul,.sub ul,.trail ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.top nav a[aria-current=page]{text-decoration:underline;text-underline-offset:4px}
.top nav a:hover{text-decoration:underline}
.who{margin-left:auto;display:flex;align-items:center;gap:.5rem}
.who button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:.125rem .5rem}
main{max-width:80rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.5rem;margin:.25rem 0 .75rem;overflow-wrap:anywhere}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
.trail ol{font-size:.875rem;gap:.25rem}
.trail li+li::before{content:"/";margin-right:.25rem;color:#57606a}
.sub{border-bottom:1px solid #d0d7de;margin-bottom:1rem}
.sub a{display:inline-block;padding:.375rem 0;text-decoration:none}
.sub a[aria-current=page]{font-weight:700;border-bottom:3px solid #0b5cab}
.notice{padding:.625rem .75rem;border-radius:6px;margin:0 0 1rem;overflow-wrap:anywhere}
.notice.ok{background:#dafbe1;border:1px solid #1a7f37}
.notice.error{background:#ffebe9;border:1px solid #b3261e}
.muted{color:#57606a}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.875rem}
caption{text-align:left;padding:.5rem .75rem;font-weight:600}
th,td{text-align:left;padding:.375rem .75rem;border-top:1px solid #d0d7de;vertical-align:top;white-space:nowrap}
td.wrap{white-space:normal;overflow-wrap:anywhere;min-width:16rem}
th{background:#f6f8fa}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:.5rem 1rem;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.75rem;margin:0 0 1rem}
.facts dt{font-size:.8125rem;color:#57606a}
.facts dd{margin:0;overflow-wrap:anywhere}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:0 0 1rem;max-width:36rem}
.panel>summary{cursor:pointer;padding:.5rem .75rem;font-weight:600;color:#0a4f99}
.panel>form{padding:0 .75rem .75rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1rem}
form.action{display:inline-flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0}
.field{margin:0 0 .75rem}
.field label{display:block;font-weight:600;margin-bottom:.125rem}
.check{display:flex;gap:.5rem;align-items:center;margin:0 0 .75rem}
input[type=text],input[type=email],input[type=tel],input[type=password],input[type=search],select,textarea{font:inherit;width:100%;max-width:36rem;padding:.375rem .5rem;border:1px solid #6e7781;border-radius:4px;background:#fff;color:#1f2328}
textarea{min-height:8rem;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8125rem}
button{font:inherit;cursor:pointer;padding:.375rem .75rem;border-radius:4px;border:1px solid #0b5cab;background:#fff;color:#0b5cab}
button.primary{background:#0b5cab;color:#fff}
button.danger{border-color:#b3261e;color:#b3261e}
.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1rem}
.search .field{flex:1 1 16rem;margin:0}
.pager{display:flex;gap:1rem;margin:0 0 1rem}
pre{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.75rem;overflow-x:auto;font-size:.8125rem;margin:0 0 1rem}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:700;font-size:1rem}
.badge{display:inline-block;padding:0 .375rem;border-radius:999px;font-size:.75rem;border:1px solid #57606a}
.verdict{padding:.625rem .75rem;border-radius:6px;margin:0 0 1rem;font-weight:600}
.verdict.yes{background:#dafbe1;border:1px solid #1a7f37}
.verdict.no{background:#ffebe9;border:1px solid #b3261e}
@media (max-width:40rem){main{padding:.75rem .5rem}.who{margin-left:0}}
`;

/** The progressive script: confirmations, and the live messages table. */
export const CONSOLE_JS = `
'use strict';
document.addEventListener('submit', function (e) {
  var f = e.target;
  var q = f && f.getAttribute && f.getAttribute('data-confirm');
  if (q && !window.confirm(q)) e.preventDefault();
});
(function () {
  var table = document.querySelector('[data-live-messages]');
  if (!table) return;
  var body = table.querySelector('tbody');
  var status = document.getElementById('live-status');
  var seen = {};
  var newest = 0;
  table.querySelectorAll('tbody tr[data-id]').forEach(function (tr) {
    seen[tr.getAttribute('data-id')] = true;
    newest = Math.max(newest, Number(tr.getAttribute('data-created')) || 0);
  });
  var url = table.getAttribute('data-live-messages');
  function cell(text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    td.textContent = text == null ? '' : String(text);
    return td;
  }
  function poll() {
    fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'since=' + newest, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
      .then(function (data) {
        var added = 0;
        data.messages.slice().reverse().forEach(function (m) {
          if (seen[m.id]) return;
          seen[m.id] = true;
          newest = Math.max(newest, Date.parse(m.createdAt));
          var tr = document.createElement('tr');
          tr.setAttribute('data-id', m.id);
          [m.createdAt.replace('T', ' ').replace(/\\.\\d+Z$/, ''), m.userPoolId, m.username, m.destination].forEach(function (v) { tr.appendChild(cell(v)); });
          tr.appendChild(cell(m.code || '', 'code'));
          tr.appendChild(cell(m.purpose || ''));
          tr.appendChild(cell(m.status));
          tr.appendChild(cell(m.subject ? m.subject + ': ' + m.body : m.body, 'wrap'));
          body.insertBefore(tr, body.firstChild);
          added++;
        });
        var empty = document.getElementById('no-messages');
        if (added && empty) empty.hidden = true;
        if (added && status) status.textContent = added === 1 ? '1 new message' : added + ' new messages';
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
`;

export function registerAssets(app: FastifyInstance): void {
  const send = (type: string, text: string) => ({ type, text });
  const assets = { 'console.css': send('text/css; charset=utf-8', CONSOLE_CSS), 'console.js': send('text/javascript; charset=utf-8', CONSOLE_JS) };
  for (const [name, a] of Object.entries(assets)) {
    app.get(`${BASE}/assets/${name}`, async (_req, reply) =>
      reply.header('content-type', a.type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(a.text));
  }
}
