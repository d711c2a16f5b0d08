import type { KeyObject } from 'node:crypto';
import { parseCompact } from './jws.ts';
import type { PresentedToken } from './presented.ts';

/** Freezes a decoded JSON value, nested objects and arrays too: a cached token's claims are shared by every request that presents it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Access tokens whose signature has been checked: decoded, with the key that checked it. A signed-in
 * user presents the same token on every request for an hour; the RSA check was the largest single
 * cost of GetUser, and decoding and hashing the token the next (a tenth of it). The same bytes under
 * the same key object verify the same way every time, so a hit skips only that work: the key is
 * still looked up (a rotated-out key fails), and expiry, use, scope and revocation are still checked
 * on every request. Only tokens that verified enter, so made-up ones cannot push real ones out.
 * Oldest first out; at most `limit` entries of about 2 KB (the token and its decoded parts).
 */
export class VerifiedTokens {
  readonly #limit: number;
  /**
   * By the last 43 characters of the signature (256 bits of it): hashing a key is done on every
   * request, and the whole token is a kilobyte. A hit is then compared with the whole token.
   */
  readonly #seen = new Map<string, PresentedToken>();
  constructor(limit: number) {
    this.#limit = limit;
  }
  get(token: string): PresentedToken | undefined {
    const hit = this.#seen.get(token.slice(-43));
    return hit && hit.raw === token ? hit : undefined;
  }
  add(presented: PresentedToken, key: KeyObject): void {
    // A copy of its own, decoded again from it: the string from the request is a slice of the whole
    // request body (V8 slices long strings out of the JSON it parses), which would stay alive with it.
    const own = Buffer.from(presented.raw, 'latin1').toString('latin1');
    const jws = parseCompact(own);
    if (!jws) return;
    deepFreeze(jws.header);
    deepFreeze(jws.payload);
    const id = own.slice(-43);
    if (this.#seen.size >= this.#limit && !this.#seen.has(id)) this.#seen.delete(this.#seen.keys().next().value!);
    this.#seen.set(id, { poolId: presented.poolId, clientId: presented.clientId, sub: presented.sub, jws, raw: own, verifiedWith: key });
  }
}
