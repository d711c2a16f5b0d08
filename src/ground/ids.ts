import type { Random } from './random.ts';

/** Identifiers shaped like AWS's, drawn from an injected random source. */

const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform characters from `alphabet` (rejection sampling: no modulo bias). */
export function randomString(random: Random, alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const b of random.bytes(length * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/** `us-east-1_AbC123xyZ`: the region, an underscore, 9 letters and digits. */
export const newPoolId = (random: Random, region: string) => `${region}_${randomString(random, ALNUM, 9)}`;

/** 26 lowercase letters and digits, as AWS's app client ids. */
export const newClientId = (random: Random) => randomString(random, LOWER_DIGITS, 26);

/** 51 lowercase letters and digits, as AWS's app client secrets. */
export const newClientSecret = (random: Random) => randomString(random, LOWER_DIGITS, 51);

export const poolArn = (region: string, accountId: string, poolId: string) =>
  `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;

/**
 * A UUID of version 7 (RFC 9562): the millisecond `ms` in its first 48 bits, then 74 random bits.
 * A token's jti made so tells when the token was issued to the millisecond, which its `iat`
 * (whole seconds) cannot: a sign-out must refuse a token issued just before it, and not one issued
 * just after.
 */
export function uuidV7(random: Random, ms: number): string {
  const b = random.bytes(16);
  b.writeUIntBE(Math.max(0, Math.floor(ms)), 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The millisecond a version-7 UUID was made at; undefined for any other string. */
export function uuidV7Time(id: unknown): number | undefined {
  if (typeof id !== 'string' || !V7.test(id)) return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/** A random UUID of version 4 (RFC 9562), the shape of Cognito's branding style and terms ids. */
export function uuidV4(random: Random): string {
  const b = random.bytes(16);
  b[6] = 0x40 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
