/**
 * Production's console sign-in: one of the configured access-key pairs (the credentials the API's
 * signed operations accept), never a user pool's credentials. Failures are counted per address
 * (an IPv6 address's /64) in the store, which every instance sees, with Cognito's lockout rule:
 * five free, then a lock that doubles. An unknown key id and a wrong secret get the same answer.
 */
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { LOCKOUT, lockedOut } from '../../domain/lockout.ts';
import type { Deps } from '../../services/deps.ts';
import { secureContext } from '../oauth/http.ts';
import { BASE, endSession, matchingKey, startSession } from './access.ts';
import { plainPage, visitOf } from './context.ts';
import { attrs, csrfField, document, field, flash, sendHtml, type Notice } from './layout.ts';

/**
 * Where to go after signing in: a console page, never elsewhere. Only visible ASCII, as a path the
 * gate sent here carries: anything else cannot be a Location header (Node refuses it with a 500).
 */
export function nextOf(v: string | null | undefined): string {
  return v && v.startsWith(`${BASE}/`) && /^[\x21-\x7e]+$/.test(v) && !v.includes('\\') && !v.startsWith(`${BASE}//`) ? v : `${BASE}/`;
}

/**
 * Whose failures count together: an IPv4 address, or an IPv6 address's /64, which one host is
 * commonly given whole (counted one address at a time, it would have 2^64 fresh lockouts).
 */
export function signInNetwork(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  if (isIP(address) !== 6 || /^::ffff:\d/i.test(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const before = head ? head.split(':') : [];
  const after = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after] : before;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export function registerSignIn(scope: FastifyInstance, deps: Deps): void {
  const form = (csrf: string, next: string, notice?: Notice) =>
    document({ title: 'Sign in to the console', ...(notice ? { notice } : {}) }, `<p>Sign in with one of the access keys this server is configured with (<code>credentials</code>).</p>
<form method="post"${attrs({ action: `${BASE}/sign-in` })}>${csrfField({ caller: { accessKeyId: '', secretAccessKey: '' }, csrf })}<input type="hidden" name="next"${attrs({ value: next })}>
${field('Access key ID', 'accessKeyId', { required: true, autocomplete: 'username' })}${field('Secret access key', 'secretAccessKey', { type: 'password', required: true, autocomplete: 'current-password' })}
<button type="submit" class="primary">Sign in</button></form>`);

  scope.get(`${BASE}/sign-in`, async (req, reply) => {
    const v = visitOf(req);
    if (deps.config.mode !== 'production' || v.access.signedIn) return reply.redirect(`${BASE}/`, 303);
    return sendHtml(reply, form(v.access.csrf, nextOf((req.query as { next?: string }).next), v.notice));
  });

  scope.post(`${BASE}/sign-in`, async (req, reply) => {
    const v = visitOf(req);
    if (deps.config.mode !== 'production') return reply.redirect(`${BASE}/`, 303);
    const next = nextOf(v.form.get('next'));
    // The session cookie is Secure: a browser would drop it over plain http elsewhere than loopback.
    if (!secureContext(req)) return plainPage(reply, 403, 'Sign in over HTTPS', 'The console signs in only over HTTPS (or on a loopback address).');
    const lockKey = `console-sign-in:${signInNetwork(req.ip)}`;
    const tooMany = { kind: 'error', text: 'Too many failed sign-ins from this address: wait a while, then try again.' } as const;
    if (lockedOut(await deps.store.lockouts.get(lockKey), deps.clock.now())) return sendHtml(reply, form(v.access.csrf, next, tooMany), 429);
    const key = matchingKey(deps, v.form.get('accessKeyId') ?? '', v.form.get('secretAccessKey') ?? '');
    if (!key) {
      const counted = await deps.store.lockouts.count(lockKey, deps.clock.now(), LOCKOUT);
      // The key id as typed is not logged: a secret pasted into the wrong field would be.
      req.log.warn('console sign-in refused');
      const refused = { kind: 'error', text: 'Those credentials are not this server\'s: check the access key ID and secret.' } as const;
      return sendHtml(reply, form(v.access.csrf, next, counted ? refused : tooMany), counted ? 401 : 429);
    }
    await deps.store.lockouts.clear(lockKey);
    await startSession(deps, req, reply, key.accessKeyId);
    req.log.info({ accessKeyId: key.accessKeyId }, 'console sign-in');
    return reply.redirect(next, 303);
  });

  scope.post(`${BASE}/sign-out`, async (req, reply) => {
    await endSession(deps, req, reply);
    if (deps.config.mode !== 'production') return reply.redirect(`${BASE}/`, 303);
    flash(req, reply, { kind: 'ok', text: 'Signed out.' });
    return reply.redirect(`${BASE}/sign-in`, 303);
  });
}
