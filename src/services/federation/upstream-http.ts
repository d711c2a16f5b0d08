/**
 * How Cognate talks to an upstream identity provider, which it does not trust: every request with
 * a time limit, every answer read up to a size limit, only https (or http to this machine), and
 * what was learnt of the providers (OIDC discovered configurations, SAML metadata) kept for a
 * while in a bounded cache.
 */
import type { Configuration, CustomFetch } from 'openid-client';
import type { Clock } from '../../ground/clock.ts';

export interface UpstreamLimits {
  /** Each request to the provider (discovery, token, JWKS, userinfo) gives up after this long. */
  timeoutSeconds: number;
  /** An answer longer than this is refused. */
  maxResponseBytes: number;
  /** A discovered configuration (or fetched SAML metadata) is used for this long before it is fetched again. */
  cacheTtlMs: number;
  /** At most this many configurations are kept (the oldest is dropped). */
  cacheEntries: number;
}

export const DEFAULT_LIMITS: UpstreamLimits = { timeoutSeconds: 10, maxResponseBytes: 256 * 1024, cacheTtlMs: 15 * 60_000, cacheEntries: 200 };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or http to this machine (an upstream run locally). Anything else is not fetched. */
export function fetchableUrl(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === 'https:') return url;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? url : undefined;
}

export const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && LOOPBACK.has(url.hostname);

export class ResponseTooLarge extends Error {}

/** A fetch that reads at most `maxBytes` of an answer before handing it on. */
export function boundedFetch(maxBytes: number): CustomFetch {
  return async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw new ResponseTooLarge(`the answer of ${new URL(url).host} is larger than ${maxBytes} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new ResponseTooLarge(`the answer of ${new URL(url).host} is larger than ${maxBytes} bytes`);
        chunks.push(chunk);
      }
    }
    const body = [204, 205, 304].includes(res.status) ? null : Buffer.concat(chunks);
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/**
 * What was learnt of the providers, by a key naming the pool, the provider and its last change:
 * OIDC configurations, and (under keys of their own, read back with their type) SAML metadata.
 * Each expires, and the oldest goes first when full.
 */
export class UpstreamConfigurations {
  readonly limits: UpstreamLimits;
  private readonly clock: Clock;
  private readonly entries = new Map<string, { config: object; expiresAt: number }>();

  constructor(clock: Clock, limits: Partial<UpstreamLimits> = {}) {
    this.clock = clock;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get<T extends object = Configuration>(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.config as T;
  }

  set(key: string, config: object): void {
    this.entries.delete(key);
    this.entries.set(key, { config, expiresAt: this.clock.now() + this.limits.cacheTtlMs });
    while (this.entries.size > this.limits.cacheEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
