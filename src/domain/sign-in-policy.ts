/**
 * The pool's sign-in policy: the first factors its users may start a choice-based sign-in
 * (USER_AUTH) with, and the rules that hold between it and the rest of the pool's settings.
 */
import type { AuthFactorType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { otpFactorWithRequiredMfa, passkeyFactorWithRequiredMfa, passwordFactorRequired, passwordlessNeedsEssentials } from '../errors/index.ts';
import type { Wire } from './wire.ts';

/** The pool settings the policy is read with (a PoolConfig is one; named so as not to import pool.ts, which imports this). */
type PoolConfig = Wire<Pick<UserPoolType, 'Policies' | 'MfaConfiguration' | 'UserPoolTier'>> & { MfaSettings?: { WebAuthn?: { FactorConfiguration?: string } } };

export type FirstAuthFactor = `${AuthFactorType}`;

/** The pool's AllowedFirstAuthFactors; AWS's default is PASSWORD alone. */
export const allowedFirstFactors = (pool: PoolConfig): FirstAuthFactor[] => pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];

/** One-time codes as a first factor: what lets a user sign up without a password. */
export const allowsOneTimeCodes = (pool: PoolConfig): boolean => allowedFirstFactors(pool).some((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP');

/**
 * Checked by CreateUserPool, UpdateUserPool and SetUserPoolMfaConfig (which changes MfaConfiguration
 * too):
 * - PASSWORD is always one of the factors;
 * - factors other than PASSWORD need the Essentials plan or higher (AWS: "To activate this setting,
 *   your user pool must be in the Essentials tier or higher", SignInPolicyType);
 * - a pool that requires MFA allows no one-time code as a first factor: measured by go-to-k/cdkd
 *   (#1975, #2051) on UpdateUserPool and SetUserPoolMfaConfig alike; OPTIONAL MFA is accepted;
 * - nor passkeys, unless a passkey with user verification counts as MFA (FactorConfiguration
 *   MULTI_FACTOR_WITH_USER_VERIFICATION; go-to-k/cdkd#2064), worded by what the request `changing` set.
 */
export function checkSignInPolicy(pool: PoolConfig, changing: 'mfa' | 'policy' = 'policy'): void {
  const factors = allowedFirstFactors(pool);
  if (!factors.includes('PASSWORD')) throw passwordFactorRequired();
  if (factors.some((f) => f !== 'PASSWORD') && pool.UserPoolTier === 'LITE') throw passwordlessNeedsEssentials();
  if (pool.MfaConfiguration === 'ON' && allowsOneTimeCodes(pool)) throw otpFactorWithRequiredMfa();
  if (pool.MfaConfiguration === 'ON' && factors.includes('WEB_AUTHN') && !passkeyCountsAsMfa(pool)) throw passkeyFactorWithRequiredMfa(changing);
}

/** A passkey signed with user verification satisfies the pool's MFA (WebAuthnConfiguration.FactorConfiguration). */
export function passkeyCountsAsMfa(pool: PoolConfig): boolean {
  return pool.MfaSettings?.WebAuthn?.FactorConfiguration === 'MULTI_FACTOR_WITH_USER_VERIFICATION';
}
