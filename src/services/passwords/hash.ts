/**
 * A password's slow hash as the store keeps it: the algorithm and its parameters travel with the
 * hash, so that a record made under other parameters still verifies, and can be told weaker than
 * the current ones. argon2id is written in the PHC string format (`$argon2id$v=19$m=..,t=..,p=..$salt$hash`,
 * unpadded base64); scrypt, which Cognate wrote before, as `scrypt$N$r$p$salt$hash` (padded base64).
 */
import { argon2, scrypt, timingSafeEqual } from 'node:crypto';

export type HashParameters =
  | { algorithm: 'argon2id'; memoryKiB: number; passes: number; parallelism: number }
  | { algorithm: 'scrypt'; N: number; r: number; p: number };

export interface ParsedHash {
  parameters: HashParameters;
  salt: Buffer;
  key: Buffer;
}

/** Argon2 version 1.3, the only one Node's argon2 computes. */
const ARGON2_VERSION = 19;

/**
 * Production's: OWASP's first argon2id configuration (m=19 MiB, t=2, p=1). Of its equivalent
 * ones, the one that measured cheapest here (docs/security.md, scripts/password-hashing-cost.ts),
 * and the least memory per hash in flight.
 */
export const STRONG: HashParameters = { algorithm: 'argon2id', memoryKiB: 19456, passes: 2, parallelism: 1 };

/** Development's: still argon2id, with 64 KiB and one pass (about a tenth of a millisecond). */
export const FAST: HashParameters = { algorithm: 'argon2id', memoryKiB: 64, passes: 1, parallelism: 1 };

const base64 = (b: Buffer, padded: boolean) => (padded ? b.toString('base64') : b.toString('base64').replace(/=+$/, ''));
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const whole = (s: string | undefined) => (s !== undefined && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : undefined);

export function formatHash({ parameters: c, salt, key }: ParsedHash): string {
  return c.algorithm === 'argon2id'
    ? `$argon2id$v=${ARGON2_VERSION}$m=${c.memoryKiB},t=${c.passes},p=${c.parallelism}$${base64(salt, false)}$${base64(key, false)}`
    : `scrypt$${c.N}$${c.r}$${c.p}$${base64(salt, true)}$${base64(key, true)}`;
}

/** The hash's parts; undefined for anything this module did not write. */
export function parseHash(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  let parameters: HashParameters | undefined;
  let encoded: [string | undefined, string | undefined];
  if (parts[0] === 'scrypt' && parts.length === 6) {
    const [N, r, p] = parts.slice(1, 4).map(whole);
    if (N && r && p) parameters = { algorithm: 'scrypt', N, r, p };
    encoded = [parts[4], parts[5]];
  } else if (parts[0] === '' && parts[1] === 'argon2id' && parts[2] === `v=${ARGON2_VERSION}` && parts.length === 6) {
    const named = /^m=(\d+),t=(\d+),p=(\d+)$/.exec(parts[3]!);
    const [memoryKiB, passes, parallelism] = (named?.slice(1) ?? []).map(whole);
    if (memoryKiB && passes && parallelism) parameters = { algorithm: 'argon2id', memoryKiB, passes, parallelism };
    encoded = [parts[4], parts[5]];
  } else {
    return undefined;
  }
  const [salt, key] = encoded;
  if (!parameters || !salt || !key || !BASE64.test(salt) || !BASE64.test(key)) return undefined;
  return { parameters, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/**
 * What a parameter set costs an attacker, in argon2id's terms (KiB times passes). OWASP holds
 * scrypt N=2^17, r=8, p=1 as strong as argon2id m=19456, t=2 (and scrypt's cost as growing with
 * N·r·p), so an scrypt set counts as that share of 19456·2: Cognate's old N=2^15, r=8, p=1 is a
 * quarter of production's argon2id.
 */
export function strength(c: HashParameters): number {
  return c.algorithm === 'argon2id' ? c.memoryKiB * c.passes : (c.N * c.r * c.p * (19456 * 2)) / (2 ** 17 * 8);
}

/**
 * Whether a hash made with `stored` should be made again with `current`: when it costs less, or
 * as much under an older algorithm (scrypt, once argon2id is current). Never when it costs more,
 * so that a development server (cheap parameters) leaves a production hash as it is.
 */
export function isWeaker(stored: HashParameters, current: HashParameters): boolean {
  const [s, c] = [strength(stored), strength(current)];
  return s < c || (s === c && stored.algorithm === 'scrypt' && current.algorithm === 'argon2id');
}

/** The key `parameters` derive from the password (in NFC) and the salt; in libuv's thread pool. */
export function derive(parameters: HashParameters, password: string, salt: Buffer, length: number): Promise<Buffer> {
  const message = password.normalize('NFC');
  return new Promise<Buffer>((resolve, reject) => {
    const done = (e: Error | null, key: Buffer) => (e ? reject(e) : resolve(key));
    if (parameters.algorithm === 'argon2id') {
      const { memoryKiB: memory, passes, parallelism } = parameters;
      argon2('argon2id', { message, nonce: salt, memory, passes, parallelism, tagLength: length }, done);
    } else {
      const { N, r, p } = parameters;
      // scrypt refuses to use more than maxmem; 128·N·r is what it needs, with room for its p blocks.
      scrypt(message, salt, length, { N, r, p, maxmem: 128 * N * r * (p + 2) }, done);
    }
  });
}

/** Whether `password` is the one `stored` hashes, under the parameters it records; false for what is no hash. */
export async function matches(password: string, stored: ParsedHash): Promise<boolean> {
  let key: Buffer;
  try {
    key = await derive(stored.parameters, password, stored.salt, stored.key.length);
  } catch {
    // Parameters Node refuses (a record damaged, or not Cognate's) verify nothing.
    return false;
  }
  return timingSafeEqual(key, stored.key);
}
