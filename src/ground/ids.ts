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
