import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { CodeKey, CodePurpose, StoredCode } from '../../domain/code.ts';
import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { CodeRepository } from '../../storage/repositories/codes.ts';
import type { Keyring } from './keyring.ts';

/** Answers a code takes before it is burnt (spec: decided, 5): the fifth may still be the right one. */
export const MAX_ATTEMPTS = 5;

/** Seconds each kind of code stays valid: Cognito's 24 h for verification and sign-up, 1 h for a forgotten password. */
export const DEFAULT_VALIDITY: Readonly<Record<CodePurpose, number>> = {
  'attribute-verification': 24 * 3600,
  'sign-up': 24 * 3600,
  'forgot-password': 3600,
  invitation: 7 * 24 * 3600,
  mfa: 3 * 60,
};

export type VerifyResult =
  | { status: 'ok' }
  /** `attempts`: answers checked against this code so far, this one included. */
  | { status: 'mismatch'; attempts: number }
  | { status: 'expired' }
  | { status: 'used' }
  | { status: 'too_many_attempts' }
  /** No code was ever issued for this key (or it was purged long after expiring). */
  | { status: 'missing' };

export interface CodesOptions {
  keyring: Keyring;
  clock: Clock;
  random: Random;
  validity?: Partial<Record<CodePurpose, number>>;
  /** Development only: every code is this one, for tests that cannot read an inbox. */
  fixedCode?: string;
}

export interface IssuedCode {
  /** The code in clear, for the message; never stored. */
  code: string;
  /** The row to store, in the same transaction as the message that carries the code. */
  stored: StoredCode;
}

export interface Codes {
  issue(key: CodeKey): IssuedCode;
  verify(repo: CodeRepository, key: CodeKey, code: string): Promise<VerifyResult>;
  /** How long a code of this purpose stays valid, in milliseconds (`codeValidity`). */
  validityMs(purpose: CodePurpose): number;
}

/** Secrets as key objects, made once: handing createHmac raw bytes imports them again on every code (5× the HMAC itself). */
const keyObjects = new WeakMap<Buffer, KeyObject>();

function mac(secret: Buffer, key: CodeKey, code: string): Buffer {
  let k = keyObjects.get(secret);
  if (!k) keyObjects.set(secret, (k = createSecretKey(secret)));
  return createHmac('sha256', k).update(`${key.poolId}\n${key.userId}\n${key.purpose}\n${key.attribute}\n${code}`).digest();
}

/** Six decimal digits, uniform: 32-bit draws above the largest multiple of 10^6 are redrawn. */
function sixDigits(random: Random): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    const n = random.bytes(4).readUInt32BE(0);
    if (n < limit) return String(n % 1_000_000).padStart(6, '0');
  }
}

/** Why a code took no answer (takeAttempt found none to count against): none, used, out of answers, else expired or invalidated. */
function refused(stored: StoredCode | undefined): VerifyResult {
  if (!stored) return { status: 'missing' };
  if (stored.consumedAt !== null) return { status: 'used' };
  if (stored.attempts >= MAX_ATTEMPTS) return { status: 'too_many_attempts' };
  return { status: 'expired' };
}

/** Why a code another answer got to first no longer takes this one: gone or replaced is used, as used up is. */
function settledAfter(after: StoredCode | undefined, hmac: Buffer): VerifyResult {
  return after && after.hmac.equals(hmac) ? refused(after) : { status: 'used' };
}

export function createCodes(options: CodesOptions): Codes {
  const { keyring, clock, random, fixedCode } = options;
  const validity = { ...DEFAULT_VALIDITY, ...options.validity };

  return {
    validityMs: (purpose) => validity[purpose] * 1000,

    issue(key) {
      const code = fixedCode ?? sixDigits(random);
      const now = clock.now();
      return {
        code,
        stored: {
          ...key,
          hmac: mac(keyring.current.key, key, code),
          keyId: keyring.current.id,
          createdAt: now,
          expiresAt: now + validity[key.purpose] * 1000,
          attempts: 0,
          consumedAt: null,
          invalidatedAt: null,
        },
      };
    },

    async verify(repo, key, code) {
      const now = clock.now();
      const { current } = keyring;
      // The answer is counted and checked in one statement, which also reads the code and, if the
      // answer is right, uses it up: of answers sent at once, at most MAX_ATTEMPTS are ever compared
      // with the code, however many arrive together, and of two right ones one wins. An answer to
      // a code that takes none is not counted (get() says why). The statement compares HMACs under
      // the current secret (a code made under an earlier one is compared below): how long that
      // comparison takes could tell how many leading bytes of two HMACs agree, which says nothing
      // of the code short of all of them.
      const counted = await repo.takeAttempt(key, MAX_ATTEMPTS, now, { keyId: current.id, hmac: mac(current.key, key, code) });
      if (!counted) return refused(await repo.get(key));
      if (counted.consumedAt !== null) return { status: 'ok' };
      if (counted.keyId === current.id) return { status: 'mismatch', attempts: counted.attempts };
      const secret = keyring.keys.get(counted.keyId);
      // A code whose secret was removed from the configuration can no longer be checked: treat it as expired.
      if (!secret) return { status: 'expired' };
      if (!timingSafeEqual(mac(secret, key, code), counted.hmac)) return { status: 'mismatch', attempts: counted.attempts };
      // The conditional update is the atomic step: of two right answers at once, one wins.
      if (await repo.consume(key, counted.hmac, now, MAX_ATTEMPTS)) return { status: 'ok' };
      return settledAfter(await repo.get(key), counted.hmac);
    },
  };
}
