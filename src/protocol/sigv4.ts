/**
 * AWS Signature Version 4 verification of incoming requests (header form, and the presigned
 * query form). Pure: no I/O; the clock and the credential lookup are injected.
 *
 * Error types and wording follow what AWS's JSON services (the Coral front door shared by
 * cognito-idp, DynamoDB, ...) answer; the canonical request follows @smithy/signature-v4,
 * which is what the AWS SDKs sign with.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type CognitoError, authorizationIncomplete, credentialNotFiveParts, credentialScopeMismatch, headerNotSigned, hostNotSigned, missingAuthenticationToken, notKeyValuePair, presignedExpiryTooLong, queryAuthorizationIncomplete, signatureDateNotIso, signatureExpired, signatureMismatch, signatureNotYetCurrent, unrecognizedClient, unsupportedSignatureAlgorithm } from '../errors/index.ts';

export interface SigV4Request {
  method: string;
  /** Raw request path including the query string, e.g. '/' or '/?a=b'. */
  path: string;
  /** Node's lower-cased incoming headers. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw body bytes: the signature covers exactly these. */
  body: Buffer;
}
export interface SigV4Credential { accessKeyId: string; secretAccessKey: string }
export interface SigV4Options {
  service: string;
  lookup: (accessKeyId: string) => SigV4Credential | undefined;
  /** Development mode: the structure is checked, the signature, the key and the clock are not. */
  acceptAnyWellFormed: boolean;
  now: () => Date;
  /** Allowed distance between the request time and now; default 15 minutes, as AWS. */
  maxSkewMs?: number;
}
export type SigV4Result = { ok: true; accessKeyId: string; region: string } | { ok: false; error: CognitoError };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const DEFAULT_SKEW_MS = 15 * 60 * 1000;
/**
 * A presigned request is valid for at most seven days: "The minimum value you can set is 1, and the
 * maximum is 604800 (seven days)" (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html),
 * the bound @smithy/signature-v4's presign enforces too (MAX_PRESIGNED_TTL).
 */
const MAX_EXPIRES_SEC = 7 * 24 * 60 * 60;

interface Failure { ok: false; error: CognitoError }
interface Auth {
  algorithm: string;
  credential: string;
  signedHeaders: string;
  signature: string;
  date: string;
  /** The date came from the HTTP `Date` header, which may be in RFC 7231 form. */
  httpDate: boolean;
  /** Presigned requests say how long they stay valid (X-Amz-Expires, seconds). */
  expiresSec?: number;
}

const fail = (error: CognitoError): Failure => ({ ok: false, error });

