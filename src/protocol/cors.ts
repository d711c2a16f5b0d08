/**
 * CORS, so that browser apps (Amplify, amazon-cognito-identity-js) call Cognate from their own
 * origin: every answer to a request with an allowed Origin carries Access-Control-Allow-Origin
 * (errors and the JWKS and discovery documents included), and preflights answer 204 with the
 * headers the AWS SDKs send. Development allows any origin; production only those configured
 * (`cors.origins`: exact origins, or `https://*.example.com` for its subdomains), none by default.
 */
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { ConfigError, type Mode } from '../ground/config/config.ts';

/** Request headers browsers may send: Amplify's, and a signed client's (SigV4). */
const ALLOWED_HEADERS = [
  'amz-sdk-invocation-id', 'amz-sdk-request', 'cache-control', 'content-type', 'x-amz-target', 'x-amz-user-agent',
  'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
];

/** Answer headers a page may read: the request id and the error, as AWS exposes them. */
const EXPOSED_HEADERS = ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date'];

/** How long a browser may keep a preflight's answer (seconds). */
const MAX_AGE_S = 600;

const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?\/?$/i;

/** `cors.origins`: a list in the config file, comma-separated in a flag or the environment. */
export function parseCorsOrigins(v: unknown, name: string): string[] {
  const list = typeof v === 'string' ? v.split(',').map((o) => o.trim()).filter(Boolean) : v;
  if (!Array.isArray(list) || !list.every((o) => typeof o === 'string' && (o === '*' || ORIGIN.test(o)))) {
    throw new ConfigError(`${name} must be a list of origins (https://app.example.com, https://*.example.com, or *)`);
  }
  return list.map((o: string) => o.toLowerCase().replace(/\/$/, ''));
}

/** Whether `origin` is one of `allowed`: the same origin, or a subdomain of a `*.` one (at any depth). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  const o = origin.toLowerCase();
  return allowed.some((a) => {
    if (a === '*' || a === o) return true;
    const star = a.indexOf('://*.');
    if (star < 0) return false;
    const scheme = a.slice(0, star + 3);
    const suffix = a.slice(star + 4);
    return o.startsWith(scheme) && o.endsWith(suffix) && o.length > scheme.length + suffix.length;
  });
}

/** The origins allowed: those configured, or by the mode's default (development: any; production: none). */
export function corsOrigins(configured: string[] | undefined, mode: Mode): string[] {
  return configured ?? (mode === 'development' ? ['*'] : []);
}

/**
 * Before the routes: its hook answers preflights and marks every answer, errors included. Paths
 * under `closedUnder` are no cross-origin resource, preflights included: the web console, whose
 * development pages need no sign-in, must not be readable by any page a developer visits.
 */
export function registerCors(app: FastifyInstance, allowed: readonly string[], closedUnder: readonly string[] = []): void {
  const options = {
    // The origin is echoed (never `*`), so that a page's credentials mode makes no difference.
    origin: (origin: string | undefined, cb: (e: Error | null, allow: boolean) => void) => cb(null, origin !== undefined && originAllowed(origin, allowed)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: MAX_AGE_S,
    strictPreflight: false,
  };
  const closed = (url: string) => closedUnder.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
  void app.register(fastifyCors, { delegator: (req, cb) => cb(null, closed(req.url) ? { origin: false } : options) });
}
