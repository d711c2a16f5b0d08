/**
 * What every managed login page request shares: the CSRF token (double-submit: a cookie and the
 * `_csrf` field of every form, which a cross-site form cannot read to copy), the authorize
 * request the page carries, and the page's frame (title, branding, carried fields).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientRecord } from '../../domain/client.ts';
import type { FlowContext } from '../../flows/context.ts';
import type { AuthorizeRequest } from '../../domain/oauth.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { pageTermsLinks } from '../../domain/terms.ts';
import { isCognitoError } from '../../errors/index.ts';
import { isOAuthError, isLoginPageError, loginExpired, type OAuthError } from '../../errors/oauth.ts';
import { carried, checkAuthorize, type Query, type Redirectable } from '../../flows/oauth/authorize.ts';
import { withAnswer } from '../../flows/oauth/grant.ts';
import { hashToken } from '../../flows/session.ts';
import type { Deps } from '../../services/deps.ts';
import { errorPage, PAGE_HEADERS } from '../hosted-ui/views.ts';
import type { Branding, Frame } from '../hosted-ui/frame.ts';
import { cookiesOf, setCookie } from './http.ts';
import { brandingOf } from './ui-branding.ts';

const CSRF_COOKIE = 'XSRF-TOKEN';

/** The managed login session's cookie, one per pool (several pools may share this server's host). */
export const sessionCookie = (poolId: string) => `cognito-${poolId}`;

/** A flow context for an endpoint request: the request's caller, the pool and client found. */
export function flowContext(deps: Deps, req: FastifyRequest, pool: FlowContext['pool'], client: FlowContext['client'], hosted = false): FlowContext {
  return { deps, ctx: { userAgent: req.headers['user-agent'], log: req.log, sourceIp: req.ip }, pool, client, admin: false, ...(hosted ? { hosted } : {}) };
}


/** The authorize request a page works for, with its client and pool and the parameters it carries on. */
export interface PageRequest {
  pool: PoolRecord;
  client: ClientRecord;
  request: AuthorizeRequest;
  carry: Record<string, string>;
  csrf: string;
  /** The client's UI customization, else the pool's: read once with the request. */
  branding?: Branding;
  /** The client's terms documents' links (both, or none): read once with the request. */
  terms?: { name: string; href: string }[];
}

export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  for (const [k, v] of Object.entries(PAGE_HEADERS)) void reply.header(k, v);
  return reply.status(status).send(html);
}

export function frameOf(p: Pick<PageRequest, 'csrf' | 'carry' | 'client' | 'branding' | 'terms'>, title: string, extra: Partial<Frame> = {}): Frame {
  return { title, appName: p.client.name, csrf: p.csrf, carry: p.carry, ...(p.branding ? { branding: p.branding } : {}), ...(p.terms?.length ? { terms: p.terms } : {}), ...extra };
}

/**
 * The pool's request-rate quota, charged as the API operation the step stands for (a sign-in on the
 * pages counts as InitiateAuth, a challenge's answer as RespondToAuthChallenge). The protection
 * rules are pageRequest's, for every page; the token and revocation endpoints pass them first.
 */
export async function admitAs(deps: Deps, resolved: { pool: PoolRecord; client: ClientRecord }, operation: string): Promise<void> {
  const admitted = deps.admission.admit(operation, resolved);
  if (admitted) await admitted;
}

/** The CSRF token of this browser, set now when it has none. */
function csrfOf(req: FastifyRequest, reply: FastifyReply): string {
  const have = cookiesOf(req).get(CSRF_COOKIE);
  if (have && /^[A-Za-z0-9_-]{32,64}$/.test(have)) return have;
  const made = randomBytes(24).toString('base64url');
  setCookie(reply, req, CSRF_COOKIE, made, 24 * 3600);
  return made;
}

/**
 * This browser's mark for a round trip that leaves the server and comes back (federation): the
 * SHA-256 of its CSRF cookie, kept with the round trip, so that only the browser that started it
 * may finish it. A callback URL handed to another browser then signs nobody in there.
 */
export const browserMark = (csrf: string) => hashToken(csrf);

export function isSameBrowser(req: FastifyRequest, mark: unknown): boolean {
  const have = cookiesOf(req).get(CSRF_COOKIE);
  if (!have || typeof mark !== 'string') return false;
  const a = Buffer.from(hashToken(have));
  const b = Buffer.from(mark);
  return a.length === b.length && timingSafeEqual(a, b);
}

function csrfMatches(req: FastifyRequest, given: string | null): boolean {
  const have = cookiesOf(req).get(CSRF_COOKIE);
  if (!have || !given) return false;
  const a = Buffer.from(have);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An authorize error that may go back to the client, sent there; Cognito puts `error` (and `error_description`) beside the state. */
export function redirectError(reply: FastifyReply, to: Redirectable, e: OAuthError): FastifyReply {
  return reply.redirect(withAnswer(to.redirectUri, { error: e.error, error_description: e.description, state: to.state }, to.fragment), 302);
}

export function sendErrorPage(reply: FastifyReply, heading: string, message: string, status = 400): FastifyReply {
  return sendPage(reply, errorPage({ title: 'Error' }, { heading, message }), status);
}

/**
 * The authorize request of a page (its query for a GET, its form for a POST, whose CSRF token must
 * match), or undefined once an answer was sent: an error page, or the client's redirect_uri with the error.
 */
export async function pageRequest(deps: Deps, req: FastifyRequest, reply: FastifyReply, params: Query, form?: URLSearchParams): Promise<PageRequest | undefined> {
  if (form && !csrfMatches(req, form.get('_csrf'))) {
    const e = loginExpired();
    sendErrorPage(reply, 'An error was encountered with the requested page.', e.message, 403);
    return undefined;
  }
  const csrf = csrfOf(req, reply);
  try {
    const checked = await checkAuthorize(deps.store, params, req.headers.host, deps.config.region);
    if ('error' in checked) {
      if (isOAuthError(checked.error)) {
        redirectError(reply, checked.redirectable, checked.error);
        return undefined;
      }
      throw checked.error;
    }
    // The pool's protection rules stand in front of its pages as in front of its API (a WAF covers both).
    deps.admission.protect({ pool: checked.pool, client: checked.client }, req.ip);
    const branding = await brandingOf(deps.store, checked.pool.id, checked.client.clientId);
    const terms = pageTermsLinks(await deps.store.terms.forClient(checked.pool.id, checked.client.clientId));
    return { ...checked, carry: carried(params), csrf, ...(branding ? { branding } : {}), ...(terms.length ? { terms } : {}) };
  } catch (e) {
    if (isCognitoError(e) && e.type === 'ForbiddenException') {
      sendErrorPage(reply, 'An error was encountered with the requested page.', e.message, 403);
      return undefined;
    }
    if (!isLoginPageError(e)) throw e;
    sendErrorPage(reply, 'An error was encountered with the requested page.', e.message);
    return undefined;
  }
}

/** A form's fields as the query an authorize request is read from. */
export function paramsOf(form: URLSearchParams): Query {
  const out: Query = {};
  for (const [k, v] of form) out[k] = v;
  return out;
}