export function verifySigV4(req: SigV4Request, opts: SigV4Options): SigV4Result {
  const q = req.path.indexOf('?');
  const rawPath = q < 0 ? req.path : req.path.slice(0, q);
  const query = parseQuery(q < 0 ? '' : req.path.slice(q + 1));
  const authorization = headerValue(req.headers.authorization);
  const auth = authorization ? parseAuthorization(authorization, req.headers) : parsePresigned(query);
  if (!auth) return fail(missingAuthenticationToken());
  if ('ok' in auth) return auth;

  const time = parseDate(auth.date, auth.httpDate);
  if (!time) return fail(signatureDateNotIso(auth.date));
  const stamp = compact(time);
  // Development mode does not look at the clock: test suites often fake the client's time.
  if (!opts.acceptAnyWellFormed) {
    const expired = checkTime(time, opts.now(), opts.maxSkewMs ?? DEFAULT_SKEW_MS, auth.expiresSec);
    if (expired) return expired;
  }
  const signed = auth.signedHeaders.split(';');
  if (!signed.some((h) => h.toLowerCase() === 'host' || h === ':authority')) {
    return fail(hostNotSigned());
  }
  // Development mode checks no signature, so what it covers does not matter there.
  if (!opts.acceptAnyWellFormed) {
    const unsigned = unsignedAmzHeader(req.headers, signed);
    if (unsigned) return fail(headerNotSigned(unsigned));
  }
  if (auth.algorithm !== ALGORITHM) return fail(unsupportedSignatureAlgorithm(auth.algorithm, ALGORITHM));
  const parts = auth.credential.split('/');
  if (parts.length !== 5) {
    return fail(credentialNotFiveParts(auth.credential));
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  // Any region is accepted: Cognate answers whatever region a client is configured for.
  let scopeError = region ? '' : "Credential should be scoped to a valid region, not ''. ";
  if (service !== opts.service) scopeError += `Credential should be scoped to correct service: '${opts.service}'. `;
  if (terminator !== 'aws4_request') scopeError += `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `;
  if (scopeDate !== stamp.slice(0, 8)) {
    scopeError += `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${stamp.slice(0, 8)}', from '${stamp}'.`;
  }
  if (scopeError) return fail(credentialScopeMismatch(scopeError));
  if (opts.acceptAnyWellFormed) return { ok: true, accessKeyId, region };

  const credential = opts.lookup(accessKeyId);
  if (!credential) return fail(unrecognizedClient());

  // The payload line is always the hash of the bytes received, never a declared
  // x-amz-content-sha256: a captured signature then cannot carry another body, and
  // UNSIGNED-PAYLOAD (which no SDK sends to JSON services) fails.
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(rawPath),
    canonicalQuery(query),
    ...signed.map((h) => `${h.toLowerCase()}:${canonicalHeaderValue(req.headers[h.toLowerCase()])}`),
    '',
    auth.signedHeaders,
    sha256Hex(req.body),
  ].join('\n');
  const scope = parts.slice(1).join('/');
  const stringToSign = `${ALGORITHM}\n${stamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const key = signingKey(credential.secretAccessKey, scopeDate, region, service);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(auth.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail(signatureMismatch());
  return { ok: true, accessKeyId, region };
}

/** `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` (pairs split on commas and spaces, as AWS does). */
function parseAuthorization(authorization: string, headers: SigV4Request['headers']): Auth | Failure {
  const text = authorization.trim();
  const space = text.search(/\s/);
  const params = new Map<string, string>();
  for (const token of space < 0 ? [] : text.slice(space).split(/[\s,]+/)) {
    if (!token) continue;
    const eq = token.indexOf('=');
    if (eq < 0) return fail(notKeyValuePair(token, authorization));
    params.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const amzDate = headerValue(headers['x-amz-date']);
  const date = amzDate || headerValue(headers.date);
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) missing += `Authorization header requires '${name}' parameter. `;
  }
  if (!date) missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (missing || !date) return fail(authorizationIncomplete(missing, authorization));
  return {
    algorithm: space < 0 ? text : text.slice(0, space),
    credential: params.get('Credential')!,
    signedHeaders: params.get('SignedHeaders')!,
    signature: params.get('Signature')!,
    date,
    httpDate: !amzDate,
  };
}

/** The presigned form: the same parameters in the query string (`X-Amz-Algorithm=...&X-Amz-Signature=...`). */
function parsePresigned(query: Array<[string, string]>): Auth | Failure | undefined {
  const get = (name: string) => query.find(([k]) => k === name)?.[1];
  if (get('X-Amz-Algorithm') === undefined && get('X-Amz-Signature') === undefined) return undefined;
  let missing = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders', 'Date']) {
    if (!get(`X-Amz-${name}`)) missing += `AWS query-string parameters must include 'X-Amz-${name}'. `;
  }
  const expires = get('X-Amz-Expires');
  if (expires !== undefined && !/^\d{1,9}$/.test(expires)) missing += "X-Amz-Expires must be a non-negative integer number of seconds. ";
  if (missing) return fail(queryAuthorizationIncomplete(missing));
  if (expires !== undefined && Number(expires) > MAX_EXPIRES_SEC) return fail(presignedExpiryTooLong());
  return {
    algorithm: get('X-Amz-Algorithm') ?? '',
    credential: get('X-Amz-Credential')!,
    signedHeaders: get('X-Amz-SignedHeaders')!,
    signature: get('X-Amz-Signature')!,
    date: get('X-Amz-Date')!,
    httpDate: false,
    expiresSec: expires === undefined ? undefined : Number(expires),
  };
}

/**
 * The first `x-amz-*` header the request carries that its signature does not cover. AWS requires
 * every one to be signed: "Any x-amz-* headers that you plan to include in your request must also
 * be added" to the canonical headers (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
 * Else a captured signature would carry another X-Amz-Target, that is another operation.
 */
function unsignedAmzHeader(headers: SigV4Request['headers'], signed: string[]): string | undefined {
  const covered = new Set(signed.map((h) => h.toLowerCase()));
  return Object.keys(headers).find((name) => {
    const lower = name.toLowerCase();
    return lower.startsWith('x-amz-') && !ADDED_ON_THE_WAY.has(lower) && headers[name] !== undefined && !covered.has(lower);
  });
}

/**
 * x-amz-* headers that proxies in front of a service add on the way (the client cannot have signed
 * them): CloudFront's request id on every origin request. They name no operation and carry no body.
 */
const ADDED_ON_THE_WAY: ReadonlySet<string> = new Set(['x-amz-cf-id']);

/** A request is valid from `skew` before now (or, presigned, for `expires` after it was signed) to `skew` after now. */
function checkTime(time: Date, now: Date, skewMs: number, expiresSec?: number): Failure | undefined {
  const pastMs = expiresSec === undefined ? skewMs : expiresSec * 1000;
  if (time.getTime() < now.getTime() - pastMs) {
    return fail(signatureExpired(compact(time), compact(new Date(now.getTime() - pastMs)), compact(now), duration(pastMs)));
  }
  if (time.getTime() > now.getTime() + skewMs) {
    return fail(signatureNotYetCurrent(compact(time), compact(new Date(now.getTime() + skewMs)), compact(now), duration(skewMs)));
  }
  return undefined;
}

const duration = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.floor(ms / 1000)} sec`);

