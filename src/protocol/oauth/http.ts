/** What the OAuth 2.0 endpoints and managed login pages share over HTTP: forms, cookies, JSON errors. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OAuthError, oauthInvalidRequest } from '../../errors/oauth.ts';
import { isLoopback } from '../../ground/config/config.ts';

/** A request's query as plain strings (a parameter given twice is refused, as ambiguous). */
export function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v)) throw oauthInvalidRequest(`Parameter ${k} is given more than once`);
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** An `application/x-www-form-urlencoded` body (the server keeps every body raw). */
export function formOf(req: FastifyRequest): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw oauthInvalidRequest('Content-Type must be application/x-www-form-urlencoded');
  const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const form = new URLSearchParams(raw);
  for (const key of new Set(form.keys())) if (form.getAll(key).length > 1) throw oauthInvalidRequest(`Parameter ${key} is given more than once`);
  return form;
}

export function cookiesOf(req: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!out.has(name)) out.set(name, part.slice(at + 1).trim());
  }
  return out;
}

/**
 * Cookies are Secure wherever a browser keeps Secure cookies: over https, and on loopback hosts
 * (which browsers treat as secure contexts, so development over plain http works too).
 */
export function secureContext(req: FastifyRequest): boolean {
  return req.protocol === 'https' || isLoopbackName(req.hostname);
}

/** localhost (and its subdomains), or a loopback address, as a Host header names it. */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || isLoopback(name);
}

/**
 * A cookie of the pages: HttpOnly, and SameSite=Lax, because the next `/oauth2/authorize` is a
 * top-level navigation from the app's own site, which a Strict cookie would not accompany. A cookie
 * that must come back with a cross-site POST (a SAML IdP's, to `/saml2/idpresponse`) is
 * SameSite=None, which browsers keep only when Secure.
 */
export function setCookie(reply: FastifyReply, req: FastifyRequest, name: string, value: string, maxAgeS: number, o: { crossSitePost?: boolean; strict?: boolean; path?: string } = {}): void {
  const sameSite = o.crossSitePost ? 'SameSite=None' : o.strict ? 'SameSite=Strict' : 'SameSite=Lax';
  const attrs = [`${name}=${value}`, `Path=${o.path ?? '/'}`, 'HttpOnly', sameSite, `Max-Age=${maxAgeS}`];
  if (secureContext(req)) attrs.push('Secure');
  const prior = reply.getHeader('set-cookie');
  const list = prior === undefined ? [] : Array.isArray(prior) ? prior.map(String) : [String(prior)];
  void reply.header('set-cookie', [...list, attrs.join('; ')]);
}

/** An OAuth error as the token, revocation and userInfo endpoints answer it: JSON, and for 401 a WWW-Authenticate header. */
export function sendOAuthError(reply: FastifyReply, e: OAuthError, scheme: 'Basic' | 'Bearer' = 'Basic'): FastifyReply {
  if (e.status === 401) {
    void reply.header('www-authenticate', scheme === 'Bearer' ? `Bearer error="${e.error}"${e.description ? `, error_description="${e.description.replace(/"/g, "'")}"` : ''}` : 'Basic realm="cognito"');
  }
  return reply
    .status(e.status)
    .header('content-type', 'application/json;charset=UTF-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ error: e.error, ...(e.description ? { error_description: e.description } : {}) }));
}

export function sendJson(reply: FastifyReply, body: object): FastifyReply {
  return reply.header('content-type', 'application/json;charset=UTF-8').header('cache-control', 'no-store').header('pragma', 'no-cache').send(JSON.stringify(body));
}
