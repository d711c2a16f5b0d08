/**
 * Time-based one-time passwords (RFC 6238) for SOFTWARE_TOKEN_MFA, as authenticator apps make them:
 * HMAC-SHA1, six digits, 30-second steps. A code of the step before or after the server's is
 * taken too (clock skew), and each step's code at most once: the step a code was taken for is kept,
 * and a code of that step or an earlier one is refused as used.
 */
import { Secret, TOTP } from 'otpauth';
import type { Random } from '../../ground/random.ts';

export const TOTP_PERIOD_S = 30;
/** Steps either side of the server's that still count. */
const WINDOW = 1;

/** A new shared secret: 160 random bits (RFC 4226's recommendation), base32 without padding, as AWS's SecretCode is. */
export function newTotpSecret(random: Random): string {
  return new Secret({ buffer: new Uint8Array(random.bytes(20)).buffer }).base32;
}

export type TotpCheck = { status: 'ok'; step: number } | { status: 'mismatch' } | { status: 'used' };

/** Checks `code` at `nowMs` against the secret; `lastStep` is the step of the last code taken. */
export function checkTotp(secret: string, code: string, nowMs: number, lastStep: number | undefined): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { status: 'mismatch' };
  const delta = TOTP.validate({ token: code, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S, timestamp: nowMs, window: WINDOW });
  if (delta === null) return { status: 'mismatch' };
  const step = Math.floor(nowMs / 1000 / TOTP_PERIOD_S) + delta;
  if (lastStep !== undefined && step <= lastStep) return { status: 'used' };
  return { status: 'ok', step };
}

/** The code an authenticator shows at `nowMs` (tests and the development CLI). */
export const totpCode = (secret: string, nowMs: number): string =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_S, timestamp: nowMs });