/** X-Amz-Date is ISO 8601 basic (20150830T123600Z); a `Date` header may also be an HTTP date. */
function parseDate(value: string, httpDate: boolean): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : httpDate ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const compact = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

/** Trimmed, inner runs of spaces collapsed, several values joined by ','. */
function canonicalHeaderValue(v: string | string[] | undefined): string {
  const one = (s: string) => s.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
  return Array.isArray(v) ? v.map(one).join(',') : one(v ?? '');
}

/** RFC 3986 encoding, as @smithy's escapeUri. */
const escapeUri = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Non-S3 services normalise the path (empty, '.' and '..' segments) and encode it once more.
 * Clients send the path already encoded, so the canonical path is the path encoded twice.
 */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const s of path.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  const normalized = `/${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function parseQuery(qs: string): Array<[string, string]> {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return qs.split('&').filter(Boolean).map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
  });
}

/** Sorted by encoded name, then value; the signature itself is not part of what it signs. */
function canonicalQuery(query: Array<[string, string]>): string {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return query
    .filter(([k]) => k.toLowerCase() !== 'x-amz-signature')
    .map(([k, v]) => [escapeUri(k), escapeUri(v)])
    .sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

// Derived signing keys change once a day per credential; caching them saves four HMACs on
// every administrative request. A memo of a pure function, bounded, oldest evicted first.
const KEY_CACHE_SIZE = 64;
const keyCache = new Map<string, Buffer>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${secret}\n${date}\n${region}\n${service}`;
  let key = keyCache.get(id);
  if (!key) {
    key = Buffer.from(`AWS4${secret}`);
    for (const part of [date, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
    keyCache.set(id, key);
  }
  return key;
}
