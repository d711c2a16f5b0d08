/**
 * Who may use the console, and how their requests are kept theirs.
 *
 * - Off (production unless `console.enabled`): every console path answers a plain HTML 404.
 * - Development: open, as the API itself is to any well-formed signature there. Only requests
 *   naming this server by a loopback or configured host are served, so a web page a developer
 *   visits cannot reach the console through a DNS name rebound to 127.0.0.1.
 * - Production: only after signing in with one of the configured access-key pairs; the session
 *   cookie is short-lived, HttpOnly, SameSite=Strict and Secure, and its token is kept in the store
 *   as a hash only, so that every instance knows it and signing out ends it everywhere.
 *
 * Every state-changing request, in both modes, must come from the console's own pages: the
 * `_csrf` field must match the CSRF cookie (double submit), and a browser's Origin and
 * Sec-Fetch-Site must say same-origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../../flows/session.ts';
import type { Deps } from '../../services/deps.ts';
import { cookiesOf, isLoopbackName, secureContext, setCookie } from '../oauth/http.ts';
import type { Caller } from './api.ts';

/** Where the console lives. */
export const BASE = '/_cognate/console';

/** The sliding lifetime of a session, renewed by use, and the most it may last in all. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 8 * 3600_000;

/** A development console's calls are signed too, under this key unless one is configured (development accepts any). */
const DEVELOPMENT_CALLER: Caller = { accessKeyId: 'cognate-console', secretAccessKey: 'development' };

export interface Access {
  /** The key the console's calls are signed with. */
  caller: Caller;
  /** Production: the access key id signed in (shown in the header, with a sign-out button). */
  signedIn?: string;
  /** The value every form's `_csrf` field carries. */
  csrf: string;
}

/** `__Host-` cookies cannot be set by a sibling subdomain, but need a secure context. */
function cookieName(req: FastifyRequest, base: string): string {
  return secureContext(req) ? `__Host-${base}` : base;
}

export const SESSION_COOKIE = 'cognate-console';
const CSRF_COOKIE = 'cognate-console-csrf';
export const FLASH_COOKIE = 'cognate-console-flash';

/** A console cookie: HttpOnly, SameSite=Strict (no console request comes from another site), Secure where browsers keep it. */
export function setConsoleCookie(reply: FastifyReply, req: FastifyRequest, base: string, value: string, maxAgeS: number): void {
  setCookie(reply, req, cookieName(req, base), value, maxAgeS, { strict: true });
}

export function consoleCookie(req: FastifyRequest, base: string): string | undefined {
  return cookiesOf(req).get(cookieName(req, base));
}

/**
 * Hosts a development console answers to: loopback names, the configured host and the issuer's.
 * Both the Host header as received and the name Fastify derives (X-Forwarded-Host, when a proxy
 * is trusted) must be one: a page rebound to 127.0.0.1 is same-origin with itself, so it can add
 * any X-Forwarded-Host it likes, while its Host header still names the attacker's domain.
 */
export function hostAllowed(deps: Pick<Deps, 'config'>, req: FastifyRequest): boolean {
  const received = req.headers.host;
  return typeof received === 'string' && nameAllowed(deps, received) && nameAllowed(deps, req.hostname);
}

function nameAllowed(deps: Pick<Deps, 'config'>, host: string): boolean {
  const { config } = deps;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (isLoopbackName(host)) return true;
  if (name === config.host.toLowerCase()) return true;
  if (config.issuerBaseUrl && new URL(config.issuerBaseUrl).hostname.toLowerCase() === name) return true;
  return false;
}

/** This browser's CSRF token, set now when it has none. */
export function csrfOf(req: FastifyRequest, reply: FastifyReply): string {
  const have = consoleCookie(req, CSRF_COOKIE);
  if (have && /^[A-Za-z0-9_-]{32}$/.test(have)) return have;
  const made = randomBytes(24).toString('base64url');
  setConsoleCookie(reply, req, CSRF_COOKIE, made, 12 * 3600);
  return made;
}

/** Equal, compared in time that does not depend on where they differ (or on their lengths). */
function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a));
  const y = Buffer.from(hashToken(b));
  return timingSafeEqual(x, y);
}

/**
 * Whether a state-changing request comes from the console's own page: its `_csrf` field matches
 * the cookie, and what the browser says of its origin (Origin, Sec-Fetch-Site) is this server.
 */
export function sameOriginPost(req: FastifyRequest, form: URLSearchParams): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${req.protocol}://${req.headers.host}`) return false;
  const have = consoleCookie(req, CSRF_COOKIE);
  const given = form.get('_csrf');
  return !!have && !!given && equalSecret(have, given);
}

/** The configured access key with this id, if any. */
export function configuredKey(deps: Pick<Deps, 'config'>, accessKeyId: string): Caller | undefined {
  return deps.config.credentials.find((c) => c.accessKeyId === accessKeyId);
}

/**
 * The signed-in administrator of a production console request, or undefined (not signed in, the
 * session expired or ended, or its key is no longer configured). A session in use is extended.
 */
export async function signedInCaller(deps: Pick<Deps, 'config' | 'store' | 'clock'>, req: FastifyRequest, reply: FastifyReply): Promise<Caller | undefined> {
  const token = consoleCookie(req, SESSION_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const now = deps.clock.now();
  const session = await deps.store.consoleSessions.get(hashToken(token), now);
  if (!session) return undefined;
  const key = configuredKey(deps, session.accessKeyId);
  if (!key) return undefined;
  const renewed = Math.min(now + SESSION_IDLE_MS, session.createdAt + SESSION_MAX_MS);
  // Renewed only once a minute has passed, so that a page's burst of requests writes once.
  if (renewed - session.expiresAt > 60_000) {
    await deps.store.consoleSessions.extend(session.hash, renewed);
    setConsoleCookie(reply, req, SESSION_COOKIE, token, Math.ceil((renewed - now) / 1000));
  }
  return key;
}

/** Starts a session for `accessKeyId`: the cookie holds the token, the store its hash. */
export async function startSession(deps: Pick<Deps, 'store' | 'clock'>, req: FastifyRequest, reply: FastifyReply, accessKeyId: string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await deps.store.consoleSessions.put({ hash: hashToken(token), accessKeyId, createdAt: now, expiresAt: now + SESSION_IDLE_MS });
  setConsoleCookie(reply, req, SESSION_COOKIE, token, SESSION_IDLE_MS / 1000);
}

export async function endSession(deps: Pick<Deps, 'store'>, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = consoleCookie(req, SESSION_COOKIE);
  if (token) await deps.store.consoleSessions.delete(hashToken(token));
  setConsoleCookie(reply, req, SESSION_COOKIE, '', 0);
}

/** Which configured key a sign-in names, compared in constant time against every one; undefined when none matches. */
export function matchingKey(deps: Pick<Deps, 'config'>, accessKeyId: string, secretAccessKey: string): Caller | undefined {
  let found: Caller | undefined;
  for (const key of deps.config.credentials) {
    const idOk = equalSecret(key.accessKeyId, accessKeyId);
    const secretOk = equalSecret(key.secretAccessKey, secretAccessKey);
    if (idOk && secretOk) found = key;
  }
  return found;
}

/** The caller of a development console: the first configured key, else a placeholder development accepts. */
export function developmentCaller(deps: Pick<Deps, 'config'>): Caller {
  return deps.config.credentials[0] ?? DEVELOPMENT_CALLER;
}
