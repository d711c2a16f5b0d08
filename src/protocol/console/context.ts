/**
 * What every console request goes through before its page or action (the gate), and what its
 * handler then has: the signed caller, the CSRF token, the posted form, and helpers that answer a
 * page or run an action and go back with a notice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { BASE, csrfOf, developmentCaller, hostAllowed, sameOriginPost, signedInCaller, type Access } from './access.ts';
import { ApiError, apiCaller, refusedCall, type Call, type Caller } from './api.ts';
import { document, escapeHtml, flash, sendHtml, takeFlash, type Notice, type Shell } from './layout.ts';

export interface Visit {
  access: Access;
  call: Call;
  /** A POST's form (application/x-www-form-urlencoded). */
  form: URLSearchParams;
  /** The notice a redirect left for this page, if any. */
  notice?: Notice;
}

const visits = new WeakMap<FastifyRequest, Visit>();

const NOBODY: Caller = { accessKeyId: '', secretAccessKey: '' };

/** Pages and actions that are reachable before signing in. */
const OPEN_PATHS = new Set([`${BASE}/sign-in`]);

export function visitOf(req: FastifyRequest): Visit {
  const v = visits.get(req);
  if (!v) throw new Error('console request without its visit: the gate did not run');
  return v;
}

function formOf(req: FastifyRequest): URLSearchParams | undefined {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
}

export function plainPage(reply: FastifyReply, status: number, title: string, text: string): FastifyReply {
  return sendHtml(reply, document({ title }, `<p>${escapeHtml(text)}</p>`), status);
}

/** The gate: hosts, sign-in, CSRF. Answers and stops a request that may not go on. */
export function registerGate(scope: FastifyInstance, deps: Deps): void {
  const production = deps.config.mode === 'production';
  scope.addHook('preHandler', async (req, reply) => {
    if (req.url.startsWith(`${BASE}/assets/`)) return;
    if (!production && !hostAllowed(deps, req)) {
      return plainPage(reply, 421, 'Wrong address', 'In development mode the console answers only at this server\'s loopback address or configured host.');
    }
    const path = req.url.split('?')[0]!;
    const isPost = req.method === 'POST';
    let form = new URLSearchParams();
    if (isPost) {
      const parsed = formOf(req);
      if (!parsed || !sameOriginPost(req, parsed)) {
        return plainPage(reply, 403, 'Refused', 'This form did not come from the console\'s own page, or the page was open too long. Go back, reload it and try again.');
      }
      form = parsed;
    }
    const csrf = csrfOf(req, reply);
    let caller = production ? undefined : developmentCaller(deps);
    let signedIn: string | undefined;
    if (production) {
      caller = await signedInCaller(deps, req, reply);
      signedIn = caller?.accessKeyId;
      if (!caller && !OPEN_PATHS.has(path)) {
        if (path.startsWith(`${BASE}/api/`)) return reply.status(401).header('cache-control', 'no-store').send({ error: 'Sign in to the console first.' });
        const next = isPost ? `${BASE}/` : req.url;
        return reply.redirect(`${BASE}/sign-in?next=${encodeURIComponent(next)}`, 303);
      }
    }
    // Before signing in (production's sign-in page) there is no caller: no page there may reach
    // the API, least of all under the first configured key, which a development console uses.
    const access: Access = { caller: caller ?? NOBODY, csrf, ...(signedIn ? { signedIn } : {}) };
    const notice = isPost ? undefined : takeFlash(req, reply);
    visits.set(req, { access, call: caller ? apiCaller(req, caller, deps.config.region) : refusedCall, form, ...(notice ? { notice } : {}) });
  });
}

/** Answers a page; an API error the page ran into (no such pool, user...) is shown as the page. */
export async function page(req: FastifyRequest, reply: FastifyReply, render: (v: Visit) => Promise<{ shell: Shell; body: string }>): Promise<FastifyReply> {
  const v = visitOf(req);
  try {
    const { shell, body } = await render(v);
    return sendHtml(reply, document({ access: v.access, ...shell, notice: shell.notice ?? v.notice }, body));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const status = e.type === 'ResourceNotFoundException' || e.type === 'UserNotFoundException' ? 404 : 400;
    return sendHtml(reply, document({ title: 'Not available', access: v.access }, `<div class="notice error" role="alert">${escapeHtml(`${e.type}: ${e.message}`)}</div><p><a href="${BASE}/">Back to the pools</a></p>`), status);
  }
}

/**
 * Runs an action and goes back to `back` (303, so a reload does not repeat it) with a notice: what
 * was done, or the API's error as AWS worded it.
 */
export async function act(req: FastifyRequest, reply: FastifyReply, back: string, run: (v: Visit) => Promise<string | { done: string; to: string }>): Promise<FastifyReply> {
  const v = visitOf(req);
  try {
    const out = await run(v);
    const { done, to } = typeof out === 'string' ? { done: out, to: back } : out;
    flash(req, reply, { kind: 'ok', text: done });
    return reply.redirect(to, 303);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    flash(req, reply, { kind: 'error', text: `${e.type}: ${e.message}` });
    return reply.redirect(back, 303);
  }
}

/** A form field as a string, trimmed; undefined when empty. */
export function text(form: URLSearchParams, name: string): string | undefined {
  const v = form.get(name)?.trim();
  return v ? v : undefined;
}
